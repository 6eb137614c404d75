// atomic update/read/write/capture on int, long long, double, float and
// long double (the latter through GOMP_atomic_start/end).
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=6 %preload %run %t | %FileCheck %s
#include <omp.h>
#include <string.h>
#include "check.h"

#define ITERS 5000
static int tickets[64 * ITERS];

int main(void) {
  int i_cnt = 0, nth = 0;
  long long ll = 0;
  double d = 0;
  float f = 0;
  long double ld = 0, ldm = 1;
  int next = 0, dup = 0;
  memset(tickets, 0, sizeof tickets);
#pragma omp parallel
  {
#pragma omp single
    nth = omp_get_num_threads();
    for (int k = 0; k < ITERS; k++) {
#pragma omp atomic
      i_cnt++;
#pragma omp atomic update
      ll += 3;
#pragma omp atomic
      d += 0.25;
#pragma omp atomic
      f += 1.0f;
#pragma omp atomic
      ld += 0.5L;
      /* capture: every thread gets a distinct ticket */
      int mine;
#pragma omp atomic capture
      mine = next++;
      if (mine < 64 * ITERS)
        tickets[mine]++;
    }
#pragma omp barrier
#pragma omp single
    for (int k = 0; k < 10; k++)
#pragma omp atomic
      ldm *= 2.0L;
  }
  long n = (long)nth * ITERS;
  EXPECT_EQ_LL(i_cnt, n);
  EXPECT_EQ_LL(ll, 3 * n);
  EXPECT(d == 0.25 * n, "double %f want %f", d, 0.25 * n);
  EXPECT(f == (float)n, "float %f want %ld", f, n);
  EXPECT(ld == 0.5L * n, "long double %Lf want %Lf", ld, 0.5L * n);
  EXPECT(ldm == 1024.0L, "long double mult %Lf", ldm);
  EXPECT_EQ_LL(next, n);
  for (long k = 0; k < n; k++)
    dup += tickets[k] != 1;
  EXPECT_EQ_LL(dup, 0);
  /* capture forms: {v = x; x op= e;} and {x op= e; v = x;} */
  int x = 0, sum_even = 0, sum_after = 0;
#pragma omp parallel for num_threads(4) reduction(+ : sum_even, sum_after)
  for (int k = 0; k < 1000; k++) {
    int v, w;
#pragma omp atomic capture
    { v = x; x += 2; }
#pragma omp atomic capture
    { x -= 1; w = x; }
    sum_even += v >= 0;
    sum_after += w > 0;
  }
  EXPECT_EQ_LL(x, 1000);
  EXPECT_EQ_LL(sum_after, 1000);
  EXPECT_EQ_LL(sum_even, 1000);
  /* atomic read / write */
  long shared = 0, seen_bad = 0;
#pragma omp parallel num_threads(3) reduction(+ : seen_bad)
  for (int k = 0; k < 2000; k++) {
    long r;
    if (omp_get_thread_num() == 0) {
#pragma omp atomic write
      shared = (k % 2) ? 0x5555555555555555L : 0x2aaaaaaaaaaaaaaaL;
    }
#pragma omp atomic read
    r = shared;
    seen_bad += r != 0 && r != 0x5555555555555555L && r != 0x2aaaaaaaaaaaaaaaL;
  }
  EXPECT_EQ_LL(seen_bad, 0);
  /* long double compare-style capture through the runtime lock */
  long double ldc = 0;
  long double got_max = 0;
#pragma omp parallel for num_threads(3) reduction(max : got_max)
  for (int k = 0; k < 300; k++) {
    long double v;
#pragma omp atomic capture
    { ldc += 1.0L; v = ldc; }
    got_max = v > got_max ? v : got_max;
  }
  printf("ldc=%.1Lf max=%.1Lf\n", ldc, got_max);
  return check_report("atomic");
}
// CHECK-NOT: FAIL
// CHECK: ldc=300.0 max=300.0
// CHECK: atomic: OK
