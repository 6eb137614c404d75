// OMP_NUM_THREADS lists ("3,2", "4,3,2"): one entry per nesting level, and
// a list enables nesting (max-active-levels > 1).
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=3,2 %preload %run %t | %FileCheck %s --check-prefix=L32
// RUN: env OMP_NUM_THREADS=4,3,2 %preload %run %t | %FileCheck %s --check-prefix=L432
// RUN: env "OMP_NUM_THREADS= 2 , 3 " %preload %run %t | %FileCheck %s --check-prefix=L23
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=3,2 %run %t.l | %FileCheck %s --check-prefix=L32
#include <omp.h>
#include "check.h"

int main(void) {
  int s1 = 0, s2 = 0, s3 = 0, total = 0, max2 = 0, max3 = 0;
  printf("max_threads=%d\n", omp_get_max_threads());
#pragma omp parallel
  {
#pragma omp master
    {
      s1 = omp_get_num_threads();
      max2 = omp_get_max_threads(); /* next level's default */
    }
#pragma omp parallel
    {
#pragma omp master
      if (omp_get_ancestor_thread_num(1) == 0) {
        s2 = omp_get_num_threads();
        max3 = omp_get_max_threads();
      }
#pragma omp parallel
      {
#pragma omp atomic
        total++;
        if (omp_get_ancestor_thread_num(1) == 0 &&
            omp_get_ancestor_thread_num(2) == 0 && omp_get_thread_num() == 0)
          s3 = omp_get_num_threads();
      }
    }
  }
  printf("levels %d %d %d total=%d next=%d,%d\n", s1, s2, s3, total, max2,
         max3);
  EXPECT_EQ_LL(total, s1 * s2 * s3);
  return check_report("num_threads_list");
}
// L32: max_threads=3
// The last list entry applies to deeper levels too.
// L32: levels 3 2 2 total=12 next=2,2
// L32: num_threads_list: OK
// L432: max_threads=4
// L432: levels 4 3 2 total=24 next=3,2
// L432: num_threads_list: OK
// L23: max_threads=2
// L23: levels 2 3 3 total=18 next=3,3
// L23: num_threads_list: OK
