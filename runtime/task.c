/* task.c — OpenMP task semantics on the work-stealing scheduler: creating,
 * running and completing tasks, taskwait, the waits of a task, lifetime.
 * Where tasks wait and who runs them is tasksched.c's business; the rules for
 * counting children and freeing descriptors are at the top of task.h.
 *
 * Creation.  An included task (if(0), a descendant of a final task, or
 * when too much work is pending already) runs at once in the encountering
 * frame with a pooled descriptor: no lock, no atomic unless it leaves
 * children behind.  A deferred task without dependences, detach or
 * priority is *local*: it goes on the private ring (tp_sched_push), which
 * costs no atomic operation; everything else is published at once
 * (dependences: when its predecessors are done).  Dependences and detach
 * are never run included unless the program asks (if(0)/final): their
 * waits could need a task the encountering task has yet to create.
 * In a team of one (and outside any parallel region, level 0) nobody could
 * run a deferred task but the creator, so a task without dependences or
 * detach runs at once, as libgomp does; outside any parallel region there
 * is also no barrier to run
 * deferred tasks at, so tasks run as soon as they are ready.
 *
 * Scheduling points: a waiting task runs its own local descendants
 * (newest first: the children it is waiting for), then published
 * descendants from anywhere (tp_sched_steal with itself as the
 * restriction); a barrier runs any task of the team.  A task taken from a
 * public deque is a *unit* of the team's pending count until its thief has
 * also run the local tasks it left behind (run_unit), so a barrier that
 * sees pending == 0 after draining its own ring knows all work is done. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "detsched.h"
#include "ompt.h"
#include "tasknow.h"
#include "taskpool.h"
#include "taskpriv.h"
#include "tasksched.h"

/* Private tasks a thread may hold before new ones run at once (the
 * program creates faster than it runs; the ring would only grow). */
#define TP_PRIVATE_MAX 1024
/* With every task published (TEMPO_HEARTBEAT_US=0): pending tasks per
 * thread before new ones run at once, as libgomp does. */
#define TP_PUBLIC_PER_THREAD 64
#define TP_STACK_ARGS_MAX 8192 /* undeferred cpyfn copies up to this on stack */

/* --- lifetime (task.h) ------------------------------------------------------ */

/* Drops one reference; true if it was the last (the caller frees).  Seeing
 * refs == 1 means the caller's is the only one: nobody else may touch it. */
static inline bool unref(struct tp_task *t) {
  return tp_load_acq(&t->refs) == 1 || tp_fetch_sub(&t->refs, 1) == 1;
}

/* Frees t (no references left) and every ancestor whose last hold that
 * was. */
static __attribute__((noinline)) void free_chain(struct tp_thread *self, struct tp_task *t) {
  for (;;) {
    struct tp_task *p = t->parent;
    bool pinned = t->pinned;
    if (tp_unlikely(t->dep_table))
      tp_dep_table_free(t->dep_table);
    if (tp_unlikely(t->succ))
      free(t->succ);
    if (tp_unlikely(t->deps_heap))
      free(t->deps);
    tp_taskpool_put(self, t);
    if (p->implicit)
      return;
    if (!pinned) {
      /* Unpinned: p is a task of this thread (task.h). */
      if (--p->alive_local || !p->done)
        return;
    }
    if (!unref(p))
      return;
    t = p;
  }
}

/* The body of t has returned on this thread (the one that counts its
 * alive_local): drop its own hold once no unpinned child is alive. */
static inline void body_done(struct tp_thread *self, struct tp_task *t) {
  t->done = true;
  if (t->alive_local || !unref(t))
    return;
  struct tp_task *p = t->parent;
  /* The common case inline: a local leaf whose parent still runs (an
   * implicit parent does not count its children). */
  if (tp_likely(!t->pinned && !t->size && !t->dep_table && !t->succ)) {
    if (p->implicit) {
      tp_taskpool_put(self, t);
      return;
    }
    if (p->alive_local > 1 || !p->done) {
      p->alive_local--;
      tp_taskpool_put(self, t);
      return;
    }
  }
  free_chain(self, t);
}

/* --- descriptors ---------------------------------------------------------------- */

/* Field by field, then the cold block in one go; not a memset of the
 * whole descriptor: its `rep stos` was the largest cost of a spawn
 * (measured: ~40% of fib's time at one thread).  Every hot field is set
 * here; keep it so when adding one. */
/* Zeroes the cold block with plain 16-byte stores: gcc turns a memset of
 * this size into `rep stos`, whose start-up alone cost more than the rest
 * of an included task (measured: ~15 ns of 45 in a flat task loop). */
static inline void zero_cold(struct tp_task *t) {
  typedef long long v2 __attribute__((vector_size(16), may_alias, aligned(8)));
  char *p = (char *)t + TP_TASK_COLD;
  enum { n = sizeof *t - TP_TASK_COLD };
  _Static_assert(n % 8 == 0, "cold block is a whole number of words");
#pragma GCC unroll 16
  for (size_t i = 0; i + 16 <= n; i += 16)
    *(v2 *)(p + i) = (v2){0, 0};
  if (n % 16)
    *(long long *)(p + n - 8) = 0;
}

static inline void task_init(struct tp_task *t, struct tp_task *parent, unsigned flags,
                             int priority) {
  t->parent = parent;
  t->team = parent->team;
  t->fn = NULL;
  t->data = NULL;
  t->thr = NULL;
  t->implicit = false;
  t->final = parent->final || (flags & TP_TASK_FINAL);
  t->undeferred = false;
  t->detach = false;
  t->pinned = false;
  t->published = false;
  t->done = false;
  t->untied = (flags & TP_TASK_UNTIED) != 0;
  t->kids_local = 0;
  t->kids_remote = 0;
  t->alive_local = 0;
  t->refs = 1;
  t->floor = 0;
  t->tg_pending = 1;
  t->tg_in_parent = false;
  t->taskgroup = parent->taskgroup;
  t->priority = priority;
  t->qnext = NULL;
  t->icv = parent->icv;
  zero_cold(t);
}

/* A task's data block: a negative size is none, an alignment that is not
 * a power of two is the strictest basic one. */
static inline void data_args(long *arg_size, long *arg_align) {
  if (*arg_size < 0)
    *arg_size = 0;
  if (*arg_align <= 0 || (*arg_align & (*arg_align - 1)))
    *arg_align = (long)_Alignof(max_align_t);
}

/* p rounded up to align, a power of two. */
static inline void *align_up(void *p, long align) {
  return (void *)(((uintptr_t)p + (uintptr_t)align - 1) & ~((uintptr_t)align - 1));
}

