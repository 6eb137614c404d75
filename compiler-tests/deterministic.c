// Deterministic mode (TEMPO_DETERMINISTIC, runtime/detsched.c): the same seed
// gives the same task-to-thread schedule run after run (lit runs other
// tests beside it), and another seed's schedule differs; TEMPO_REPLAY runs a log's seed and
// says where the schedule first differs from the log (a log with one
// thread changed is caught).  The program: a tree of tasks with taskwaits
// made in a single, chains of tasks through depend clauses, and tasks made
// in a dynamic loop by every thread; its results stay right.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: rm -f %t.s*.log
// RUN: env OMP_NUM_THREADS=4 TEMPO_DETERMINISTIC=7 TEMPO_SCHEDULE_LOG=%t.s7a.log %preload %run %t | %FileCheck %s --check-prefix=RESULT
// RUN: env OMP_NUM_THREADS=4 TEMPO_DETERMINISTIC=7 TEMPO_SCHEDULE_LOG=%t.s7b.log %preload %run %t | %FileCheck %s --check-prefix=RESULT
// RUN: env OMP_NUM_THREADS=4 TEMPO_DETERMINISTIC=7 TEMPO_SCHEDULE_LOG=%t.s7c.log %preload %run %t | %FileCheck %s --check-prefix=RESULT
// RUN: %python %S/Inputs/check_schedlog.py SAME %t.s7a.log %t.s7b.log %t.s7c.log | %FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/check_schedlog.py THREADS 3 %t.s7a.log | %FileCheck %s --check-prefix=THREADS
// RUN: env OMP_NUM_THREADS=4 TEMPO_DETERMINISTIC=8 TEMPO_SCHEDULE_LOG=%t.s8.log %preload %run %t | %FileCheck %s --check-prefix=RESULT
// RUN: %python %S/Inputs/check_schedlog.py DIFFER %t.s7a.log %t.s8.log | %FileCheck %s --check-prefix=DIFFER
// RUN: env OMP_NUM_THREADS=2 TEMPO_DETERMINISTIC=3 TEMPO_SCHEDULE_LOG=%t.s3a.log %preload %run %t > /dev/null
// RUN: env OMP_NUM_THREADS=2 TEMPO_DETERMINISTIC=3 TEMPO_SCHEDULE_LOG=%t.s3b.log %preload %run %t > /dev/null
// RUN: %python %S/Inputs/check_schedlog.py SAME %t.s3a.log %t.s3b.log | %FileCheck %s --check-prefix=SAME
// RUN: env OMP_NUM_THREADS=4 TEMPO_REPLAY=%t.s7a.log %preload %run %t 2>&1 | %FileCheck %s --check-prefix=REPLAY
// RUN: awk 'NR == 12 { $3 = ($3 + 1) %% 4 } { print }' %t.s7a.log > %t.bad.log
// RUN: env OMP_NUM_THREADS=4 TEMPO_REPLAY=%t.bad.log %preload %run %t 2>&1 | %FileCheck %s --check-prefix=BAD
// RUN: env OMP_NUM_THREADS=4 TEMPO_REPLAY=%t.none.log %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NOFILE
// RESULT: tree 511 chain 64 x 480 496 512 528 loop 100
// SAME: ok {{[0-9]+}} logs the same, {{[0-9]+}} tasks each
// THREADS: ok tasks on {{[34]}} threads
// DIFFER: ok the same tasks
// DIFFER-NEXT: ok the schedules differ
// REPLAY-NOT: warning
// REPLAY: tree 511 chain 64 x 480 496 512 528 loop 100
// REPLAY-NOT: warning
// BAD: TEMPO_REPLAY: the schedule differs from {{.*}}bad.log at its task 10: region 1 task {{[0-9]+}} ran on thread {{[0-3]}}; the log has
// BAD: tree 511 chain 64
// NOFILE: TEMPO_REPLAY: cannot read {{.*}}none.log; not replaying
// NOFILE: tree 511 chain 64
#include <omp.h>
#include <stdio.h>

static long tree(int d) {
  if (d == 0)
    return 1;
  long a = 0, b = 0;
#pragma omp task shared(a)
  a = tree(d - 1);
#pragma omp task shared(b)
  b = tree(d - 1);
#pragma omp taskwait
  return a + b + 1;
}

int main(void) {
  long n = 0, chain = 0, loop = 0;
  int x[4] = {0};
#pragma omp parallel
  {
#pragma omp single
    {
      n = tree(8);
      for (int i = 0; i < 64; i++) {
#pragma omp task depend(inout : x[i % 4]) shared(chain, x)
        {
          x[i % 4] += i;
          __atomic_fetch_add(&chain, 1, __ATOMIC_RELAXED);
        }
      }
    }
#pragma omp for schedule(dynamic)
    for (int i = 0; i < 100; i++) {
#pragma omp task shared(loop)
      __atomic_fetch_add(&loop, 1, __ATOMIC_RELAXED);
    }
  }
  printf("tree %ld chain %ld x %d %d %d %d loop %ld\n", n, chain, x[0], x[1], x[2], x[3], loop);
  return 0;
}
