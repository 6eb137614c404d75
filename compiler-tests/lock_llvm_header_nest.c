// omp_nest_lock_t used through LLVM's omp.h (8 bytes) while linked against
// the GOMP-ABI runtime. Stock libgomp's nest lock is 16 bytes and overruns
// it (measured: guard clobbered, lost updates), so this is Tempo-only: Tempo
// must keep a nest lock's state within 8 bytes.
// REQUIRES: tempo, llvm-omp-h
// RUN: rm -rf %t.inc && mkdir -p %t.inc && cp %llvm-omp-include/omp.h %t.inc/
// RUN: %cc -I%t.inc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc -I%t.inc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include <stdint.h>
#include "check.h"

#ifndef KMP_VERSION_MAJOR
#error "this test must be compiled against LLVM's omp.h"
#endif

static struct {
  uint64_t before;
  omp_nest_lock_t lock;
  uint64_t after;
} n;
#define GUARD 0xfeedfacecafebeefULL
static volatile long counter;

int main(void) {
  printf("size nest=%zu\n", sizeof(omp_nest_lock_t));
  n.before = n.after = GUARD;
  omp_init_nest_lock(&n.lock);
  int nth = 0;
#pragma omp parallel num_threads(3)
  {
#pragma omp single
    nth = omp_get_num_threads();
    for (int i = 0; i < 3000; i++) {
      omp_set_nest_lock(&n.lock);
      if (omp_test_nest_lock(&n.lock) == 2)
        counter = counter + 1;
      omp_unset_nest_lock(&n.lock);
      omp_unset_nest_lock(&n.lock);
    }
  }
  EXPECT_EQ_LL(counter, 3000L * nth);
  int c1 = omp_test_nest_lock(&n.lock);
  int c2 = omp_test_nest_lock(&n.lock);
  printf("nest counts %d %d\n", c1, c2);
  omp_unset_nest_lock(&n.lock);
  omp_unset_nest_lock(&n.lock);
  omp_destroy_nest_lock(&n.lock);
  EXPECT(n.before == GUARD && n.after == GUARD, "nest lock guards clobbered");
  return check_report("lock_llvm_header_nest");
}
// CHECK: size nest=8
// CHECK-NOT: FAIL
// CHECK: nest counts 1 2
// CHECK: lock_llvm_header_nest: OK
