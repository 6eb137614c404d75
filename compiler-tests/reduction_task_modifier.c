// reduction(task, +: x) on parallel and worksharing constructs (gcc emits
// GOMP_parallel_reductions / task reduction registration): tasks created in
// the region contribute via in_reduction.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  for (int nth = 1; nth <= 4; nth++) {
    long x = 100;
    double d = 0;
#pragma omp parallel num_threads(nth) reduction(task, + : x, d)
    {
      x += 1; /* every thread's private copy */
#pragma omp single
      for (int i = 1; i <= 200; i++)
#pragma omp task in_reduction(+ : x, d)
      {
        x += i;
        d += 0.5;
      }
    }
    EXPECT(x == 100 + nth + 200 * 201 / 2, "nth=%d x=%ld", nth, x);
    EXPECT(d == 100.0, "nth=%d d=%f", nth, d);
  }
  long y = 0;
#pragma omp parallel num_threads(3)
  {
#pragma omp for reduction(task, + : y) schedule(dynamic)
    for (int i = 0; i < 30; i++) {
#pragma omp task in_reduction(+ : y)
      y += i * 2;
      y += 1;
    }
  }
  printf("y=%ld\n", y);
  EXPECT_EQ_LL(y, 30 * 29 + 30);
  return check_report("reduction_task_modifier");
}
// CHECK-NOT: FAIL
// CHECK: y=900
// CHECK: reduction_task_modifier: OK