struct tp_task *tp_task_new(struct tp_thread *self, long arg_size, long arg_align,
                            unsigned ndeps, unsigned flags, int priority) {
  data_args(&arg_size, &arg_align);
  size_t deps = (size_t)ndeps * sizeof(struct tp_dep_ent);
  struct tp_task *t =
      tp_taskpool_get(self, deps + (size_t)arg_size + (size_t)arg_align - 1);
  task_init(t, tp_task_cur(self), flags, priority);
  char *p = (char *)(t + 1);
  if (ndeps) {
    t->deps = (struct tp_dep_ent *)p;
    p += deps;
  }
  t->data = align_up(p, arg_align);
  return t;
}

/* An unbound task becomes a child of the current task (made real). */
static void bind_task(struct tp_thread *self, struct tp_task *t) {
  void (*fn)(void *) = t->fn;
  void *data = t->data;
  bool detach = t->detach;
  unsigned flags = (t->untied ? TP_TASK_UNTIED : 0) | (t->final ? TP_TASK_FINAL : 0);
  task_init(t, tp_task_cur(self), flags, t->priority);
  t->fn = fn;
  t->data = data;
  t->detach = detach;
}

int tp_task_priority(int p) {
  if (p < 0)
    return 0;
  return p > tp_rt.g.max_task_priority ? tp_rt.g.max_task_priority : p;
}

void tp_task_thread_init(struct tp_thread *self) {
  if (!self->wq) {
    self->wq = tp_aligned_alloc(TP_CACHELINE, sizeof *self->wq);
    tp_wq_init(self->wq, self);
  }
}

void tp_task_thread_fini(struct tp_thread *self) {
  tp_taskpool_fini(self);
  if (self->wq) {
    tp_wq_fini(self->wq);
    free(self->wq);
    self->wq = NULL;
  }
}

/* --- completion --------------------------------------------------------------- */

static inline void wake_if_sleeping(struct tp_thread *t) {
  if (t && tp_load(&t->sleeping))
    tp_wake(t);
}

/* The team's pending count loses a unit on behalf of a thread that may be
 * outside the team (omp_fulfill_event from anywhere): such a thread cannot
 * rely on the team outliving the decrement, so it copies the members
 * first. */
static void unit_done_any(struct tp_thread *self, struct tp_team *team) {
  if (self->team == team) {
    tp_sched_unit_done(self, team);
    return;
  }
  unsigned nth = team->nthreads;
  struct tp_thread *local[16], **snap = nth <= 16 ? local : tp_malloc(nth * sizeof *snap);
  for (unsigned i = 0; i < nth; i++)
    snap[i] = team->member[i].thr;
  if (__atomic_fetch_sub(&team->tasks->pending, 1, __ATOMIC_SEQ_CST) == 1)
    for (unsigned i = 0; i < nth; i++)
      wake_if_sleeping(snap[i]);
  if (snap != local)
    free(snap);
}

static __attribute__((noinline)) void release_successors(struct tp_thread *self,
                                                          struct tp_task *t) {
  struct tp_task *p = t->parent;
  tp_mutex_lock(&p->dep_lock);
  struct tp_task *ready = tp_dep_complete(t);
  tp_mutex_unlock(&p->dep_lock);
  while (ready) {
    struct tp_task *s = ready;
    ready = s->qnext;
    tp_sched_publish(self, t->thr, s);
  }
}

static inline void count_down(uint32_t *word, struct tp_thread *waiter) {
  if (__atomic_fetch_sub(word, 1, __ATOMIC_SEQ_CST) == 1)
    wake_if_sleeping(waiter);
}

/* t, a member of a taskgroup, and all the member children it counts are
 * done: leave the parent's count or the group's, and so on up (a parent
 * is alive while its child is). */
static void tg_leave(struct tp_task *t) {
  while (t->tg_in_parent) {
    t = t->parent;
    if (__atomic_fetch_sub(&t->tg_pending, 1, __ATOMIC_ACQ_REL) != 1)
      return;
  }
  struct tp_taskgroup *tg = t->taskgroup;
  count_down(&tg->count, tp_load(&tg->thr)); /* thr moves with an untied owner */
}

/* t is complete (body returned and, with detach, event fulfilled): release
 * its dependence successors, leave its taskgroup and its parent's count.
 * A waiter's thread is read before the count that lets it go on (the
 * taskgroup may be gone after). */
static inline void task_complete(struct tp_thread *self, struct tp_task *t) {
  struct tp_task *p = t->parent; /* alive: t holds it (task.h) */
  if (tp_unlikely(t->ndeps || t->nsucc))
    release_successors(self, t);
  if (tp_unlikely(t->taskgroup != NULL) &&
      __atomic_fetch_sub(&t->tg_pending, 1, __ATOMIC_ACQ_REL) == 1)
    tg_leave(t);
  if (tp_unlikely(t->published)) {
    struct tp_thread *w = tp_load(&p->thr);
    if (__atomic_fetch_sub(&p->kids_remote, 1, __ATOMIC_SEQ_CST) == 1) {
      wake_if_sleeping(w);
      /* An untied parent suspended in its taskwait: its continuation
       * becomes runnable here (p is alive: t still holds it). */
      if (tp_unlikely(tp_load(&p->fiber_wait)) && tp_xchg(&p->fiber_wait, 0))
        tp_sched_requeue(self, p, false);
    }
  } else {
    p->kids_local--;
  }
}

/* The body of a task with a detach clause returned on self. */
/* A detached task whose body has returned and whose event is fulfilled
 * (whichever came second, on whichever thread) completes: its unit of
 * pending work ends and the event's reference goes. */
static void detach_complete(struct tp_thread *self, struct tp_task *t) {
  struct tp_team *team = t->team;
  task_complete(self, t);
  unit_done_any(self, team);
  if (unref(t))
    free_chain(self, t);
}

static __attribute__((noinline)) void task_end_detach(struct tp_thread *self,
                                                      struct tp_task *t) {
  /* Until fulfilled it counts as a unit of pending work of its own, so
   * barriers wait for it; the event holds a reference (tp_task_submit). */
  __atomic_fetch_add(&t->team->tasks->pending, 1, __ATOMIC_RELAXED);
  if (tp_fetch_add(&t->detach_state, TP_DETACH_BODY_DONE) & TP_DETACH_FULFILLED)
    detach_complete(self, t);
  body_done(self, t);
}

/* The body of t returned on self. */
static inline void task_end(struct tp_thread *self, struct tp_task *t) {
  if (tp_unlikely(t->detach)) {
    task_end_detach(self, t);
    return;
  }
  task_complete(self, t);
  body_done(self, t);
}

static bool run_fiber(struct tp_thread *self, struct tp_task *t);

/* Fibers alive at once, at most: each is a stack mapping (two of the
 * process's ~65000 VMAs), and tasks that yield or wait can start new
 * ones without bound (a whole recursion, breadth first).  Beyond it an
 * untied task runs as if tied. */
