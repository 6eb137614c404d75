/* fiber.c — context switch, fiber entry, run/suspend and the stack pool
 * behind fiber.h.
 *
 * The switch (tp_fiber_swap, below) is written from the x86-64 SysV ABI:
 * a switch is an ordinary call, so the caller has already given up the
 * caller-saved registers; what must survive is rbx, rbp, r12-r15, rsp and
 * the control bits of MXCSR and the x87 control word (both registers are
 * kept whole).  Those are pushed on the current stack, rsp is stored in
 * the `from` context, the `to` stack is loaded and the same frame popped
 * from it.  Everything below a saved sp is free, so a signal arriving
 * mid-switch is harmless.  `from` is handed to the resumed side in rax:
 * that is how a sanitizer build learns the bounds of the stack it came
 * from.  Not ucontext: swapcontext makes a sigprocmask syscall on every
 * switch (measured here: 520 ns a pair against 28 ns); the signal mask is
 * per thread and fibers leave it alone. */
#define _GNU_SOURCE
#include "fiber.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define TP_FIBER_TSAN 1
#else
#define TP_FIBER_TSAN 0
#endif
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define TP_FIBER_ASAN 1
#else
#define TP_FIBER_ASAN 0
#endif

/* Saves the running context into *from (which must be at offset 0 of the
 * context: sp), switches to the stack `to_sp` saved by an earlier swap (or
 * built by tp_fiber_new) and returns there, with `from` as the value. */
struct tp_fiber_ctx *tp_fiber_swap(struct tp_fiber_ctx *from, void *to_sp) tp_hidden;
/* First code of a new fiber: reached by tp_fiber_swap's final jump, with
 * the fiber in r12 (restored from the initial frame) and the previous
 * context in rax.  Calls tp_fiber_entry(fiber, prev), which runs fn, then
 * tp_fiber_exit(fiber), which leaves for good. */
void tp_fiber_start(void) tp_hidden;
void tp_fiber_entry(struct tp_fiber *f, struct tp_fiber_ctx *prev) tp_hidden;
tp_noreturn void tp_fiber_exit(struct tp_fiber *f) tp_hidden;

/* Saved frame, from the saved sp up:
 *   +0  MXCSR (4 bytes), +4 x87 control word (2 bytes, 2 unused)
 *   +8  r15, +16 r14, +24 r13, +32 r12, +40 rbx, +48 rbp, +56 return address
 * (the resume address: where the swap was called from, or tp_fiber_start).
 * The CFI describes the pushes so debuggers can walk out of a switch; the
 * layout is the same on both stacks, so it stays right across the swap. */
