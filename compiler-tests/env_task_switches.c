// The task scheduler's switches: every value they take gives the same
// results; a malformed one gets one warning naming it and the default; a
// misspelt name gets a warning too, with the closest real name (edit
// distance) unless none is close.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEAT_US=0 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CLEAN,OK
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEAT_US=1 TEMPO_FIBERS=on TEMPO_LAZY_TASKLOOP=off %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CLEAN,OK
// RUN: env OMP_NUM_THREADS=3 TEMPO_HEARTBEAT_US=10000000 TEMPO_FIBERS=yes %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CLEAN,OK
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEAT_US=abc %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_HEARTBEAT_US -DVAL=abc
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEAT_US=-5 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_HEARTBEAT_US -DVAL=-5
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEAT_US=99999999999 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_HEARTBEAT_US -DVAL=99999999999
// RUN: env OMP_NUM_THREADS=2 TEMPO_FIBERS=maybe %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_FIBERS -DVAL=maybe
// RUN: env OMP_NUM_THREADS=2 TEMPO_INLINE_SLACK=0 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CLEAN,OK
// RUN: env OMP_NUM_THREADS=3 TEMPO_INLINE_SLACK=1024 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=CLEAN,OK
// RUN: env OMP_NUM_THREADS=2 TEMPO_INLINE_SLACK=1025 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_INLINE_SLACK -DVAL=1025
// RUN: env OMP_NUM_THREADS=2 TEMPO_INLINE_SLACK=four %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_INLINE_SLACK -DVAL=four
// RUN: env OMP_NUM_THREADS=2 TEMPO_LAZY_TASKLOOP=2 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=BAD,OK -DVAR=TEMPO_LAZY_TASKLOOP -DVAL=2
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEATUS=5 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=MISSPELT,OK
// RUN: env OMP_NUM_THREADS=2 TEMPO_Fibres=1 TEMPO_STEAL=0 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=MISSPELT2,OK
// RUN: env OMP_NUM_THREADS=2 TEMPO_WHATEVER=1 %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=UNRELATED,OK
#include <omp.h>
#include "check.h"

static long fib(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a) untied
  a = fib(n - 1);
#pragma omp task shared(b)
  b = fib(n - 2);
#pragma omp taskwait
  return a + b;
}

int main(void) {
  long r = 0, sum = 0;
#pragma omp parallel
#pragma omp single
  {
    r = fib(22);
#pragma omp taskloop grainsize(3) reduction(+ : sum)
    for (long i = 0; i < 10000; i++)
      sum += i;
  }
  EXPECT_EQ_LL(r, 17711);
  EXPECT_EQ_LL(sum, 10000L * 9999 / 2);
  printf("fib=%ld sum=%ld\n", r, sum);
  return check_report("env_task_switches");
}
// CLEAN-NOT: warning
// BAD: tempo: warning: ignoring [[VAR]]='[[VAL]]'
// BAD-NOT: warning
// MISSPELT: tempo: warning: ignoring TEMPO_HEARTBEATUS=5: not a Tempo setting; did you mean TEMPO_HEARTBEAT_US?
// MISSPELT2-DAG: tempo: warning: ignoring TEMPO_Fibres=1: not a Tempo setting; did you mean TEMPO_FIBERS?
// MISSPELT2-DAG: tempo: warning: ignoring TEMPO_STEAL=0: not a Tempo setting; did you mean TEMPO_LOOP_STEAL?
// UNRELATED: tempo: warning: ignoring TEMPO_WHATEVER=1: not a Tempo setting (see the README
// UNRELATED-NOT: did you mean
// OK: fib=17711 sum=49995000
// OK-NOT: FAIL
// OK: env_task_switches: OK
