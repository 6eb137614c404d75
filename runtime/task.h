/* task.h — explicit and implicit tasks: the narrow interface between the
 * core (teams, barriers) and the task scheduler.  The scheduler behind it
 * is meant to be replaced wholesale by the work-stealing core; the core
 * only relies on what is declared here. */
#ifndef TEMPO_TASK_H
#define TEMPO_TASK_H

#include "rt.h"

struct tp_taskgroup;
struct tp_dep_table;

struct tp_task {
  struct tp_icv icv;          /* data-environment ICVs of this task */
  struct tp_task *parent;
  struct tp_team *team;
  bool implicit;
  bool final;                 /* final clause (or descendant of a final task) */
  bool undeferred;
  unsigned children;          /* incomplete child tasks (atomic) */
  struct tp_taskgroup *taskgroup; /* innermost taskgroup of this task */
  void *sched;                /* scheduler-private data */
} tp_cacheline_aligned;

/* Per-team task scheduling state (allocated with the team). */
struct tp_team_tasks {
  uint32_t lock;
  unsigned queued;   /* tasks ready to run, not yet started (atomic) */
  unsigned pending;  /* tasks created and not yet completed (atomic) */
  void *sched;       /* scheduler-private data */
};

void tp_task_init_implicit(struct tp_task *t, struct tp_task *parent,
                           struct tp_team *team, const struct tp_icv *icv) tp_hidden;
void tp_team_tasks_init(struct tp_team *team) tp_hidden;
void tp_team_tasks_fini(struct tp_team *team) tp_hidden;

/* One load: are tasks queued that this thread could run? */
static inline bool tp_task_available(struct tp_team *team) {
  return team->tasks && tp_load(&team->tasks->queued) != 0;
}
/* Run one queued task of the team if there is one; true if it ran one. */
bool tp_task_run_one(struct tp_thread *self, struct tp_team *team) tp_hidden;
/* At a barrier or region end: run the team's tasks until none is pending
 * (queued or running anywhere).  Returns with pending == 0. */
void tp_task_drain(struct tp_thread *self, struct tp_team *team) tp_hidden;

#endif
