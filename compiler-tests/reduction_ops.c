// Reduction operators +, *, -, min, max, &&, ||, &, |, ^ on int, long,
// double and float, compared with serially computed results.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 1000
static int v[N];

int main(void) {
  for (int i = 0; i < N; i++)
    v[i] = (i * 7919) % 1009 - 300;
  long s_sum = 0, s_sub = 0, s_mul = 1;
  int s_min = v[0], s_max = v[0], s_and = 1, s_or = 0, s_band = ~0, s_bor = 0,
      s_xor = 0;
  double s_dsum = 0;
  for (int i = 0; i < N; i++) {
    s_sum += v[i];
    s_sub -= v[i];
    if (i % 50 == 0)
      s_mul *= (v[i] % 3) + 2;
    s_min = v[i] < s_min ? v[i] : s_min;
    s_max = v[i] > s_max ? v[i] : s_max;
    s_and = s_and && (v[i] != 12345);
    s_or = s_or || (v[i] == 700);
    s_band &= v[i] | 0x100;
    s_bor |= v[i] & 0xff;
    s_xor ^= v[i];
    s_dsum += v[i] * 0.5;
  }
  for (int nth = 1; nth <= 5; nth += 2) {
    long p_sum = 0, p_sub = 0, p_mul = 1;
    int p_min = v[0], p_max = v[0], p_and = 1, p_or = 0, p_band = ~0,
        p_bor = 0, p_xor = 0;
    double p_dsum = 0;
    float fmax = -1e30f;
#pragma omp parallel for num_threads(nth) schedule(dynamic, 7)             \
    reduction(+ : p_sum, p_dsum) reduction(- : p_sub) reduction(* : p_mul)  \
    reduction(min : p_min) reduction(max : p_max, fmax)                     \
    reduction(&& : p_and) reduction(|| : p_or) reduction(& : p_band)        \
    reduction(| : p_bor) reduction(^ : p_xor)
    for (int i = 0; i < N; i++) {
      p_sum += v[i];
      p_sub -= v[i];
      if (i % 50 == 0)
        p_mul *= (v[i] % 3) + 2;
      p_min = v[i] < p_min ? v[i] : p_min;
      p_max = v[i] > p_max ? v[i] : p_max;
      fmax = (float)v[i] > fmax ? (float)v[i] : fmax;
      p_and = p_and && (v[i] != 12345);
      p_or = p_or || (v[i] == 700);
      p_band &= v[i] | 0x100;
      p_bor |= v[i] & 0xff;
      p_xor ^= v[i];
      p_dsum += v[i] * 0.5;
    }
    EXPECT_EQ_LL(p_sum, s_sum);
    EXPECT_EQ_LL(p_sub, s_sub);
    EXPECT_EQ_LL(p_mul, s_mul);
    EXPECT_EQ_LL(p_min, s_min);
    EXPECT_EQ_LL(p_max, s_max);
    EXPECT_EQ_LL((long long)fmax, s_max);
    EXPECT_EQ_LL(p_and, s_and);
    EXPECT_EQ_LL(p_or, s_or);
    EXPECT_EQ_LL(p_band, s_band);
    EXPECT_EQ_LL(p_bor, s_bor);
    EXPECT_EQ_LL(p_xor, s_xor);
    EXPECT(p_dsum == s_dsum, "double sum %f want %f", p_dsum, s_dsum);
  }
  /* Reduction on a parallel region (no loop) and on an array section. */
  int count = 0;
  long arr[4] = {0};
#pragma omp parallel num_threads(4) reduction(+ : count, arr[:4])
  {
    count++;
    for (int k = 0; k < 4; k++)
      arr[k] += k + omp_get_thread_num();
  }
  EXPECT_EQ_LL(count, 4);
  for (int k = 0; k < 4; k++)
    EXPECT_EQ_LL(arr[k], 4 * k + 6);
  printf("sum=%ld min=%d max=%d\n", s_sum, s_min, s_max);
  return check_report("reduction_ops");
}
// CHECK-NOT: FAIL
// CHECK: sum={{-?[0-9]+}} min=-300 max=708
// CHECK: reduction_ops: OK