#define TP_FIBERS_LIVE_MAX 1024

/* Runs t (or, for an untied task on a fiber, resumes it); false if it
 * suspended instead of finishing (it is then somebody else's).  Only a
 * published untied task gets a fiber: a private one runs on its creator's
 * thread as if tied (nothing to gain, and a spawn stays free of atomics);
 * one that a thief took, or that waited for work of others, may suspend. */
/* t (re)starts on self, on top of the current task (returned). */
static inline struct tp_task *task_enter(struct tp_thread *self, struct tp_task *t) {
  struct tp_wq *q = self->wq;
  struct tp_task *prev = self->task;
  t->thr = self;
  t->floor = tp_sched_mark(self);
  t->below = prev->implicit && q->in_barrier ? NULL : prev;
  self->task = t;
  q->depth++;
  return prev;
}

static inline void task_leave(struct tp_thread *self, struct tp_task *prev) {
  self->wq->depth--;
  self->task = prev;
}

/* The body, unless the task belongs to a cancelled taskgroup or parallel
 * region: a task that has not started then is discarded. */
static inline void task_body(struct tp_task *t) {
  if (tp_likely(!tp_rt.g.cancel ||
                (!tp_task_in_cancelled_group(t->taskgroup) &&
                 !tp_load_acq(&t->team->cancelled))))
    t->fn(t->data);
}

static inline bool task_run(struct tp_thread *self, struct tp_task *t) {
  tp_stat(self, TP_STAT_TASKS_RUN, 1);
  if (tp_unlikely(t->untied) && t->published && tp_rt.fibers &&
      (t->fiber || tp_load(&tp_rt.fibers_live) < TP_FIBERS_LIVE_MAX))
    return run_fiber(self, t);
  struct tp_task *prev = task_enter(self, t);
  tp_trace(self, TP_TR_TASK, TP_TR_BEGIN, NULL);
  TP_OMPT(tp_ompt_task_schedule(prev, false, t));
  task_body(t);
  TP_OMPT(tp_ompt_task_schedule(t, true, prev));
  tp_trace(self, TP_TR_TASK, TP_TR_END, NULL);
  task_leave(self, prev);
  if (tp_unlikely(tp_rt.det)) { /* its completion is a turn (detsched.h) */
    struct tp_team *team = t->team;
    tp_det_wait(self, team);
    task_end(self, t);
    tp_det_pass(self, team);
    return true;
  }
  task_end(self, t);
  return true;
}

/* --- untied tasks on fibers ------------------------------------------------- */

static void fiber_main(void *arg) { task_body(arg); }

/* Starts or resumes untied task t on its fiber, on this thread. */
static __attribute__((noinline)) bool run_fiber(struct tp_thread *self, struct tp_task *t) {
  struct tp_wq *q = self->wq;
  if (!t->fiber) {
    __atomic_fetch_add(&tp_rt.fibers_live, 1, __ATOMIC_RELAXED);
    t->fiber = tp_fiber_new(&q->fw, fiber_main, t);
  }
  struct tp_task *prev = task_enter(self, t);
  struct tp_fiber *f = t->fiber;
  enum tp_fiber_state st = tp_fiber_run(&q->fw, f);
  task_leave(self, prev);
  if (st == TP_FIBER_SUSPENDED)
    return false; /* may already run elsewhere: t is not ours any more */
  t->fiber = NULL;
  tp_fiber_free(&q->fw, f);
  __atomic_fetch_sub(&tp_rt.fibers_live, 1, __ATOMIC_RELAXED);
  task_end(self, t);
  return true;
}

/* Runs on the worker's stack once the fiber of w is saved (fiber.h): w
 * waits for its published children; if they finished meanwhile, it is
 * runnable at once. */
static void park_taskwait(struct tp_fiber *f, void *arg) {
  (void)f;
  struct tp_task *w = arg;
  /* Once fiber_wait is 1 a finishing child may resume w elsewhere, and w
   * may end and be freed before the check below: hold it meanwhile. */
  __atomic_fetch_add(&w->refs, 1, __ATOMIC_RELAXED);
  tp_store_sc(&w->fiber_wait, 1);
  if (tp_load_acq(&w->kids_remote) == 0 && tp_xchg(&w->fiber_wait, 0))
    tp_sched_requeue(tp_tls_self, w, false);
  if (unref(w))
    free_chain(tp_tls_self, w);
}

static void park_yield(struct tp_fiber *f, void *arg) {
  (void)f;
  tp_sched_requeue(tp_tls_self, arg, true);
}

/* Suspends untied task w (running on its fiber, nothing tied above it);
 * `park` decides when it runs again.  Its private descendants are
 * published first: nothing of w may stay on a thread it leaves. */
static void fiber_suspend(struct tp_thread *self, struct tp_task *w,
                          void (*park)(struct tp_fiber *, void *)) {
  tp_sched_publish_above(self, w->floor);
  tp_fiber_suspend(w->fiber, park, w);
  /* Resumed, maybe on another thread: run_fiber there set w's thread,
   * floor and the thread's current task. */
}

/* A published task taken from a deque: run it and the local tasks it left,
 * then end its unit of the team's pending count. */
static void run_unit(struct tp_thread *self, struct tp_task *t) {
  struct tp_team *team = t->team;
  uint64_t floor = tp_sched_mark(self);
  bool finished = task_run(self, t);
  struct tp_task *x;
  while ((x = tp_sched_pop_local(self, floor)))
    task_run(self, x);
  if (!finished) /* a suspended untied task keeps its unit until it ends */
    return;
  if (tp_unlikely(tp_rt.det)) {
    tp_det_wait(self, team);
    tp_sched_unit_done(self, team);
    tp_det_pass(self, team);
    return;
  }
  tp_sched_unit_done(self, team);
}

/* A private task popped by a waiting thread (not by the task that waits
 * for it): an untied one becomes a published unit first, so that it may
 * run on a fiber and suspend (its parent's plain counters stay on this
 * thread, which owns them now). */
static inline void run_popped(struct tp_thread *self, struct tp_task *t) {
  if (tp_likely(!t->untied || !tp_rt.fibers)) {
    task_run(self, t);
    return;
  }
  tp_task_pin(t, true);
  __atomic_fetch_add(&t->parent->kids_remote, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&t->team->tasks->pending, 1, __ATOMIC_RELAXED);
  run_unit(self, t);
}

/* --- waiting ------------------------------------------------------------------ */

/* Idle work of a thread waiting in task w: w's descendants only. */
static bool help_task_det(struct tp_thread *self, struct tp_task *w);

