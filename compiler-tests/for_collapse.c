// collapse(2) and collapse(3) loops, rectangular and with odd bounds, under
// static, dynamic and guided schedules, and a non-rectangular collapse.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define A 7
#define B 13
#define C 5
static int c2[A][B], c3[A][B][C], tri[40][40];

int main(void) {
#pragma omp parallel for collapse(2) schedule(static) num_threads(3)
  for (int i = 0; i < A; i++)
    for (int j = 0; j < B; j++)
      c2[i][j]++;
#pragma omp parallel for collapse(2) schedule(dynamic, 4) num_threads(3)
  for (int i = A - 1; i >= 0; i--)
    for (int j = 0; j < B; j += 1)
      c2[i][j]++;
#pragma omp parallel for collapse(2) schedule(guided) num_threads(4)
  for (long i = 0; i < A; i++)
    for (long j = B - 1; j >= 0; j--)
      c2[i][j]++;
  int bad = 0;
  for (int i = 0; i < A; i++)
    for (int j = 0; j < B; j++)
      bad += c2[i][j] != 3;
  EXPECT_EQ_LL(bad, 0);

#pragma omp parallel for collapse(3) schedule(dynamic) num_threads(3)
  for (int i = 0; i < A; i++)
    for (int j = 0; j < B; j++)
      for (int k = 0; k < C; k++)
        c3[i][j][k] += i * 10000 + j * 100 + k;
#pragma omp parallel for collapse(3) schedule(static, 7) num_threads(3)
  for (int i = 0; i < A; i++)
    for (int j = 0; j < B; j++)
      for (int k = C - 1; k >= 0; k--)
        c3[i][j][k] += 1;
  bad = 0;
  for (int i = 0; i < A; i++)
    for (int j = 0; j < B; j++)
      for (int k = 0; k < C; k++)
        bad += c3[i][j][k] != i * 10000 + j * 100 + k + 1;
  EXPECT_EQ_LL(bad, 0);

  /* Zero-trip inner loop: nothing runs. */
  int n0 = 0, zero = 0;
#pragma omp parallel for collapse(2) reduction(+ : n0) num_threads(2)
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < zero; j++)
      n0++;
  EXPECT_EQ_LL(n0, 0);

  /* Non-rectangular (triangular) collapse. */
#pragma omp parallel for collapse(2) num_threads(3)
  for (int i = 0; i < 40; i++)
    for (int j = i; j < 40; j++)
      tri[i][j]++;
  bad = 0;
  long total = 0;
  for (int i = 0; i < 40; i++)
    for (int j = 0; j < 40; j++) {
      bad += tri[i][j] != (j >= i);
      total += tri[i][j];
    }
  EXPECT_EQ_LL(bad, 0);
  printf("triangle %ld\n", total);
  return check_report("for_collapse");
}
// CHECK-NOT: FAIL
// CHECK: triangle 820
// CHECK: for_collapse: OK
