// OMP_DYNAMIC / omp_set_dynamic: with dynamic adjustment a team may be
// smaller than requested but never larger; without it, exactly the request.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s --check-prefix=OFF
// RUN: env OMP_DYNAMIC=true %preload %run %t | %FileCheck %s --check-prefix=ON
// RUN: env OMP_DYNAMIC=false %preload %run %t | %FileCheck %s --check-prefix=OFF
// RUN: %cc %s %link -o %t.l && env OMP_DYNAMIC=TRUE %run %t.l | %FileCheck %s --check-prefix=ON
#include <omp.h>
#include "check.h"

static int team(int n) {
  int size = 0, runs = 0;
#pragma omp parallel num_threads(n)
  {
#pragma omp atomic
    runs++;
#pragma omp master
    size = omp_get_num_threads();
  }
  EXPECT_EQ_LL(runs, size);
  return size;
}

int main(void) {
  int dyn = omp_get_dynamic();
  printf("dynamic=%d\n", dyn);
  for (int n = 1; n <= 6; n++) {
    int s = team(n);
    if (dyn)
      EXPECT(s >= 1 && s <= n, "dynamic: requested %d got %d", n, s);
    else
      EXPECT(s == n, "static: requested %d got %d", n, s);
  }
  omp_set_dynamic(!dyn);
  printf("toggled=%d\n", omp_get_dynamic());
  omp_set_dynamic(0);
  EXPECT_EQ_LL(team(5), 5);
  return check_report("dynamic");
}
// ON: dynamic=1
// ON-NOT: FAIL
// ON: toggled=0
// ON: dynamic: OK
// OFF: dynamic=0
// OFF-NOT: FAIL
// OFF: toggled=1
// OFF: dynamic: OK