static bool help_task(struct tp_thread *self, void *arg) {
  struct tp_task *w = arg;
  if (tp_unlikely(tp_rt.det))
    return help_task_det(self, w);
  struct tp_task *t = tp_sched_take_prio(self, w->team, w);
  if (t) {
    run_unit(self, t);
    return true;
  }
  t = tp_sched_pop_local(self, w->floor);
  if (t) {
    run_popped(self, t);
    return true;
  }
  t = tp_sched_steal(self, w->team, w);
  if (t) {
    run_unit(self, t);
    return true;
  }
  return false;
}

static void sleep_task(struct tp_thread *self, void *arg, bool asleep) {
  struct tp_task *w = arg;
  tp_sched_sleep(self, w->team, true, asleep);
}

/* Idle work of a thread waiting in a barrier of team: any of its tasks. */
static bool help_barrier_run(struct tp_thread *self, struct tp_team *team);

static bool help_barrier_det(struct tp_thread *self, struct tp_team *team);

static bool help_barrier(struct tp_thread *self, void *arg) {
  struct tp_team *team = arg;
  if (tp_unlikely(tp_rt.det))
    return help_barrier_det(self, team);
  if (!tp_load(&team->tasks->active))
    return false; /* no task in this region: one load per spin */
  struct tp_wq *q = self->wq;
  bool saved = q->in_barrier;
  q->in_barrier = true; /* in a barrier: the tied-task rule restricts nothing */
  bool ran = help_barrier_run(self, team);
  q->in_barrier = saved;
  return ran;
}

static bool help_barrier_run(struct tp_thread *self, struct tp_team *team) {
  struct tp_task *t = tp_sched_take_prio(self, team, NULL);
  if (t) {
    run_unit(self, t);
    return true;
  }
  t = tp_sched_pop_local(self, self->task->floor);
  if (t) {
    run_popped(self, t);
    return true;
  }
  t = tp_sched_steal(self, team, NULL);
  if (t) {
    run_unit(self, t);
    return true;
  }
  return false;
}

/* Deterministic mode: a look for a task is a turn (detsched.h); a member
 * whose turn it is not does nothing this time.  The task found is
 * recorded before the turn passes, and runs after. */
static bool help_task_det(struct tp_thread *self, struct tp_task *w) {
  struct tp_team *team = w->team;
  if (!tp_det_mine(self, team))
    return false;
  /* A wait that is over takes no turn: the turn is for what follows it. */
  const uint32_t *word = self->det_wait_word;
  if (word && (self->det_wait_bits ? (tp_load_acq(word) & self->det_wait_bits) != 0
                                   : tp_load_acq(word) == 0))
    return false;
  struct tp_task *t = tp_sched_take_prio(self, team, w);
  return tp_det_look(self, team, t ? t : tp_sched_steal(self, team, w), run_unit);
}

/* Any task of the team, for a member in a barrier. */
static struct tp_task *det_take(struct tp_thread *self, struct tp_team *team) {
  struct tp_task *t = tp_sched_take_prio(self, team, NULL);
  return t ? t : tp_sched_steal(self, team, NULL);
}

static void det_run(struct tp_thread *self, struct tp_task *t) {
  struct tp_wq *q = self->wq;
  bool saved = q->in_barrier;
  q->in_barrier = true; /* in a barrier: the tied-task rule restricts nothing */
  run_unit(self, t);
  q->in_barrier = saved;
}

/* A barrier that the team has completed takes no more turns (detsched.h). */
static bool help_barrier_det(struct tp_thread *self, struct tp_team *team) {
  if (tp_det_barrier_done(self, team) || !tp_det_mine(self, team))
    return false;
  return tp_det_look(self, team, det_take(self, team), det_run);
}

void tp_task_det_arrive(struct tp_thread *self, struct tp_team *team) {
  tp_det_arrive(self, team, det_take, det_run);
}

static void sleep_barrier(struct tp_thread *self, void *arg, bool asleep) {
  tp_sched_sleep(self, arg, false, asleep);
}

void tp_task_wait(struct tp_thread *self, uint32_t *word, uint32_t bits) {
  struct tp_task *w = self->task;
  struct tp_idle idle = {help_task, sleep_task, w};
  /* Deterministic mode: help_task_det looks at the wait (tasks it runs
   * may wait in turn). */
  const uint32_t *saved_word = self->det_wait_word;
  uint32_t saved_bits = self->det_wait_bits;
  self->det_wait_word = word;
  self->det_wait_bits = bits;
  if (bits)
    tp_wait_bits(self, word, bits, &idle);
  else
    tp_wait_zero(self, word, &idle);
  self->det_wait_word = saved_word;
  self->det_wait_bits = saved_bits;
}

void tp_task_yield(struct tp_thread *self) {
  struct tp_task *w = tp_task_cur(self);
  if (w->fiber) { /* untied: let the thread run something else meanwhile */
    fiber_suspend(self, w, park_yield);
    return;
  }
  /* Run one task here: a task that polls with taskyield for what another
   * task will do must let that task run even when no other thread takes
   * it.  A tied task may run its own descendants (the newest first); an
   * untied one whatever the thread's innermost suspended tied task allows
   * (anything of the team in a barrier). */
  struct tp_task *r = w;
  while (r && r->untied)
    r = r->below;
  struct tp_task *base = r ? r : self->team->member[self->tid].itask;
  if (tp_unlikely(tp_rt.det)) {
    const uint32_t *saved = self->det_wait_word;
    self->det_wait_word = NULL; /* not a wait: a look at its turn, if it is one */
    help_task_det(self, base);
    self->det_wait_word = saved;
    return;
  }
  struct tp_task *t = tp_sched_pop_local(self, base->floor);
  if (t)
    run_popped(self, t);
  else if (w->untied && (t = tp_sched_steal(self, w->team, r)))
    run_unit(self, t);
}

/* Waits for the current task's children: the local ones are on this
 * thread's ring above w's floor (run newest first, no atomics), then the
 * published ones. */
static inline void taskwait(struct tp_thread *self) {
  struct tp_task *w = self->task;
  while (w->kids_local) {
    struct tp_task *t = tp_sched_pop_local(self, w->floor);
    if (!t)
      break;
    task_run(self, t);
  }
  if (!tp_load_acq(&w->kids_remote))
    return;
  if (w->fiber) { /* untied: suspend; the last child to finish requeues it */
    while (tp_load_acq(&w->kids_remote))
      fiber_suspend(tp_tls_self, w, park_taskwait);
    return;
  }
  tp_task_wait(self, &w->kids_remote, 0);
}

void tp_taskwait(struct tp_thread *self) {
  if (self->lazy)
    return; /* a task without a descriptor has no children */
  if (tp_likely(!tp_rt.ompt)) {
    taskwait(self);
    return;
  }
  tp_ompt_sync(self, TP_OMPT_TASKWAIT, true);
  taskwait(self);
  tp_ompt_sync(self, TP_OMPT_TASKWAIT, false);
}

