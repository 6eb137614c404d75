// LLVM libomp's KMP_* variables, as clang users set them: KMP_STACKSIZE,
// KMP_BLOCKTIME, KMP_LIBRARY and KMP_SETTINGS act like the OpenMP/GOMP
// variables for the same thing (which win when both are set);
// KMP_DUPLICATE_LIB_OK is accepted; the others are named in one warning.
// REQUIRES: tempo
// RUN: %cc %S/env_stacksize.c -pthread -o %t.stack
// RUN: env KMP_STACKSIZE=4M %preload %run %t.stack 4194304 | %FileCheck %S/env_stacksize.c
// RUN: env KMP_STACKSIZE=64M OMP_STACKSIZE=4M %preload %run %t.stack 4194304 | %FileCheck %S/env_stacksize.c
// RUN: %cc %s -o %t
// RUN: env OMP_DISPLAY_ENV=verbose KMP_BLOCKTIME=0 %preload %run %t 2>&1 | %FileCheck --check-prefix=BT0 %s
// RUN: env OMP_DISPLAY_ENV=verbose KMP_BLOCKTIME=5 %preload %run %t 2>&1 | %FileCheck --check-prefix=BT5 %s
// RUN: env OMP_DISPLAY_ENV=verbose KMP_BLOCKTIME=5 GOMP_SPINCOUNT=7 %preload %run %t 2>&1 | %FileCheck --check-prefix=GOMPWINS %s
// RUN: env OMP_DISPLAY_ENV=verbose KMP_BLOCKTIME=soon %preload %run %t 2>&1 | %FileCheck --check-prefix=BAD %s
// RUN: env OMP_DISPLAY_ENV=true KMP_LIBRARY=turnaround %preload %run %t 2>&1 | %FileCheck --check-prefix=TURN %s
// RUN: env KMP_SETTINGS=1 %preload %run %t 2>&1 | %FileCheck --check-prefix=SETTINGS %s
// RUN: env KMP_AFFINITY=granularity=fine,compact KMP_FOO=1 KMP_DUPLICATE_LIB_OK=TRUE %preload %run %t 2>&1 | %FileCheck --check-prefix=WARN %s
#include <stdio.h>
#include "team.h"

int main(void) {
  printf("ran %d\n", team_count(2));
  return 0;
}
// BT0: GOMP_SPINCOUNT = '0'
// BT0: ran 2
// BT5: GOMP_SPINCOUNT = '500000'
// GOMPWINS: GOMP_SPINCOUNT = '7'
// BAD: ignoring KMP_BLOCKTIME='soon': expected milliseconds or infinite
// BAD: GOMP_SPINCOUNT = '300000'
// TURN: OMP_WAIT_POLICY = 'ACTIVE'
// SETTINGS: OPENMP DISPLAY ENVIRONMENT BEGIN
// WARN-NOT: KMP_DUPLICATE_LIB_OK
// WARN-DAG: ignoring KMP_AFFINITY=granularity=fine,compact: LLVM libomp's; Tempo places threads by OMP_PROC_BIND and OMP_PLACES
// WARN-DAG: ignoring KMP_FOO=1: LLVM libomp's, no Tempo setting corresponds
// WARN-NOT: KMP_DUPLICATE_LIB_OK
// WARN: ran 2
