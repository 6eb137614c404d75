/* tasksched.h — where tasks wait to run and who runs them: the one place
 * scheduling decisions are made (push, promote, pop, steal, idle), so that
 * statistics, tracing and a deterministic mode can hook here.
 *
 * Each thread has a private ring (ring.h: owner only, no atomics) and a
 * public deque (deque.h: what thieves take).  A spawn pushes on the
 * private ring and checks one word, `hungry`; nothing else.  Promotion —
 * moving the oldest half of the private ring to the public deque — happens
 * only when that word is set: by a thief that found nothing to steal, at
 * most once per heartbeat (TEMPO_HEARTBEAT_US, default 100 us) per victim,
 * or by a thread going to sleep.  So a program nobody steals from pays no
 * atomic operation per task, and one with idle threads publishes its
 * biggest pieces (the oldest tasks of a recursion) at a bounded rate.
 * TEMPO_HEARTBEAT_US=0 publishes every task at once (the classic design,
 * for comparison).
 *
 * Who may run what (tied tasks, OpenMP's task scheduling constraint): a
 * thread waiting in task w (taskwait, taskgroup end, dependence wait) runs
 * only descendants of w: from its private ring those pushed since w
 * started (index >= w->floor, ring.h), from public deques those whose
 * parent chain reaches w.  A thread waiting in a barrier runs any task of
 * its team. */
#ifndef TEMPO_TASKSCHED_H
#define TEMPO_TASKSCHED_H

#include "deque.h"
#include "ring.h"
#include "stats.h"
#include "task.h"
#include "trace.h"
#include "victims.h"

struct tp_wq {
  /* Owner only. */
  struct tp_thread *owner;
  struct tp_fiber_worker fw; /* runs untied tasks' fibers (fiber.h) */
  struct tp_ring priv;
  uint32_t rng;            /* victim selection */
  struct tp_victims victims; /* ... nearest first, when placement is known (victims.h) */
  bool in_barrier;         /* running tasks from a barrier (task.h below) */
  bool scan_all;           /* about to sleep: look at whole deques (tasksched.c) */
  unsigned depth;          /* tasks this thread is running, nested */
  /* Written by thieves, read by the owner at every spawn. */
  uint32_t hungry tp_cacheline_aligned;
  uint64_t promoted_ns;    /* when the owner last published (owner writes) */
  struct tp_deque pub tp_cacheline_aligned;
  /* Published tasks with a priority clause > 0, taken before any other
   * work, highest first (priority is a hint; these are rare, so takers
   * scan the whole deque). */
  struct tp_deque prio;
};

void tp_wq_init(struct tp_wq *q, struct tp_thread *owner) tp_hidden;
void tp_wq_fini(struct tp_wq *q) tp_hidden;

/* Publish the oldest half (at least one) of self's private tasks. */
void tp_sched_promote(struct tp_thread *self) tp_hidden;
/* Put t, already pinned (tp_task_pin), on self's public deque for any
 * member of its team; counts it in the team's pending and wakes a sleeper.
 * self need not be a member (omp_fulfill_event from outside): then it goes
 * to the deque of the thread that ran t's predecessor, `home`. */
void tp_sched_publish(struct tp_thread *self, struct tp_thread *home,
                      struct tp_task *t) tp_hidden;

/* The spawn fast path: t goes on the private ring. */
static inline void tp_sched_push(struct tp_thread *self, struct tp_task *t) {
  struct tp_wq *q = self->wq;
  tp_ring_push(&q->priv, t);
  if (tp_unlikely(tp_load(&q->hungry)))
    tp_sched_promote(self);
}

/* Work-first with slack: should a new task of the current task (which
 * started when the private ring's tail was `floor`) run at once, inside
 * it, instead of going on the ring?  Yes while at least
 * TEMPO_INLINE_SLACK tasks older than the current one wait on the ring:
 * thieves have work, and older tasks are the bigger pieces of a
 * recursion, so nothing is lost by not offering this one; running it at
 * once costs a call instead of a descriptor.  When thieves (promotion)
 * drain the older ones, new tasks go on the ring again.  Tasks run this
 * way nest on the stack, so `nesting` (how many already run so, inside
 * one another) is bounded: a chain of tasks that each create the next
 * cannot overflow it.  A flat loop of tasks has no older ones: they all
 * go on the ring.  A thread that runs tasks this way pushes and pops
 * nothing, so hunger is answered here (one load), as at a push. */