void tp_task_drain(struct tp_thread *self, struct tp_team *team) {
  struct tp_team_tasks *tasks = team->tasks;
  if (!tp_load(&tasks->active) && !tp_sched_private_above(self, self->task->floor))
    return; /* nothing was created in this region (level 0 tasks are included) */
  for (;;) {
    while (help_barrier(self, team))
      ;
    if (tp_load_acq(&tasks->pending) == 0 && !tp_sched_private_above(self, self->task->floor))
      return;
    tp_wait_zero(self, &tasks->pending, &tasks->idle);
  }
}

void tp_task_join(struct tp_thread *self, struct tp_team *team, unsigned tid,
                  uint32_t epoch) {
  struct tp_team_tasks *tasks = team->tasks;
  if (tp_unlikely(tp_rt.det))
    tp_task_det_arrive(self, team); /* the region's end is a barrier's arrival too */
  if (tid == 0) {
    tp_task_drain(self, team);
    /* Always stored: a worker may have seen `active` when this thread did
     * not.  Sleepers among the workers waiting for it count in nsleep. */
    tp_store_sc(&tasks->master_joined, epoch);
    if (tp_load(&tasks->nsleep))
      tp_wake_sleepers(self, team);
    tp_task_hint_set(team->site, tp_load(&tasks->active) != 0);
    return;
  }
  /* A worker stays to help when this region has created tasks, or when
   * the region's function did last time (its tasks may not exist yet:
   * `parallel` + `single` whose barrier gcc folds into the region's end
   * sends the other threads here before the single creates anything). */
  if (!team->tasks_hint && !tp_load(&tasks->active) && !tp_rt.det)
    return; /* (in deterministic mode every member takes its turns to the end) */
  tp_task_drain(self, team);
  tp_wait_word(self, &tasks->master_joined, epoch, &tasks->idle);
}

static inline size_t hint_slot(const void *fn) {
  return (size_t)(((uintptr_t)fn >> 4) * 0x9e3779b97f4a7c15ull >> 56);
}

bool tp_task_hint(const void *fn) {
  size_t i = hint_slot(fn);
  if (tp_load(&tp_rt.task_hint[i].fn) != fn)
    return true; /* not known: assume it does */
  return tp_load(&tp_rt.task_hint[i].tasks) != 0;
}

void tp_task_hint_set(const void *fn, bool tasks) {
  size_t i = hint_slot(fn);
  if (tp_load(&tp_rt.task_hint[i].fn) != fn) {
    tp_store(&tp_rt.task_hint[i].tasks, (uint32_t)tasks);
    tp_store(&tp_rt.task_hint[i].fn, fn);
  } else if (tp_load(&tp_rt.task_hint[i].tasks) != (uint32_t)tasks) {
    tp_store(&tp_rt.task_hint[i].tasks, (uint32_t)tasks);
  }
}

void tp_task_region_begin(struct tp_team *team) {
  struct tp_team_tasks *tasks = team->tasks;
  if (tp_load(&tasks->active))
    tp_store(&tasks->active, 0);
  if (tp_unlikely(tp_rt.det))
    tp_det_region_begin(team);
}

/* --- implicit tasks and team state ------------------------------------------- */

void tp_task_init_implicit(struct tp_task *t, struct tp_task *parent,
                           struct tp_team *team, const struct tp_icv *icv) {
  /* All children of the previous region ended at its barrier. */
  if (t->dep_table)
    tp_dep_table_free(t->dep_table);
  memset(t, 0, sizeof *t);
  struct tp_thread *self = tp_tls_self;
  t->icv = *icv;
  t->parent = parent;
  t->team = team;
  t->implicit = true;
  t->thr = self;
  t->floor = self && self->wq ? tp_sched_mark(self) : 0;
  t->taskgroup = parent ? parent->region_taskgroup : NULL;
  if (tp_unlikely(tp_rt.det) && self && self->wq)
    tp_det_seed_thread(self, team);
}

void tp_team_tasks_init(struct tp_team *team) {
  struct tp_team_tasks *tasks = tp_aligned_alloc(TP_CACHELINE, sizeof *tasks);
  tasks->sleep_mode = tp_calloc(team->capacity ? team->capacity : 1, 1);
  tasks->idle.work = help_barrier;
  tasks->idle.sleep = sleep_barrier;
  tasks->idle.arg = team;
  team->tasks = tasks;
}

void tp_team_tasks_fini(struct tp_team *team) {
  struct tp_team_tasks *tasks = team->tasks;
  for (unsigned i = 0; i < team->capacity; i++) {
    struct tp_task *it = team->member[i].itask;
    if (it && it->dep_table) {
      tp_dep_table_free(it->dep_table);
      it->dep_table = NULL;
    }
  }
  free(tasks->sleep_mode);
  free(tasks);
  team->tasks = NULL;
}

/* --- creation ----------------------------------------------------------------- */

/* An included task's descriptor: a child of the current task that lives
 * only in this frame (it still has one, for omp_in_final, nest locks and
 * the children it may leave behind). */
/* t is an undeferred child of `parent` (the current task): it runs or
 * waits in this frame and counts as an unpinned child while alive. */
static inline void undeferred_adopt(struct tp_thread *self, struct tp_task *t,
                                    struct tp_task *parent) {
  t->undeferred = true;
  t->thr = self;
  if (!parent->implicit)
    parent->alive_local++;
}

/* An undeferred task t of `parent` starts: what an OMPT tool is told. */
static inline void undeferred_tool_begin(struct tp_thread *self, struct tp_task *parent,
                                         struct tp_task *t) {
  if (tp_unlikely(tp_rt.ompt)) {
    tp_ompt_task_create(self, parent, t, true);
    tp_ompt_task_schedule(parent, false, t);
  }
}

/* Waits in this frame until the earlier siblings that undeferred t's
 * dependences name are done (t is never recorded for later ones). */
static void undeferred_wait_deps(struct tp_thread *self, struct tp_task *parent,
                                 struct tp_task *t, const struct tp_dep *deps,
                                 unsigned ndeps) {
  tp_mutex_lock(&parent->dep_lock);
  tp_dep_register(parent, t, deps, ndeps, false);
  tp_mutex_unlock(&parent->dep_lock);
  if (tp_load_acq(&t->npred))
    tp_task_wait(self, &t->npred, 0);
  t->ndeps = 0; /* never recorded: nothing to unlink */
}

static inline struct tp_task *included_begin(struct tp_thread *self, unsigned flags) {
  struct tp_task *parent = self->task;
  struct tp_task *t = tp_taskpool_get(self, 0);
  task_init(t, parent, flags, 0);
  undeferred_adopt(self, t, parent);
  undeferred_tool_begin(self, parent, t);
  t->floor = tp_sched_mark(self);
  t->below = parent; /* suspended while its included child runs */
  self->task = t;
  return t;
}

