// Doacross loops: ordered(1) and ordered(2) with depend(sink)/depend(source)
// (GOMP_doacross_*): each iteration reads values its sinks produced.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 300
#define R 24
#define C 31
static long a[N];
static long g[R][C], want[R][C];

int main(void) {
  /* 1-D recurrence a[i] = a[i-1] + a[i-2] + i (mod) needs both sinks. */
  long w[N];
  w[0] = a[0] = 1;
  w[1] = a[1] = 2;
  for (int i = 2; i < N; i++)
    w[i] = (w[i - 1] + w[i - 2] + i) % 1000003;
  for (int kind = 0; kind < 2; kind++) {
    for (int i = 2; i < N; i++)
      a[i] = -1;
    if (kind == 0) {
#pragma omp parallel for ordered(1) schedule(dynamic) num_threads(3)
      for (int i = 2; i < N; i++) {
#pragma omp ordered depend(sink : i - 1) depend(sink : i - 2)
        a[i] = (a[i - 1] + a[i - 2] + i) % 1000003;
#pragma omp ordered depend(source)
      }
    } else {
#pragma omp parallel for ordered(1) schedule(static, 5) num_threads(4)
      for (int i = 2; i < N; i++) {
#pragma omp ordered depend(sink : i - 2) depend(sink : i - 1)
        a[i] = (a[i - 1] + a[i - 2] + i) % 1000003;
#pragma omp ordered depend(source)
      }
    }
    int bad = 0;
    for (int i = 0; i < N; i++)
      bad += a[i] != w[i];
    EXPECT(bad == 0, "1-D kind %d: %d wrong", kind, bad);
  }
  /* 2-D wavefront g[i][j] = g[i-1][j] + g[i][j-1] (mod). */
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++)
      want[i][j] = (i == 0 || j == 0)
                       ? 1
                       : (want[i - 1][j] + want[i][j - 1]) % 1000003;
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++)
      g[i][j] = (i == 0 || j == 0) ? 1 : -1;
#pragma omp parallel for ordered(2) schedule(dynamic) num_threads(3)
  for (int i = 1; i < R; i++)
    for (int j = 1; j < C; j++) {
#pragma omp ordered depend(sink : i - 1, j) depend(sink : i, j - 1)
      g[i][j] = (g[i - 1][j] + g[i][j - 1]) % 1000003;
#pragma omp ordered depend(source)
    }
  int bad = 0;
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++)
      bad += g[i][j] != want[i][j];
  EXPECT(bad == 0, "2-D: %d wrong", bad);
  printf("corner %ld\n", g[R - 1][C - 1]);
  return check_report("doacross");
}
// C(53, 23) mod 1000003 computed by the serial loop; only equality matters.
// CHECK-NOT: FAIL
// CHECK: corner {{[0-9]+}}
// CHECK: doacross: OK