__asm__(
    ".pushsection .text\n"
    ".p2align 4\n"
    ".globl tp_fiber_swap\n"
    ".hidden tp_fiber_swap\n"
    ".type tp_fiber_swap, @function\n"
    "tp_fiber_swap:\n"
    "  .cfi_startproc\n"
    "  pushq %rbp\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  .cfi_rel_offset %rbp, 0\n"
    "  pushq %rbx\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  .cfi_rel_offset %rbx, 0\n"
    "  pushq %r12\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  .cfi_rel_offset %r12, 0\n"
    "  pushq %r13\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  .cfi_rel_offset %r13, 0\n"
    "  pushq %r14\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  .cfi_rel_offset %r14, 0\n"
    "  pushq %r15\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  .cfi_rel_offset %r15, 0\n"
    "  subq $8, %rsp\n"
    "  .cfi_adjust_cfa_offset 8\n"
    "  stmxcsr (%rsp)\n"
    "  fnstcw 4(%rsp)\n"
    "  movq %rsp, (%rdi)\n"
    "  movq %rsi, %rsp\n"
    "  ldmxcsr (%rsp)\n"
    "  fldcw 4(%rsp)\n"
    "  addq $8, %rsp\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  popq %r15\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_restore %r15\n"
    "  popq %r14\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_restore %r14\n"
    "  popq %r13\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_restore %r13\n"
    "  popq %r12\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_restore %r12\n"
    "  popq %rbx\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_restore %rbx\n"
    "  popq %rbp\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_restore %rbp\n"
    "  movq %rdi, %rax\n"
    /* pop + jmp rather than ret: the return-stack predictor is always
     * wrong after a stack switch, the indirect-branch predictor often
     * right (a run/suspend pair measured 29 ns instead of 41 ns). */
    "  popq %rcx\n"
    "  .cfi_adjust_cfa_offset -8\n"
    "  .cfi_register %rip, %rcx\n"
    "  jmp *%rcx\n"
    "  .cfi_endproc\n"
    ".size tp_fiber_swap, .-tp_fiber_swap\n"
    "\n"
    ".p2align 4\n"
    ".globl tp_fiber_start\n"
    ".hidden tp_fiber_start\n"
    ".type tp_fiber_start, @function\n"
    "tp_fiber_start:\n"
    "  .cfi_startproc\n"
    "  .cfi_undefined %rip\n" /* outermost frame: unwinders stop here */
    "  movq %rax, %rsi\n"
    "  movq %r12, %rdi\n"
    "  call tp_fiber_entry\n" /* rsp is 16-byte aligned here */
    "  movq %r12, %rdi\n"
    "  call tp_fiber_exit\n"
    "  ud2\n"
    "  .cfi_endproc\n"
    ".size tp_fiber_start, .-tp_fiber_start\n"
    ".popsection\n");

#define FRAME_WORDS 10 /* saved frame (8) + 2 words of padding at the top */

/* Tells the sanitizers about a switch, then switches. */
static inline void switch_ctx(struct tp_fiber_ctx *from, struct tp_fiber_ctx *to) {
#if TP_FIBER_TSAN
  __tsan_switch_to_fiber(to->tsan, 0); /* 0: the switch synchronizes */
#endif
#if TP_FIBER_ASAN
  __sanitizer_start_switch_fiber(&from->asan_fake, to->stack_lo, to->stack_size);
#endif
  struct tp_fiber_ctx *prev = tp_fiber_swap(from, to->sp);
#if TP_FIBER_ASAN
  /* Back on `from`'s stack; `prev` is the context that switched here: a
   * thread's own stack is learned this way the first time it is left. */
  __sanitizer_finish_switch_fiber(from->asan_fake, &prev->stack_lo,
                                  &prev->stack_size);
#else
  (void)prev;
#endif
}

void tp_fiber_switch(struct tp_fiber_ctx *from, struct tp_fiber_ctx *to) {
  switch_ctx(from, to);
}

void tp_fiber_entry(struct tp_fiber *f, struct tp_fiber_ctx *prev) {
#if TP_FIBER_ASAN
  __sanitizer_finish_switch_fiber(NULL, &prev->stack_lo, &prev->stack_size);
#else
  (void)prev;
#endif
  f->fn(f->arg);
  f->state = TP_FIBER_DONE;
}

/* The last switch of a fiber, to the run that resumed it last.  Not
 * instrumented, and tp_fiber_entry has returned: no sanitizer state (TSan's
 * shadow call stack, which stays with the stack's TSan context for the
 * next fiber; ASan's redzones) is left behind by frames that never return.
 * NULL for ASan's fake-stack slot: this context is gone, drop its fake
 * stack. */
__attribute__((no_sanitize("thread", "address"))) void
tp_fiber_exit(struct tp_fiber *f) {
  struct tp_fiber_ctx *to = f->ret;
#if TP_FIBER_TSAN
  __tsan_switch_to_fiber(to->tsan, 0);
#endif
#if TP_FIBER_ASAN
  __sanitizer_start_switch_fiber(NULL, to->stack_lo, to->stack_size);
#endif
  tp_fiber_swap(&f->ctx, to->sp);
  tp_fatal("fiber %p resumed after it finished", (void *)f);
}

