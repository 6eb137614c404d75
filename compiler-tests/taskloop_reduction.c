// taskloop reduction and in_reduction within a taskgroup task_reduction;
// results compared with serial sums.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  for (long n = 0; n < 3000; n = n * 3 + 1) {
    long s = 0, p = 1, w_s = 0, w_p = 1;
    double d = 0, w_d = 0;
    for (long i = 0; i < n; i++) {
      w_s += i * i;
      w_d += i * 0.25;
      if (i % 100 == 1)
        w_p *= 3;
    }
#pragma omp parallel num_threads(3)
#pragma omp single
    {
#pragma omp taskloop reduction(+ : s, d) reduction(* : p) grainsize(16)
      for (long i = 0; i < n; i++) {
        s += i * i;
        d += i * 0.25;
        if (i % 100 == 1)
          p *= 3;
      }
    }
    EXPECT(s == w_s && p == w_p && d == w_d,
           "n=%ld: s=%ld/%ld p=%ld/%ld d=%f/%f", n, s, w_s, p, w_p, d, w_d);
  }
  /* taskloop in_reduction participating in an enclosing task_reduction. */
  long total = 0;
#pragma omp parallel num_threads(3)
#pragma omp single
#pragma omp taskgroup task_reduction(+ : total)
  {
#pragma omp taskloop in_reduction(+ : total) num_tasks(6)
    for (int i = 1; i <= 100; i++)
      total += i;
#pragma omp task in_reduction(+ : total)
    total += 1000;
  }
  printf("in_reduction total=%ld\n", total);
  return check_report("taskloop_reduction");
}
// CHECK-NOT: FAIL
// CHECK: in_reduction total=6050
// CHECK: taskloop_reduction: OK