/* An undeferred task's body returned: back to the parent; a detached one
 * is complete only once its event is fulfilled, and the encountering task
 * waits for that. */
static __attribute__((noinline)) void undeferred_leave_slow(struct tp_thread *self,
                                                            struct tp_task *t) {
  if (t->detach)
    tp_task_wait(self, &t->detach_state, TP_DETACH_FULFILLED);
  body_done(self, t);
}

static inline void undeferred_leave(struct tp_thread *self, struct tp_task *t) {
  struct tp_task *parent = t->parent;
  TP_OMPT(tp_ompt_task_schedule(t, true, parent));
  self->task = parent;
  /* The common case, inline: nothing of it outlives it (not detached, no
   * child alive, never published or pinned); its parent is the task
   * running here, so it is not done and keeps its own hold. */
  if (tp_likely(!t->detach && !t->alive_local && !t->pinned && !t->dep_table && !t->succ &&
                tp_load(&t->refs) == 1)) {
    if (!parent->implicit)
      parent->alive_local--;
    tp_taskpool_put(self, t);
    return;
  }
  undeferred_leave_slow(self, t);
}

/* fn(data), or with cpyfn into a buffer in this frame (heap if large). */
static inline __attribute__((always_inline)) void call_with_copy(const struct tp_task_spec *s) {
  if (!s->cpyfn) {
    s->fn(s->data);
    return;
  }
  long align = s->arg_align;
  if (align <= 0 || (align & (align - 1)))
    align = (long)_Alignof(max_align_t);
  size_t size = (size_t)(s->arg_size > 0 ? s->arg_size : 0) + (size_t)align;
  if (size <= TP_STACK_ARGS_MAX) {
    char buf[size];
    char *arg = align_up(buf, align);
    s->cpyfn(arg, s->data);
    s->fn(arg);
  } else {
    char *buf = tp_malloc(size);
    char *arg = align_up(buf, align);
    s->cpyfn(arg, s->data);
    s->fn(arg);
    free(buf);
  }
}

/* --- lazy included tasks ------------------------------------------------------
 *
 * Most included tasks (a team of one, if(0), children of a final task or of
 * a full ring) are never looked at: they create no deferred task, change
 * no ICV, own no lock.  Such a task runs with no descriptor: its frame
 * counts itself in self->lazy and calls the body.  It shares the task
 * below it (self->task) for everything it may read - ICVs, taskgroup,
 * final flag (a task that becomes final gets its descriptor at once) - and
 * it has no children, so its taskwait has nothing to wait for.  Code that
 * needs the task itself calls tp_task_cur, which gives every lazy task on
 * this thread its descriptor, outermost first (tp_task_materialize).  A
 * frame's end tells which happened (tp_task_lazy_close, tasknow.h).  No
 * atomics, no descriptor, a dozen instructions. */

/* A lazy frame that got a descriptor while it ran: it is self->task (inner
 * frames have ended). */
void tp_task_lazy_end(struct tp_thread *self) { undeferred_leave(self, self->task); }

void tp_task_materialize(struct tp_thread *self) {
  unsigned k = self->lazy;
  self->lazy = 0;
  while (k--)
    included_begin(self, 0);
}

/* Runs call_with_copy(s) as an included task: lazily unless it becomes
 * final here. */
static inline __attribute__((always_inline)) void run_included(struct tp_thread *self,
                                                              const struct tp_task_spec *s) {
  tp_task_now_enter(self);
  if (tp_likely((!(s->flags & TP_TASK_FINAL) || self->task->final) && !tp_rt.ompt)) {
    unsigned me = tp_task_lazy_open(self);
    call_with_copy(s);
    tp_task_lazy_close(self, me);
  } else {
    struct tp_task *t = included_begin(self, s->flags);
    call_with_copy(s);
    undeferred_leave(self, t);
  }
  tp_task_now_leave(self);
}

void tp_task_run_included(struct tp_thread *self, void (*fn)(void *), void *data,
                          bool final) {
  struct tp_task_spec s = {.fn = fn, .data = data, .flags = final ? TP_TASK_FINAL : 0};
  run_included(self, &s);
}

/* Undeferred task t (adopted) starts in this frame, on top of `parent`. */
static inline void undeferred_enter(struct tp_thread *self, struct tp_task *t,
                                    struct tp_task *parent) {
  t->floor = tp_sched_mark(self);
  t->below = parent; /* suspended while its undeferred child runs */
  self->task = t;
}

/* An undeferred task that must wait first or after: it has dependences on
 * earlier siblings, or a detach clause. */
static void spawn_undeferred_slow(struct tp_thread *self, const struct tp_task_spec *s,
                                  unsigned ndeps) {
  struct tp_task *parent = tp_task_cur(self);
  struct tp_task *t = tp_task_new(self, 0, 1, 0, s->flags, 0);
  undeferred_adopt(self, t, parent);
  undeferred_tool_begin(self, parent, t);
  TP_OMPT(tp_ompt_dependences(t, s->deps, ndeps));
  if (ndeps && parent->dep_table)
    undeferred_wait_deps(self, parent, t, s->deps, ndeps);
  if (s->detach) {
    t->detach = true;
    *s->detach = t;
    if (s->data)
      *(void **)s->data = t;
  }
  undeferred_enter(self, t, parent);
  tp_stat(self, TP_STAT_TASKS_NOW, 1);
  call_with_copy(s);
  undeferred_leave(self, t);
}

void tp_task_begin_undeferred(struct tp_thread *self, struct tp_task *t) {
  if (!t->parent)
    bind_task(self, t);
  struct tp_task *parent = self->task;
  undeferred_adopt(self, t, parent);
  undeferred_tool_begin(self, parent, t);
  undeferred_enter(self, t, parent);
  tp_stat(self, TP_STAT_TASKS_NOW, 1);
}

void tp_task_end_undeferred(struct tp_thread *self, struct tp_task *t) {
  undeferred_leave(self, t);
}

static inline bool throttled(struct tp_thread *self) {
  struct tp_team *team = self->team;
  if (tp_task_too_deep(self))
    return false; /* the ring grows instead */
  if (tp_unlikely(team->nthreads == 1))
    return true; /* no team to share with: run now */
  if (tp_unlikely(tp_rt.det))
    return false; /* the count read here would depend on timing */
  if (tp_likely(tp_rt.heartbeat_ns))
    return tp_sched_private(self) >= TP_PRIVATE_MAX;
  return tp_load(&team->tasks->pending) > TP_PUBLIC_PER_THREAD * team->nthreads;
}

bool tp_task_throttled(struct tp_thread *self) { return throttled(self); }

