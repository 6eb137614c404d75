// taskyield lets a waiting task make progress: a task polls, with
// taskyield, for a flag that its own child sets.  A runtime whose taskyield
// does nothing keeps polling while the child waits in a queue of the same
// thread (every thread busy polling: nobody takes it).  Each task must see
// its flag set and every child must run once.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 TEMPO_FIBERS=1 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 64

int main(void) {
  int flag[N] = {0};
  long ran = 0;
#pragma omp parallel
#pragma omp for schedule(static, 1)
  for (int i = 0; i < N; i++) {
#pragma omp task shared(flag, ran) firstprivate(i)
    {
#pragma omp task shared(flag, ran) firstprivate(i)
      {
#pragma omp atomic
        ran++;
#pragma omp atomic write
        flag[i] = 1;
      }
      for (;;) {
        int f;
#pragma omp atomic read
        f = flag[i];
        if (f)
          break;
#pragma omp taskyield
      }
    }
  }
  EXPECT_EQ_LL(ran, N);
  printf("ran=%ld\n", ran);
  return check_report("taskyield_poll");
}
// CHECK: ran=64
// CHECK-NOT: FAIL
// CHECK: taskyield_poll: OK
