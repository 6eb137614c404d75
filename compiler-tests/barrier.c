// Explicit barriers: in each phase every thread writes its slot; after the
// barrier every thread must see all slots of that phase.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=7 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

#define PHASES 300
static volatile int slot[64];

int main(void) {
  int bad = 0, nth = 0;
#pragma omp parallel reduction(+ : bad)
  {
    int me = omp_get_thread_num(), n = omp_get_num_threads();
#pragma omp single
    nth = n;
    for (int p = 1; p <= PHASES; p++) {
      slot[me] = p;
#pragma omp barrier
      for (int t = 0; t < n; t++)
        bad += slot[t] != p;
#pragma omp barrier
    }
  }
  EXPECT_EQ_LL(bad, 0);
  /* Barrier after a worksharing loop with uneven work. */
  static int a[1000];
  long s = 0;
#pragma omp parallel num_threads(3) reduction(+ : s)
  {
#pragma omp for schedule(static, 1) nowait
    for (int i = 0; i < 1000; i++) {
      if (i % 3 == 0)
        for (volatile int k = 0; k < 2000; k++)
          ;
      a[i] = i;
    }
#pragma omp barrier
    for (int i = omp_get_thread_num(); i < 1000; i += omp_get_num_threads())
      s += a[999 - i];
  }
  EXPECT_EQ_LL(s, 999 * 1000 / 2);
  printf("threads>=1: %d\n", nth >= 1);
  return check_report("barrier");
}
// CHECK-NOT: FAIL
// CHECK: threads>=1: 1
// CHECK: barrier: OK