enum tp_fiber_state tp_fiber_run(struct tp_fiber_worker *w, struct tp_fiber *f) {
  if (f->state == TP_FIBER_NEW) {
    /* The fiber starts with the FP control state of the worker that first
     * runs it (see fiber.h): store it in the initial frame. */
    char *fp = f->ctx.sp;
    __asm__ volatile("stmxcsr %0\n\tfnstcw %1"
                     : "=m"(*(uint32_t *)fp), "=m"(*(uint16_t *)(fp + 4)));
  } else if (tp_unlikely(f->state != TP_FIBER_SUSPENDED)) {
    tp_fatal("tp_fiber_run: fiber %p is %s", (void *)f,
             f->state == TP_FIBER_DONE ? "finished" : "already running");
  }
  /* The context to come back to lives in this frame, so a fiber may run
   * other fibers, and nothing per thread needs to be looked up. */
  struct tp_fiber_ctx back;
#if TP_FIBER_TSAN
  back.tsan = __tsan_get_current_fiber();
#endif
#if TP_FIBER_ASAN
  back.asan_fake = NULL;
  back.stack_lo = NULL; /* filled by the fiber side on the switch in */
  back.stack_size = 0;
#endif
  struct tp_fiber *outer = w->current;
  f->ret = &back;
  f->worker = w;
  f->state = TP_FIBER_RUNNING;
  w->current = f;
  switch_ctx(&back, &f->ctx);
  w->current = outer;
  enum tp_fiber_state st = f->state;
  void (*then)(struct tp_fiber *, void *) = f->then;
  if (then) {
    f->then = NULL;
    then(f, f->then_arg); /* may publish f: do not touch it afterwards */
  }
  return st;
}

struct tp_fiber_worker *tp_fiber_suspend(struct tp_fiber *f,
                                         void (*then)(struct tp_fiber *, void *),
                                         void *then_arg) {
  f->then = then;
  f->then_arg = then_arg;
  f->state = TP_FIBER_SUSPENDED;
  switch_ctx(&f->ctx, f->ret);
  /* Resumed by tp_fiber_run, which set worker and state. */
  return f->worker;
}

/* ---- Stacks ------------------------------------------------------------
 * One mapping per fiber: [guard page | stack ... | descriptor].  MAP_NORESERVE
 * and no touching: pages are committed by the faults of the fiber's own
 * use, so a 256 KB stack costs one page for a small task.  A free stack is
 * kept whole (pages it touched stay committed) in the freeing worker's
 * cache; beyond TP_FIBER_CACHE_MAX a batch moves to the pool's locked
 * list, and beyond TP_FIBER_POOL_MAX stacks are unmapped.  Fibers created
 * on one worker and finished on another thus flow back through the list. */

#define BATCH 8 /* stacks moved between a cache and the list at once */
/* The descriptor's room at the top of a mapping: whole cache lines, so the
 * stack below it starts 64-byte aligned. */
#define DESC_SIZE                                                              \
  ((sizeof(struct tp_fiber) + TP_CACHELINE - 1) & ~(size_t)(TP_CACHELINE - 1))

static size_t page_size(void) {
  long p = sysconf(_SC_PAGESIZE);
  return p > 0 ? (size_t)p : 4096;
}

void tp_fiber_pool_init(struct tp_fiber_pool *pool, size_t stack_size) {
  size_t page = page_size();
  if (stack_size == 0)
    stack_size = TP_FIBER_DEFAULT_STACK;
  if (stack_size < 16 * 1024)
    stack_size = 16 * 1024;
  stack_size = (stack_size + page - 1) & ~(page - 1);
  memset(pool, 0, sizeof *pool);
  pool->stack_size = stack_size;
  pool->map_size = stack_size + page; /* one guard page */
}

#if TP_FIBER_TSAN
/* One TSan context per stack, kept while the stack is pooled and, when it
 * is unmapped, on the pool's spare list: creating one costs ~0.5 ms (to
 * TSan it is a thread).  The next fiber on a context inherits the previous
 * one's clock, an order that the switches through the worker that freed
 * and reused the stack establish anyway; and tp_fiber_exit leaves its
 * shadow call stack empty. */
