// single: exactly one thread per construct (also with nowait, back to back),
// copyprivate broadcasts the value produced by the single thread.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define K 100
static int runs[K];

int main(void) {
  int bad_copy = 0;
  long total = 0;
#pragma omp parallel num_threads(4) reduction(+ : bad_copy, total)
  {
    for (int k = 0; k < K; k++) {
#pragma omp single nowait
      runs[k]++;
    }
#pragma omp barrier
    for (int k = 0; k < 50; k++) {
      int v, arr[3];
      double d;
#pragma omp single copyprivate(v, arr, d)
      {
        v = k * 11 + omp_get_thread_num() * 0; /* produced by one thread */
        arr[0] = k;
        arr[1] = -k;
        arr[2] = k * k;
        d = k / 4.0;
      }
      bad_copy += v != k * 11 || arr[0] != k || arr[1] != -k ||
                  arr[2] != k * k || d != k / 4.0;
      total += v;
    }
  }
  for (int k = 0; k < K; k++)
    EXPECT(runs[k] == 1, "single %d ran %d times", k, runs[k]);
  EXPECT_EQ_LL(bad_copy, 0);
  /* With a barrier (no nowait) the single's writes are visible after it. */
  int flag = 0, seen = 0;
#pragma omp parallel num_threads(3) reduction(+ : seen)
  {
#pragma omp single
    flag = 42;
    seen += flag == 42;
  }
  EXPECT_EQ_LL(seen, 3);
  printf("total=%ld\n", total);
  return check_report("single");
}
// 4 threads * 11 * (0 + ... + 49) = 4 * 11 * 1225
// CHECK-NOT: FAIL
// CHECK: total=53900
// CHECK: single: OK
