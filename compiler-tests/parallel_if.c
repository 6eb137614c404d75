// if(0) parallel regions run serially but still count as a (inactive) level.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(int argc, char **argv) {
  int runs = 0, size = -1, level = -1, active = -1, inpar = -1;
  int cond = argc > 100; /* false, but unknown to the compiler */
#pragma omp parallel num_threads(4) if (cond)
  {
#pragma omp atomic
    runs++;
    size = omp_get_num_threads();
    level = omp_get_level();
    active = omp_get_active_level();
    inpar = omp_in_parallel();
  }
  printf("if0: runs=%d size=%d level=%d active=%d inpar=%d\n", runs, size,
         level, active, inpar);
  runs = 0;
#pragma omp parallel num_threads(4) if (!cond)
  {
#pragma omp atomic
    runs++;
#pragma omp single
    {
      size = omp_get_num_threads();
      level = omp_get_level();
      active = omp_get_active_level();
    }
  }
  printf("if1: runs=%d size=%d level=%d active=%d\n", runs, size, level,
         active);
  /* An inactive outer region leaves room for an active inner one. */
  omp_set_max_active_levels(1);
  int inner = -1, ilevel = -1, iactive = -1;
#pragma omp parallel num_threads(2) if (cond)
#pragma omp parallel num_threads(3)
#pragma omp single
  {
    inner = omp_get_num_threads();
    ilevel = omp_get_level();
    iactive = omp_get_active_level();
  }
  printf("nested-under-if0: inner=%d level=%d active=%d\n", inner, ilevel,
         iactive);
  EXPECT_EQ_LL(inner, 3);
  return check_report("parallel_if");
}
// CHECK-NOT: FAIL
// CHECK: if0: runs=1 size=1 level=1 active=0 inpar=0
// CHECK: if1: runs=4 size=4 level=1 active=1
// CHECK: nested-under-if0: inner=3 level=2 active=1
// CHECK: parallel_if: OK
