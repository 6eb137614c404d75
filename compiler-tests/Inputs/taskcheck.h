/* Helpers shared by the task-semantics tests (task_dag_random.c,
 * task_wait_restricted.c, task_untied.c, ...).
 *
 *  - tc_rand/tc_below: a deterministic PRNG (splitmix64), so that a seed
 *    gives the same random task graph on every run and every runtime;
 *  - tc_spin: busy work the compiler cannot drop, to widen race windows;
 *  - tc_thread_num: omp_get_thread_num() re-read at every call;
 *  - tc_fail/tc_flush: failures detected inside parallel regions are
 *    counted atomically and the first few messages kept; tc_flush prints
 *    them after the region (tests print from one thread only) and adds them
 *    to check.h's failure count, so check_report covers them.
 */
#ifndef TEMPO_TASKCHECK_H
#define TEMPO_TASKCHECK_H

#include <omp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include "check.h"

static inline uint64_t tc_rand(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static inline unsigned tc_below(uint64_t *s, unsigned n) {
  return (unsigned)(tc_rand(s) % n);
}

static inline void tc_spin(int n) {
  for (volatile int i = 0; i < n; i++)
    ;
}

/* Called through a volatile pointer: a check that the thread did not change
 * across a scheduling point must really call the runtime twice, whatever
 * the compiler knows about omp_get_thread_num (it is a gcc builtin). */
static int (*volatile tc_thread_num_fn)(void) = omp_get_thread_num;
static inline int tc_thread_num(void) { return tc_thread_num_fn(); }

#define TC_MSGS 8
static char tc_msg[TC_MSGS][200];
static int tc_nfail;

static inline void tc_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static inline void tc_fail(const char *fmt, ...) {
  int k = __atomic_fetch_add(&tc_nfail, 1, __ATOMIC_RELAXED);
  if (k < TC_MSGS) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tc_msg[k], sizeof tc_msg[k], fmt, ap);
    va_end(ap);
  }
}

/* Outside parallel regions only. */
static inline void tc_flush(void) {
  int n = tc_nfail;
  for (int k = 0; k < n && k < TC_MSGS; k++)
    printf("FAIL %s\n", tc_msg[k]);
  if (n > TC_MSGS)
    printf("FAIL ... and %d more\n", n - TC_MSGS);
  check_failures += n;
  tc_nfail = 0;
  fflush(stdout);
}

#endif
