// Cancellation (OMP_CANCELLATION=true): cancel parallel releases the
// members waiting in a barrier and later regions of the same (hot) team
// still synchronise correctly; cancel for / sections stop the construct at
// the members' cancellation points and the next construct runs whole;
// cancel taskgroup discards the group's unstarted tasks; cancel parallel
// discards the region's unstarted tasks.  With cancellation off (the
// default) cancel constructs do nothing.
// RUN: %cc %s -o %t
// RUN: env OMP_CANCELLATION=true %preload %run %t on | %FileCheck %s
// RUN: %preload %run %t off | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_CANCELLATION=true %run %t.l on | %FileCheck %s
// CHECK-NOT: FAIL
// CHECK: cancel: OK
#include <omp.h>
#include <string.h>
#include "check.h"

#define T 4

static int on;

/* After a cancelled region: barriers must still hold everybody back. */
static void barrier_phases(int rep) {
  int phase[T] = {0};
  int bad = 0;
#pragma omp parallel num_threads(T)
  {
    int me = omp_get_thread_num(), n = omp_get_num_threads();
    for (int p = 1; p <= 5; p++) {
      __atomic_store_n(&phase[me], p, __ATOMIC_RELEASE);
#pragma omp barrier
      for (int o = 0; o < n; o++)
        if (__atomic_load_n(&phase[o], __ATOMIC_ACQUIRE) < p)
          __atomic_store_n(&bad, 1, __ATOMIC_RELAXED);
#pragma omp barrier
    }
  }
  EXPECT(!bad, "rep %d: a barrier let a thread through early after a cancelled region", rep);
}

static void cancel_parallel(int rep) {
  int after = 0, arrived = 0;
#pragma omp parallel num_threads(T)
  {
    if (omp_get_thread_num() == 0) {
      /* Mostly let the others get into the barrier first (they have then
       * counted it and signalled some of its rounds, thread 0 has not). */
      if (rep % 4) {
        double t0 = omp_get_wtime();
        while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < omp_get_num_threads() - 1 &&
               omp_get_wtime() - t0 < 5)
          ;
        while (omp_get_wtime() - t0 < 0.0002 * (rep % 4))
          ;
      }
#pragma omp cancel parallel
    } else {
      __atomic_add_fetch(&arrived, 1, __ATOMIC_RELEASE);
    }
#pragma omp barrier
    /* only reached if cancellation is off */
#pragma omp atomic
    after++;
  }
  EXPECT(on ? after == 0 : after == T, "rep %d: %d threads went on past a cancelled barrier", rep,
         after);
}

static void cancel_for(int rep) {
  int ran[1000];
  memset(ran, 0, sizeof ran);
  int next = 0;
#pragma omp parallel num_threads(T)
  {
#pragma omp for schedule(dynamic, 4)
    for (int i = 0; i < 1000; i++) {
      ran[i] = 1;
      if (i == 100) {
#pragma omp cancel for
      }
#pragma omp cancellation point for
    }
    /* the next loop runs whole */
#pragma omp for schedule(dynamic, 4) reduction(+ : next)
    for (int i = 0; i < 1000; i++) {
      next++;
#pragma omp cancellation point for
    }
  }
  int count = 0;
  for (int i = 0; i < 1000; i++)
    count += ran[i];
  EXPECT(ran[100] == 1, "rep %d: iteration 100 did not run", rep);
  if (on)
    EXPECT(count < 1000, "rep %d: all iterations ran after cancel for", rep);
  else
    EXPECT(count == 1000, "rep %d: %d iterations ran without cancellation", rep, count);
  EXPECT(next == 1000, "rep %d: the loop after a cancelled one ran %d iterations", rep, next);
}

static void cancel_sections(int rep) {
  int s2 = 0, after = 0;
#pragma omp parallel num_threads(1)
  {
#pragma omp sections
    {
#pragma omp section
      {
#pragma omp cancel sections
      }
#pragma omp section
      s2 = 1;
    }
#pragma omp sections
    {
#pragma omp section
      after = 1;
    }
  }
  EXPECT(on ? s2 == 0 : s2 == 1, "rep %d: section after cancel sections: %d", rep, s2);
  EXPECT(after == 1, "rep %d: sections construct after a cancelled one did not run", rep);
}

static void cancel_taskgroup(int rep) {
  int ran = 0;
#pragma omp parallel num_threads(T)
#pragma omp single
  {
#pragma omp taskgroup
    {
#pragma omp task
      {
#pragma omp cancel taskgroup
      }
#pragma omp taskwait
      for (int i = 0; i < 50; i++) {
#pragma omp task
        {
#pragma omp atomic
          ran++;
        }
      }
    }
  }
  EXPECT(on ? ran == 0 : ran == 50, "rep %d: %d tasks ran in a cancelled taskgroup", rep, ran);
}

int main(int argc, char **argv) {
  on = argc > 1 && !strcmp(argv[1], "on");
  EXPECT(omp_get_cancellation() == on, "omp_get_cancellation() = %d", omp_get_cancellation());
  for (int rep = 0; rep < 30; rep++) {
    cancel_parallel(rep);
    barrier_phases(rep);
    cancel_for(rep);
    cancel_sections(rep);
    cancel_taskgroup(rep);
  }
  return check_report("cancel");
}
