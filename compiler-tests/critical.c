// critical (unnamed and named): non-atomic read-modify-write sequences stay
// consistent under contention; different names do not exclude each other
// incorrectly (both counters still exact).
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

#define ITERS 20000
static volatile long plain, named_a, named_b;
static volatile long pair_x, pair_y; /* invariant: pair_x == pair_y */

int main(void) {
  int nth = 0, broken = 0;
#pragma omp parallel reduction(+ : broken)
  {
#pragma omp single
    nth = omp_get_num_threads();
    for (int i = 0; i < ITERS; i++) {
#pragma omp critical
      {
        long t = plain;
        plain = t + 1;
      }
#pragma omp critical(alpha)
      named_a = named_a + 2;
#pragma omp critical(beta)
      {
        named_b = named_b + 3;
        long x = pair_x;
        pair_x = x + 1;
        broken += pair_x != pair_y + 1;
        pair_y = pair_y + 1;
      }
    }
  }
  EXPECT_EQ_LL(plain, (long)ITERS * nth);
  EXPECT_EQ_LL(named_a, 2L * ITERS * nth);
  EXPECT_EQ_LL(named_b, 3L * ITERS * nth);
  EXPECT_EQ_LL(broken, 0);
  /* Nested distinct named criticals (no self-deadlock across names). */
  long both = 0;
#pragma omp parallel num_threads(3)
  for (int i = 0; i < 1000; i++) {
#pragma omp critical(outer_name)
    {
#pragma omp critical(inner_name)
      both++;
    }
  }
  printf("both=%ld\n", both);
  return check_report("critical");
}
// CHECK-NOT: FAIL
// CHECK: both=3000
// CHECK: critical: OK
