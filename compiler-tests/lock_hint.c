// omp_init_lock_with_hint / omp_init_nest_lock_with_hint: declared by gcc
// 12's omp.h but not exported by stock libgomp 12, so Tempo-only.
// REQUIRES: tempo
// Stock libgomp cannot satisfy the link, so the preload build links against
// Tempo's libgomp.so without an rpath: at run time the loader maps the
// system libgomp.so.1 and the symbols resolve to the preloaded Tempo.
// RUN: %cc %s -L%tempo_build -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static volatile long counter, ncounter; /* one per lock: each lock guards its own */

int main(void) {
  static const omp_sync_hint_t hints[] = {
      omp_sync_hint_none, omp_sync_hint_uncontended, omp_sync_hint_contended,
      omp_sync_hint_speculative, omp_sync_hint_nonspeculative,
      omp_sync_hint_contended | omp_sync_hint_speculative};
  for (unsigned h = 0; h < sizeof hints / sizeof *hints; h++) {
    omp_lock_t lk;
    omp_nest_lock_t nl;
    omp_init_lock_with_hint(&lk, hints[h]);
    omp_init_nest_lock_with_hint(&nl, hints[h]);
    counter = 0;
    ncounter = 0;
    int nth = 0;
#pragma omp parallel num_threads(3)
    {
#pragma omp single
      nth = omp_get_num_threads();
      for (int i = 0; i < 3000; i++) {
        omp_set_lock(&lk);
        counter = counter + 1;
        omp_unset_lock(&lk);
        omp_set_nest_lock(&nl);
        omp_set_nest_lock(&nl);
        ncounter = ncounter + 1;
        omp_unset_nest_lock(&nl);
        omp_unset_nest_lock(&nl);
      }
    }
    EXPECT(counter == 3000L * nth, "hint %d: counter %ld", (int)hints[h],
           counter);
    EXPECT(ncounter == 3000L * nth, "hint %d: nest counter %ld", (int)hints[h],
           ncounter);
    EXPECT_EQ_LL(omp_test_lock(&lk), 1);
    omp_unset_lock(&lk);
    EXPECT_EQ_LL(omp_test_nest_lock(&nl), 1);
    EXPECT_EQ_LL(omp_test_nest_lock(&nl), 2);
    omp_unset_nest_lock(&nl);
    omp_unset_nest_lock(&nl);
    omp_destroy_lock(&lk);
    omp_destroy_nest_lock(&nl);
  }
  return check_report("lock_hint");
}
// CHECK-NOT: FAIL
// CHECK: lock_hint: OK