/* The bookkeeping of a new child t of the current task `parent`. */
static inline void count_child(struct tp_thread *self, struct tp_task *parent,
                               struct tp_task *t) {
  struct tp_team_tasks *tasks = t->team->tasks;
  tp_stat(self, TP_STAT_TASKS_DEFERRED, 1);
  if (tp_unlikely(!tp_load(&tasks->active)))
    tp_store_sc(&tasks->active, 1);
  if (!parent->implicit)
    parent->alive_local++;
  struct tp_taskgroup *tg = t->taskgroup;
  if (tp_unlikely(tg != NULL)) {
    /* A member parent (deferred, created in this group) counts it; the
     * group's owner, included and implicit tasks leave it to the group. */
    if (!parent->implicit && !parent->undeferred && parent->taskgroup == tg &&
        tg->owner != parent) {
      t->tg_in_parent = true;
      __atomic_fetch_add(&parent->tg_pending, 1, __ATOMIC_RELAXED);
    } else {
      __atomic_fetch_add(&tg->count, 1, __ATOMIC_RELAXED);
    }
  }
}

void tp_task_publish(struct tp_thread *self, struct tp_task *t) {
  struct tp_task *parent = self->task;
  count_child(self, parent, t);
  tp_task_pin(t, false);
  __atomic_fetch_add(&parent->kids_remote, 1, __ATOMIC_RELAXED);
  tp_sched_publish(self, self, t);
}

static void submit(struct tp_thread *self, struct tp_task *t, const struct tp_dep *deps);

/* In deterministic mode a spawn is a turn, and names the task. */
void tp_task_submit(struct tp_thread *self, struct tp_task *t, const struct tp_dep *deps) {
  if (tp_likely(!tp_rt.det)) {
    submit(self, t, deps);
    return;
  }
  struct tp_team *team = self->team;
  tp_det_wait(self, team);
  t->det_id = ++team->tasks->det_next_id;
  submit(self, t, deps);
  tp_det_pass(self, team);
}

static void submit(struct tp_thread *self, struct tp_task *t, const struct tp_dep *deps) {
  struct tp_task *parent = self->task;
  struct tp_team *team = self->team;
  if (tp_unlikely(tp_rt.ompt)) {
    tp_ompt_task_create(self, parent, t, false);
    tp_ompt_dependences(t, deps, t->ndeps);
  }
  count_child(self, parent, t);
  if (tp_likely(!t->ndeps && !t->detach && !t->priority && tp_rt.heartbeat_ns)) {
    parent->kids_local++;
    tp_sched_push(self, t);
    return;
  }
  if (t->detach)
    t->refs++; /* the event's reference, dropped at completion */
  tp_task_pin(t, false);
  __atomic_fetch_add(&parent->kids_remote, 1, __ATOMIC_RELAXED);
  bool ready = true;
  if (t->ndeps) {
    tp_mutex_lock(&parent->dep_lock);
    tp_dep_register(parent, t, deps, t->ndeps, true);
    ready = t->npred == 0;
    tp_mutex_unlock(&parent->dep_lock);
  }
  if (ready && team->nthreads == 1 && !t->detach && !t->priority) {
    /* Nobody else could take it: run it now rather than through a deque
     * (a task scheduling point; its successors wait on it as recorded). */
    __atomic_fetch_add(&team->tasks->pending, 1, __ATOMIC_RELAXED);
    run_unit(self, t);
  } else if (ready) {
    tp_sched_publish(self, self, t);
  }
  /* Outside any parallel region there is no barrier to run deferred
   * tasks at: run what is ready now (a task scheduling point). */
  if (team->level == 0) {
    struct tp_task *x;
    while ((x = tp_sched_steal(self, team, parent)))
      run_unit(self, x);
  }
}

/* Whether `parent` may create no task now: its taskgroup or its parallel
 * region was cancelled. */
static inline bool spawn_cancelled(struct tp_thread *self, struct tp_task *parent) {
  return tp_rt.g.cancel && (tp_task_in_cancelled_group(parent->taskgroup) ||
                            tp_load_acq(&self->team->cancelled));
}

/* Copies the task's data: small blocks inline (most are a few pointers). */
static inline void copy_data(void *dst, const void *src, long n) {
  if (n <= 16 && n >= 8) {
    uint64_t a, b;
    memcpy(&a, src, 8);
    memcpy(&b, (const char *)src + n - 8, 8);
    memcpy(dst, &a, 8);
    memcpy((char *)dst + n - 8, &b, 8);
  } else if (n > 0) {
    memcpy(dst, src, (size_t)n);
  }
}

/* The task construct; inlined into both entry points, so that a plain
 * task's spec is never built in memory. */
static inline __attribute__((always_inline)) void spawn(struct tp_thread *self,
                                                        const struct tp_task_spec *s) {
  struct tp_task *parent = self->task;
  unsigned flags = s->flags;
  /* A team of one runs a plain task at once: decided first, so that path
   * (which libgomp makes very cheap) does not pay for the checks below;
   * so does a thread whose older tasks leave thieves work enough. */
  if ((tp_task_alone(self) || tp_task_run_now(self, parent)) && !s->ndeps && !s->detach &&
      !s->priority) {
    run_included(self, s);
    return;
  }
  /* The fast path: a plain deferred task that goes on the private ring,
   * in a pooled descriptor; no atomic, no lock, no call but the copy. */
  struct tp_task_cache *c = self->task_cache;
  long align = s->arg_align;
  if (tp_likely(!s->ndeps && !s->priority && !s->detach && s->if_clause &&
                !parent->final && !tp_rt.g.cancel && tp_rt.heartbeat_ns && !tp_rt.ompt &&
                self->team->nthreads > 1 && align > 0 && align <= 64 && !(align & (align - 1)) &&
                (unsigned long)s->arg_size <= TP_TASK_SLOT - sizeof(struct tp_task) - 64 &&
                c && c->head && tp_sched_private(self) < TP_PRIVATE_MAX) &&
      (tp_likely(!self->lazy) || (parent = tp_task_cur(self), c->head))) {
    /* (The child's parent must be real: a lazy one gets its descriptor,
     * from the same cache.) */
    struct tp_task *t = c->head;
    c->head = t->qnext;
    c->count--;
    task_init(t, parent, flags, 0);
    t->fn = s->fn;
    t->data = align_up(t + 1, align);
    if (s->cpyfn) {
      self->task = t;
      s->cpyfn(t->data, s->data);
      self->task = parent;
    } else {
      copy_data(t->data, s->data, s->arg_size);
    }
    count_child(self, parent, t);
    parent->kids_local++;
    tp_sched_push(self, t);
    return;
  }
  unsigned ndeps = s->ndeps;
  bool detach = s->detach != NULL;
  if (tp_unlikely(spawn_cancelled(self, parent)))
    return; /* no new task in a cancelled taskgroup or parallel region */

  if (!s->if_clause || parent->final) {
    if (tp_likely(!detach && !(ndeps && parent->dep_table)))
      run_included(self, s);
    else
      spawn_undeferred_slow(self, s, ndeps);
    return;
  }
  if (!detach && !ndeps && tp_unlikely(throttled(self))) {
    /* A full ring must still answer hunger, or a thread that creates
     * more than it can hold would keep all its work to itself. */
    tp_sched_yield(self);
    run_included(self, s);
    return;
  }

  int prio = tp_task_priority(s->priority);
  struct tp_task *t = tp_task_new(self, s->arg_size, s->arg_align, ndeps, flags, prio);
  parent = self->task; /* made real by tp_task_new */
  t->ndeps = ndeps;
  if (detach) {
    t->detach = true;
    *s->detach = t;
    if (s->data)
      *(void **)s->data = t;
  }
  t->fn = s->fn;
  if (s->cpyfn) {
    self->task = t;
    s->cpyfn(t->data, s->data);
    self->task = parent;
  } else if (s->arg_size > 0) {
    memcpy(t->data, s->data, (size_t)s->arg_size);
  }
  tp_task_submit(self, t, s->deps);
}

