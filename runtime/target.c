/* target.c — host fallback of target regions (see rt.h, tp_target_run).
 *
 * With no offload device, a target region runs on the encountering thread,
 * but as a new initial thread: omp_get_level() is 0 inside, parallel
 * regions start a new contention group limited by the region's
 * thread_limit, and none of the caller's teams may be reused by them (the
 * caller may be the master of a running hot team at the very level the
 * target region starts from).  So the thread's team, task, hot teams and
 * contention-group counter are set aside for the region and put back
 * afterwards; teams formed inside are disbanded at its end. */
#include <string.h>

#include "rt.h"
#include "task.h"

void tp_target_run(struct tp_thread *self, void (*fn)(void *), void *data,
                   unsigned thread_limit) {
  struct tp_team *team = self->team;
  unsigned tid = self->tid;
  struct tp_task *task = tp_task_cur(self);
  unsigned *cg_busy = self->cg_busy;
  struct tp_team *hot[TP_HOT_LEVELS];
  memcpy(hot, self->hot_team, sizeof hot);
  memset(self->hot_team, 0, sizeof hot);

  struct tp_icv icv = tp_rt.initial_icv;
  icv.place = task->icv.place; /* the thread stays where it is bound */
  if (thread_limit)
    icv.thread_limit = thread_limit;
  unsigned cg_own = 1; /* the target region's contention group */
  struct tp_team *solo = tp_team_solo(self);
  solo->icv = icv;
  tp_task_init_implicit(solo->member[0].itask, NULL, solo, &icv);
  self->team = solo;
  self->tid = 0;
  self->task = solo->member[0].itask;
  self->cg_busy = &cg_own;

  fn(data);
  tp_task_drain(self, solo); /* the region ends when its tasks have */

  tp_thread_release_teams(self); /* teams formed inside */
  memcpy(self->hot_team, hot, sizeof hot);
  self->team = team;
  self->tid = tid;
  self->task = task;
  self->cg_busy = cg_busy;
  tp_team_free(solo);
}
