// threadprivate variables keep per-thread values across regions of the same
// size; copyin copies the initial thread's value into every thread.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static int tp = -1;
static double tpd[4];
#pragma omp threadprivate(tp, tpd)

int main(void) {
  omp_set_dynamic(0);
  int bad = 0;
#pragma omp parallel num_threads(4)
  {
    tp = omp_get_thread_num() * 10;
    tpd[2] = tp + 0.5;
  }
  /* Persistence across regions (same team size, dynamic off). */
#pragma omp parallel num_threads(4) reduction(+ : bad)
  bad += tp != omp_get_thread_num() * 10 || tpd[2] != tp + 0.5;
  EXPECT_EQ_LL(bad, 0);
  EXPECT_EQ_LL(tp, 0); /* initial thread's own copy */
  tp = 1234;
  tpd[1] = 9.75;
  bad = 0;
  int n = 0;
#pragma omp parallel num_threads(3) copyin(tp, tpd) reduction(+ : bad, n)
  {
    bad += tp != 1234 || tpd[1] != 9.75;
    tp += omp_get_thread_num();
    n++;
  }
  EXPECT_EQ_LL(bad, 0);
  EXPECT_EQ_LL(n, 3);
  long sum = 0;
#pragma omp parallel num_threads(3) reduction(+ : sum)
  sum += tp;
  printf("sum=%ld\n", sum);
  return check_report("threadprivate");
}
// 1234*3 + 0 + 1 + 2
// CHECK-NOT: FAIL
// CHECK: sum=3705
// CHECK: threadprivate: OK
