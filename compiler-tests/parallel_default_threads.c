// Without OMP_NUM_THREADS the default team has one thread per available
// CPU (counted independently with sched_getaffinity).
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#define _GNU_SOURCE
#include <omp.h>
#include <sched.h>
#include "check.h"

int main(void) {
  cpu_set_t set;
  CPU_ZERO(&set);
  sched_getaffinity(0, sizeof set, &set);
  int ncpu = CPU_COUNT(&set);
  int size = 0;
#pragma omp parallel
#pragma omp single
  size = omp_get_num_threads();
  EXPECT_EQ_LL(omp_get_num_procs(), ncpu);
  EXPECT_EQ_LL(omp_get_max_threads(), ncpu);
  EXPECT_EQ_LL(size, ncpu);
  return check_report("default_threads");
}
// CHECK-NOT: FAIL
// CHECK: default_threads: OK
