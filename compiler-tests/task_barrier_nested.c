// Tasks and nested parallel regions. An outer team of 2 leaves tasks
// pending while each of its threads runs an inner team of 3 whose threads
// create tasks (each with a grandchild nobody waits for) before explicit
// barriers: after each barrier every task the team created so far,
// grandchildren included, is complete, and at the inner region's end the
// rest are. Every task runs in its own team's context: the level, the
// inner team's outer ancestor thread, the team size and active level seen
// inside the task equal the creator's, so an inner team's task never runs
// on an outer-team thread (or another inner team), nor an outer task inside
// an inner team. An outer task also opens a parallel region of its own.
// The argument is max-active-levels: 1 makes the inner regions inactive
// (one thread each; the same checks hold).
// RUN: %cc %s -o %t && %preload %run %t 2 | %FileCheck %s
// RUN: %preload %run %t 1 | %FileCheck %s --check-prefix=INACTIVE
// RUN: env OMP_WAIT_POLICY=passive %preload %run %t 3 | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l 2 | %FileCheck %s
#include <stdlib.h>
#include "taskcheck.h"

#define OUTER_TASKS 6
#define PER_THREAD 8 /* inner tasks per inner thread per phase */
#define PHASES 4

typedef struct {
  int level, anc1, nthr, active; /* anc1 < -1: not checked */
  int size1;                     /* omp_get_team_size(1) */
} ctx;

static ctx here(void) {
  ctx c = {omp_get_level(), omp_get_ancestor_thread_num(1),
           omp_get_team_size(omp_get_level()), omp_get_active_level(),
           omp_get_team_size(1)};
  return c;
}

static void check_ctx(ctx want, const char *what) {
  ctx got = here();
  int thr = omp_get_thread_num();
  if (got.level != want.level || got.nthr != want.nthr ||
      got.active != want.active || got.size1 != want.size1 ||
      (want.anc1 >= -1 && got.anc1 != want.anc1) || thr < 0 ||
      thr >= got.nthr || got.nthr != omp_get_num_threads())
    tc_fail("%s task created at level %d (level-1 thread %d of %d, team of "
            "%d, active level %d) ran at level %d (level-1 thread %d of %d, "
            "team of %d, active level %d, thread %d)", what, want.level,
            want.anc1, want.size1, want.nthr, want.active, got.level,
            got.anc1, got.size1, got.nthr, got.active, thr);
}

static long done_outer, done_task_par, done_inner[2];
static int inner_n[2], task_par_n;

#define REPS 5

/* One round: the outer region and everything in it. */
static int run(void) {
  int outer_n = 0;
  done_outer = done_task_par = done_inner[0] = done_inner[1] = 0;
#pragma omp parallel num_threads(2) shared(outer_n)
  {
    int o = omp_get_thread_num();
    ctx oc = here();
    oc.anc1 = -2; /* any outer thread may run an outer task */
    if (o == 0)
      outer_n = omp_get_num_threads();
    for (int k = 0; k < OUTER_TASKS; k++)
#pragma omp task firstprivate(oc, k, o)
    {
      check_ctx(oc, "outer");
      tc_spin(20000); /* still pending while the inner teams run */
      if (k == 0 && o == 0) {
        /* A parallel region inside a task: its tasks are level 2 and
           their level-1 ancestor is the thread running this task. */
        ctx tc;
        int at = omp_get_thread_num();
#pragma omp parallel num_threads(2) private(tc) firstprivate(at)
        {
          tc = here();
          tc.anc1 = at;
#pragma omp single
          task_par_n = omp_get_num_threads();
          for (int j = 0; j < 4; j++)
#pragma omp task firstprivate(tc)
          {
            check_ctx(tc, "task-region");
            __atomic_fetch_add(&done_task_par, 1, __ATOMIC_RELAXED);
          }
        }
        /* The region's end completed its tasks. */
        if (done_task_par != 4L * task_par_n)
          tc_fail("after a parallel region in a task: %ld of %d tasks done",
                  done_task_par, 4 * task_par_n);
      }
      __atomic_fetch_add(&done_outer, 1, __ATOMIC_RELAXED);
    }

#pragma omp parallel num_threads(3) firstprivate(o)
    {
      ctx ic = here();
      int n = omp_get_num_threads();
      if (omp_get_thread_num() == 0)
        inner_n[o] = n;
      for (int p = 0; p <= PHASES; p++) {
        for (int k = 0; k < PER_THREAD; k++)
#pragma omp task firstprivate(ic, o)
        {
          check_ctx(ic, "inner");
          /* A grandchild created while others may be in the barrier. */
#pragma omp task firstprivate(ic, o)
          {
            check_ctx(ic, "inner grandchild");
            __atomic_fetch_add(&done_inner[o], 1, __ATOMIC_RELAXED);
          }
          tc_spin(500);
          __atomic_fetch_add(&done_inner[o], 1, __ATOMIC_RELAXED);
        }
        if (p == PHASES)
          break; /* the last phase's tasks complete at the region's end */
#pragma omp barrier
        long d = __atomic_load_n(&done_inner[o], __ATOMIC_RELAXED);
        if (d != 2L * PER_THREAD * n * (p + 1))
          tc_fail("inner team %d after barrier %d: %ld of %ld tasks done", o,
                  p, d, 2L * PER_THREAD * n * (p + 1));
#pragma omp barrier /* nobody creates more before everyone has checked */
      }
    }
    long want = 2L * PER_THREAD * inner_n[o] * (PHASES + 1);
    if (done_inner[o] != want)
      tc_fail("inner team %d after its region: %ld of %ld tasks done", o,
              done_inner[o], want);
#pragma omp barrier
    if (__atomic_load_n(&done_outer, __ATOMIC_RELAXED) !=
        (long)OUTER_TASKS * omp_get_num_threads())
      tc_fail("outer team after barrier: %ld of %d outer tasks done",
              done_outer, OUTER_TASKS * omp_get_num_threads());
  }
  return outer_n;
}

int main(int argc, char **argv) {
  omp_set_max_active_levels(argc > 1 ? atoi(argv[1]) : 2);
  for (int rep = 0; rep < REPS; rep++) {
    int outer_n = run();
    tc_flush();
    EXPECT_EQ_LL(outer_n, 2);
    EXPECT_EQ_LL(done_outer, OUTER_TASKS * outer_n);
  }
  printf("inner teams of %d: %ld and %ld tasks\n", inner_n[0],
         done_inner[0] / inner_n[0], done_inner[1] / inner_n[1]);
  return check_report("task_barrier_nested");
}
// Per inner thread: 2 * PER_THREAD * (PHASES + 1) = 80 tasks.
// CHECK-NOT: FAIL
// CHECK: inner teams of 3: 80 and 80 tasks
// CHECK: task_barrier_nested: OK
// INACTIVE-NOT: FAIL
// INACTIVE: inner teams of 1: 80 and 80 tasks
// INACTIVE: task_barrier_nested: OK
