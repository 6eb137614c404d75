// A worksharing loop cancelled by `cancel for`, then other loops in later
// regions of the same team: they must run every iteration exactly once.
// clang's code leaves a cancelled dynamic loop without asking for its end
// (no further __kmpc_dispatch_next), so the runtime has to notice at the
// next loop; a stealing loop's cursor left behind used to hand the next
// loop chunks of the cancelled one.
// RUN: %cc %s -o %t
// RUN: env OMP_CANCELLATION=true OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_CANCELLATION=true OMP_NUM_THREADS=3 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

static long f(long i) { return (i * 2654435761L) % 1000003 - 500000; }

int main(void) {
  for (int rep = 0; rep < 100; rep++) {
    int n = 20000, target = (rep * 7919) % n, found = -1;
#pragma omp parallel
    {
#pragma omp for schedule(dynamic, 16)
      for (int i = 0; i < n; i++) {
        if (i == target) {
#pragma omp atomic write
          found = i;
#pragma omp cancel for
        }
#pragma omp cancellation point for
      }
    }
    EXPECT(found == target, "rep %d: found %d, target %d", rep, found, target);
    long sum = 0, want = 0;
    int m = 2059 + rep, order = 0, in_order = 1;
    for (int i = 0; i < m; i++)
      want += f(i);
#pragma omp parallel reduction(+ : sum)
    {
#pragma omp for schedule(monotonic : dynamic, 2)
      for (int i = 0; i < m; i++)
        sum += f(i);
#pragma omp for schedule(guided)
      for (int i = 0; i < m; i++)
        sum += f(i);
#pragma omp for ordered schedule(dynamic, 3)
      for (int i = 0; i < m; i++) {
#pragma omp ordered
        {
          in_order &= i == order;
          order++;
        }
      }
    }
    EXPECT(sum == 2 * want, "rep %d: sum %ld, want %ld", rep, sum, 2 * want);
    EXPECT(in_order && order == m, "rep %d: ordered loop ran %d of %d in order %d", rep,
           order, m, in_order);
  }
  return check_report("cancel_then_loop");
}
// CHECK-NOT: FAIL
// CHECK: cancel_then_loop: OK
