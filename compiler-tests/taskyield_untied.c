// Untied tasks that poll with taskyield for a *sibling's* work: untied
// tasks are exempt from the tied-task scheduling rule, so at its taskyield
// an untied task may run any task the thread's innermost suspended tied
// task allows (here, in a barrier: any task of the team).  A runtime that
// lets it run only its own descendants keeps every thread polling while
// the setters wait in queues (libomp does not finish this program at 2
// threads).  Each poller must see its flag and every setter run once.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// With fibers the pollers suspend at taskyield and go behind the waiting
// work of their thread's deque.
// RUN: env TEMPO_FIBERS=1 OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env TEMPO_FIBERS=1 OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 64

int main(void) {
  int flag[N] = {0};
  long set = 0, seen = 0;
#pragma omp parallel
#pragma omp for schedule(static, 1)
  for (int i = 0; i < N; i++) {
#pragma omp task shared(flag, set) firstprivate(i)
    {
#pragma omp atomic
      set++;
#pragma omp atomic write
      flag[i] = 1;
    }
#pragma omp task untied shared(flag, seen) firstprivate(i)
    {
      for (;;) {
        int f;
#pragma omp atomic read
        f = flag[i];
        if (f)
          break;
#pragma omp taskyield
      }
#pragma omp atomic
      seen++;
    }
  }
  EXPECT_EQ_LL(set, N);
  EXPECT_EQ_LL(seen, N);
  printf("set=%ld seen=%ld\n", set, seen);
  return check_report("taskyield_untied");
}
// CHECK: set=64 seen=64
// CHECK-NOT: FAIL
// CHECK: taskyield_untied: OK
