// schedule(guided[,c]): every iteration exactly once, no chunk smaller than
// c except the last, monotonic:guided keeps per-thread order.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include "loopcheck.h"

int main(void) {
  char what[96];
  for (unsigned b = 0; b < LC_NBOUNDS; b++) {
    long lo = lc_bounds[b][0], hi = lc_bounds[b][1], st = lc_bounds[b][2];
    long n = lc_trips(lo, hi, st);
    lc_reset();
#pragma omp parallel for schedule(guided) num_threads(3)
    for (long i = lo; i < hi; i += st)
      lc_hit((i - lo) / st);
    snprintf(what, sizeof what, "guided [%ld,%ld) step %ld", lo, hi, st);
    lc_check_once(n, what);

    for (long c = 2; c <= 20; c += 9) {
      lc_reset();
#pragma omp parallel for schedule(guided, c) num_threads(4)
      for (long i = lo; i < hi; i += st)
        lc_hit((i - lo) / st);
      snprintf(what, sizeof what, "guided,%ld [%ld,%ld) step %ld", c, lo, hi,
               st);
      lc_check_once(n, what);
      lc_check_min_runs(n, c, what);

      lc_reset();
#pragma omp parallel for schedule(monotonic : guided, c) num_threads(3)
      for (long i = hi - 1; i >= lo; i -= st)
        lc_hit((hi - 1 - i) / st);
      snprintf(what, sizeof what, "monotonic:guided,%ld down (%ld,%ld]", c, lo,
               hi);
      lc_check_once(n, what);
      lc_check_min_runs(n, c, what);
      lc_check_monotonic(what);
    }
  }
  return check_report("for_guided");
}
// CHECK-NOT: FAIL
// CHECK: for_guided: OK
