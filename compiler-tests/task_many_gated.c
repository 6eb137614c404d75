// 1e6 tasks outstanding at once: one producer creates 32 detached gate
// tasks, then 1e6 small tasks in 32 inout chains each headed by a gate, and
// fulfils the gates' events only after creating them all. No task may start
// before the gates open, each chain runs in creation order, and every task
// runs exactly once.
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=2 %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define N 1000000
/* Stock libgomp runs a new task undeferred once its team holds more than
   64 tasks per thread (queued or running; tasks waiting for dependences do
   not count), and an undeferred detached task waits for its event, which
   only the producer fulfils: the gates must be few. One gate with 1e6 `in`
   dependents would be quadratic in libgomp, hence 32 inout chains. */
#define GATES 32

static int ran[N];
static int chain[GATES]; /* dependence addresses, one per chain */
static long next_in_chain[GATES];

int main(void) {
  int open = 0;   /* set by the producer just before opening the gates */
  long early = 0; /* tasks that started before that */
  long out_of_order = 0;
#pragma omp parallel
#pragma omp single
  {
    omp_event_handle_t gate_ev[GATES];
    for (int c = 0; c < GATES; c++) {
      omp_event_handle_t ev;
#pragma omp task detach(ev) depend(out : chain[c])
      ; /* completes only when the producer fulfils ev */
      gate_ev[c] = ev;
    }
    for (int i = 0; i < N; i++)
#pragma omp task firstprivate(i) depend(inout : chain[i % GATES])           \
    shared(open, early, out_of_order)
    {
      if (!__atomic_load_n(&open, __ATOMIC_ACQUIRE))
        __atomic_fetch_add(&early, 1, __ATOMIC_RELAXED);
      /* i / GATES is this task's position in its inout chain. */
      if (next_in_chain[i % GATES] != i / GATES)
        __atomic_fetch_add(&out_of_order, 1, __ATOMIC_RELAXED);
      next_in_chain[i % GATES]++;
      ran[i]++;
    }
    __atomic_store_n(&open, 1, __ATOMIC_RELEASE);
    for (int c = 0; c < GATES; c++)
      omp_fulfill_event(gate_ev[c]);
#pragma omp taskwait
  }
  check_once(ran, N, "1e6 gated tasks");
  EXPECT_EQ_LL(early, 0);
  EXPECT_EQ_LL(out_of_order, 0);
  for (int c = 0; c < GATES; c++)
    EXPECT(next_in_chain[c] == N / GATES, "chain %d ran %ld tasks", c,
           next_in_chain[c]);
  printf("gated tasks done\n");
  return check_report("task_many_gated");
}
// CHECK-NOT: FAIL
// CHECK: gated tasks done
// CHECK: task_many_gated: OK
