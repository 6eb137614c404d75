// taskyield inside tasks (no deadlock, results intact) and
// `taskwait depend(...)`: waits only for the named predecessors.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  /* Tasks that yield repeatedly still all complete. */
  int yields_done = 0;
  long sum = 0;
#pragma omp parallel num_threads(3) reduction(+ : sum)
  {
#pragma omp for
    for (int i = 0; i < 60; i++) {
#pragma omp task firstprivate(i) shared(yields_done)
      {
        for (int y = 0; y < 5; y++) {
#pragma omp taskyield
        }
#pragma omp atomic
        yields_done++;
      }
      sum += i;
    }
  }
  printf("taskyield tasks=%d sum=%ld\n", yields_done, sum);

  int a = 0, b = 0, a_seen = -1;
#pragma omp parallel num_threads(3)
#pragma omp single
  {
#pragma omp task depend(out : a) shared(a)
    {
      for (volatile int s = 0; s < 100000; s++)
        ;
      a = 11;
    }
#pragma omp task depend(out : b) shared(b)
    b = 22;
#pragma omp taskwait depend(in : a)
    a_seen = a;
#pragma omp taskwait
  }
  printf("taskwait depend saw a=%d, final b=%d\n", a_seen, b);
  return 0;
}
// CHECK: taskyield tasks=60 sum=1770
// CHECK: taskwait depend saw a=11, final b=22
