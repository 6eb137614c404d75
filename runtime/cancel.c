/* cancel.c — cancellation of parallel regions, worksharing loops and
 * sections, and taskgroups (OMP_CANCELLATION=true; otherwise every entry
 * point reports "not cancelled", as the spec asks).
 *
 * Parallel: a cancelling member sets team->cancelled (seq_cst) and wakes
 * the members asleep, so members waiting in a cancellable barrier
 * (tp_barrier_cancel) leave it; they then jump to the region's end, where
 * the join collects everybody.  Unstarted explicit tasks of the region are
 * discarded (task.c) and no new ones are created.  The master puts the
 * barrier epochs back in step after the join (tp_cancel_region_end).
 *
 * Loops and sections: cancellation applies to the construct the members
 * are in, and such a construct has no nowait, so it ends at a barrier
 * (its end_cancel entry point, or after a static loop a GOMP_barrier or
 * GOMP_barrier_cancel): the flag names that barrier by its epoch (the
 * members' barrier counts agree), and a cancellation point compares it with the next barrier the
 * caller will enter.  So the flag goes stale by itself once the members
 * are past the construct; nobody has to clear it in time.  (libgomp
 * clears its flag in every barrier; the effect is the same.)
 *
 * Taskgroups: task.c/taskgroup.c hold the flag and discard unstarted tasks. */
#include "ompt.h"
#include "task.h"

/* The tag of the construct the caller is in: the barrier that ends it. */
static uint64_t ws_tag(struct tp_thread *self) {
  uint32_t next = self->team->member[self->tid].bar_epoch + 1;
  return (uint64_t)1 << 32 | next;
}

static void cancel_parallel(struct tp_thread *self, struct tp_team *team) {
  tp_store_sc(&team->cancelled, 1);
  tp_wake_sleepers(self, team);
}

bool tp_cancel(struct tp_thread *self, int which) {
  if (!tp_rt.g.cancel)
    return false;
  struct tp_team *team = self->team;
  TP_OMPT(tp_ompt_cancel(self, which, true));
  if (which & (TP_CANCEL_LOOP | TP_CANCEL_SECTIONS))
    tp_store_rel(&team->ws_cancelled, ws_tag(self));
  else if (which & TP_CANCEL_TASKGROUP)
    tp_taskgroup_cancel(self);
  else
    cancel_parallel(self, team);
  return true;
}

static bool cancelled(struct tp_thread *self, int which) {
  struct tp_team *team = self->team;
  if (which & (TP_CANCEL_LOOP | TP_CANCEL_SECTIONS))
    return tp_load_acq(&team->ws_cancelled) == ws_tag(self);
  if ((which & TP_CANCEL_TASKGROUP) && tp_taskgroup_cancelled(self))
    return true;
  /* cancel parallel also cancels the region's explicit tasks */
  return tp_load_acq(&team->cancelled) != 0;
}

bool tp_cancellation_point(struct tp_thread *self, int which) {
  if (!tp_rt.g.cancel)
    return false;
  bool yes = cancelled(self, which);
  if (yes)
    TP_OMPT(tp_ompt_cancel(self, which, false));
  return yes;
}

void tp_cancel_region_end(struct tp_team *team) {
  if (!team->cancelled)
    return;
  /* Members that left a barrier early signalled fewer rounds: restart all
   * from the highest epoch, which no flag exceeds. */
  uint32_t top = team->member[0].bar_epoch;
  for (unsigned i = 1; i < team->nthreads; i++)
    if (tp_reached(team->member[i].bar_epoch, top))
      top = team->member[i].bar_epoch;
  for (unsigned i = 0; i < team->nthreads; i++)
    team->member[i].bar_epoch = top;
  team->cancelled = 0;
  team->ws_cancelled = 0;
}
