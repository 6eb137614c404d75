// A task's data-environment ICVs are its own: inherited from the creating
// task at creation (a later change there does not reach a task not yet
// run), changed by the task for itself and its later children only, never
// for its parent or siblings.  Tempo shares the parent's ICVs until either
// side writes, so this checks every order of writes and spawns.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

static int seen_before, seen_after, child_of_child, sibling;

int main(void) {
  omp_set_dynamic(0);
  omp_set_num_threads(2);
#pragma omp parallel
#pragma omp single
  {
    /* deferred (taskwait below), created while nthreads-var is 5 */
    omp_set_num_threads(5);
#pragma omp task
    seen_before = omp_get_max_threads();
    omp_set_num_threads(7); /* after the spawn: the task keeps 5 */
#pragma omp task
    {
      seen_after = omp_get_max_threads(); /* 7 */
      omp_set_num_threads(9);             /* its own, and its children's */
#pragma omp task
      child_of_child = omp_get_max_threads();
#pragma omp taskwait
    }
#pragma omp task
    sibling = omp_get_max_threads(); /* 7: the sibling's change is not ours */
#pragma omp taskwait
    EXPECT(omp_get_max_threads() == 7, "the creating task's own value: %d",
           omp_get_max_threads());
  }
  EXPECT(seen_before == 5, "task created at 5 saw %d", seen_before);
  EXPECT(seen_after == 7, "task created at 7 saw %d", seen_after);
  EXPECT(child_of_child == 9, "child of a task that set 9 saw %d", child_of_child);
  EXPECT(sibling == 7, "sibling saw %d", sibling);
  EXPECT(omp_get_max_threads() == 2, "initial task: %d", omp_get_max_threads());

  /* Many writes between spawns: each task sees the value of its moment. */
  int got[200];
#pragma omp parallel num_threads(2)
#pragma omp single
  {
    for (int i = 0; i < 200; i++) {
      omp_set_num_threads(i + 1);
#pragma omp task firstprivate(i) shared(got)
      got[i] = omp_get_max_threads();
    }
#pragma omp taskwait
  }
  int bad = 0;
  for (int i = 0; i < 200; i++)
    bad += got[i] != i + 1;
  EXPECT(bad == 0, "%d of 200 tasks saw another value than at their creation", bad);

  /* Per implicit task: a member's change is its own. */
  int after[2] = {0, 0};
#pragma omp parallel num_threads(2)
  {
    int me = omp_get_thread_num();
    omp_set_num_threads(me ? 11 : 13);
#pragma omp barrier
#pragma omp task shared(after)
    after[me] = omp_get_max_threads();
  }
  EXPECT(after[0] == 13 && after[1] == 11, "members' tasks saw %d and %d", after[0], after[1]);
  return check_report("task_icv");
}
// CHECK-NOT: FAIL
// CHECK: task_icv: OK
