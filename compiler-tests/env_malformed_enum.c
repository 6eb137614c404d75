// Malformed keyword environment values (OMP_SCHEDULE, OMP_PROC_BIND,
// OMP_DYNAMIC, OMP_WAIT_POLICY, OMP_PLACES, OMP_NESTED, OMP_CANCELLATION):
// Tempo prints ONE warning line naming the variable and quoting the bad
// value, then uses the default.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_SCHEDULE=sometimes %preload %run %t OMP_SCHEDULE 2>&1 | %FileCheck %s --check-prefixes=WARN,SCHED -DVAR=OMP_SCHEDULE -DVAL=sometimes
// RUN: env OMP_SCHEDULE=dynamic,zz %preload %run %t OMP_SCHEDULE 2>&1 | %FileCheck %s --check-prefixes=WARN,SCHED -DVAR=OMP_SCHEDULE -DVAL=dynamic,zz
// RUN: env OMP_SCHEDULE=wobbly:dynamic %preload %run %t OMP_SCHEDULE 2>&1 | %FileCheck %s --check-prefixes=WARN,SCHED -DVAR=OMP_SCHEDULE -DVAL=wobbly:dynamic
// RUN: env OMP_PROC_BIND=xyz %preload %run %t OMP_PROC_BIND 2>&1 | %FileCheck %s --check-prefixes=WARN,BIND -DVAR=OMP_PROC_BIND -DVAL=xyz
// RUN: env OMP_DYNAMIC=maybe %preload %run %t OMP_DYNAMIC 2>&1 | %FileCheck %s --check-prefixes=WARN,DYN -DVAR=OMP_DYNAMIC -DVAL=maybe
// RUN: env OMP_WAIT_POLICY=sleepy %preload %run %t OMP_WAIT_POLICY 2>&1 | %FileCheck %s --check-prefix=WARN -DVAR=OMP_WAIT_POLICY -DVAL=sleepy
// RUN: env OMP_PLACES=everywhere %preload %run %t OMP_PLACES 2>&1 | %FileCheck %s --check-prefix=WARN -DVAR=OMP_PLACES -DVAL=everywhere
// RUN: env OMP_CANCELLATION=perhaps %preload %run %t OMP_CANCELLATION 2>&1 | %FileCheck %s --check-prefixes=WARN,CANCEL -DVAR=OMP_CANCELLATION -DVAL=perhaps
// RUN: env TEMPO_LOOP_STEAL=sometimes %preload %run %t TEMPO_LOOP_STEAL 2>&1 | %FileCheck %s --check-prefix=WARN -DVAR=TEMPO_LOOP_STEAL -DVAL=sometimes
// RUN: %cc %s %link -o %t.l && env OMP_PROC_BIND=xyz %run %t.l OMP_PROC_BIND 2>&1 | %FileCheck %s --check-prefixes=WARN,BIND -DVAR=OMP_PROC_BIND -DVAL=xyz
#include <omp.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv) {
  omp_sched_t k;
  int c;
  omp_get_schedule(&k, &c);
  /* Query only the ICV belonging to the variable under test. */
  const char *var = argc > 1 ? argv[1] : "";
  long s = 0;
  if (!strcmp(var, "OMP_SCHEDULE")) {
#pragma omp parallel for schedule(runtime) reduction(+ : s)
    for (int i = 1; i <= 100; i++)
      s += i;
  } else {
#pragma omp parallel for reduction(+ : s)
    for (int i = 1; i <= 100; i++)
      s += i;
  }
  if (!strcmp(var, "OMP_SCHEDULE"))
    printf("schedule kind=%d chunk=%d\n", (int)(k & ~omp_sched_monotonic), c);
  if (!strcmp(var, "OMP_PROC_BIND"))
    printf("proc_bind=%d\n", (int)omp_get_proc_bind());
  if (!strcmp(var, "OMP_DYNAMIC"))
    printf("dynamic=%d\n", omp_get_dynamic());
  if (!strcmp(var, "OMP_CANCELLATION"))
    printf("cancellation=%d\n", omp_get_cancellation());
  printf("sum=%ld\n", s);
  return 0;
}
// WARN: [[VAR]]{{.*}}'[[VAL]]'
// WARN-NOT: [[VAR]]
// libgomp's default run-sched-var is dynamic,1
// SCHED: schedule kind=2 chunk=1
// BIND: proc_bind=0
// DYN: dynamic=0
// CANCEL: cancellation=0
// WARN: sum=5050
// WARN-NOT: [[VAR]]
