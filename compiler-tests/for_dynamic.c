// schedule(dynamic[,c]) and monotonic:dynamic: every iteration exactly once,
// chunks of c consecutive iterations stay on one thread, monotonic order.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include "loopcheck.h"

int main(void) {
  char what[96];
  for (unsigned b = 0; b < LC_NBOUNDS; b++) {
    long lo = lc_bounds[b][0], hi = lc_bounds[b][1], st = lc_bounds[b][2];
    long n = lc_trips(lo, hi, st);
    lc_reset();
#pragma omp parallel for schedule(dynamic) num_threads(3)
    for (long i = lo; i < hi; i += st)
      lc_hit((i - lo) / st);
    snprintf(what, sizeof what, "dynamic [%ld,%ld) step %ld", lo, hi, st);
    lc_check_once(n, what);

    static const long chunks[] = {2, 3, 7, 64};
    for (int ci = 0; ci < 4; ci++) {
      long c = chunks[ci];
      lc_reset();
#pragma omp parallel for schedule(dynamic, c) num_threads(4)
      for (long i = lo; i < hi; i += st)
        lc_hit((i - lo) / st);
      snprintf(what, sizeof what, "dynamic,%ld [%ld,%ld) step %ld", c, lo, hi,
               st);
      lc_check_once(n, what);
      lc_check_chunks(n, c, what);

      lc_reset();
#pragma omp parallel for schedule(monotonic : dynamic, c) num_threads(3)
      for (long i = lo; i < hi; i += st)
        lc_hit((i - lo) / st);
      snprintf(what, sizeof what, "monotonic:dynamic,%ld [%ld,%ld)", c, lo, hi);
      lc_check_once(n, what);
      lc_check_chunks(n, c, what);
      lc_check_monotonic(what);
    }
    /* Downwards with a negative step. */
    lc_reset();
#pragma omp parallel for schedule(dynamic, 3) num_threads(3)
    for (long i = hi - 1; i >= lo; i -= st)
      lc_hit((hi - 1 - i) / st);
    snprintf(what, sizeof what, "dynamic,3 down (%ld,%ld]", lo, hi);
    lc_check_once(n, what);
    lc_check_chunks(n, 3, what);
  }
  /* Load imbalance: slow iterations must not be run twice or skipped. */
  lc_reset();
#pragma omp parallel for schedule(dynamic) num_threads(4)
  for (int i = 0; i < 200; i++) {
    if (i % 17 == 0)
      for (volatile int s = 0; s < 20000; s++)
        ;
    lc_hit(i);
  }
  lc_check_once(200, "dynamic imbalanced");
  return check_report("for_dynamic");
}
// CHECK-NOT: FAIL
// CHECK: for_dynamic: OK
