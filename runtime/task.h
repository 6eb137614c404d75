/* task.h — explicit and implicit tasks: the descriptor, its lifetime rules,
 * and the narrow interface the team layer (teams, barriers, pool) uses:
 * tp_task_init_implicit, tp_team_tasks_init/fini, tp_task_drain, the
 * team's `idle` work for barrier waits, tp_task_thread_init/fini.
 *
 * Where a task is (tasksched.h has the queues): a new ready task goes to its
 * creating thread's private ring; it is *local* while it stays there (and
 * while it runs on that thread), and *published* once it is moved to a
 * public deque (promotion, or created there: tasks with dependences,
 * detach, priority, or with heartbeat promotion off).  Only published
 * tasks can run on another thread.
 *
 * Counting children without atomics on the local path.  A task counts its
 * incomplete children twice over: `kids_local` (plain; only the thread
 * running the parent touches it, because local children run there) and
 * `kids_remote` (atomic; published children complete anywhere).  taskwait
 * waits for both to be 0.
 *
 * Lifetime.  A live task's ancestors must stay allocated: a thief checks
 * whether a published task descends from the task it waits in by walking
 * parent pointers, and a completing task touches its parent's counters.
 * A task is freed when `refs` reaches 0; `refs` is 1 (the task's own hold,
 * dropped when it is done and `alive_local` is 0) plus one per *pinned*
 * child.  Unpinned children are counted in `alive_local` (plain, owner
 * thread), pinned ones in `refs` (atomic).  Publishing a task pins it and
 * every unpinned ancestor (tp_task_pin): each moves from its parent's
 * `alive_local` to its parent's `refs`.  An unpinned task and its unpinned
 * ancestors all live on the thread that publishes, so the plain counters
 * are only ever touched by their owner; a pinned task may be freed on any
 * thread.  Implicit tasks belong to their team and are never counted. */
#ifndef TEMPO_TASK_H
#define TEMPO_TASK_H

#include <stddef.h>

#include "rt.h"

struct tp_taskgroup;
struct tp_red_set;
struct tp_dep_table;
struct tp_dep_ent;

struct tp_task {
  /* Set by every spawn. */
  struct tp_task *parent;
  struct tp_team *team;
  void (*fn)(void *);
  void *data;
  struct tp_thread *thr;      /* thread running it (tied); set before waits */
  bool implicit;
  bool final;                 /* final clause (or descendant of a final task) */
  bool undeferred;            /* runs in the encountering task's frame */
  bool detach;                /* has a detach clause (completes on fulfill) */
  bool pinned;                /* holds a reference on its parent (see top) */
  bool published;             /* counted in parent->kids_remote */
  bool done;                  /* completed (body returned, event fulfilled) */
  bool untied;                /* untied clause (on a fiber with TEMPO_FIBERS) */
  bool tg_in_parent;          /* counted in parent->tg_pending, not its taskgroup's count */
  unsigned kids_local;        /* incomplete local children (owner thread) */
  uint32_t kids_remote;       /* incomplete published children (atomic) */
  unsigned alive_local;       /* unpinned children not yet freed (owner thread) */
  uint32_t refs;              /* own hold + pinned children (atomic) */
  uint64_t floor;             /* its thread's private ring tail when it started */
  /* In a taskgroup: 1 until it completes + its children counted here
   * (atomic); the group's count drops when this reaches 0 (see
   * struct tp_taskgroup). */
  uint32_t tg_pending;
  struct tp_taskgroup *taskgroup; /* innermost taskgroup of this task */
  int priority;
  uint32_t size;              /* allocation size; 0 = pooled slot (kept by the pool) */
  struct tp_task *qnext;      /* free-list / released-successor link */
  struct tp_icv icv;          /* data-environment ICVs of this task */

