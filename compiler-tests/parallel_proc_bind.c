// proc_bind clauses are accepted and do not change the computation;
// omp_get_proc_bind inside reflects the bind-var list of OMP_PROC_BIND.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_PROC_BIND=spread,close %preload %run %t | %FileCheck %s --check-prefix=SC
#include <omp.h>
#include "check.h"

#define N 1000
static long sum_region(int kind) {
  long s = 0;
  switch (kind) {
  case 0:
#pragma omp parallel for num_threads(3) proc_bind(close) reduction(+ : s)
    for (int i = 0; i < N; i++) s += i;
    break;
  case 1:
#pragma omp parallel for num_threads(3) proc_bind(spread) reduction(+ : s)
    for (int i = 0; i < N; i++) s += i;
    break;
  default:
#pragma omp parallel for num_threads(3) proc_bind(master) reduction(+ : s)
    for (int i = 0; i < N; i++) s += i;
    break;
  }
  return s;
}

int main(void) {
  long want = (long)N * (N - 1) / 2;
  for (int k = 0; k < 3; k++)
    EXPECT_EQ_LL(sum_region(k), want);
  int outer = omp_get_proc_bind(), inner = -1;
#pragma omp parallel num_threads(2)
#pragma omp master
  inner = omp_get_proc_bind();
  printf("bind outer=%d inner=%d\n", outer, inner);
  return check_report("proc_bind");
}
// CHECK-NOT: FAIL
// CHECK: proc_bind: OK
// SC: bind outer=4 inner=3
// SC: proc_bind: OK
