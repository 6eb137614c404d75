// The task scheduling constraint for tied tasks: a thread may start a new
// tied task only if it descends from every task region currently tied to
// that thread and not suspended in a barrier. So a thread whose task A is
// suspended in taskwait, at the end of a taskgroup, in taskyield or at a
// child's creation may start only descendants of A -- and while its
// implicit task waits in taskwait, only descendants of that implicit task,
// never a task another thread's implicit task created.
// Every thread's implicit task builds task trees concurrently (so foreign
// tasks are always queued somewhere); each task records its parent's id,
// and each thread keeps the stack of task regions it has started and not
// finished (its implicit task leaves the stack at barriers). A task that
// starts checks that every task on its thread's stack is its ancestor.
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=3 %run %t.l | %FileCheck %s
#include "taskcheck.h"

#define MAXTH 64
#define MAXTASKS (1 << 17)
#define MAXSTACK 64
#define ROUNDS 40
#define ROOTS 4   /* trees per round per thread */
#define FANOUT 3
#define DEPTH 3

static int parent_of[MAXTASKS]; /* ids < MAXTH are the implicit tasks */
static int next_id = MAXTH;
static int stk[MAXTH][MAXSTACK], sp[MAXTH];
static long started;

static int new_child_id(int parent) {
  int id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
  if (id >= MAXTASKS) {
    tc_fail("more than %d tasks", MAXTASKS);
    return -1;
  }
  __atomic_store_n(&parent_of[id], parent, __ATOMIC_RELEASE);
  return id;
}

static int is_ancestor(int a, int t) {
  for (int p = __atomic_load_n(&parent_of[t], __ATOMIC_ACQUIRE); p >= 0;
       p = __atomic_load_n(&parent_of[p], __ATOMIC_ACQUIRE))
    if (p == a)
      return 1;
  return 0;
}

/* A task region starts on this thread: every region still tied to the
   thread (on its stack) must be an ancestor of the new one. */
static int region_begin(int me) {
  int tid = tc_thread_num();
  if (tid < 0 || tid >= MAXTH) {
    tc_fail("thread number %d", tid);
    return 0;
  }
  for (int k = 0; k < sp[tid]; k++) {
    if (!is_ancestor(stk[tid][k], me))
      tc_fail("thread %d started task %d (parent %d) while task %d, not "
              "its ancestor, was suspended on that thread", tid, me,
              parent_of[me], stk[tid][k]);
  }
  if (sp[tid] >= MAXSTACK) {
    tc_fail("thread %d: more than %d nested task regions", tid, MAXSTACK);
    return tid;
  }
  stk[tid][sp[tid]++] = me;
  return tid;
}

static void region_end(int me, int tid) {
  if (tc_thread_num() != tid)
    tc_fail("tied task %d started on thread %d ended on thread %d", me, tid,
            tc_thread_num());
  else if (sp[tid] == 0 || stk[tid][sp[tid] - 1] != me)
    tc_fail("thread %d: task %d is not the innermost region", tid, me);
  else
    sp[tid]--;
}

static void node(int me, int level);

static void spawn(int me, int level) {
  for (int c = 0; c < FANOUT; c++) {
    int id = new_child_id(me);
    if (id < 0)
      return;
#pragma omp task firstprivate(id, level)
    node(id, level + 1);
  }
}

/* Each non-leaf task waits for its children in one of four ways, all of
   them task scheduling points where the thread may pick up other work. */
static void node(int me, int level) {
  int tid = region_begin(me);
  __atomic_fetch_add(&started, 1, __ATOMIC_RELAXED);
  if (level == DEPTH) {
    tc_spin(4000);
  } else {
    switch (me % 4) {
    case 0:
      spawn(me, level);
#pragma omp taskwait
      break;
    case 1:
#pragma omp taskgroup
      spawn(me, level);
      break;
    case 2:
      spawn(me, level);
#pragma omp taskyield
      tc_spin(2000);
#pragma omp taskwait
      break;
    default: /* one undeferred child, then the others */
    {
      int id = new_child_id(me);
      if (id >= 0) {
#pragma omp task firstprivate(id, level) if (0)
        node(id, level + 1);
      }
      spawn(me, level);
#pragma omp taskwait
    }
    }
  }
  region_end(me, tid);
}

/* Tasks in a tree of the given depth below one root (the root included). */
static long tree_size(void) {
  long n = 1, width = 1;
  for (int l = 0; l < DEPTH; l++) {
    width *= FANOUT;
    n += width;
  }
  return n;
}

int main(void) {
  int nth = 1;
  for (int t = 0; t < MAXTH; t++)
    parent_of[t] = -1;
#pragma omp parallel shared(nth)
  {
    int me = omp_get_thread_num(); /* the implicit task's id */
    if (me == 0)
      nth = omp_get_num_threads();
    int tid = region_begin(me);
    for (int r = 0; r < ROUNDS; r++) {
      for (int k = 0; k < ROOTS; k++) {
        int id = new_child_id(me);
        if (id < 0)
          break;
#pragma omp task firstprivate(id)
        node(id, 0);
      }
      /* The implicit task is suspended here, not in a barrier: this thread
         may run only its own tasks' trees, not the other threads'. */
#pragma omp taskwait
    }
    region_end(me, tid); /* the barrier at the region's end follows */
  }
  tc_flush();
  /* Nodes with me % 4 == 3 add an undeferred child, whose subtree is a
     full tree too: count the tasks that really started instead of a
     closed form, and check it against the ids handed out. */
  EXPECT_EQ_LL(started, next_id - MAXTH);
  EXPECT(started >= (long)nth * ROUNDS * ROOTS * tree_size(),
         "only %ld tasks ran", started);
  printf("constraint checked for %s tasks\n",
         started == next_id - MAXTH ? "all" : "some");
  return check_report("task_wait_restricted");
}
// CHECK-NOT: FAIL
// CHECK: constraint checked for all tasks
// CHECK: task_wait_restricted: OK
