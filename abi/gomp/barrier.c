/* barrier.c — GOMP_barrier, and the cancellation entry points (the
 * barrier of a region that has cancel constructs is GOMP_barrier_cancel). */
#include "../../runtime/rt.h"

void GOMP_barrier(void) { tp_barrier(tp_self()); }
bool GOMP_barrier_cancel(void) { return tp_barrier_cancel(tp_self()); }

/* GOMP_CANCEL_* (gomp-constants.h) are the core's TP_CANCEL_* bits. */
_Static_assert(TP_CANCEL_PARALLEL == 1 && TP_CANCEL_LOOP == 2 && TP_CANCEL_SECTIONS == 4 &&
                   TP_CANCEL_TASKGROUP == 8,
               "TP_CANCEL_* differ from gcc's GOMP_CANCEL_*: translate them");

/* cancel: with do_cancel false (an if clause that is false) it is only a
 * cancellation point. */
bool GOMP_cancel(int which, bool do_cancel) {
  struct tp_thread *self = tp_self();
  return do_cancel ? tp_cancel(self, which) : tp_cancellation_point(self, which);
}
bool GOMP_cancellation_point(int which) {
  return tp_cancellation_point(tp_self(), which);
}
