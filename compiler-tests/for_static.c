// schedule(static) with and without chunk: every iteration exactly once,
// blocks/chunks assigned in thread order, increasing and decreasing loops.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include "loopcheck.h"

#define NTH 3
int main(void) {
  char what[96];
  for (unsigned b = 0; b < LC_NBOUNDS; b++) {
    long lo = lc_bounds[b][0], hi = lc_bounds[b][1], st = lc_bounds[b][2];
    long n = lc_trips(lo, hi, st);
    lc_reset();
#pragma omp parallel for schedule(static) num_threads(NTH)
    for (long i = lo; i < hi; i += st)
      lc_hit((i - lo) / st);
    snprintf(what, sizeof what, "static up [%ld,%ld) step %ld", lo, hi, st);
    lc_check_once(n, what);
    lc_check_static_blocks(n, NTH, what);
    lc_check_monotonic(what);

    for (long c = 1; c <= 5; c += 2) {
      lc_reset();
#pragma omp parallel for schedule(static, c) num_threads(NTH)
      for (long i = lo; i < hi; i += st)
        lc_hit((i - lo) / st);
      snprintf(what, sizeof what, "static,%ld up [%ld,%ld) step %ld", c, lo,
               hi, st);
      lc_check_once(n, what);
      lc_check_static_chunks(n, c, NTH, what);
      lc_check_monotonic(what);
    }
    /* The same iteration space walked downwards (negative step). */
    lc_reset();
#pragma omp parallel for schedule(static) num_threads(NTH)
    for (long i = hi - 1; i >= lo; i -= st)
      lc_hit((hi - 1 - i) / st);
    snprintf(what, sizeof what, "static down (%ld,%ld] step -%ld", lo, hi, st);
    lc_check_once(lc_trips(lo, hi, st), what);
    lc_reset();
#pragma omp parallel for schedule(static, 4) num_threads(NTH)
    for (int i = (int)hi - 1; i >= (int)lo; i -= (int)st)
      lc_hit((hi - 1 - i) / st);
    snprintf(what, sizeof what, "static,4 down int (%ld,%ld]", lo, hi);
    lc_check_once(lc_trips(lo, hi, st), what);
    lc_check_static_chunks(lc_trips(lo, hi, st), 4, NTH, what);
  }
  /* Orphaned static loop inside an existing team. */
  long sum = 0;
#pragma omp parallel num_threads(4) reduction(+ : sum)
  {
#pragma omp for schedule(static)
    for (int i = 1; i <= 1000; i++)
      sum += i;
#pragma omp for schedule(static, 7)
    for (int i = 1; i <= 1000; i++)
      sum += i;
  }
  printf("sum=%ld\n", sum);
  EXPECT_EQ_LL(sum, 2 * 500500);
  return check_report("for_static");
}
// CHECK-NOT: FAIL
// CHECK: sum=1001000
// CHECK: for_static: OK