  /* Cold: zeroed as one block by a spawn (TP_TASK_COLD), set by the rare
   * constructs that use them. */
  uint32_t lock_id;           /* nest-lock owner id, assigned on first use; 0 = none */
  uint32_t detach_state;      /* TP_DETACH_* bits (atomic) */
  /* Untied tasks on fibers: the fiber, and 1 while it is suspended in a
   * taskwait until its published children are done (atomic; whoever
   * exchanges it back to 0 makes the continuation runnable). */
  struct tp_fiber *fiber;
  uint32_t fiber_wait;
  uint32_t det_id;            /* deterministic mode: its number in the region (detsched.c) */
  /* The task suspended below this one on its thread when it (re)started,
   * NULL for a barrier: the first tied one down this chain is what an
   * untied task may run descendants of at its taskyield (untied tasks are
   * exempt from the tied-task rule). */
  struct tp_task *below;
  /* Dependences among this task's children: dep_table under dep_lock. */
  uint32_t dep_lock;
  unsigned npred;             /* unfinished predecessors (under parent's dep_lock) */
  unsigned ndeps;
  struct tp_dep_ent *deps;    /* [ndeps], inline after the descriptor or on the heap */
  bool deps_heap;             /* deps was allocated apart (freed with the task) */
  struct tp_task **succ;      /* successors to release on completion */
  unsigned nsucc, capsucc;
  struct tp_dep_table *dep_table;
  /* Implicit tasks of a region started by this task join this taskgroup
   * (tp_parallel_in_taskgroup). */
  struct tp_taskgroup *region_taskgroup;
  tp_tool_data tool_data;     /* the task's, for an OMPT tool (ompt.h) */
};

#define TP_TASK_COLD offsetof(struct tp_task, lock_id)

/* A taskgroup: waits for the tasks created in it (their innermost
 * taskgroup) and their descendants.  Not one shared counter that every
 * member task touches (it would bounce between threads on each spawn and
 * completion): `count` counts the children of the task that opened it
 * (and of tasks that count nowhere else: included or implicit ones); a
 * member task counts its own member children in its tg_pending and leaves
 * its parent's count (or `count`) only when it and they are all done. */
struct tp_taskgroup {
  struct tp_taskgroup *prev;  /* enclosing taskgroup of the same task */
  unsigned count;             /* incomplete member subtrees (atomic) */
  struct tp_task *owner;      /* the task that opened it */
  struct tp_thread *thr;      /* thread that waits at its end (NULL: none) */
  /* The ABI's task-reduction registration, innermost first (in whatever
   * form the ABI describes it): the core only hands it down to nested
   * taskgroups and back to the ABI. */
  void *abi_red;
  /* Reductions registered item by item (taskred_items.c): this group's
   * latest registration, and the innermost one its tasks can see (this
   * group's or an enclosing group's). */
  struct tp_red_set *items, *items_visible;
  bool workshare;             /* a worksharing construct's (tp_taskgroup_start_ws) */
  bool heap;                  /* allocated by taskgroup.c, freed at end */
  bool cancelled;             /* cancel taskgroup: discard unstarted members */
};

/* How a member sleeps, for a thread that publishes work: not in a wait
 * that runs tasks, in one that may run any task of the team (barrier), or
 * in one restricted to a task's descendants (taskwait, taskgroup end). */
enum { TP_SLEEP_NONE, TP_SLEEP_ANY, TP_SLEEP_RESTRICTED };

/* Per-team task state (allocated with the team). */
struct tp_team_tasks {
  /* Read by every spawn and waiter, written rarely (once a region at most). */
  uint32_t active;     /* a task was created in the current region (set once) */
  uint8_t *sleep_mode; /* [capacity]: TP_SLEEP_* of each member (tasksched.c) */
  struct tp_idle idle; /* what a barrier waiter does: run the team's tasks */
  /* Written whenever a member falls asleep or wakes, or a priority task
   * is published or taken: on their own line, or every spawn's read of
   * `active` would miss while a thief sleeps and wakes. */
  uint32_t nsleep tp_cacheline_aligned; /* members asleep in a wait that runs tasks (atomic) */
  uint32_t nprio;      /* published tasks with priority > 0 not yet taken (atomic) */
  /* Published tasks not yet finished, counting a stolen task until its
   * thief has also run the local tasks it left (atomic).  A member
   * arrives at a barrier only with its own private ring empty and
   * pending == 0, so when the last one arrives every task is done. */
  uint32_t pending tp_cacheline_aligned;
  /* Region epoch the master finished its tasks in: written every region,
   * read only by workers that stay to help (its own line, so the others'
   * reads of `active` stay cache hits). */
  uint32_t master_joined tp_cacheline_aligned;
  /* Deterministic mode (detsched.c): whose turn it is to act on the
   * scheduler, how many turns the region has had, the last task id given,
   * the region's number, and whether the turns were given up. */
  uint32_t det_turn tp_cacheline_aligned;
  uint32_t det_step, det_next_id, det_region, det_off;
  uint32_t det_phase;     /* barriers the team has completed in the region */
  uint32_t det_arrived_n; /* members arrived at the current one */
};

