// depend(mutexinoutset): members of the set are mutually exclusive, and the
// set as a whole is ordered after the preceding out and before the next in.
// (gcc 12 rejects depend(inoutset), so that kind cannot be compiled here.)
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  long x = 0;
  int inside = 0, overlap = 0, bad_order = 0;
  long final_seen = -1;
#pragma omp parallel num_threads(4)
#pragma omp single
  {
#pragma omp task depend(out : x) shared(x)
    {
      for (volatile int s = 0; s < 20000; s++)
        ;
      x = 1000;
    }
    for (int k = 0; k < 16; k++)
#pragma omp task depend(mutexinoutset : x) shared(x, inside, overlap, bad_order) firstprivate(k)
    {
      int now;
#pragma omp atomic capture
      now = ++inside;
      if (now != 1)
#pragma omp atomic
        overlap++;
      if (x < 1000)
        bad_order++; /* ran before the out task */
      long t = x;
      for (volatile int s = 0; s < 500; s++)
        ;
      x = t + k; /* unsynchronised RMW: exclusion keeps it exact */
#pragma omp atomic
      inside--;
    }
#pragma omp task depend(in : x) shared(x, final_seen)
    final_seen = x;

#pragma omp taskwait
  }
  EXPECT_EQ_LL(overlap, 0);
  EXPECT_EQ_LL(bad_order, 0);
  printf("mutexinoutset final=%ld\n", final_seen);
  return check_report("task_depend_mutex");
}
// 1000 + (0 + ... + 15) = 1120
// CHECK-NOT: FAIL
// CHECK: mutexinoutset final=1120
// CHECK: task_depend_mutex: OK
