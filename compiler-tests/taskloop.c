// taskloop with grainsize, num_tasks, nogroup, collapse, unsigned long long
// and negative-step bounds: every iteration exactly once.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <limits.h>
#include "loopcheck.h"

int main(void) {
  char what[80];
  static const long ns[] = {0, 1, 2, 7, 100, 1009, 4096};
  for (unsigned t = 0; t < sizeof ns / sizeof *ns; t++) {
    long n = ns[t];
    for (int form = 0; form < 5; form++) {
      lc_reset();
#pragma omp parallel num_threads(3)
#pragma omp single
      {
        switch (form) {
        case 0:
#pragma omp taskloop
          for (long i = 0; i < n; i++) lc_hit(i);
          break;
        case 1:
#pragma omp taskloop grainsize(7)
          for (long i = 0; i < n; i++) lc_hit(i);
          break;
        case 2:
#pragma omp taskloop num_tasks(5)
          for (long i = n - 1; i >= 0; i--) lc_hit(n - 1 - i);
          break;
        case 3:
#pragma omp taskloop num_tasks(3) nogroup
          for (long i = 0; i < n; i++) lc_hit(i);
#pragma omp taskwait
          break;
        default:
#pragma omp taskloop grainsize(1)
          for (unsigned long long i = ULLONG_MAX - n; i < ULLONG_MAX; i++)
            lc_hit((long)(i - (ULLONG_MAX - n)));
          break;
        }
      }
      snprintf(what, sizeof what, "taskloop form %d n=%ld", form, n);
      lc_check_once(n, what);
    }
  }
  /* collapse(2) with an odd step. */
  lc_reset();
#pragma omp parallel num_threads(2)
#pragma omp single
#pragma omp taskloop collapse(2) grainsize(4)
  for (int i = 0; i < 13; i++)
    for (int j = 0; j < 30; j += 3)
      lc_hit(i * 10 + j / 3);
  lc_check_once(130, "taskloop collapse(2)");
  /* taskloop run by every thread of the team (not just single). */
  int total = 0;
#pragma omp parallel num_threads(3)
  {
#pragma omp taskloop num_tasks(4)
    for (int i = 0; i < 100; i++)
#pragma omp atomic
      total++;
  }
  printf("all threads total=%d\n", total);
  return check_report("taskloop");
}
// CHECK-NOT: FAIL
// CHECK: all threads total=300
// CHECK: taskloop: OK
