// Hierarchical stealing (runtime/victims.c) in the real steal path: with a
// known placement (a synthetic machine, places and binding computed), each
// thief looks at its teammates nearest first; every member must still be
// looked at.  One member publishes tasks (TEMPO_HEARTBEAT_US=0 and
// TEMPO_INLINE_SLACK=0: every task goes to its public deque at once) and
// then waits, outside any task, until another member has run one of them:
// only a thief can end the wait.  Teams of 4 (close and spread over the
// machine's 4 cores) and nested teams of 2 in 2 (a different shape per
// level); the same with TEMPO_STEAL_LOCAL=0 (random victims) and with an
// explicit place list (no topology loaded: random victims).  The victim
// order itself is checked by unit.victims.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=spread,close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close TEMPO_STEAL_LOCAL=0 TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env OMP_PLACES="{0},{0},{0},{0}" OMP_PROC_BIND=close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
#include <sched.h>
#include <time.h>

#include "check.h"
#include <omp.h>

#define NT 32

/* The current team's single member publishes NT tasks and waits until a
 * teammate has run one; then all NT must have run. */
static void publish_and_wait(const char *what) {
  int ran = 0, by_other = 0;
#pragma omp single
  {
    int me = omp_get_thread_num();
    for (int i = 0; i < NT; i++) {
#pragma omp task shared(ran, by_other) firstprivate(me)
      {
#pragma omp atomic
        ran++;
        if (omp_get_thread_num() != me)
          __atomic_store_n(&by_other, 1, __ATOMIC_RELEASE);
      }
    }
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
      if (__atomic_load_n(&by_other, __ATOMIC_ACQUIRE))
        break;
      clock_gettime(CLOCK_MONOTONIC, &t);
      if (t.tv_sec - t0.tv_sec > 20) {
        EXPECT(0, "%s: no teammate stole a task in 20 s", what);
        break;
      }
      sched_yield();
    }
#pragma omp taskwait
    EXPECT(ran == NT, "%s: %d of %d tasks ran", what, ran, NT);
  }
}

int main(void) {
#pragma omp parallel num_threads(4)
  publish_and_wait("team of 4");
  omp_set_max_active_levels(2);
#pragma omp parallel num_threads(2)
#pragma omp parallel num_threads(2)
  publish_and_wait("nested team of 2");
#pragma omp parallel num_threads(3)
  publish_and_wait("team of 3");
  return check_report("steal_order");
}

// CHECK-NOT: FAIL
// CHECK: steal_order: OK