void tp_task_init_implicit(struct tp_task *t, struct tp_task *parent,
                           struct tp_team *team, const struct tp_icv *icv) tp_hidden;
void tp_team_tasks_init(struct tp_team *team) tp_hidden;
/* The master, before it hands a region to the team's workers. */
/* Deterministic mode: a member's arrival at a barrier of team, in turns
 * (detsched.h: tp_det_arrive), instead of tp_task_drain. */
void tp_task_det_arrive(struct tp_thread *self, struct tp_team *team) tp_hidden;
void tp_task_region_begin(struct tp_team *team) tp_hidden;
/* Did the region named `site` (tp_team.site) create tasks the last time
 * it ran (true if not known)?  Workers of such a region wait at its end to help the master. */
bool tp_task_hint(const void *site) tp_hidden;
void tp_task_hint_set(const void *site, bool tasks) tp_hidden;
void tp_team_tasks_fini(struct tp_team *team) tp_hidden;

/* At a barrier or region end: run the team's tasks until this thread's
 * own are done and no published task is pending anywhere. */
void tp_task_drain(struct tp_thread *self, struct tp_team *team) tp_hidden;
/* The task part of a region's end (before the join tree): the master
 * announces it has run its own tasks; in a region that created tasks,
 * workers help (stealing, asking the master to promote) until then. */
void tp_task_join(struct tp_thread *self, struct tp_team *team, unsigned tid,
                  uint32_t epoch) tp_hidden;
/* A thread's task state: created with it, freed when a worker ends. */
void tp_task_thread_init(struct tp_thread *self) tp_hidden;
void tp_task_thread_fini(struct tp_thread *self) tp_hidden;

/* Cancellation hooks for GOMP_cancel / GOMP_cancellation_point with
 * GOMP_CANCEL_TASKGROUP (only meaningful when OMP_CANCELLATION is true):
 * cancel the innermost taskgroup of the current task (false if there is
 * none); is it (or an enclosing one) cancelled?  Tasks of a cancelled
 * taskgroup that have not started are completed without running, and no
 * new task is created in it. */
bool tp_taskgroup_cancel(struct tp_thread *self) tp_hidden;
bool tp_taskgroup_cancelled(struct tp_thread *self) tp_hidden;

/* Is t a descendant of w (a strict one)?  Ancestors of a live task are
 * alive (see top); the walk stops at an implicit task, whose children
 * belong to its team. */
static inline bool tp_task_descends(const struct tp_task *t, const struct tp_task *w) {
  for (const struct tp_task *p = t->parent; p; p = p->parent) {
    if (p == w)
      return true;
    if (p->implicit)
      return false;
  }
  return false;
}

/* t leaves its creator's private ring for a public deque: it now completes
 * anywhere (the caller adds it to its parent's kids_remote, in bulk when
 * it publishes several siblings) and it and its unpinned ancestors are
 * pinned (see top).  Called on the thread that created t, the only one
 * touching the plain counters involved. */
static inline void tp_task_pin(struct tp_task *t, bool was_local) {
  struct tp_task *p = t->parent;
  if (was_local)
    p->kids_local--;
  t->published = true;
  for (struct tp_task *x = t; !x->pinned && !x->implicit; x = x->parent) {
    struct tp_task *q = x->parent;
    x->pinned = true;
    if (q->implicit)
      break;
    q->alive_local--;
    __atomic_fetch_add(&q->refs, 1, __ATOMIC_RELAXED);
    /* q finished while x was alive and unpinned: its own hold goes now
     * (refs >= 2 here, so this is never the last reference). */
    if (q->done && !q->alive_local)
      __atomic_fetch_sub(&q->refs, 1, __ATOMIC_RELEASE);
  }
}

#endif
