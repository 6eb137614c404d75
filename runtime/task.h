/* task.h — explicit and implicit tasks: the narrow interface between the
 * core (teams, barriers) and the task scheduler.  The scheduler behind it
 * is meant to be replaced wholesale by the work-stealing core; the core
 * only relies on tp_task_init_implicit, tp_team_tasks_init/fini,
 * tp_task_available, tp_task_run_one, tp_task_drain and the fields `icv`
 * and `final`.  Everything else here is shared by the task*.c files only
 * (their private declarations are in taskpriv.h).
 *
 * Lifetime of a task descriptor: `refs` counts 1 for the task itself
 * (dropped when it completes) plus 1 per child descriptor holding a
 * reference (deferred children always; undeferred ones only if they leave
 * children of their own behind), so the ancestors of a live task (and
 * their dependence tables) outlive it; the
 * ancestry walk of the tied-task scheduling rule and the completion of a
 * child can therefore always touch the parent.  Implicit tasks belong to
 * their team and are not counted. */
#ifndef TEMPO_TASK_H
#define TEMPO_TASK_H

#include "rt.h"

struct tp_taskgroup;
struct tp_dep_table;
struct tp_dep_ent;

struct tp_task {
  struct tp_icv icv;          /* data-environment ICVs of this task */
  struct tp_task *parent;
  struct tp_team *team;
  bool implicit;
  bool final;                 /* final clause (or descendant of a final task) */
  bool undeferred;            /* runs in the encountering task's frame */
  bool detach;                /* has a detach clause (completes on fulfill) */
  bool parent_ref;            /* holds a reference on its parent (see top) */
  unsigned children;          /* incomplete child tasks (atomic) */
  struct tp_taskgroup *taskgroup; /* innermost taskgroup of this task */
  uint32_t lock_id;           /* nest-lock owner id, assigned on first use; 0 = none */

  /* Explicit tasks. */
  void (*fn)(void *);
  void *data;
  struct tp_thread *thr;      /* thread running it (tied); set before waits */
  struct tp_task *qnext;      /* ready-queue link (under the team lock) */
  int priority;
  uint32_t refs;              /* 1 + live child descriptors (atomic) */
  uint32_t detach_state;      /* TP_DETACH_* bits (atomic) */
  uint32_t size;              /* allocation size; 0 = cached slot */
  /* Dependences (under the team lock). */
  unsigned npred;             /* unfinished predecessors */
  unsigned ndeps;
  struct tp_dep_ent *deps;    /* [ndeps], inline after the descriptor */
  struct tp_task **succ;      /* successors to release on completion */
  unsigned nsucc, capsucc;
  struct tp_dep_table *dep_table; /* dependences among this task's children */
  /* Implicit tasks of a region started by this task join this taskgroup
   * (GOMP_parallel_reductions). */
  struct tp_taskgroup *region_taskgroup;
};

/* A taskgroup: counts incomplete tasks created in it (their innermost
 * taskgroup), which are all descendants of the task that opened it. */
struct tp_taskgroup {
  struct tp_taskgroup *prev;  /* enclosing taskgroup of the same task */
  unsigned count;             /* incomplete member tasks (atomic) */
  struct tp_thread *thr;      /* thread that waits at its end (NULL: none) */
  uintptr_t *reductions;      /* innermost registered task reductions */
  bool workshare;             /* opened by a worksharing task reduction */
  bool heap;                  /* allocated by taskgroup.c, freed at end */
  bool cancelled;             /* cancel taskgroup: discard unstarted members */
};

/* Per-team task scheduling state (allocated with the team). */
struct tp_team_tasks {
  uint32_t lock;
  unsigned queued;   /* tasks ready to run, not yet started (atomic) */
  unsigned pending;  /* tasks created and not yet completed (atomic) */
  void *sched;       /* scheduler-private data (task.c) */
  uint8_t *restricted; /* [capacity]: member waits for its own descendants */
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
/* A worker thread that ends frees its cache of task descriptors. */
void tp_task_cache_free(struct tp_thread *self) tp_hidden;

/* Cancellation hooks for GOMP_cancel / GOMP_cancellation_point with
 * GOMP_CANCEL_TASKGROUP (only meaningful when OMP_CANCELLATION is true):
 * cancel the innermost taskgroup of the current task (false if there is
 * none); is it (or an enclosing one) cancelled?  Tasks of a cancelled
 * taskgroup that have not started are completed without running, and no
 * new task is created in it. */
bool tp_taskgroup_cancel(struct tp_thread *self) tp_hidden;
bool tp_taskgroup_cancelled(struct tp_thread *self) tp_hidden;

#endif
