// ordered regions run in iteration order whatever the schedule; output
// printed from inside the ordered region is checked line by line.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_SCHEDULE=guided,2 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 200
static int seq[N];

int main(void) {
  int pos;
  for (int kind = 0; kind < 4; kind++) {
    pos = 0;
    switch (kind) {
    case 0:
#pragma omp parallel for ordered schedule(dynamic) num_threads(4)
      for (int i = 0; i < N; i++) {
#pragma omp ordered
        seq[pos++] = i;
      }
      break;
    case 1:
#pragma omp parallel for ordered schedule(static, 3) num_threads(3)
      for (int i = 0; i < N; i++) {
#pragma omp ordered
        seq[pos++] = i;
      }
      break;
    case 2:
#pragma omp parallel for ordered schedule(guided) num_threads(3)
      for (int i = N - 1; i >= 0; i--) {
#pragma omp ordered
        seq[pos++] = N - 1 - i;
      }
      break;
    default:
#pragma omp parallel for ordered schedule(runtime) num_threads(4)
      for (int i = 0; i < N; i++) {
        for (volatile int k = 0; k < (i % 7) * 300; k++)
          ; /* unordered part with uneven cost */
#pragma omp ordered
        seq[pos++] = i;
      }
    }
    EXPECT_EQ_LL(pos, N);
    for (int i = 0; i < N; i++)
      if (seq[i] != i) {
        EXPECT(0, "kind %d: position %d holds iteration %d", kind, i, seq[i]);
        break;
      }
  }
  /* Output order: unsigned long long loop with a chunk. */
#pragma omp parallel for ordered schedule(dynamic, 2) num_threads(3)
  for (unsigned long long i = 1; i <= 6; i++) {
#pragma omp ordered
    printf("ordered %llu square %llu\n", i, i * i);
  }
  return check_report("ordered");
}
// CHECK-NOT: FAIL
// CHECK: ordered 1 square 1
// CHECK-NEXT: ordered 2 square 4
// CHECK-NEXT: ordered 3 square 9
// CHECK-NEXT: ordered 4 square 16
// CHECK-NEXT: ordered 5 square 25
// CHECK-NEXT: ordered 6 square 36
// CHECK-NEXT: ordered: OK
