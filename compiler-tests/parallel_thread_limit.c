// OMP_THREAD_LIMIT caps every team (and the total across nested teams).
// RUN: %cc %s -o %t
// RUN: env OMP_THREAD_LIMIT=3 %preload %run %t | %FileCheck %s --check-prefix=L3
// RUN: env OMP_THREAD_LIMIT=1 %preload %run %t | %FileCheck %s --check-prefix=L1
// RUN: %cc %s %link -o %t.l && env OMP_THREAD_LIMIT=3 %run %t.l | %FileCheck %s --check-prefix=L3
#include <omp.h>
#include <stdlib.h>
#include "check.h"

int main(void) {
  int limit = atoi(getenv("OMP_THREAD_LIMIT"));
  int size = 0, runs = 0;
#pragma omp parallel num_threads(8)
  {
#pragma omp atomic
    runs++;
#pragma omp single
    size = omp_get_num_threads();
  }
  EXPECT(size >= 1 && size <= limit, "size %d limit %d", size, limit);
  EXPECT_EQ_LL(runs, size);
  /* Nested: one thread of the outer team starts an inner team while the
     others wait; all of them count against the limit. */
  omp_set_max_active_levels(2);
  int outer = 0, inner = 0;
#pragma omp parallel num_threads(2)
  {
    int me = omp_get_thread_num(), n = omp_get_num_threads();
    if (me == n - 1) {
      outer = n;
#pragma omp parallel num_threads(4)
#pragma omp single
      inner = omp_get_num_threads();
    }
  }
  EXPECT(inner >= 1 && outer + inner - 1 <= limit,
         "outer %d inner %d limit %d", outer, inner, limit);
  printf("thread_limit=%d team=%d\n",
         omp_get_thread_limit(), size);
  return check_report("thread_limit");
}
// L3-NOT: FAIL
// L3: thread_limit=3 team=3
// L3: thread_limit: OK
// L1-NOT: FAIL
// L1: thread_limit=1 team=1
// L1: thread_limit: OK
