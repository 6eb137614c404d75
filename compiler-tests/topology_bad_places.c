// Bad place lists get one warning naming the variable and the value, and
// the default (no place list, threads unbound); a binding that cannot be
// applied gets one warning and the program runs on.  On a synthetic machine
// (PUs 0..15) so the usable CPUs are the same everywhere.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env HWLOC_SYNTHETIC="pack:2 core:4 pu:2" OMP_PLACES="{0:99999}" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=HUGE
// RUN: env OMP_PLACES="{0:99999}" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=HUGE
// RUN: env HWLOC_SYNTHETIC="pack:2 core:4 pu:2" OMP_PLACES="{5000}" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=BEYOND
// RUN: env HWLOC_SYNTHETIC="pack:2 core:4 pu:2" OMP_PLACES="{40:4},{100}" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=OUTSIDE
// RUN: env HWLOC_SYNTHETIC="pack:2 core:4 pu:2" OMP_PLACES="{14:4},{100}" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=PARTLY
// RUN: env HWLOC_SYNTHETIC="pack:2 core:4 pu:2" GOMP_CPU_AFFINITY="0-99999" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=GOMP
// RUN: env HWLOC_SYNTHETIC="pack:2 core:4 pu:2" OMP_PLACES="cores(0)" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=COUNT
// Binding really applied on CPUs that do not exist (test switch): one warning.
// RUN: env HWLOC_SYNTHETIC="pack:1 core:2 pu:1(indexes=1000,1001)" TEMPO_TEST_BIND_FOREIGN=1 OMP_PLACES=cores OMP_PROC_BIND=spread %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NOBIND
#include "placelist.h"

int main(void) {
  print_place_list();
  int n = 0;
  for (int r = 0; r < 3; r++) {
#pragma omp parallel num_threads(2) reduction(+ : n)
    n++;
  }
  printf("ran %d\n", n);
  return 0;
}

// HUGE: tempo: warning: ignoring OMP_PLACES='{0:99999}': bad CPU interval
// HUGE-NOT: tempo:
// HUGE: places 0:
// HUGE-NEXT: ran 6
// BEYOND: tempo: warning: ignoring OMP_PLACES='{5000}': CPU number out of range inside { } (CPUs 0..1023)
// BEYOND-NOT: tempo:
// BEYOND: places 0:
// BEYOND-NEXT: ran 6
// OUTSIDE: tempo: warning: ignoring OMP_PLACES='{40:4},{100}': none of the places contains a usable CPU
// OUTSIDE-NOT: tempo:
// OUTSIDE: places 0:
// OUTSIDE-NEXT: ran 6
// PARTLY: tempo: warning: OMP_PLACES='{14:4},{100}': places without a usable CPU were dropped
// PARTLY-NOT: tempo:
// PARTLY: places 1: {14,15}
// PARTLY-NEXT: ran 6
// GOMP: tempo: warning: ignoring GOMP_CPU_AFFINITY='0-99999'
// GOMP-NOT: tempo:
// GOMP: places 0:
// GOMP-NEXT: ran 6
// COUNT: tempo: warning: ignoring OMP_PLACES='cores(0)': expected a positive count in ( )
// COUNT-NOT: tempo:
// COUNT: places 0:
// COUNT-NEXT: ran 6
// (stdout is a pipe, flushed at exit: the warning comes first)
// NOBIND: tempo: warning: cannot bind a thread to place {{[01]}} (CPUs 100{{[01]}}): Invalid argument
// NOBIND-NOT: tempo:
// NOBIND: places 2: {1000} {1001}
// NOBIND-NEXT: ran 6
