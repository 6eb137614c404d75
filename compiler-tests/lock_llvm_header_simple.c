// omp_lock_t used through LLVM's omp.h (8-byte layout) while linked against
// the GOMP-ABI runtime: the lock state must fit in those 8 bytes. Guard
// words around the lock detect writes beyond it.
// REQUIRES: llvm-omp-h
// Only LLVM's omp.h is copied to a private directory (its other headers
// are clang's builtins and must not shadow gcc's).
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
  omp_lock_t lock;
  uint64_t after;
} g;
#define GUARD 0xfeedfacecafebeefULL
static volatile long counter;

int main(void) {
  printf("size lock=%zu\n", sizeof(omp_lock_t));
  g.before = g.after = GUARD;
  omp_init_lock(&g.lock);
  int nth = 0;
#pragma omp parallel num_threads(3)
  {
#pragma omp single
    nth = omp_get_num_threads();
    for (int i = 0; i < 5000; i++) {
      omp_set_lock(&g.lock);
      counter = counter + 1;
      omp_unset_lock(&g.lock);
    }
  }
  EXPECT_EQ_LL(counter, 5000L * nth);
  int t1 = omp_test_lock(&g.lock);
  int t2 = omp_test_lock(&g.lock);
  printf("test_lock free=%d held=%d\n", t1, t2);
  omp_unset_lock(&g.lock);
  omp_destroy_lock(&g.lock);
  EXPECT(g.before == GUARD && g.after == GUARD, "lock guards clobbered");
  return check_report("lock_llvm_header_simple");
}
// CHECK: size lock=8
// CHECK-NOT: FAIL
// CHECK: test_lock free=1 held=0
// CHECK: lock_llvm_header_simple: OK
