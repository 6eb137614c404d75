/* sys.c — syscalls and diagnostics behind sys.h. */
#define _GNU_SOURCE
#include "sys.h"
#include "rt.h" /* tp_rt: the held messages (data only, rt.c) */

#include <dlfcn.h>
#include <errno.h>
#include <linux/futex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_THREAD__)
unsigned tp_tsan_fence_word; /* see tp_fence_sc() */
#endif

/* Every caller re-checks its condition after a wait, so a wait cut short
 * (EINTR: a signal handler ran; EAGAIN: the word had changed) loses no
 * wake-up.  errno is the program's: a barrier must not change it. */
void tp_futex_wait(uint32_t *addr, uint32_t val) {
  int saved = errno;
  syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
  errno = saved;
}

void tp_futex_wake(uint32_t *addr, int nwake) {
  int saved = errno;
  syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, nwake, NULL, NULL, 0);
  errno = saved;
}

void tp_mutex_lock_slow(uint32_t *m) {
  /* Spin first (~100 us): critical sections are short, and a futex sleep
   * and wake cost tens of microseconds on a VM.  Once a waiter has slept
   * the word stays 2 and every unlock pays a wake syscall. */
  for (int i = 0; i < 4000; i++) {
    tp_pause();
    if (tp_load(m) == 0 && tp_mutex_trylock(m))
      return;
  }
  while (__atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE) != 0)
    tp_futex_wait(m, 2);
}

uint64_t tp_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

double tp_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void vmessage(const char *kind, const char *fmt, va_list ap) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "tempo: %s: ", kind);
  if (n < 0)
    n = 0;
  vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
  size_t len = strlen(buf);
  if (len + 1 < sizeof buf) {
    buf[len++] = '\n';
    buf[len] = 0;
  }
  if (tp_rt.hold_messages) { /* the library's start: single-threaded */
    char *h = realloc(tp_rt.held, tp_rt.held_len + len);
    if (h) {
      memcpy(h + tp_rt.held_len, buf, len);
      tp_rt.held = h;
      tp_rt.held_len += len;
      return;
    }
  }
  /* One write so concurrent messages do not interleave mid-line. */
  ssize_t r = write(2, buf, len);
  (void)r;
}

void tp_release_held_messages(void) {
  if (tp_rt.held_len) {
    ssize_t r = write(2, tp_rt.held, tp_rt.held_len);
    (void)r;
  }
  free(tp_rt.held);
  tp_rt.held = NULL;
  tp_rt.held_len = 0;
}

static void message(const char *kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(kind, fmt, ap);
  va_end(ap);
}

void tp_symbolise(const void *addr, char *buf, size_t n) {
  Dl_info info;
  if (addr && dladdr(addr, &info) && info.dli_fname) {
    const char *file = strrchr(info.dli_fname, '/');
    file = file ? file + 1 : info.dli_fname;
    if (info.dli_sname)
      snprintf(buf, n, "%s+0x%lx in %s", info.dli_sname,
               (unsigned long)((const char *)addr - (const char *)info.dli_saddr), file);
    else
      snprintf(buf, n, "%s+0x%lx", file,
               (unsigned long)((const char *)addr - (const char *)info.dli_fbase));
  } else {
    snprintf(buf, n, "%p", addr);
  }
}

void tp_misuse(const void *caller, const char *fmt, ...) {
  char what[512], where[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  tp_symbolise(caller, where, sizeof where);
  message("misuse", "%s (called from %s)", what, where);
}

void tp_warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("warning", fmt, ap);
  va_end(ap);
}

/* The wording follows libgomp 12 ("libgomp: error directive encountered:
 * ..." becomes "tempo: ..."); a fatal one exits with EXIT_FAILURE, not
 * abort: libgomp does, and programs and test harnesses check for status 1. */
void tp_error_directive(const char *head, const char *msg, size_t msglen, bool fatal) {
  flockfile(stderr); /* one message, not interleaved with another thread's */
  fputs(head, stderr);
  if (msg) {
    fputs(": ", stderr);
    fwrite(msg, 1, msglen == (size_t)-1 ? strlen(msg) : msglen, stderr);
  }
  fputc('\n', stderr);
  funlockfile(stderr);
  if (fatal)
    exit(EXIT_FAILURE);
}

void tp_fatal(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("fatal error", fmt, ap);
  va_end(ap);
  abort();
}

void tp_unimplemented(const char *name) {
  tp_fatal("%s is not implemented by Tempo yet; stopping rather than "
           "computing a wrong result", name);
}

void *tp_malloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    tp_fatal("out of memory allocating %zu bytes", n);
  return p;
}

void *tp_calloc(size_t n, size_t sz) {
  void *p = calloc(n ? n : 1, sz ? sz : 1);
  if (!p)
    tp_fatal("out of memory allocating %zu bytes", n * sz);
  return p;
}

void *tp_aligned_alloc(size_t align, size_t n) {
  void *p = NULL;
  n = n ? (n + align - 1) / align * align : align;
  if (posix_memalign(&p, align, n) != 0)
    tp_fatal("out of memory allocating %zu bytes", n);
  memset(p, 0, n);
  return p;
}
