// Malformed numeric environment values: Tempo prints ONE warning line on
// stderr naming the variable and quoting the bad value, then uses the
// default. (libgomp's message omits the value, hence Tempo-only.)
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=abc %preload %run %t OMP_NUM_THREADS 2>&1 | %FileCheck %s --check-prefixes=WARN,NT -DVAR=OMP_NUM_THREADS -DVAL=abc
// RUN: env OMP_NUM_THREADS=3,x %preload %run %t OMP_NUM_THREADS 2>&1 | %FileCheck %s --check-prefixes=WARN,NT -DVAR=OMP_NUM_THREADS -DVAL=3,x
// RUN: env OMP_NUM_THREADS=-4 %preload %run %t OMP_NUM_THREADS 2>&1 | %FileCheck %s --check-prefixes=WARN,NT -DVAR=OMP_NUM_THREADS -DVAL=-4
// RUN: env OMP_THREAD_LIMIT=lots %preload %run %t OMP_THREAD_LIMIT 2>&1 | %FileCheck %s --check-prefixes=WARN,TL -DVAR=OMP_THREAD_LIMIT -DVAL=lots
// RUN: env OMP_MAX_ACTIVE_LEVELS=two %preload %run %t OMP_MAX_ACTIVE_LEVELS 2>&1 | %FileCheck %s --check-prefixes=WARN,MAL -DVAR=OMP_MAX_ACTIVE_LEVELS -DVAL=two
// RUN: env OMP_STACKSIZE=12Q %preload %run %t OMP_STACKSIZE 2>&1 | %FileCheck %s --check-prefix=WARN -DVAR=OMP_STACKSIZE -DVAL=12Q
// RUN: env GOMP_SPINCOUNT=fast %preload %run %t GOMP_SPINCOUNT 2>&1 | %FileCheck %s --check-prefix=WARN -DVAR=GOMP_SPINCOUNT -DVAL=fast
// RUN: env OMP_MAX_TASK_PRIORITY=high %preload %run %t OMP_MAX_TASK_PRIORITY 2>&1 | %FileCheck %s --check-prefixes=WARN,PRIO -DVAR=OMP_MAX_TASK_PRIORITY -DVAL=high
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=abc %run %t.l OMP_NUM_THREADS 2>&1 | %FileCheck %s --check-prefixes=WARN,NT -DVAR=OMP_NUM_THREADS -DVAL=abc
#define _GNU_SOURCE
#include <omp.h>
#include <sched.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv) {
  cpu_set_t set;
  sched_getaffinity(0, sizeof set, &set);
  int n = 0;
  long s = 0;
#pragma omp parallel reduction(+ : s)
  {
#pragma omp single
    n = omp_get_num_threads();
#pragma omp for
    for (int i = 1; i <= 100; i++)
      s += i;
  }
  /* Query only the ICV belonging to the variable under test. */
  const char *var = argc > 1 ? argv[1] : "";
  if (!strcmp(var, "OMP_NUM_THREADS"))
    printf("default team is ncpu: %d\n", n == CPU_COUNT(&set));
  if (!strcmp(var, "OMP_THREAD_LIMIT"))
    printf("thread_limit_default: %d\n", omp_get_thread_limit() > 1000);
  if (!strcmp(var, "OMP_MAX_ACTIVE_LEVELS"))
    printf("max_active_levels: %d\n", omp_get_max_active_levels());
  if (!strcmp(var, "OMP_MAX_TASK_PRIORITY"))
    printf("max_task_priority: %d\n", omp_get_max_task_priority());
  printf("sum=%ld\n", s);
  return 0;
}
// WARN: [[VAR]]{{.*}}'[[VAL]]'
// WARN-NOT: [[VAR]]
// NT: default team is ncpu: 1
// TL: thread_limit_default: 1
// MAL: max_active_levels: 1
// PRIO: max_task_priority: 0
// WARN: sum=5050
// WARN-NOT: [[VAR]]
