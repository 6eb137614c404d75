// priority clause is accepted (values above omp_get_max_task_priority too)
// and every prioritized task runs exactly once; OMP_MAX_TASK_PRIORITY sets
// omp_get_max_task_priority. Priority is only a hint, so no order is checked.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s --check-prefix=ANY
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s --check-prefix=ANY
// RUN: env OMP_MAX_TASK_PRIORITY=20 %preload %run %t | %FileCheck %s --check-prefix=P20
#include <omp.h>
#include "check.h"

#define N 300
static int ran[N];

int main(void) {
  printf("max priority %d\n", omp_get_max_task_priority());
#pragma omp parallel num_threads(3)
#pragma omp single
  for (int i = 0; i < N; i++)
#pragma omp task priority(i % 25) firstprivate(i)
    ran[i]++;
  check_once(ran, N, "priority tasks");
  return check_report("task_priority");
}
// ANY: max priority 0
// ANY-NOT: FAIL
// ANY: task_priority: OK
// P20: max priority 20
// P20-NOT: FAIL
// P20: task_priority: OK
