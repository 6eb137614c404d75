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
// Loops (range stealing prefers near ranges, steal.c): in a team of 4 over
// 2 packages, the 2 members on package 1 hold their first iteration until
// the others have run all the rest, so the package-0 members must go past
// their near neighbour to the far ranges.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=spread,close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close TEMPO_STEAL_LOCAL=0 TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// Four packages: each thief has three remote members and tries two a look
// (TP_STEAL_REMOTE_MAX), from a start that turns; every member is reached.
// RUN: env HWLOC_SYNTHETIC="pack:4 core:1 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env OMP_PLACES="{0},{0},{0},{0}" OMP_PROC_BIND=close TEMPO_HEARTBEAT_US=0 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close %preload %run %t loop | %FileCheck %s --check-prefix=LOOP
// RUN: env HWLOC_SYNTHETIC="pack:2 core:2 pu:1" OMP_PLACES=cores OMP_PROC_BIND=close TEMPO_STEAL_LOCAL=0 %preload %run %t loop | %FileCheck %s --check-prefix=LOOP
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

#define N 2000
static int ran[N], done, stuck;

static void far_loop(void) {
#pragma omp parallel num_threads(4)
  {
    int slow = omp_get_place_num() >= 2, first = 1; /* places 2, 3: package 1 */
    /* Every member enters one stealing loop first (steal.c). */
#pragma omp for schedule(nonmonotonic : dynamic)
    for (int i = 0; i < 64; i++)
      (void)i;
#pragma omp for schedule(nonmonotonic : dynamic)
    for (int i = 0; i < N; i++) {
      if (slow && first) {
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) < N - 2) {
          clock_gettime(CLOCK_MONOTONIC, &t);
          if (t.tv_sec - t0.tv_sec > 20) {
            __atomic_fetch_add(&stuck, 1, __ATOMIC_RELAXED);
            break;
          }
          sched_yield();
        }
      }
      first = 0;
      __atomic_fetch_add(&ran[i], 1, __ATOMIC_RELAXED);
      __atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
    }
  }
  check_once(ran, N, "far loop");
  EXPECT(stuck == 0, "%d member(s) of package 1 still held work after 20 s", stuck);
}

int main(int argc, char **argv) {
  if (argc > 1) {
    far_loop();
    return check_report("far_loop");
  }
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
// LOOP-NOT: FAIL
// LOOP: far_loop: OK
