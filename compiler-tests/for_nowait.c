// Back-to-back nowait loops: several dynamic/guided/static loops in flight
// at once in the same team; results checked after a barrier.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 997
#define LOOPS 8
static int cnt[LOOPS][N];

int main(void) {
  for (int rep = 0; rep < 20; rep++) {
#pragma omp parallel num_threads(4)
    {
      /* A thread that finishes early races ahead into the next loops. */
      for (int l = 0; l < LOOPS; l++) {
        if (l % 3 == 0) {
#pragma omp for schedule(dynamic, 5) nowait
          for (int i = 0; i < N; i++)
            cnt[l][i]++;
        } else if (l % 3 == 1) {
#pragma omp for schedule(guided) nowait
          for (int i = 0; i < N; i++)
            cnt[l][i]++;
        } else {
#pragma omp for schedule(static) nowait
          for (int i = 0; i < N; i++)
            cnt[l][i]++;
        }
      }
    }
  }
  char what[32];
  for (int l = 0; l < LOOPS; l++)
    for (int i = 0; i < N; i++)
      if (cnt[l][i] != 20) {
        snprintf(what, sizeof what, "loop %d", l);
        EXPECT(0, "%s: iteration %d ran %d times, want 20", what, i,
               cnt[l][i]);
        break;
      }
  /* Orphaned nowait loop followed by a dependent loop after a barrier. */
  static int a[N], b[N];
#pragma omp parallel num_threads(3)
  {
#pragma omp for schedule(dynamic) nowait
    for (int i = 0; i < N; i++)
      a[i] = i * 2;
#pragma omp barrier
#pragma omp for schedule(dynamic, 3)
    for (int i = 0; i < N; i++)
      b[i] = a[N - 1 - i] + 1;
  }
  int bad = 0;
  for (int i = 0; i < N; i++)
    bad += b[i] != 2 * (N - 1 - i) + 1;
  EXPECT_EQ_LL(bad, 0);
  return check_report("for_nowait");
}
// CHECK-NOT: FAIL
// CHECK: for_nowait: OK
