// omp_get_wtime is monotonic and advances like the wall clock
// (cross-checked with clock_gettime); omp_get_wtick is positive and small.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include <time.h>
#include "check.h"

static double now_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(void) {
  double tick = omp_get_wtick();
  EXPECT(tick > 0 && tick <= 1e-3, "wtick %g", tick);
  double prev = omp_get_wtime(), m0 = now_mono(), w0 = prev;
  EXPECT(prev >= 0, "wtime %f", prev);
  int backwards = 0;
  for (int i = 0; i < 100000; i++) {
    double t = omp_get_wtime();
    backwards += t < prev;
    prev = t;
  }
  EXPECT_EQ_LL(backwards, 0);
  struct timespec d = {0, 50 * 1000 * 1000};
  nanosleep(&d, NULL);
  double w1 = omp_get_wtime(), m1 = now_mono();
  double dw = w1 - w0, dm = m1 - m0;
  EXPECT(dw >= 0.049 && dw < dm + 0.01 && dw > dm - 0.01,
         "wtime advanced %f s while the monotonic clock advanced %f s", dw, dm);
  /* Threads see consistent (non-decreasing across a barrier) times. */
  double t_before[8] = {0}, t_after[8] = {0};
  int bad = 0;
#pragma omp parallel num_threads(4)
  {
    int me = omp_get_thread_num();
    t_before[me] = omp_get_wtime();
#pragma omp barrier
    t_after[me] = omp_get_wtime();
#pragma omp barrier
#pragma omp single
    for (int a = 0; a < 4; a++)
      for (int b = 0; b < 4; b++)
        bad += t_after[a] + 1e-4 < t_before[b];
  }
  EXPECT_EQ_LL(bad, 0);
  return check_report("api_time");
}
// CHECK-NOT: FAIL
// CHECK: api_time: OK
