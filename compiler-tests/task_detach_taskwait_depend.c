// `taskwait depend` on detached tasks: for chains D (detach, out: x[c]) ->
// E (detach, inout: x[c]) whose events a plain pthread fulfils (in reverse
// order, one by one as posted, or after a 20 ms pause), `taskwait
// depend(in: x[c])` returns only when both D and E of chain c are complete
// (body finished and event fulfilled), and E never starts before D's event
// is fulfilled, also while the creating thread is waiting there.
// Stock libgomp 12 (12.2.0-14+deb12u1) fails this: a thread waiting in
// `taskwait depend` that runs a detached predecessor itself treats the end
// of its body as its completion, so the wait returns and its dependents
// start before the event is fulfilled (every run with one thread). Without
// `taskwait depend` it passes the same chains (task_detach_thread.c).
// Hence not run with runtime=system.
// UNSUPPORTED: system-runtime
// RUN: %cc %s -pthread -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: %cc %s -pthread %link -o %t.l && env OMP_NUM_THREADS=2 %run %t.l | %FileCheck %s
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "taskcheck.h"

#define CHAINS 8
#define EVENTS (2 * CHAINS)
#define ROUNDS 9

enum { REVERSE, AT_ONCE, PAUSED, NMODES };

static omp_event_handle_t box[EVENTS];
static int posted;            /* events in box[] so far */
static int fulfilled[EVENTS]; /* set just before omp_fulfill_event */
static int body_done[EVENTS];
static long x[CHAINS];

static void *fulfiller(void *arg) {
  int mode = *(int *)arg;
  if (mode == AT_ONCE) {
    for (int e = 0; e < EVENTS; e++) {
      while (__atomic_load_n(&posted, __ATOMIC_ACQUIRE) <= e)
        sched_yield();
      __atomic_store_n(&fulfilled[e], 1, __ATOMIC_RELEASE);
      omp_fulfill_event(box[e]);
    }
    return NULL;
  }
  while (__atomic_load_n(&posted, __ATOMIC_ACQUIRE) < EVENTS)
    sched_yield();
  if (mode == PAUSED) {
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  for (int e = EVENTS - 1; e >= 0; e--) {
    tc_spin(20000);
    __atomic_store_n(&fulfilled[e], 1, __ATOMIC_RELEASE);
    omp_fulfill_event(box[e]);
  }
  return NULL;
}

static int ready(int e) {
  return __atomic_load_n(&fulfilled[e], __ATOMIC_ACQUIRE) &&
         __atomic_load_n(&body_done[e], __ATOMIC_ACQUIRE);
}

int main(void) {
  int rounds = 0;
  for (int r = 0; r < ROUNDS; r++) {
    int mode = r % NMODES;
    pthread_t th;
    posted = 0;
    memset(fulfilled, 0, sizeof fulfilled);
    memset(body_done, 0, sizeof body_done);
    if (pthread_create(&th, NULL, fulfiller, &mode) != 0) {
      printf("FAIL pthread_create\n");
      return 1;
    }
#pragma omp parallel
#pragma omp single
    {
      for (int c = 0; c < CHAINS; c++) {
        int d = 2 * c, e = 2 * c + 1;
        omp_event_handle_t ev;
#pragma omp task detach(ev) depend(out : x[c]) firstprivate(d)
        __atomic_store_n(&body_done[d], 1, __ATOMIC_RELEASE);
        box[d] = ev;
        __atomic_store_n(&posted, d + 1, __ATOMIC_RELEASE);
#pragma omp task detach(ev) depend(inout : x[c]) firstprivate(d, e, mode)
        {
          if (!ready(d))
            tc_fail("mode %d: E of chain %d started before D completed "
                    "(fulfilled %d, body done %d)", mode, d / 2,
                    fulfilled[d], body_done[d]);
          __atomic_store_n(&body_done[e], 1, __ATOMIC_RELEASE);
        }
        box[e] = ev;
        __atomic_store_n(&posted, e + 1, __ATOMIC_RELEASE);
      }
      /* Wait for the chains one by one, last first. */
      for (int c = CHAINS - 1; c >= 0; c--) {
#pragma omp taskwait depend(in : x[c])
        if (!ready(2 * c) || !ready(2 * c + 1))
          tc_fail("mode %d: taskwait depend(in: x[%d]) returned before D "
                  "(fulfilled %d, body done %d) and E (fulfilled %d, body "
                  "done %d) completed", mode, c, fulfilled[2 * c],
                  body_done[2 * c], fulfilled[2 * c + 1],
                  body_done[2 * c + 1]);
      }
    }
    pthread_join(th, NULL);
    tc_flush();
    rounds++;
  }
  printf("taskwait depend on detached tasks: %d rounds\n", rounds);
  return check_report("task_detach_taskwait_depend");
}
// CHECK-NOT: FAIL
// CHECK: taskwait depend on detached tasks: 9 rounds
// CHECK: task_detach_taskwait_depend: OK
