// Thread-related ICV getters/setters: max threads, num procs, thread limit,
// supported active levels, max active levels, dynamic, nested, and the
// data-environment scope of omp_set_num_threads inside a region.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NESTED=true OMP_NUM_THREADS=3 %preload %run %t | %FileCheck %s --check-prefix=NESTED
#define _GNU_SOURCE
#include <omp.h>
#include <sched.h>
#include <stdlib.h>
#include <limits.h>
#include "check.h"

int main(void) {
  cpu_set_t set;
  sched_getaffinity(0, sizeof set, &set);
  EXPECT_EQ_LL(omp_get_num_procs(), CPU_COUNT(&set));
  int limit = omp_get_thread_limit();
  EXPECT(limit >= INT_MAX / 2 || limit == (int)UINT_MAX, "thread limit %d", limit);
  EXPECT(omp_get_supported_active_levels() >= 1, "supported %d",
         omp_get_supported_active_levels());
  printf("nested=%d max_active=%d\n", omp_get_nested(),
         omp_get_max_active_levels());
  omp_set_max_active_levels(3);
  printf("set 3 -> %d\n", omp_get_max_active_levels());
  omp_set_nested(1);
  EXPECT(omp_get_nested() == 1 && omp_get_max_active_levels() >= 2,
         "nested %d max_active %d", omp_get_nested(),
         omp_get_max_active_levels());
  omp_set_nested(0);
  printf("nested off -> nested=%d max_active=%d\n", omp_get_nested(),
         omp_get_max_active_levels());
  /* Huge request is clamped to the supported maximum. */
  omp_set_max_active_levels(1 << 30);
  EXPECT(omp_get_max_active_levels() == omp_get_supported_active_levels(),
         "clamped %d vs supported %d", omp_get_max_active_levels(),
         omp_get_supported_active_levels());
  omp_set_dynamic(1);
  EXPECT_EQ_LL(omp_get_dynamic(), 1);
  omp_set_dynamic(0);
  EXPECT_EQ_LL(omp_get_dynamic(), 0);
  /* omp_set_num_threads inside a region affects only that thread's ICV. */
  omp_set_num_threads(3);
  int inner_max = -1;
#pragma omp parallel num_threads(2)
  {
    if (omp_get_thread_num() == 1) {
      omp_set_num_threads(7);
      inner_max = omp_get_max_threads();
    }
  }
  printf("inner max=%d outer max=%d\n", inner_max, omp_get_max_threads());
  return check_report("api_threads");
}
// CHECK: nested=0 max_active=1
// CHECK: set 3 -> 3
// CHECK: nested off -> nested=0 max_active=1
// CHECK: inner max=7 outer max=3
// CHECK-NOT: FAIL
// CHECK: api_threads: OK
// NESTED: nested=1 max_active={{[2-9]|[1-9][0-9]+}}
// NESTED: inner max=7 outer max=3
// NESTED: api_threads: OK