#define TP_RUN_NOW_NESTING_MAX 256
static inline bool tp_sched_run_now(struct tp_thread *self, uint64_t floor,
                                    unsigned nesting) {
  struct tp_wq *q = self->wq;
  if (!tp_rt.inline_slack || floor <= q->priv.head)
    return false;
  if (tp_unlikely(tp_load(&q->hungry)))
    tp_sched_promote(self);
  return floor > q->priv.head && floor - q->priv.head >= tp_rt.inline_slack &&
         nesting < TP_RUN_NOW_NESTING_MAX;
}

/* Private tasks waiting to run. */
static inline uint64_t tp_sched_private(const struct tp_thread *self) {
  return tp_ring_size(&self->wq->priv);
}

/* Are private tasks pushed at or after `floor` waiting? */
static inline bool tp_sched_private_above(const struct tp_thread *self, uint64_t floor) {
  const struct tp_ring *r = &self->wq->priv;
  return r->tail != r->head && r->tail > floor;
}

/* The newest private task pushed at or after `floor`, or NULL.  A pop is
 * also where a hungry thief is answered when the owner is between tasks
 * and spawns nothing (e.g. running the children it waits for). */
static inline struct tp_task *tp_sched_pop_local(struct tp_thread *self, uint64_t floor) {
  struct tp_wq *q = self->wq;
  if (tp_unlikely(tp_load(&q->hungry)))
    tp_sched_promote(self);
  return tp_ring_pop_above(&q->priv, floor);
}

/* Has a thread asked self to publish work?  (One load.) */
static inline bool tp_sched_hungry(const struct tp_thread *self) {
  return tp_load(&self->wq->hungry) != 0;
}

/* A scheduling point with nothing else to do (taskyield): answer hunger. */
static inline void tp_sched_yield(struct tp_thread *self) {
  if (tp_unlikely(tp_load(&self->wq->hungry)))
    tp_sched_promote(self);
}

/* Where the next private push goes (a task's floor when it starts). */
static inline uint64_t tp_sched_mark(const struct tp_thread *self) {
  return self->wq->priv.tail;
}

/* Publishes every private task pushed at or after `floor` (an untied
 * task about to suspend leaves nothing of its own on this thread). */
void tp_sched_publish_above(struct tp_thread *self, uint64_t floor) tp_hidden;
/* A suspended untied task became runnable: onto self's public deque (it
 * still counts in pending: its unit did not end); one that yielded goes
 * to the far end, after the work already waiting. */
void tp_sched_requeue(struct tp_thread *self, struct tp_task *t, bool yielded) tp_hidden;

/* A published task self may run: a descendant of w (w NULL: any task of
 * team) from its own public deque, then from other members' (starting at
 * a random one).  Finding none, it asks the members to promote (hunger).
 * NULL if nothing was found. */
struct tp_task *tp_sched_steal(struct tp_thread *self, struct tp_team *team,
                               const struct tp_task *w) tp_hidden;
/* The highest-priority published task (priority > 0) self may run, or
 * NULL: asked before any other work.  One load when there is none. */
struct tp_task *tp_sched_take_prio_slow(struct tp_thread *self, struct tp_team *team,
                                        const struct tp_task *w) tp_hidden;
static inline struct tp_task *tp_sched_take_prio(struct tp_thread *self,
                                                 struct tp_team *team,
                                                 const struct tp_task *w) {
  if (tp_likely(!tp_load(&team->tasks->nprio)))
    return NULL;
  return tp_sched_take_prio_slow(self, team, w);
}

/* A thread about to sleep in a wait that runs tasks (asleep = true), or
 * awake again: counted in the team's nsleep so publishers know to wake
 * it, and every member is asked to promote what it holds. */
void tp_sched_sleep(struct tp_thread *self, struct tp_team *team, bool restricted,
                    bool asleep) tp_hidden;
/* A published unit of work ended (pending--): wakes the team's sleepers
 * when it was the last. */
void tp_sched_unit_done(struct tp_thread *self, struct tp_team *team) tp_hidden;

#endif
