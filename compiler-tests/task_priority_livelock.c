// Prioritized recursive tasks from several sections at once: a `parallel
// sections` region on 2 threads runs fib(20) in two sections and fib(15) in
// a third, with a task per call and priority(n/2), so both threads wait in
// nested taskwaits while tasks of every priority from the other thread are
// queued. This must terminate with the right values (a runtime that only
// offers a waiting thread the highest-priority ready task, which the tied
// task scheduling constraint may forbid it to start, livelocks here), with
// priorities ignored (max priority 0) and honoured (10 and 100).
// Stock libgomp 12 (12.2.0-14+deb12u1) crashes on this program (SIGSEGV
// inside GOMP_taskwait, in every run) as soon as OMP_MAX_TASK_PRIORITY > 0;
// with max priority 0 it passes. Hence not run with runtime=system.
// UNSUPPORTED: system-runtime
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: env OMP_MAX_TASK_PRIORITY=10 %preload %run %t | %FileCheck %s
// RUN: env OMP_MAX_TASK_PRIORITY=100 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_MAX_TASK_PRIORITY=10 %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static long fib(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a) firstprivate(n) priority(n / 2)
  a = fib(n - 1);
#pragma omp task shared(b) firstprivate(n) priority(n / 2)
  b = fib(n - 2);
#pragma omp taskwait
  return a + b;
}

int main(void) {
  long want = 6765, last = -1; /* fib(20) */
  for (int rep = 0; rep < 10; rep++) {
    long r[3] = {-1, -1, -1};
    int team = 0;
#pragma omp parallel sections num_threads(2) shared(r, team)
    {
#pragma omp section
      {
        r[0] = fib(20);
        team = omp_get_num_threads();
      }
#pragma omp section
      r[1] = fib(20);
#pragma omp section
      r[2] = fib(15); /* a third section queued behind the two */
    }
    EXPECT(r[0] == want && r[1] == want && r[2] == 610,
           "rep %d: fib(20) = %ld and %ld, fib(15) = %ld", rep, r[0], r[1],
           r[2]);
    EXPECT_EQ_LL(team, 2);
    last = r[1];
  }
  printf("max priority %d: fib(20)=%ld\n", omp_get_max_task_priority(), last);
  return check_report("task_priority_livelock");
}
// CHECK-NOT: FAIL
// CHECK: fib(20)=6765
// CHECK: task_priority_livelock: OK
