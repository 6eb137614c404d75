/* task.c — placeholder scheduler: no explicit tasks yet. */
#include "task.h"

#include <stdlib.h>
#include <string.h>

void tp_task_init_implicit(struct tp_task *t, struct tp_task *parent,
                           struct tp_team *team, const struct tp_icv *icv) {
  memset(t, 0, sizeof *t);
  t->icv = *icv;
  t->parent = parent;
  t->team = team;
  t->implicit = true;
}

void tp_team_tasks_init(struct tp_team *team) {
  team->tasks = tp_calloc(1, sizeof *team->tasks);
}

void tp_team_tasks_fini(struct tp_team *team) {
  free(team->tasks);
  team->tasks = NULL;
}

bool tp_task_run_one(struct tp_thread *self, struct tp_team *team) {
  (void)self;
  (void)team;
  return false;
}

void tp_task_drain(struct tp_thread *self, struct tp_team *team) {
  while (tp_load_acq(&team->tasks->pending) != 0)
    if (!tp_task_run_one(self, team))
      tp_pause();
}
