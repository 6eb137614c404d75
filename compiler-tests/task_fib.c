// Recursive Fibonacci with a task per call (cut-off free for small n) and
// with if() cut-off, compared with the iterative value.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=5 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

static long fib_task(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a)
  a = fib_task(n - 1);
#pragma omp task shared(b)
  b = fib_task(n - 2);
#pragma omp taskwait
  return a + b;
}

static long fib_cut(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a) if (n > 12)
  a = fib_cut(n - 1);
  b = fib_cut(n - 2);
#pragma omp taskwait
  return a + b;
}

int main(void) {
  long want[31] = {0, 1};
  for (int i = 2; i <= 30; i++)
    want[i] = want[i - 1] + want[i - 2];
  long r1 = 0, r2 = 0;
#pragma omp parallel
#pragma omp single
  {
    r1 = fib_task(20);
    r2 = fib_cut(27);
  }
  EXPECT_EQ_LL(r1, want[20]);
  EXPECT_EQ_LL(r2, want[27]);
  printf("fib(20)=%ld fib(27)=%ld\n", r1, r2);
  return check_report("task_fib");
}
// CHECK: fib(20)=6765 fib(27)=196418
// CHECK-NOT: FAIL
// CHECK: task_fib: OK
