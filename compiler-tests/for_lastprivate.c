// lastprivate on loops (every schedule) takes the value from the
// sequentially last iteration; also conditional lastprivate.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static long f(long i) { return i * 3 + 1; }

int main(void) {
  for (long n = 1; n < 300; n += 37) {
    long want = f(n - 1), x = -1, y = -1, z = -1, w = -1, idx = -1;
#pragma omp parallel for lastprivate(x) schedule(static) num_threads(3)
    for (long i = 0; i < n; i++) x = f(i);
#pragma omp parallel for lastprivate(y) schedule(dynamic, 2) num_threads(3)
    for (long i = 0; i < n; i++) y = f(i);
#pragma omp parallel for lastprivate(z) schedule(guided) num_threads(3)
    for (long i = 0; i < n; i++) z = f(i);
#pragma omp parallel for lastprivate(w) schedule(runtime) num_threads(3)
    for (long i = 0; i < n; i++) w = f(i);
    /* The loop variable itself is lastprivate: one past the last value. */
#pragma omp parallel for lastprivate(idx) schedule(dynamic) num_threads(2)
    for (idx = 0; idx < n; idx++) ;
    EXPECT(x == want && y == want && z == want && w == want,
           "n=%ld want %ld got %ld %ld %ld %ld", n, want, x, y, z, w);
    EXPECT_EQ_LL(idx, n);
  }
  /* lastprivate(conditional:) keeps the value of the last assignment. */
  int last = -1;
#pragma omp parallel for lastprivate(conditional : last) num_threads(3) schedule(dynamic)
  for (int i = 0; i < 1000; i++)
    if (i % 97 == 5)
      last = i;
  printf("conditional %d\n", last);
  return check_report("for_lastprivate");
}
// 5 + 97*10 = 975 is the last i < 1000 with i % 97 == 5
// CHECK-NOT: FAIL
// CHECK: conditional 975
// CHECK: for_lastprivate: OK
