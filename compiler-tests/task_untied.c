// Tied and untied tasks. A tied task stays on the thread that started it:
// omp_get_thread_num() and the address and value of a threadprivate
// variable are the same before and after each task scheduling point in it
// (child creation, taskyield, taskwait, end of taskgroup), at every nesting
// level, whether its children are tied or untied. Untied tasks may move at
// those points, so for them only the results are checked: an untied fib
// with taskyield, untied tasks nested in tied ones and vice versa.
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=4 %run %t.l | %FileCheck %s
#include "taskcheck.h"

static int tp;
#pragma omp threadprivate(tp)

/* Not inlined, so every call computes the calling thread's copy afresh. */
__attribute__((noinline, noipa)) static int *tp_addr(void) { return &tp; }

static long tied_tasks, untied_tasks, checks;

/* The tied-task invariant, checked at each scheduling point `where`. */
static void check_same_thread(int tid0, int *addr0, const char *where,
                              int level) {
  int tid = tc_thread_num();
  int *addr = tp_addr();
  __atomic_fetch_add(&checks, 1, __ATOMIC_RELAXED);
  if (tid != tid0)
    tc_fail("tied task (level %d) started on thread %d, on thread %d after "
            "%s", level, tid0, tid, where);
  if (addr != addr0 || *addr != 1000 + tid0)
    tc_fail("tied task (level %d) on thread %d: threadprivate %p = %d after "
            "%s, was %p = %d", level, tid0, (void *)addr, *addr, where,
            (void *)addr0, 1000 + tid0);
}

static void tied_body(int level, int untied_children);

static void spawn_children(int level, int untied_children) {
  for (int c = 0; c < 3; c++) {
    if (untied_children && c == 1) {
#pragma omp task untied firstprivate(level)
      {
        __atomic_fetch_add(&untied_tasks, 1, __ATOMIC_RELAXED);
#pragma omp taskyield
        /* A tied grandchild of an untied task is still tied. */
#pragma omp task firstprivate(level)
        tied_body(level + 1, 0);
#pragma omp taskwait
      }
    } else {
#pragma omp task firstprivate(level, untied_children)
      tied_body(level + 1, untied_children);
    }
  }
}

static void tied_body(int level, int untied_children) {
  int tid0 = tc_thread_num();
  int *addr0 = tp_addr();
  __atomic_fetch_add(&tied_tasks, 1, __ATOMIC_RELAXED);
  if (*addr0 != 1000 + tid0)
    tc_fail("tied task (level %d) on thread %d sees threadprivate %d", level,
            tid0, *addr0);
  if (level >= 3) {
    tc_spin(3000);
    return;
  }
  spawn_children(level, untied_children);
  check_same_thread(tid0, addr0, "creating children", level);
#pragma omp taskyield
  check_same_thread(tid0, addr0, "taskyield", level);
#pragma omp taskwait
  check_same_thread(tid0, addr0, "taskwait", level);
#pragma omp taskgroup
  spawn_children(level, untied_children);
  check_same_thread(tid0, addr0, "taskgroup end", level);
}

/* The same tree, counted sequentially: tasks and check_same_thread calls. */
static void expect_counts(int level, int untied_children, long *tied,
                          long *untied, long *nchecks) {
  ++*tied;
  if (level >= 3)
    return;
  *nchecks += 4;
  for (int spawn = 0; spawn < 2; spawn++)
    for (int c = 0; c < 3; c++)
      if (untied_children && c == 1) {
        ++*untied;
        expect_counts(level + 1, 0, tied, untied, nchecks);
      } else {
        expect_counts(level + 1, untied_children, tied, untied, nchecks);
      }
}

static long fib_untied(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task untied shared(a) firstprivate(n)
  a = fib_untied(n - 1);
#pragma omp task untied shared(b) firstprivate(n)
  {
#pragma omp taskyield
    b = fib_untied(n - 2);
  }
#pragma omp taskwait
  int tid = omp_get_thread_num();
  if (tid < 0 || tid >= omp_get_num_threads())
    tc_fail("untied task: omp_get_thread_num() = %d", tid);
  return a + b;
}

int main(void) {
  /* A tied task from every thread's implicit task and 16 more from single,
     each three levels deep; the second round has untied children among
     the tied ones. */
  int nth = 1;
  for (int round = 0; round < 2; round++) {
#pragma omp parallel shared(nth)
    {
      tp = 1000 + omp_get_thread_num();
#pragma omp single
      nth = omp_get_num_threads();
      /* single's barrier: every thread set its tp before any task runs. */
#pragma omp task firstprivate(round)
      tied_body(0, round);
#pragma omp single nowait
      for (int k = 0; k < 16; k++)
#pragma omp task firstprivate(round)
        tied_body(0, round);
    }
  }
  tc_flush();
  long want_tied = 0, want_untied = 0, want_checks = 0;
  for (int round = 0; round < 2; round++)
    for (int r = 0; r < nth + 16; r++)
      expect_counts(0, round, &want_tied, &want_untied, &want_checks);
  EXPECT_EQ_LL(tied_tasks, want_tied);
  EXPECT_EQ_LL(untied_tasks, want_untied);
  EXPECT_EQ_LL(checks, want_checks);
  printf("tied and untied task counts: %s\n",
         tied_tasks == want_tied ? "as created" : "wrong");

  long want[23] = {0, 1};
  for (int i = 2; i <= 22; i++)
    want[i] = want[i - 1] + want[i - 2];
  long got = -1;
#pragma omp parallel
#pragma omp single
  got = fib_untied(22);
  tc_flush();
  EXPECT_EQ_LL(got, want[22]);
  printf("untied fib(22)=%ld\n", got);
  return check_report("task_untied");
}
// CHECK-NOT: FAIL
// CHECK: tied and untied task counts: as created
// CHECK-NOT: FAIL
// CHECK: untied fib(22)=17711
// CHECK: task_untied: OK
