// unsigned long long loops near ULLONG_MAX (GOMP_loop_ull_*), increasing and
// decreasing, for static, dynamic, guided and runtime schedules.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_SCHEDULE=guided,2 %preload %run %t | %FileCheck %s
#include <limits.h>
#include "loopcheck.h"

typedef unsigned long long ull;

int main(void) {
  char what[96];
  static const ull spans[][2] = {{0, 1}, {1, 1}, {1, 2}, {3, 7}, {97, 1},
                                 {1000, 3}, {4000, 2}, {0, 5}};
  for (unsigned s = 0; s < sizeof spans / sizeof *spans; s++) {
    ull len = spans[s][0], st = spans[s][1];
    ull n = (len + st - 1) / st;
    /* [hi - len, hi) with hi as close to ULLONG_MAX as possible while
       i + st stays representable (no wrap-around). */
    ull hi = ULLONG_MAX - (st - 1), lo = hi - len;
    for (int sched = 0; sched < 4; sched++) {
      lc_reset();
      switch (sched) {
      case 0:
#pragma omp parallel for schedule(static, 3) num_threads(3)
        for (ull i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      case 1:
#pragma omp parallel for schedule(dynamic, 2) num_threads(3)
        for (ull i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      case 2:
#pragma omp parallel for schedule(guided) num_threads(3)
        for (ull i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      default:
#pragma omp parallel for schedule(runtime) num_threads(3)
        for (ull i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      }
      snprintf(what, sizeof what, "ull up sched %d len %llu step %llu", sched,
               len, st);
      lc_check_once((long)n, what);
      if (sched == 1)
        lc_check_chunks((long)n, 2, what);
    }
    /* Downwards from hi to just above hi - len. */
    lc_reset();
#pragma omp parallel for schedule(dynamic, 3) num_threads(3)
    for (ull i = hi; i > lo; i -= st) lc_hit((long)((hi - i) / st));
    snprintf(what, sizeof what, "ull down dynamic len %llu step %llu", len, st);
    lc_check_once((long)n, what);
    lc_reset();
#pragma omp parallel for schedule(guided, 2) num_threads(2)
    for (ull i = hi; i > lo; i -= st) lc_hit((long)((hi - i) / st));
    snprintf(what, sizeof what, "ull down guided len %llu step %llu", len, st);
    lc_check_once((long)n, what);
    /* Down to zero: the lower bound is the smallest value. */
    lc_reset();
#pragma omp parallel for schedule(dynamic) num_threads(3)
    for (ull i = len + st - 1; i > st - 1; i -= st)
      lc_hit((long)((len + st - 1 - i) / st));
    snprintf(what, sizeof what, "ull down to 0 len %llu step %llu", len, st);
    lc_check_once((long)n, what);
  }
  /* A huge step (a quarter of the range), values above LLONG_MAX: four
     iterations (0, q, 2q, 3q); the trip-count arithmetic stays in range. */
  const ull q = ULLONG_MAX / 4;
  lc_reset();
#pragma omp parallel for schedule(dynamic) num_threads(2)
  for (ull i = 0; i < 3 * q + 1; i += q)
    lc_hit((long)(i / q));
  lc_check_once(4, "ull huge step");
  return check_report("for_ull");
}
// CHECK-NOT: FAIL
// CHECK: for_ull: OK
