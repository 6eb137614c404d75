// One producer creates 1e6 small tasks before its first taskwait, with no
// dependences: every one runs exactly once. (The runtime may run some of
// them at creation to bound its queue; task_many_gated.c holds all 1e6
// back.)
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=4 %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 1000000
static int ran[N];

int main(void) {
  int after_wait_bad = 0;
#pragma omp parallel
#pragma omp single
  {
    for (int i = 0; i < N; i++)
#pragma omp task firstprivate(i)
      ran[i]++;
#pragma omp taskwait
    /* taskwait returned: every child has completed. */
    for (int i = 0; i < N; i++)
      after_wait_bad += ran[i] != 1;
  }
  EXPECT_EQ_LL(after_wait_bad, 0);
  check_once(ran, N, "1e6 independent tasks");
  printf("independent tasks done\n");
  return check_report("task_many_pending");
}
// CHECK-NOT: FAIL
// CHECK: independent tasks done
// CHECK: task_many_pending: OK
