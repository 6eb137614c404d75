// User-defined reductions (declare reduction) with initializer clauses, on
// a struct and on a complex-like pair, compared with a serial fold.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

typedef struct {
  long sum;
  long sumsq;
  int lo, hi;
} stats;

static void stats_merge(stats *out, const stats *in) {
  out->sum += in->sum;
  out->sumsq += in->sumsq;
  if (in->lo < out->lo) out->lo = in->lo;
  if (in->hi > out->hi) out->hi = in->hi;
}
#pragma omp declare reduction(merge : stats : stats_merge(&omp_out, &omp_in)) \
    initializer(omp_priv = (stats){0, 0, 1 << 30, -(1 << 30)})

typedef struct { long a, b; } mat2; /* [[a, b], [0, 1]] affine maps */
static mat2 mat2_compose(mat2 x, mat2 y) {
  mat2 r = {x.a * y.a, x.a * y.b + x.b};
  return r;
}
static mat2 mat2_identity(void) {
  mat2 r = {1, 0};
  return r;
}
/* Composition is associative but not commutative. */
#pragma omp declare reduction(compose : mat2 : omp_out = mat2_compose(omp_out, omp_in)) \
    initializer(omp_priv = mat2_identity())

int main(void) {
  stats s = {0, 0, 1 << 30, -(1 << 30)}, want = s;
  for (int i = 0; i < 5000; i++) {
    int x = (i * 37) % 1001 - 500;
    want.sum += x;
    want.sumsq += (long)x * x;
    if (x < want.lo) want.lo = x;
    if (x > want.hi) want.hi = x;
  }
#pragma omp parallel for reduction(merge : s) num_threads(3) schedule(guided)
  for (int i = 0; i < 5000; i++) {
    int x = (i * 37) % 1001 - 500;
    stats one = {x, (long)x * x, x, x};
    stats_merge(&s, &one);
  }
  EXPECT_EQ_LL(s.sum, want.sum);
  EXPECT_EQ_LL(s.sumsq, want.sumsq);
  EXPECT_EQ_LL(s.lo, want.lo);
  EXPECT_EQ_LL(s.hi, want.hi);
  printf("lo=%d hi=%d\n", s.lo, s.hi);

  /* Affine maps x -> a*x + b composed over i. */
  mat2 m = {1, 0}, wm = {1, 0};
  for (int i = 0; i < 20; i++) {
    mat2 in = {i % 4 == 0 ? 2 : 1, i % 3};
    wm = mat2_compose(wm, in);
  }
#pragma omp parallel for reduction(compose : m) num_threads(3) schedule(static)
  for (int i = 0; i < 20; i++) {
    mat2 in = {i % 4 == 0 ? 2 : 1, i % 3};
    m = mat2_compose(m, in);
  }
  /* Partial results may be combined in any order, so only the
     order-insensitive part (the product of the a's) is checked. */
  EXPECT_EQ_LL(m.a, wm.a);
  printf("product=%ld\n", m.a);
  return check_report("reduction_udr");
}
// CHECK-NOT: FAIL
// CHECK: lo=-500 hi=500
// 2^5 for i = 0, 4, 8, 12, 16
// CHECK: product=32
// CHECK: reduction_udr: OK
