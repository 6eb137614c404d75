// detach + omp_fulfill_event: a detached task completes only when its event
// is fulfilled (possibly by another task/thread); taskwait and dependences
// wait for that completion.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  int dep_saw = -1, after_wait = -1;
  volatile int fulfilled = 0;
#pragma omp parallel num_threads(3)
#pragma omp single
  {
    omp_event_handle_t ev;
    int x = 0;
#pragma omp task detach(ev) depend(out : x) shared(x)
    x = 1; /* body done, but the task is not complete yet */

    /* Another task fulfils the event after a delay. */
#pragma omp task firstprivate(ev) shared(fulfilled)
    {
      for (volatile int s = 0; s < 200000; s++)
        ;
      fulfilled = 1;
      omp_fulfill_event(ev);
    }
    /* The dependent task may run only after fulfilment. */
#pragma omp task depend(in : x) shared(dep_saw, fulfilled)
    dep_saw = fulfilled;
#pragma omp taskwait
    after_wait = fulfilled;
  }
  printf("dependent saw fulfilled=%d, after taskwait=%d\n", dep_saw,
         after_wait);

  /* Several detached tasks fulfilled in reverse order by the creator. */
  int done = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
  {
    omp_event_handle_t evs[8];
    for (int i = 0; i < 8; i++) {
      omp_event_handle_t e;
#pragma omp task detach(e) shared(done)
      {
#pragma omp atomic
        done++;
      }
      evs[i] = e;
    }
    for (int i = 7; i >= 0; i--)
      omp_fulfill_event(evs[i]);
#pragma omp taskwait
  }
  printf("detached bodies=%d\n", done);
  return 0;
}
// CHECK: dependent saw fulfilled=1, after taskwait=1
// CHECK: detached bodies=8
