// A parallel region sees every shared variable at its own address, whatever
// their number: clang passes them as separate arguments of the outlined
// function (up to four in registers after the thread ids, the rest on the
// stack, 16-byte aligned: odd and even counts), gcc in one struct.  Also: a
// num_threads clause applies to its own region only (also after an if(0)
// region, whose clause must not leak into the next one), nested regions.
// libomp 14 lets an if(0) region's num_threads clause leak into the next region:
// UNSUPPORTED: system-runtime && clang
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  omp_set_dynamic(0);
  int a0 = 0, a1 = 1, a2 = 2, a3 = 3, a4 = 4, a5 = 5, a6 = 6, a7 = 7, a8 = 8, a9 = 9;
  int b0 = 10, b1 = 11, b2 = 12, b3 = 13, b4 = 14, b5 = 15, b6 = 16, b7 = 17, b8 = 18,
      b9 = 19;
  int bad = 0;

  /* 1 shared variable */
#pragma omp parallel num_threads(2) shared(bad)
  {
    if (omp_get_num_threads() != 2)
      __atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
  }
  EXPECT(bad == 0, "one shared variable: %d bad", bad);

  /* 5 (odd number of stack arguments in clang's call: 5 - 4 = 1) */
#pragma omp parallel num_threads(2) shared(bad, a0, a1, a2, a3)
  {
    if (a0 + a1 + a2 + a3 != 6)
      __atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
  }
  EXPECT(bad == 0, "five shared variables: %d bad", bad);

  /* 6: two on the stack */
#pragma omp parallel num_threads(2) shared(bad, a0, a1, a2, a3, a4)
  {
    if (a0 + a1 + a2 + a3 + a4 != 10)
      __atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
  }
  EXPECT(bad == 0, "six shared variables: %d bad", bad);

  /* 21: past the runtime's small array of pointers */
  int seen = 0;
#pragma omp parallel num_threads(3) shared(bad, seen, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, \
                                           b0, b1, b2, b3, b4, b5, b6, b7, b8, b9)
  {
    int s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + b0 + b1 + b2 + b3 + b4 + b5 +
            b6 + b7 + b8 + b9;
    if (s != 190)
      __atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
#pragma omp atomic
    seen++;
#pragma omp barrier
#pragma omp single
    b9 = 100; /* written through the pointer: visible after the region */
  }
  EXPECT(bad == 0 && seen == 3, "21 shared variables: %d bad, %d threads", bad, seen);
  EXPECT(b9 == 100, "a write through the 21st pointer: b9=%d", b9);

  /* num_threads of an if(0) region does not leak into the next region */
  int n_if0 = 0, n_next = 0;
  omp_set_num_threads(2);
#pragma omp parallel num_threads(3) if (a0 != 0)
  n_if0 = omp_get_num_threads();
#pragma omp parallel
#pragma omp single
  n_next = omp_get_num_threads();
  EXPECT(n_if0 == 1 && n_next == 2, "if(0) region %d threads, next region %d", n_if0, n_next);

  /* nested regions, each with its own clause */
  omp_set_max_active_levels(2);
  int inner[2] = {0, 0};
#pragma omp parallel num_threads(2) shared(inner)
  {
    int me = omp_get_thread_num();
#pragma omp parallel num_threads(3) shared(inner, me)
    {
#pragma omp atomic
      inner[me]++;
    }
  }
  EXPECT(inner[0] == 3 && inner[1] == 3, "nested: %d and %d", inner[0], inner[1]);
  return check_report("parallel_many_shared");
}
// CHECK-NOT: FAIL
// CHECK: parallel_many_shared: OK
