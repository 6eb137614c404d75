// taskgroup task_reduction with in_reduction tasks (GOMP_taskgroup_reduction_*,
// GOMP_task_reduction_remap): several variables and operators, nested
// task creation, repeated groups.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static void add_tasks(long *sum, int depth) {
  for (int k = 0; k < 3; k++) {
#pragma omp task in_reduction(+ : sum[0]) firstprivate(depth)
    {
      sum[0] += depth;
      if (depth > 0)
        add_tasks(sum, depth - 1);
    }
  }
}

int main(void) {
  for (int rep = 0; rep < 5; rep++) {
    long sum = 0, prod = 1;
    int mx = -1;
#pragma omp parallel num_threads(4)
#pragma omp single
    {
#pragma omp taskgroup task_reduction(+ : sum) task_reduction(* : prod) task_reduction(max : mx)
      {
        for (int i = 1; i <= 50; i++)
#pragma omp task in_reduction(+ : sum) in_reduction(* : prod) in_reduction(max : mx) firstprivate(i)
        {
          sum += i;
          if (i % 10 == 0)
            prod *= 2;
          mx = i * 3 > mx ? i * 3 : mx;
        }
      }
    }
    EXPECT(sum == 1275 && prod == 32 && mx == 150,
           "rep %d: sum=%ld prod=%ld max=%d", rep, sum, prod, mx);
  }
  /* Tasks creating in_reduction tasks (depth 4: 3 + 9 + 27 + 81 + 243). */
  long tree = 0;
#pragma omp parallel num_threads(3)
#pragma omp single
#pragma omp taskgroup task_reduction(+ : tree)
  add_tasks(&tree, 4);
  /* contributions: depth d tasks (3^(5-d) of them) add d. */
  long want = 0, cnt = 1;
  for (int d = 4; d >= 0; d--) {
    cnt *= 3;
    want += cnt * d;
  }
  EXPECT_EQ_LL(tree, want);
  printf("tree=%ld\n", tree);
  return check_report("task_reduction");
}
// 3*4 + 9*3 + 27*2 + 81*1 = 174
// CHECK-NOT: FAIL
// CHECK: tree=174
// CHECK: task_reduction: OK
