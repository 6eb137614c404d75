// Detached tasks whose events are fulfilled by another thread: a plain
// pthread (not an OpenMP thread) and another thread of the team busy in its
// implicit task. Each chain is D (detach, out: x) -> E (detach, inout: x)
// -> S (in: x); the events are fulfilled in reverse order of creation (E's
// before D's, often before E even started), one by one as soon as they are
// posted (often before the task's body ran), or in reverse order after a
// 20 ms pause (the waiting threads have gone to sleep by then and must be
// woken by the fulfilling thread). A task may start only when its
// predecessors' bodies have finished and their events have been fulfilled,
// and taskwait returns only then. (`taskwait depend` on detached tasks is
// in task_detach_taskwait_depend.c: stock libgomp 12 gets it wrong.)
// RUN: %cc %s -pthread -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 OMP_WAIT_POLICY=passive %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 OMP_WAIT_POLICY=passive %preload %run %t | %FileCheck %s
// RUN: %cc %s -pthread %link -o %t.l && env OMP_NUM_THREADS=3 %run %t.l | %FileCheck %s
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "taskcheck.h"

/* Few tasks at a time: beyond 64 per thread (queued or running) stock
   libgomp runs new tasks undeferred, and an undeferred detached task waits
   for its event, which here may only come after the creator has gone on. */
#define CHAINS 20
#define EVENTS (2 * CHAINS)
#define ROUNDS 15

enum { REVERSE, AT_ONCE, PAUSED, NMODES };

static omp_event_handle_t box[EVENTS];
static int posted;            /* events in box[] so far */
static int fulfilled[EVENTS]; /* set just before omp_fulfill_event */
static int body_done[EVENTS];
static int succ_ran[CHAINS];
static long x[CHAINS];

static void post(int e, omp_event_handle_t ev) {
  box[e] = ev;
  __atomic_store_n(&posted, e + 1, __ATOMIC_RELEASE);
}

static void wait_posted(int n) {
  while (__atomic_load_n(&posted, __ATOMIC_ACQUIRE) < n)
    sched_yield(); /* the creator may need this core */
}

static void fulfil(int e) {
  __atomic_store_n(&fulfilled[e], 1, __ATOMIC_RELEASE);
  omp_fulfill_event(box[e]);
}

/* The fulfilling side, run by a pthread or by an OpenMP thread. */
static void fulfil_all(int mode) {
  if (mode == AT_ONCE) {
    for (int e = 0; e < EVENTS; e++) {
      wait_posted(e + 1);
      fulfil(e);
    }
  } else {
    wait_posted(EVENTS);
    if (mode == PAUSED) {
      struct timespec ts = {0, 20 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
    for (int e = EVENTS - 1; e >= 0; e--) {
      tc_spin(2000);
      fulfil(e);
    }
  }
}

static int ready(int e) {
  return __atomic_load_n(&fulfilled[e], __ATOMIC_ACQUIRE) &&
         __atomic_load_n(&body_done[e], __ATOMIC_ACQUIRE);
}

/* Creates the chains (from one thread) and waits for them. */
static void create_chains(void) {
  for (int c = 0; c < CHAINS; c++) {
    int d = 2 * c, e = 2 * c + 1;
    omp_event_handle_t ev;
#pragma omp task detach(ev) depend(out : x[c]) firstprivate(d)
    {
      tc_spin(1000 * (d % 5));
      __atomic_store_n(&body_done[d], 1, __ATOMIC_RELEASE);
    }
    post(d, ev);
#pragma omp task detach(ev) depend(inout : x[c]) firstprivate(d, e)
    {
      if (!ready(d))
        tc_fail("E of chain %d started before D completed (fulfilled %d, "
                "body done %d)", d / 2, fulfilled[d], body_done[d]);
      __atomic_store_n(&body_done[e], 1, __ATOMIC_RELEASE);
    }
    post(e, ev);
#pragma omp task depend(in : x[c]) firstprivate(c, d, e)
    {
      if (!ready(d) || !ready(e))
        tc_fail("S of chain %d started before D and E completed", c);
      __atomic_fetch_add(&succ_ran[c], 1, __ATOMIC_RELAXED);
    }
  }
#pragma omp taskwait
  for (int e = 0; e < EVENTS; e++)
    if (!ready(e)) {
      tc_fail("taskwait returned before detached task %d completed", e);
      break;
    }
  for (int c = 0; c < CHAINS; c++)
    if (succ_ran[c] != 1) {
      tc_fail("S of chain %d ran %d times", c, succ_ran[c]);
      break;
    }
}

static void reset(void) {
  posted = 0;
  memset(fulfilled, 0, sizeof fulfilled);
  memset(body_done, 0, sizeof body_done);
  memset(succ_ran, 0, sizeof succ_ran);
}

static void *pthread_fulfiller(void *arg) {
  fulfil_all(*(int *)arg);
  return NULL;
}

int main(void) {
  int rounds = 0;
  /* 1. A plain pthread fulfils; the team waits in taskwait. */
  for (int r = 0; r < ROUNDS; r++) {
    int mode = r % NMODES;
    pthread_t th;
    reset();
    if (pthread_create(&th, NULL, pthread_fulfiller, &mode) != 0) {
      printf("FAIL pthread_create\n");
      return 1;
    }
#pragma omp parallel
#pragma omp single
    create_chains();
    pthread_join(th, NULL);
    tc_flush();
    rounds++;
  }
  printf("pthread fulfiller: %d rounds\n", rounds);

  /* 2. Thread 1 of the team fulfils from its implicit task while thread 0
     creates and waits. */
  rounds = 0;
  for (int r = 0; r < ROUNDS; r++) {
    int nth = 0;
    reset();
#pragma omp parallel num_threads(2) shared(nth)
    {
      if (omp_get_thread_num() == 0) {
        nth = omp_get_num_threads();
        create_chains();
      } else {
        fulfil_all((r + 1) % NMODES);
      }
    }
    EXPECT_EQ_LL(nth, 2);
    tc_flush();
    rounds++;
  }
  printf("team-thread fulfiller: %d rounds\n", rounds);
  return check_report("task_detach_thread");
}
// CHECK-NOT: FAIL
// CHECK: pthread fulfiller: 15 rounds
// CHECK-NOT: FAIL
// CHECK: team-thread fulfiller: 15 rounds
// CHECK: task_detach_thread: OK
