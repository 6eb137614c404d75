// task + taskwait: every task runs once, taskwait waits for children (not
// grandchildren), firstprivate capture, tasks from every thread.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 2000
static int ran[N];

int main(void) {
  int bad_wait = 0;
#pragma omp parallel num_threads(4)
  {
#pragma omp single
    {
      for (int i = 0; i < N; i++)
#pragma omp task firstprivate(i)
        ran[i]++;
#pragma omp taskwait
      for (int i = 0; i < N; i++)
        bad_wait += ran[i] != 1;
    }
  }
  EXPECT_EQ_LL(bad_wait, 0);
  check_once(ran, N, "single producer");

  /* Every thread creates tasks; the implicit barrier completes them. */
  static int grid[4][500];
  int nth = 0;
#pragma omp parallel num_threads(4)
  {
    int me = omp_get_thread_num();
#pragma omp single
    nth = omp_get_num_threads();
    for (int i = 0; i < 500; i++)
#pragma omp task firstprivate(i, me)
      grid[me][i] += me + 1;
  }
  long s = 0;
  for (int t = 0; t < 4; t++)
    for (int i = 0; i < 500; i++)
      s += grid[t][i];
  EXPECT_EQ_LL(s, 500L * nth * (nth + 1) / 2);

  /* taskwait waits for children; the child itself waits for its child. */
  int child = 0, grandchild = 0, seen_child = -1, seen_grand = -1;
#pragma omp parallel num_threads(3)
#pragma omp single
  {
#pragma omp task shared(child, grandchild)
    {
#pragma omp task shared(grandchild)
      {
        for (volatile int k = 0; k < 100000; k++)
          ;
        grandchild = 1;
      }
#pragma omp taskwait
      child = 1;
    }
#pragma omp taskwait
    seen_child = child;
    seen_grand = grandchild;
  }
  printf("child=%d grandchild=%d\n", seen_child, seen_grand);
  return check_report("task_basic");
}
// CHECK-NOT: FAIL
// CHECK: child=1 grandchild=1
// CHECK: task_basic: OK
