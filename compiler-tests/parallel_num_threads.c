// Team sizes: num_threads, back-to-back regions of different sizes,
// oversubscription (8 threads on few cores), omp_in_parallel.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=5 %preload %run %t | %FileCheck %s --check-prefix=ENV5
#include <omp.h>
#include <stdlib.h>
#include "check.h"

/* Run a region of n threads; check ids are 0..n-1 exactly once. */
static int region(int n) {
  int seen[64] = {0};
  int size = -1, inpar = -1;
#pragma omp parallel num_threads(n)
  {
    int id = omp_get_thread_num();
#pragma omp atomic
    seen[id]++;
    if (id == 0) {
      size = omp_get_num_threads();
      inpar = omp_in_parallel();
    }
  }
  EXPECT_EQ_LL(size, n);
  EXPECT_EQ_LL(inpar, n > 1);
  for (int i = 0; i < 64; i++)
    EXPECT(seen[i] == (i < n), "n=%d: thread %d seen %d times", n, i, seen[i]);
  return size;
}

int main(void) {
  if (getenv("OMP_NUM_THREADS")) {
    int sz = 0;
#pragma omp parallel
#pragma omp single
    sz = omp_get_num_threads();
    printf("default team %d max %d\n", sz, omp_get_max_threads());
    return check_report("env");
  }
  EXPECT_EQ_LL(omp_in_parallel(), 0);
  EXPECT_EQ_LL(omp_get_num_threads(), 1);
  EXPECT_EQ_LL(omp_get_thread_num(), 0);
  printf("size %d\n", region(3));
  printf("size %d\n", region(8));
  static const int sizes[] = {1, 2, 7, 3, 8, 1, 5, 2, 6, 4, 8, 3};
  long total = 0;
  for (int r = 0; r < 20; r++)
    for (unsigned k = 0; k < sizeof sizes / sizeof *sizes; k++)
      total += region(sizes[k]);
  printf("total %ld\n", total);
  /* omp_set_num_threads changes the default team size. */
  omp_set_num_threads(4);
  int sz = 0;
#pragma omp parallel
#pragma omp single
  sz = omp_get_num_threads();
  printf("after set %d max %d\n", sz, omp_get_max_threads());
  return check_report("parallel_num_threads");
}
// CHECK-NOT: FAIL
// CHECK: size 3
// CHECK: size 8
// sum of sizes (50) times 20 repetitions
// CHECK: total 1000
// CHECK: after set 4 max 4
// CHECK: parallel_num_threads: OK
// ENV5: default team 5 max 5
// ENV5: env: OK