static void *tsan_context(struct tp_fiber_pool *pool) {
  void *t = NULL;
  tp_mutex_lock(&pool->lock);
  if (pool->ntsan_spare)
    t = pool->tsan_spare[--pool->ntsan_spare];
  tp_mutex_unlock(&pool->lock);
  return t ? t : __tsan_create_fiber(0);
}

static void tsan_context_drop(struct tp_fiber_pool *pool, void *t) {
  tp_mutex_lock(&pool->lock);
  if (pool->ntsan_spare < TP_FIBER_POOL_MAX) {
    pool->tsan_spare[pool->ntsan_spare++] = t;
    t = NULL;
  }
  tp_mutex_unlock(&pool->lock);
  if (t)
    __tsan_destroy_fiber(t);
}
#endif

static struct tp_fiber *map_stack(struct tp_fiber_pool *pool) {
  size_t guard = pool->map_size - pool->stack_size;
  char *m = mmap(NULL, pool->map_size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (m == MAP_FAILED)
    tp_fatal("cannot map a fiber stack of %zu bytes: %s", pool->map_size,
             strerror(errno));
  /* An overflow must fault, not run into the neighbouring mapping. */
  if (mprotect(m, guard, PROT_NONE) != 0)
    tp_fatal("cannot protect a fiber stack's guard page: %s", strerror(errno));
  tp_fetch_add(&pool->nmapped, 1);
  struct tp_fiber *f = (struct tp_fiber *)(m + pool->map_size - DESC_SIZE);
  f->map = m;
#if TP_FIBER_TSAN
  f->ctx.tsan = tsan_context(pool);
#else
  f->ctx.tsan = NULL;
#endif
  return f;
}

static void unmap_stack(struct tp_fiber_pool *pool, struct tp_fiber *f) {
#if TP_FIBER_TSAN
  tsan_context_drop(pool, f->ctx.tsan);
#endif
  if (munmap(f->map, pool->map_size) != 0)
    tp_fatal("cannot unmap a fiber stack: %s", strerror(errno));
  tp_fetch_add(&pool->nunmapped, 1);
}

/* Takes a batch from the pool's list into w's cache, or maps a new stack. */
static struct tp_fiber *refill(struct tp_fiber_worker *w) {
  struct tp_fiber_pool *pool = w->pool;
  struct tp_fiber *f = NULL;
  if (tp_load(&pool->nfree)) { /* unlocked peek: an empty list is common */
    tp_mutex_lock(&pool->lock);
    for (unsigned i = 0; i < BATCH && pool->free; i++) {
      struct tp_fiber *g = pool->free;
      pool->free = g->next;
      tp_store(&pool->nfree, pool->nfree - 1);
      if (!f) {
        f = g;
      } else {
        g->next = w->cache;
        w->cache = g;
        w->ncache++;
      }
    }
    tp_mutex_unlock(&pool->lock);
  }
  if (f) {
    w->nreused++;
    return f;
  }
  return map_stack(pool);
}

/* Moves `n` stacks of w's cache to the pool's list, unmapping those it has
 * no room for. */
static void spill(struct tp_fiber_worker *w, unsigned n) {
  struct tp_fiber_pool *pool = w->pool;
  struct tp_fiber *excess = NULL;
  tp_mutex_lock(&pool->lock);
  for (; n && w->cache; n--) {
    struct tp_fiber *g = w->cache;
    w->cache = g->next;
    w->ncache--;
    if (pool->nfree < TP_FIBER_POOL_MAX) {
      g->next = pool->free;
      pool->free = g;
      tp_store(&pool->nfree, pool->nfree + 1);
    } else {
      g->next = excess;
      excess = g;
    }
  }
  tp_mutex_unlock(&pool->lock);
  while (excess) { /* the syscalls outside the lock */
    struct tp_fiber *g = excess;
    excess = g->next;
    unmap_stack(pool, g);
  }
}

void tp_fiber_worker_init(struct tp_fiber_worker *w, struct tp_fiber_pool *pool) {
  memset(w, 0, sizeof *w);
  w->pool = pool;
}

void tp_fiber_worker_fini(struct tp_fiber_worker *w) {
  if (w->current)
    tp_fatal("tp_fiber_worker_fini: a fiber is running on this worker");
  spill(w, w->ncache);
}

void tp_fiber_pool_destroy(struct tp_fiber_pool *pool) {
  tp_mutex_lock(&pool->lock);
  struct tp_fiber *list = pool->free;
  pool->free = NULL;
  tp_store(&pool->nfree, 0);
  tp_mutex_unlock(&pool->lock);
  while (list) {
    struct tp_fiber *g = list;
    list = g->next;
    unmap_stack(pool, g);
  }
#if TP_FIBER_TSAN
  while (pool->ntsan_spare)
    __tsan_destroy_fiber(pool->tsan_spare[--pool->ntsan_spare]);
#endif
  unsigned long live = tp_load(&pool->nmapped) - tp_load(&pool->nunmapped);
  if (live)
    tp_warn("fiber pool destroyed with %lu stacks still in use or cached "
            "(%zu bytes each)", live, pool->map_size);
}

struct tp_fiber *tp_fiber_new(struct tp_fiber_worker *w, void (*fn)(void *),
                              void *arg) {
  struct tp_fiber *f = w->cache;
  if (tp_likely(f)) {
    w->cache = f->next;
    w->ncache--;
    w->nreused++;
  } else {
    f = refill(w);
  }
  w->nnew++;
  f->fn = fn;
  f->arg = arg;
  f->state = TP_FIBER_NEW;
  f->worker = NULL;
  f->ret = NULL;
  f->data = NULL;
  f->then = NULL;
  f->then_arg = NULL;
  f->next = NULL;

  /* The initial frame, as if tp_fiber_start had called tp_fiber_swap:
   * r12 = f, rbp = 0 (ends frame-pointer walks), the ABI's initial FP
   * control state (all exceptions masked, round to nearest, x87 extended
   * precision) which the first tp_fiber_run replaces by its own.  f is
   * 64-byte aligned, so sp is 16-byte aligned and so is tp_fiber_start's
   * rsp (sp + 64) when it calls. */
  uint64_t *sp = (uint64_t *)f - FRAME_WORDS;
  memset(sp, 0, FRAME_WORDS * sizeof *sp);
  sp[0] = 0x1f80 | (uint64_t)0x037f << 32;     /* MXCSR, x87 control word */
  sp[4] = (uint64_t)(uintptr_t)f;             /* r12 */
  sp[7] = (uint64_t)(uintptr_t)tp_fiber_start; /* resume address */
  f->ctx.sp = sp;
  f->ctx.asan_fake = NULL;
  f->ctx.stack_lo = (char *)f->map + (w->pool->map_size - w->pool->stack_size);
  f->ctx.stack_size = (size_t)((char *)f - (char *)f->ctx.stack_lo);
  return f;
}

void tp_fiber_free(struct tp_fiber_worker *w, struct tp_fiber *f) {
  if (tp_unlikely(f->state != TP_FIBER_DONE && f->state != TP_FIBER_NEW))
    tp_fatal("tp_fiber_free: fiber %p is %s", (void *)f,
             f->state == TP_FIBER_RUNNING ? "running" : "suspended");
#if TP_FIBER_ASAN
  /* Defensive: tp_fiber_exit is not instrumented, so nothing above the
   * final switch should be poisoned; whatever is must not trip the next
   * fiber on this stack. */
  if (f->state == TP_FIBER_DONE) {
    char *lo = f->ctx.sp;
    __asan_unpoison_memory_region(lo, (size_t)((char *)f - lo));
  }
#endif
  f->next = w->cache;
  w->cache = f;
  if (tp_unlikely(++w->ncache > TP_FIBER_CACHE_MAX))
    spill(w, BATCH);
}
