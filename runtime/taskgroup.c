/* taskgroup.c — the taskgroup construct.
 *
 * A taskgroup is pushed on the encountering task's stack of taskgroups;
 * tasks created while it is innermost (by this task or, through
 * inheritance, by their descendants) count in it and uncount on
 * completion (task.c).  The end waits for the count to reach 0, running
 * descendants of the encountering task meanwhile (all members are), then
 * pops it.  Task reductions registered in it (the ABI's abi_red, and the
 * items of taskred_items.c) are inherited by nested taskgroups. */
#include <stdlib.h>

#include "taskpriv.h"

/* Pushes tg on the current task's taskgroups. */
static void push(struct tp_thread *self, struct tp_taskgroup *tg) {
  struct tp_task *task = tp_task_cur(self); /* the group's owner */
  struct tp_taskgroup *prev = task->taskgroup;
  tg->prev = prev;
  tg->count = 0;
  tg->thr = self;
  tg->owner = task;
  tg->abi_red = prev ? prev->abi_red : NULL;
  tg->items = NULL;
  tg->items_visible = prev ? prev->items_visible : NULL;
  tg->workshare = false;
  tg->heap = false;
  tg->cancelled = false;
  task->taskgroup = tg;
}

void tp_taskgroup_start(struct tp_thread *self) {
  struct tp_taskgroup *tg = tp_malloc(sizeof *tg);
  push(self, tg);
  tg->heap = true;
}

struct tp_taskgroup *tp_taskgroup_start_ws(struct tp_thread *self) {
  tp_taskgroup_start(self);
  struct tp_taskgroup *tg = self->task->taskgroup;
  tg->workshare = true;
  return tg;
}

void tp_taskgroup_end(struct tp_thread *self) {
  struct tp_task *task = tp_task_cur(self);
  struct tp_taskgroup *tg = task->taskgroup;
  if (!tg) {
    tp_warn("taskgroup end without a matching taskgroup start; ignored");
    return;
  }
  if (tp_load_acq(&tg->count)) {
    /* An untied task may have moved since it opened the group. */
    tp_store(&tg->thr, self);
    tp_fence_sc();
    tp_task_wait(self, &tg->count, 0);
  }
  if (tg->items)
    tp_taskred_items_finish(self, tg);
  task->taskgroup = tg->prev;
  if (tg->heap)
    free(tg);
}

bool tp_taskgroup_end_ws(struct tp_thread *self, void **abi_red) {
  struct tp_taskgroup *tg = self->task->taskgroup;
  if (!tg || !tg->workshare)
    return false;
  *abi_red = tg->abi_red;
  tp_taskgroup_end(self);
  return true;
}

bool tp_taskgroup_cancel(struct tp_thread *self) {
  struct tp_taskgroup *tg = self->task->taskgroup;
  if (!tg)
    return false;
  /* The taskgroup a worksharing construct's task reductions opened is the
   * runtime's, not the user's: cancel taskgroup means the one around it. */
  if (tg->workshare && tg->prev)
    tg = tg->prev;
  tp_store(&tg->cancelled, true);
  return true;
}

bool tp_taskgroup_cancelled(struct tp_thread *self) {
  return tp_task_in_cancelled_group(self->task->taskgroup);
}
