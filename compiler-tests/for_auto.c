// schedule(auto): every iteration exactly once, for several trip counts.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include "loopcheck.h"

int main(void) {
  char what[96];
  for (unsigned b = 0; b < LC_NBOUNDS; b++) {
    long lo = lc_bounds[b][0], hi = lc_bounds[b][1], st = lc_bounds[b][2];
    long n = lc_trips(lo, hi, st);
    lc_reset();
#pragma omp parallel for schedule(auto) num_threads(3)
    for (long i = lo; i < hi; i += st)
      lc_hit((i - lo) / st);
    snprintf(what, sizeof what, "auto [%ld,%ld) step %ld", lo, hi, st);
    lc_check_once(n, what);
    lc_reset();
#pragma omp parallel num_threads(2)
#pragma omp for schedule(auto)
    for (long i = hi - 1; i >= lo; i -= st)
      lc_hit((hi - 1 - i) / st);
    snprintf(what, sizeof what, "auto down (%ld,%ld]", lo, hi);
    lc_check_once(n, what);
  }
  return check_report("for_auto");
}
// CHECK-NOT: FAIL
// CHECK: for_auto: OK
