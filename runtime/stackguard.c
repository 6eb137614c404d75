/* stackguard.c — a worker that overflows its stack is named, with the
 * setting that sizes it, instead of dying as a bare "Segmentation fault".
 *
 * Worker stacks end in a guard page (glibc's, and fiber.c's for untied
 * tasks' fibers), so an overflow faults there.  Each worker runs with an
 * alternate signal stack (the faulting one is full), and the first worker
 * installs a SIGSEGV handler that recognises a fault on the running
 * thread's guard page or right below its stack pointer: it writes one
 * message (async-signal-safe) and dies of the signal as before (core dumps
 * and exit status unchanged).  Any other fault goes to the handler the
 * program had installed (chained) or to the default action.  A handler the
 * program installs later replaces this one: the program's choice wins. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "rt.h"

#define ALTSTACK_SIZE (64 * 1024)
/* A fault this close below the stack pointer is the stack growing. */
#define NEAR_SP (64 * 1024)

static struct sigaction previous;  /* the program's SIGSEGV action before ours */
static uint32_t installed;         /* ours is installed (atomic, once) */

/* Appends s, then the decimal v if v >= 0, to buf at *n. */
static void put(char *buf, size_t *n, size_t cap, const char *s, long long v) {
  for (; *s && *n < cap; s++)
    buf[(*n)++] = *s;
  if (v < 0)
    return;
  char d[24];
  int k = 0;
  do {
    d[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (k && *n < cap)
    buf[(*n)++] = d[--k];
}

static bool is_overflow(const struct tp_thread *t, const siginfo_t *si, void *uctx) {
  uintptr_t a = (uintptr_t)si->si_addr;
  uintptr_t sp = (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RSP];
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (t->stack_lo && a < t->stack_lo && a + 16 * page >= t->stack_lo)
    return true; /* the worker's own guard area */
  return a < sp + page && a + NEAR_SP >= sp; /* e.g. a fiber's guard page */
}

static void on_segv(int sig, siginfo_t *si, void *uctx) {
  struct tp_thread *t = tp_tls_self;
  if (t && t->is_worker && is_overflow(t, si, uctx)) {
    char buf[512];
    size_t n = 0;
    put(buf, &n, sizeof buf, "tempo: fatal error: stack overflow in OpenMP worker thread ",
        (long long)t->tid);
    put(buf, &n, sizeof buf, " (stack of ", (long long)(t->stack_size / 1024));
    put(buf, &n, sizeof buf,
        " KiB); give workers larger stacks with OMP_STACKSIZE (or GOMP_STACKSIZE), "
        "e.g. OMP_STACKSIZE=",
        (long long)(t->stack_size ? 4 * t->stack_size / (1024 * 1024) + 1 : 64));
    put(buf, &n, sizeof buf, "M\n", -1);
    ssize_t w = write(STDERR_FILENO, buf, n);
    (void)w;
    signal(SIGSEGV, SIG_DFL); /* returning re-runs the access: dies of it */
    return;
  }
  /* Not ours: what the program had asked for. */
  if (previous.sa_flags & SA_SIGINFO) {
    previous.sa_sigaction(sig, si, uctx);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    previous.sa_handler(sig);
  } else {
    signal(SIGSEGV, SIG_DFL);
  }
}

void tp_stackguard_thread_start(struct tp_thread *self) {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *lo;
    size_t size;
    if (pthread_attr_getstack(&attr, &lo, &size) == 0) {
      self->stack_lo = (uintptr_t)lo;
      self->stack_size = size;
    }
    pthread_attr_destroy(&attr);
  }
  void *alt = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
  if (alt == MAP_FAILED)
    return; /* no message on overflow, nothing else lost */
  stack_t ss = {.ss_sp = alt, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
  if (sigaltstack(&ss, NULL) != 0) {
    munmap(alt, ALTSTACK_SIZE);
    return;
  }
  self->altstack = alt;
  if (tp_load(&installed) || tp_xchg(&installed, 1))
    return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &previous);
}

void tp_stackguard_thread_end(struct tp_thread *self) {
  if (!self->altstack)
    return;
  stack_t ss = {.ss_flags = SS_DISABLE};
  sigaltstack(&ss, NULL);
  munmap(self->altstack, ALTSTACK_SIZE);
  self->altstack = NULL;
}
