// OMP_DISPLAY_ENV=true/verbose prints the OPENMP DISPLAY ENVIRONMENT block
// (on stderr) with the values parsed from the environment; unset or false
// prints nothing. Order-independent checks of key variables.
// RUN: %cc %s -o %t
// RUN: env OMP_DISPLAY_ENV=true OMP_NUM_THREADS=3 OMP_SCHEDULE=guided,5 OMP_DYNAMIC=true OMP_THREAD_LIMIT=9 OMP_MAX_ACTIVE_LEVELS=4 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=TRUE
// RUN: env OMP_DISPLAY_ENV=verbose OMP_NUM_THREADS=3 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=VERBOSE
// RUN: env OMP_DISPLAY_ENV=false OMP_NUM_THREADS=3 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NONE
// RUN: env OMP_NUM_THREADS=3 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NONE
// RUN: %cc %s %link -o %t.l && env OMP_DISPLAY_ENV=TRUE OMP_NUM_THREADS=3 %run %t.l 2>&1 | %FileCheck %s --check-prefix=VERBOSE-NOT-GOMP
#include <omp.h>
#include <stdio.h>

int main(void) {
  int n = 0;
#pragma omp parallel
#pragma omp single
  n = omp_get_num_threads();
  printf("team of %d\n", n);
  return 0;
}
// TRUE: OPENMP DISPLAY ENVIRONMENT BEGIN
// TRUE-DAG: _OPENMP = '201511'
// TRUE-DAG: OMP_DYNAMIC = 'TRUE'
// TRUE-DAG: OMP_NUM_THREADS = '3'
// TRUE-DAG: OMP_SCHEDULE = 'GUIDED,5'
// TRUE-DAG: OMP_THREAD_LIMIT = '9'
// TRUE-DAG: OMP_MAX_ACTIVE_LEVELS = '4'
// TRUE-NOT: GOMP_SPINCOUNT
// TRUE: OPENMP DISPLAY ENVIRONMENT END
// TRUE-NOT: OPENMP DISPLAY ENVIRONMENT
// TRUE: team of {{[1-3]}}

// VERBOSE: OPENMP DISPLAY ENVIRONMENT BEGIN
// VERBOSE-DAG: OMP_NUM_THREADS = '3'
// VERBOSE-DAG: OMP_DYNAMIC = 'FALSE'
// VERBOSE-DAG: GOMP_SPINCOUNT = '{{[0-9]+}}'
// VERBOSE: OPENMP DISPLAY ENVIRONMENT END
// VERBOSE: team of 3

// VERBOSE-NOT-GOMP: OPENMP DISPLAY ENVIRONMENT BEGIN
// VERBOSE-NOT-GOMP-NOT: GOMP_SPINCOUNT
// VERBOSE-NOT-GOMP: OPENMP DISPLAY ENVIRONMENT END
// VERBOSE-NOT-GOMP: team of 3

// NONE-NOT: OPENMP DISPLAY ENVIRONMENT
// NONE: team of 3
