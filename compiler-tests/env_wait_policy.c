// OMP_WAIT_POLICY and GOMP_SPINCOUNT: accepted, reflected in the verbose
// OMP_DISPLAY_ENV output (values as libgomp 12 reports them), and programs
// with many short regions and barriers still compute the right result.
// RUN: %cc %s -o %t
// RUN: env OMP_WAIT_POLICY=active OMP_DISPLAY_ENV=verbose %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CHECK,ACTIVE
// RUN: env OMP_WAIT_POLICY=PASSIVE OMP_DISPLAY_ENV=verbose %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CHECK,PASSIVE
// RUN: env GOMP_SPINCOUNT=1000 OMP_DISPLAY_ENV=verbose %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CHECK,SPIN1000
// RUN: env GOMP_SPINCOUNT=2k OMP_DISPLAY_ENV=verbose %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CHECK,SPIN2K
// RUN: env GOMP_SPINCOUNT=infinite OMP_DISPLAY_ENV=verbose %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CHECK,SPININF
// RUN: env GOMP_SPINCOUNT=0 %preload %run %t 2>&1 | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_WAIT_POLICY=passive %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  long total = 0;
  for (int r = 0; r < 300; r++) {
    long s = 0;
#pragma omp parallel num_threads(3) reduction(+ : s)
    {
      s += omp_get_thread_num();
#pragma omp barrier
      s += 1;
    }
    total += s;
  }
  printf("total=%ld\n", total);
  return 0;
}
// ACTIVE: OMP_WAIT_POLICY = 'ACTIVE'
// ACTIVE: GOMP_SPINCOUNT = '30000000000'
// PASSIVE: OMP_WAIT_POLICY = 'PASSIVE'
// PASSIVE: GOMP_SPINCOUNT = '0'
// SPIN1000: GOMP_SPINCOUNT = '1000'
// SPIN2K: GOMP_SPINCOUNT = '2000'
// SPININF: GOMP_SPINCOUNT = '18446744073709551615'
// 300 * (0 + 1 + 2 + 3)
// CHECK: total=1800