void tp_task_spawn(struct tp_thread *self, const struct tp_task_spec *s) { spawn(self, s); }

void tp_task_spawn_plain(struct tp_thread *self, void (*fn)(void *), void *data,
                         void (*cpyfn)(void *, void *), long arg_size, long arg_align,
                         unsigned flags) {
  struct tp_task_spec s = {.fn = fn, .data = data, .cpyfn = cpyfn, .arg_size = arg_size,
                           .arg_align = arg_align,
                           .if_clause = !(flags & TP_TASK_UNDEFERRED),
                           .flags = flags & ~TP_TASK_UNDEFERRED};
  spawn(self, &s);
}

/* An unbound task runs at once as a lazy included task (tasknow.h). */
static inline void run_unbound_now(struct tp_thread *self, struct tp_task *t) {
  unsigned frame = tp_task_unbound_begin(self);
  t->fn(t->data);
  tp_task_unbound_end(self, t, frame);
}

static __attribute__((noinline)) void spawn_new_slow(struct tp_thread *self, struct tp_task *t,
                                                     size_t data_size,
                                                     const struct tp_dep *deps,
                                                     unsigned ndeps) {
  struct tp_task *parent = self->task;
  if (tp_unlikely(spawn_cancelled(self, parent))) {
    tp_taskpool_put(self, t); /* no new task in a cancelled taskgroup or region */
    return;
  }
  bool alone = self->team->nthreads == 1 && !tp_task_too_deep(self) && !ndeps && !t->detach &&
               !t->priority;
  bool now = parent->final || alone ||
             (!ndeps && !t->detach && (throttled(self) || (!t->priority && tp_task_run_now(self, parent))));
  if (now && !alone && !parent->final)
    tp_sched_yield(self); /* a full ring still answers hunger (tp_task_spawn) */
  if (!t->parent) {
    /* From tp_task_unbound_init: a plain task that runs now runs lazily
     * (its descriptor was only its memory); any other becomes a child of
     * the current task first. */
    if (now && !ndeps && !t->priority && tp_task_unbound_lazy(self, t)) {
      run_unbound_now(self, t);
      return;
    }
    bind_task(self, t);
    parent = self->task;
  }
  if (now) {
    undeferred_adopt(self, t, parent);
    undeferred_tool_begin(self, parent, t);
    TP_OMPT(tp_ompt_dependences(t, deps, ndeps));
    if (ndeps && parent->dep_table)
      undeferred_wait_deps(self, parent, t, deps, ndeps);
    undeferred_enter(self, t, parent);
    tp_task_now_enter(self);
    t->fn(t->data);
    tp_task_now_leave(self);
    undeferred_leave(self, t);
    return;
  }
  if (ndeps) {
    /* After the data if the block has room (a pooled slot mostly has),
     * else from the heap. */
    void *end = align_up((char *)t->data + data_size, _Alignof(struct tp_dep_ent));
    if (tp_taskpool_room(t, end) >= ndeps * sizeof *t->deps) {
      t->deps = end;
    } else {
      t->deps = tp_malloc(ndeps * sizeof *t->deps);
      t->deps_heap = true;
    }
    t->ndeps = ndeps;
  }
  tp_task_submit(self, t, deps);
}

/* The common case first, in as few tests as gcc's (spawn), and in a frame
 * of its own (the rest keeps many registers): a plain task, never bound,
 * that runs at once gets no descriptor. */
void tp_task_spawn_new(struct tp_thread *self, struct tp_task *t, size_t data_size,
                       const struct tp_dep *deps, unsigned ndeps) {
  if (!ndeps && tp_task_unbound_now(self, t)) {
    run_unbound_now(self, t);
    return;
  }
  spawn_new_slow(self, t, data_size, deps, ndeps);
}

void tp_taskwait_depend(struct tp_thread *self, const struct tp_dep *deps,
                        unsigned ndeps) {
  if (self->lazy)
    return; /* no children, so no sibling dependences to wait for */
  struct tp_task *parent = self->task;
  if (!ndeps || !parent->dep_table)
    return; /* no earlier sibling had dependences */
  struct tp_task *t = tp_task_new(self, 0, 1, ndeps, 0, 0);
  undeferred_adopt(self, t, parent);
  undeferred_wait_deps(self, parent, t, deps, ndeps);
  body_done(self, t);
}

void tp_task_fulfill(struct tp_thread *self, struct tp_task *t) {
  if (!t || !t->detach) {
    tp_warn("omp_fulfill_event: %p is not the event of a task with a detach "
            "clause (or it was fulfilled already); ignored", (void *)t);
    return;
  }
  if (t->undeferred) {
    struct tp_thread *w = t->thr; /* read first: t may go once fulfilled */
    uint32_t old = tp_fetch_add(&t->detach_state, TP_DETACH_FULFILLED);
    if (old & TP_DETACH_FULFILLED)
      tp_warn("omp_fulfill_event: event %p fulfilled twice", (void *)t);
    tp_fence_sc();
    wake_if_sleeping(w);
    return;
  }
  uint32_t old = __atomic_load_n(&t->detach_state, __ATOMIC_ACQUIRE);
  for (;;) {
    if (old & TP_DETACH_FULFILLED) {
      tp_warn("omp_fulfill_event: event %p fulfilled twice; ignored", (void *)t);
      return;
    }
    if (__atomic_compare_exchange_n(&t->detach_state, &old, old | TP_DETACH_FULFILLED,
                                    false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
      break;
  }
  if (old & TP_DETACH_BODY_DONE)
    detach_complete(self, t);
}
