// Recursive Fibonacci with a task for every call and no cut-off: fib(32)
// creates 7 million tasks, 32 levels of nested taskwait. n = 32 is the
// largest that stays under about 5 s with stock libgomp at 8 threads on two
// cores (fib(32) about 3 s, fib(33) about 5 s); the result must equal the
// iterative value.
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t 32 | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t 32 | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=1 %run %t.l 32 | %FileCheck %s
#include <stdlib.h>
#include <omp.h>
#include "check.h"

static long fib(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a) firstprivate(n)
  a = fib(n - 1);
#pragma omp task shared(b) firstprivate(n)
  b = fib(n - 2);
#pragma omp taskwait
  return a + b;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20;
  if (n < 0 || n > 90)
    return 2;
  long want = 0, next = 1;
  for (int i = 0; i < n; i++) {
    long t = want + next;
    want = next;
    next = t;
  }
  long got = -1;
#pragma omp parallel
#pragma omp single
  got = fib(n);
  EXPECT_EQ_LL(got, want);
  printf("fib(%d)=%ld\n", n, got);
  return check_report("task_fib_deep");
}
// CHECK-NOT: FAIL
// CHECK: fib(32)=2178309
// CHECK: task_fib_deep: OK
