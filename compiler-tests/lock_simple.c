// omp_lock_t: init/set/unset/test/destroy; mutual exclusion under
// contention; omp_test_lock fails while held by another thread (and by the
// owner itself) and succeeds when free.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static volatile long counter;

int main(void) {
  omp_lock_t lk;
  omp_init_lock(&lk);
  /* Uncontended test/unset. */
  int t1 = omp_test_lock(&lk);
  int t2 = omp_test_lock(&lk); /* simple lock held: fails even for owner */
  omp_unset_lock(&lk);
  int t3 = omp_test_lock(&lk);
  omp_unset_lock(&lk);
  printf("test: %d %d %d\n", t1, t2, t3);

  /* Contention: read-modify-write guarded by the lock. */
  int nth = 0;
#pragma omp parallel num_threads(4)
  {
#pragma omp single
    nth = omp_get_num_threads();
    for (int i = 0; i < 20000; i++) {
      if (i % 2)
        omp_set_lock(&lk);
      else
        while (!omp_test_lock(&lk))
          ;
      long c = counter;
      counter = c + 1;
      omp_unset_lock(&lk);
    }
  }
  EXPECT_EQ_LL(counter, 20000L * nth);

  /* test_lock from another thread fails while the lock is held. */
  int other_got = -1, after = -1;
  omp_set_lock(&lk);
#pragma omp parallel num_threads(2)
  {
    if (omp_get_thread_num() == 1)
      other_got = omp_test_lock(&lk);
#pragma omp barrier
#pragma omp master
    omp_unset_lock(&lk);
#pragma omp barrier
    if (omp_get_thread_num() == 1) {
      after = omp_test_lock(&lk);
      if (after)
        omp_unset_lock(&lk);
    }
  }
  printf("other while held: %d, after release: %d\n", other_got, after);
  omp_destroy_lock(&lk);
  /* Re-initialised after destroy works again. */
  omp_init_lock(&lk);
  omp_set_lock(&lk);
  omp_unset_lock(&lk);
  omp_destroy_lock(&lk);
  return check_report("lock_simple");
}
// CHECK: test: 1 0 1
// CHECK-NOT: FAIL
// CHECK: other while held: 0, after release: 1
// CHECK: lock_simple: OK
