// The scope construct (OpenMP 5.1, gcc 12): private and reduction clauses
// inside a parallel region, implicit barrier at its end, nowait.
// clang 14 has no scope construct:
// UNSUPPORTED: clang
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  long sum = 0;
  int seen_bad = 0;
  int priv = 7;
  static int stage[16];
#pragma omp parallel num_threads(4) reduction(+ : seen_bad)
  {
    int me = omp_get_thread_num();
#pragma omp scope reduction(+ : sum) private(priv)
    {
      priv = me * 100;
      sum += me + 1;
      stage[me] = 1;
      seen_bad += priv != me * 100;
    }
    /* After the scope's barrier every thread's stage entry is set and the
       reduction result is complete. */
    for (int t = 0; t < omp_get_num_threads(); t++)
      seen_bad += stage[t] == 0; /* 1, or 2 once a thread passed on */
    seen_bad += sum != 10;
#pragma omp scope nowait
    {
      stage[me] = 2;
    }
  }
  EXPECT_EQ_LL(seen_bad, 0);
  EXPECT_EQ_LL(priv, 7);
  printf("scope sum=%ld\n", sum);
  return check_report("scope");
}
// CHECK-NOT: FAIL
// CHECK: scope sum=10
// CHECK: scope: OK
