// omp_nest_lock_t: nesting counts from omp_test_nest_lock, owner re-entry,
// other threads excluded until the count drops to zero.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static volatile long counter;

static void recurse(omp_nest_lock_t *l, int depth) {
  omp_set_nest_lock(l);
  long c = counter;
  counter = c + 1;
  if (depth > 0)
    recurse(l, depth - 1);
  omp_unset_nest_lock(l);
}

int main(void) {
  omp_nest_lock_t nl;
  omp_init_nest_lock(&nl);
  int a = omp_test_nest_lock(&nl);
  int b = omp_test_nest_lock(&nl);
  omp_set_nest_lock(&nl);
  int c = omp_test_nest_lock(&nl);
  printf("counts: %d %d %d\n", a, b, c);
  int other = -1;
#pragma omp parallel num_threads(2)
  if (omp_get_thread_num() == 1)
    other = omp_test_nest_lock(&nl); /* held 4 deep by thread 0 */
  printf("other thread while held: %d\n", other);
  for (int k = 0; k < 4; k++)
    omp_unset_nest_lock(&nl);
  int after = -1;
#pragma omp parallel num_threads(2)
  if (omp_get_thread_num() == 1) {
    after = omp_test_nest_lock(&nl);
    if (after)
      omp_unset_nest_lock(&nl);
  }
  printf("other thread after release: %d\n", after);

  int nth = 0;
#pragma omp parallel num_threads(4)
  {
#pragma omp single
    nth = omp_get_num_threads();
    for (int i = 0; i < 3000; i++)
      recurse(&nl, i % 4);
  }
  /* depth d contributes d+1 increments; i%4 cycles 0..3 -> avg 2.5 */
  EXPECT_EQ_LL(counter, 3000L / 4 * (1 + 2 + 3 + 4) * nth);
  omp_destroy_nest_lock(&nl);
  return check_report("lock_nest");
}
// CHECK: counts: 1 2 4
// CHECK: other thread while held: 0
// CHECK: other thread after release: 1
// CHECK-NOT: FAIL
// CHECK: lock_nest: OK
