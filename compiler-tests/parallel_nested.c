// Nested parallelism: levels, active levels, ancestors, team sizes,
// and the max-active-levels limit (API and OMP_MAX_ACTIVE_LEVELS).
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_MAX_ACTIVE_LEVELS=1 %preload %run %t env | %FileCheck %s --check-prefix=ENV1
// RUN: env OMP_MAX_ACTIVE_LEVELS=3 %preload %run %t env | %FileCheck %s --check-prefix=ENV3
#include <omp.h>
#include <string.h>
#include "check.h"

/* Outer team of 2, inner teams of 3: record per (outer, inner) thread. */
static int nested(int *inner_size_out) {
  int hits[2][3] = {{0}};
  int bad = 0, inner_size = -1;
#pragma omp parallel num_threads(2)
  {
    int o = omp_get_thread_num();
#pragma omp parallel num_threads(3)
    {
      int i = omp_get_thread_num();
      int lvl = omp_get_level();
      int n = omp_get_num_threads();
      if (lvl != 2 || omp_get_ancestor_thread_num(0) != 0 ||
          omp_get_ancestor_thread_num(1) != o ||
          omp_get_ancestor_thread_num(2) != i ||
          omp_get_ancestor_thread_num(3) != -1 ||
          omp_get_team_size(0) != 1 || omp_get_team_size(1) != 2 ||
          omp_get_team_size(2) != n || omp_get_team_size(3) != -1 ||
          omp_get_active_level() != (n > 1 ? 2 : 1))
#pragma omp atomic
        bad++;
      if (i < 3)
#pragma omp atomic
        hits[o][i]++;
      if (o == 1 && i == 0)
        inner_size = n;
    }
  }
  EXPECT_EQ_LL(bad, 0);
  for (int o = 0; o < 2; o++)
    for (int i = 0; i < inner_size; i++)
      EXPECT(hits[o][i] == 1, "hits[%d][%d]=%d", o, i, hits[o][i]);
  *inner_size_out = inner_size;
  return bad;
}

int main(int argc, char **argv) {
  int inner;
  if (argc > 1) { /* limit comes from the environment */
    nested(&inner);
    printf("max_active=%d inner=%d\n", omp_get_max_active_levels(), inner);
    return check_report("env");
  }
  EXPECT_EQ_LL(omp_get_level(), 0);
  EXPECT_EQ_LL(omp_get_active_level(), 0);
  EXPECT_EQ_LL(omp_get_ancestor_thread_num(0), 0);
  EXPECT_EQ_LL(omp_get_team_size(0), 1);
  EXPECT_EQ_LL(omp_get_ancestor_thread_num(1), -1);
  omp_set_max_active_levels(2);
  nested(&inner);
  printf("limit2 inner=%d\n", inner);
  omp_set_max_active_levels(1);
  nested(&inner);
  printf("limit1 inner=%d get=%d\n", inner, omp_get_max_active_levels());
  /* Three levels deep. */
  omp_set_max_active_levels(3);
  int count = 0, deep_level = 0;
#pragma omp parallel num_threads(2)
#pragma omp parallel num_threads(2)
#pragma omp parallel num_threads(2)
  {
#pragma omp atomic
    count++;
    if (omp_get_ancestor_thread_num(1) == 1 &&
        omp_get_ancestor_thread_num(2) == 1 && omp_get_thread_num() == 1)
      deep_level = omp_get_active_level();
  }
  printf("three levels: count=%d active=%d\n", count, deep_level);
  return check_report("parallel_nested");
}
// CHECK-NOT: FAIL
// CHECK: limit2 inner=3
// CHECK: limit1 inner=1 get=1
// CHECK: three levels: count=8 active=3
// CHECK: parallel_nested: OK
// ENV1: max_active=1 inner=1
// ENV1: env: OK
// ENV3: max_active=3 inner=3
// ENV3: env: OK
