/* sys.h — the single low-level helper layer: atomics, spinning, futexes,
 * cache-line layout, fatal errors. Everything else in Tempo goes through
 * these; no other file issues raw syscalls or inline asm for waiting. */
#ifndef TEMPO_SYS_H
#define TEMPO_SYS_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define TP_CACHELINE 64
#define tp_cacheline_aligned __attribute__((aligned(TP_CACHELINE)))
#define tp_likely(x) __builtin_expect(!!(x), 1)
#define tp_unlikely(x) __builtin_expect(!!(x), 0)
#define tp_hidden __attribute__((visibility("hidden")))
#define tp_noreturn __attribute__((noreturn))

/* Memory orderings are spelled out at each use so the reader sees which
 * accesses publish and which consume. */
#define tp_load(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define tp_load_acq(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define tp_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define tp_store_rel(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define tp_store_sc(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define tp_fetch_add(p, v) __atomic_fetch_add((p), (v), __ATOMIC_ACQ_REL)
#define tp_fetch_sub(p, v) __atomic_fetch_sub((p), (v), __ATOMIC_ACQ_REL)
#define tp_xchg(p, v) __atomic_exchange_n((p), (v), __ATOMIC_ACQ_REL)
#define tp_cas(p, expp, v)                                                     \
  __atomic_compare_exchange_n((p), (expp), (v), false, __ATOMIC_ACQ_REL,       \
                              __ATOMIC_ACQUIRE)
#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer does not model stand-alone fences (and gcc rejects them
 * under -Werror); a seq_cst read-modify-write orders the same way on x86
 * and is visible to it. */
extern unsigned tp_tsan_fence_word tp_hidden;
#define tp_fence_sc() ((void)__atomic_fetch_add(&tp_tsan_fence_word, 0, __ATOMIC_SEQ_CST))
#else
#define tp_fence_sc() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

/* 128-bit compare-and-swap (cmpxchg16b; the build passes -mcx16).  Returns
 * the value found, so a failed attempt doubles as a fresh snapshot. */
typedef unsigned __int128 tp_u128;
static inline tp_u128 tp_cas128(tp_u128 *p, tp_u128 expected, tp_u128 v) {
  return __sync_val_compare_and_swap(p, expected, v);
}

static inline void tp_pause(void) { __builtin_ia32_pause(); }

/* Futex on a 32-bit word (private to the process). */
void tp_futex_wait(uint32_t *addr, uint32_t val) tp_hidden;
void tp_futex_wake(uint32_t *addr, int nwake) tp_hidden;

/* A tiny test-and-test-and-set lock that sleeps on a futex when contended.
 * States: 0 free, 1 held, 2 held with waiters. Used for runtime-internal
 * slow paths (pool, named critical table, task queue) and omp locks. */
static inline bool tp_mutex_trylock(uint32_t *m) {
  uint32_t z = 0;
  return __atomic_compare_exchange_n(m, &z, 1, false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED);
}
void tp_mutex_lock_slow(uint32_t *m) tp_hidden;
static inline void tp_mutex_lock(uint32_t *m) {
  if (tp_unlikely(!tp_mutex_trylock(m)))
    tp_mutex_lock_slow(m);
}
static inline void tp_mutex_unlock(uint32_t *m) {
  if (tp_unlikely(__atomic_exchange_n(m, 0, __ATOMIC_RELEASE) == 2))
    tp_futex_wake(m, 1);
}

/* Monotonic time. */
double tp_now(void) tp_hidden;          /* seconds */
uint64_t tp_now_ns(void) tp_hidden;

/* Messages. All of Tempo's diagnostics go through these so the prefix and
 * the stream are the same everywhere. */
void tp_warn(const char *fmt, ...) tp_hidden __attribute__((format(printf, 1, 2)));
/* Writes the messages held while tp_rt.hold_messages was set. */
void tp_release_held_messages(void) tp_hidden;
/* The error directive (OpenMP 5.1) at run time: writes `head`, then
 * ": " and msg's msglen bytes if msg is not NULL (msglen (size_t)-1:
 * NUL-terminated), then a newline, to stderr; fatal: exit(EXIT_FAILURE).
 * The wording is the ABI's (programs and their harnesses check it), so
 * each shim passes its own head. */
void tp_error_directive(const char *head, const char *msg, size_t msglen,
                        bool fatal) tp_hidden;
tp_noreturn void tp_fatal(const char *fmt, ...) tp_hidden
    __attribute__((format(printf, 1, 2)));
/* An ABI entry point that Tempo does not implement yet: stops the program
 * with one clear line naming it, never silently does the wrong thing. */
tp_noreturn void tp_unimplemented(const char *name) tp_hidden;

/* API misuse (TEMPO_DEBUG=1): one line naming what was wrong, what Tempo
 * did instead, and the caller (`caller`: a return address in the program,
 * symbolised when its object exports a symbol for it). */
/* addr as "symbol+0xoff in file", or "file+0xoff" when the symbol is not
 * exported (static functions, e.g. outlined regions), or "0x..." */
void tp_symbolise(const void *addr, char *buf, size_t n) tp_hidden;
void tp_misuse(const void *caller, const char *fmt, ...) tp_hidden
    __attribute__((format(printf, 2, 3)));

/* Allocation that never returns NULL (the runtime cannot proceed without it). */
void *tp_malloc(size_t n) tp_hidden;
void *tp_calloc(size_t n, size_t sz) tp_hidden;
/* Zeroed, `align`-aligned, and its size rounded up to a multiple of align:
 * with TP_CACHELINE the object shares no cache line with another
 * allocation, so one thread's writes never slow another thread's reads. */
void *tp_aligned_alloc(size_t align, size_t n) tp_hidden;

#endif
