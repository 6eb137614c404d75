/* task.c — the task scheduler, "simple and correct" edition.
 *
 * Ready queue: one per team, under the team's tasks->lock, ordered by
 * priority (higher first; a sorted list of levels, usually just level 0)
 * and LIFO within a level, so a thread waiting for its children finds them
 * at the front.  `queued` mirrors the queue length for the lock-free
 * tp_task_available() check; `pending` counts created-not-completed
 * deferred tasks and is decremented as the very last access a completing
 * thread makes to the team (barrier.c's invariant).
 *
 * Scheduling points: at a barrier (tp_task_run_one, tp_task_drain) any
 * queued task may run; at taskwait, taskgroup end and the other waits of a
 * task (tp_task_wait) only descendants of the waiting task, which keeps
 * the tied-task scheduling constraint (every task is tied here; running an
 * untied task as tied is legal).
 *
 * Waking: a thread that queues tasks wakes sleeping members (one that is
 * free to run anything if there is one, otherwise every sleeper: a sleeper
 * restricted to its descendants may not be able to run it).  The order is
 * queue store, seq_cst fence, read `sleeping`; waiters store `sleeping`
 * seq_cst and re-check before sleeping (wait.c's protocol).  Completion
 * wakes the one thread waiting for it (parent's taskwait, taskgroup end,
 * an undeferred task's waiter) and, when `pending` drops to 0, every
 * sleeping member (barrier drains).  Threads are never freed, so waking a
 * thread after its waited-for object may be gone is safe; a completing
 * thread outside the team (omp_fulfill_event from elsewhere) copies the
 * member list before its final decrement.
 *
 * Included tasks (if(0), descendants of final tasks, and — when more than
 * 64 tasks per thread are pending, or outside any parallel region — tasks
 * without dependences or detach) run at once in the encountering frame
 * with a cached descriptor: no lock, no shared counter.  Dependences and
 * detach are never run that way unless the program asks (if(0)/final):
 * their waits could need a task the encountering task has yet to create.
 * Outside any parallel region (level 0, the initial thread's team of one)
 * there is no barrier to run deferred tasks at, so the ones that become
 * ready at creation run right away.
 *
 * Descriptors: one slot size (descriptor + small inline data) recycled
 * through a per-thread free list; larger tasks use malloc. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "taskpriv.h"

#define TP_TASK_SLOT 512         /* bytes of a cached descriptor */
#define TP_TASK_CACHE_MAX 4096   /* descriptors a thread keeps */
#define TP_THROTTLE_PER_THREAD 64 /* pending tasks per thread before included */
#define TP_STACK_ARGS_MAX 8192   /* undeferred cpyfn copies up to this on stack */

struct tp_prio_level {
  int prio;
  struct tp_task *head;
  struct tp_prio_level *next;
};

struct tp_sched {
  struct tp_prio_level *levels; /* sorted by decreasing priority */
  struct tp_prio_level base;    /* priority 0, always last */
  uint32_t push_seq;            /* pushes so far (read without the lock) */
};

struct tp_task_cache {
  struct tp_task *head;
  unsigned count;
};

/* --- descriptors ---------------------------------------------------------- */

static struct tp_task *cache_get(struct tp_thread *self) {
  struct tp_task_cache *c = self->task_cache;
  if (tp_likely(c && c->head)) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    c->count--;
    return t;
  }
  struct tp_task *t = tp_aligned_alloc(TP_CACHELINE, TP_TASK_SLOT);
  t->size = 0;
  return t;
}

static void task_free(struct tp_thread *self, struct tp_task *t) {
  if (t->dep_table)
    tp_dep_table_free(t->dep_table);
  free(t->succ);
  if (t->size) {
    free(t);
    return;
  }
  struct tp_task_cache *c = self->task_cache;
  if (tp_unlikely(!c))
    self->task_cache = c = tp_calloc(1, sizeof *c);
  if (c->count >= TP_TASK_CACHE_MAX) {
    free(t);
    return;
  }
  t->qnext = c->head;
  c->head = t;
  c->count++;
}

void tp_task_cache_free(struct tp_thread *self) {
  struct tp_task_cache *c = self->task_cache;
  if (!c)
    return;
  while (c->head) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    free(t);
  }
  free(c);
  self->task_cache = NULL;
}

/* Drop one reference of t; free it and, transitively, ancestors whose
 * last reference this was. */
static void task_release(struct tp_thread *self, struct tp_task *t) {
  while (!t->implicit) {
    if (tp_load_acq(&t->refs) != 1 && tp_fetch_sub(&t->refs, 1) != 1)
      return;
    struct tp_task *p = t->parent;
    bool held = t->parent_ref;
    task_free(self, t);
    if (!held)
      return;
    t = p;
  }
}

/* An undeferred task t of `parent` has finished.  The parent waited for
 * it, so it needs no reference on the parent, unless children of t are
 * still alive: their ancestry walk (is_descendant) and completion reach
 * through t to the parent, which must then outlive t.  refs == 1 means no
 * live child, and none can appear any more. */
static void undeferred_end(struct tp_thread *self, struct tp_task *t,
                           struct tp_task *parent) {
  if (tp_load_acq(&t->refs) != 1) {
    if (!parent->implicit)
      __atomic_fetch_add(&parent->refs, 1, __ATOMIC_RELAXED);
    t->parent_ref = true;
  }
  task_release(self, t);
}

/* Common initialisation of an explicit task created by `parent`. */
static void task_init(struct tp_task *t, struct tp_task *parent, unsigned flags,
                      int priority) {
  uint32_t size = t->size;
  memset(t, 0, sizeof *t);
  t->size = size;
  t->icv = parent->icv;
  t->parent = parent;
  t->team = parent->team;
  t->final = parent->final || (flags & TP_TF_FINAL);
  t->taskgroup = parent->taskgroup;
  t->priority = priority;
  t->refs = 1;
}

struct tp_task *tp_task_new(struct tp_thread *self, long arg_size, long arg_align,
                            unsigned ndeps, unsigned flags, int priority) {
  if (arg_size < 0)
    arg_size = 0;
  if (arg_align <= 0 || (arg_align & (arg_align - 1)))
    arg_align = (long)_Alignof(max_align_t);
  size_t deps = (size_t)ndeps * sizeof(struct tp_dep_ent);
  size_t need = sizeof(struct tp_task) + deps + (size_t)arg_size + (size_t)arg_align - 1;
  struct tp_task *t;
  if (need <= TP_TASK_SLOT) {
    t = cache_get(self);
  } else {
    t = tp_aligned_alloc(TP_CACHELINE, need);
    t->size = (uint32_t)(need > UINT32_MAX ? UINT32_MAX : need);
    if (!t->size)
      t->size = 1;
  }
  task_init(t, self->task, flags, priority);
  char *p = (char *)(t + 1);
  if (ndeps) {
    t->deps = (struct tp_dep_ent *)p;
    p += deps;
  }
  t->data = (void *)(((uintptr_t)p + (uintptr_t)arg_align - 1) &
                     ~((uintptr_t)arg_align - 1));
  return t;
}

int tp_task_priority(int p) {
  if (p < 0)
    return 0;
  return p > tp_rt.g.max_task_priority ? tp_rt.g.max_task_priority : p;
}

/* --- the ready queue (team lock held) ------------------------------------ */

static void queue_push_locked(struct tp_team_tasks *tasks, struct tp_task *t) {
  struct tp_sched *s = tasks->sched;
  struct tp_prio_level **pl = &s->levels, *l;
  while ((l = *pl)->prio > t->priority)
    pl = &l->next;
  if (l->prio != t->priority) {
    struct tp_prio_level *n = tp_calloc(1, sizeof *n);
    n->prio = t->priority;
    n->next = l;
    *pl = l = n;
  }
  t->qnext = l->head;
  l->head = t;
  tp_store(&s->push_seq, s->push_seq + 1);
  tp_store(&tasks->queued, tasks->queued + 1);
}

void tp_task_ready_locked(struct tp_team_tasks *tasks, struct tp_task *t) {
  queue_push_locked(tasks, t);
}

static bool is_descendant(const struct tp_task *t, const struct tp_task *w) {
  for (const struct tp_task *p = t->parent; p; p = p->parent) {
    if (p == w)
      return true;
    if (p->implicit)
      return false;
  }
  return false;
}

/* Take the first queued task (highest priority, newest) that is a
 * descendant of w, or any task if w is NULL. */
static struct tp_task *queue_pop_locked(struct tp_team_tasks *tasks,
                                        const struct tp_task *w) {
  struct tp_sched *s = tasks->sched;
  for (struct tp_prio_level *l = s->levels; l; l = l->next) {
    for (struct tp_task **pt = &l->head, *t; (t = *pt); pt = &t->qnext) {
      if (w && !is_descendant(t, w))
        continue;
      *pt = t->qnext;
      tp_store(&tasks->queued, tasks->queued - 1);
      return t;
    }
  }
  return NULL;
}

/* --- waking ----------------------------------------------------------------- */

static inline void wake_if_sleeping(struct tp_thread *t) {
  if (t && tp_load(&t->sleeping))
    tp_wake(t);
}

void tp_task_wake_for(struct tp_thread *self, struct tp_team *team, unsigned n) {
  unsigned nth = team->nthreads;
  if (nth <= 1 || n == 0)
    return;
  tp_fence_sc(); /* the queue store above is ordered before the reads below */
  struct tp_team_tasks *tasks = team->tasks;
  unsigned restricted_sleepers = 0;
  for (unsigned i = 0; i < nth && n; i++) {
    struct tp_thread *t = team->member[i].thr;
    if (t == self || !tp_load(&t->sleeping))
      continue;
    if (tp_load(&tasks->restricted[i])) {
      restricted_sleepers++;
      continue;
    }
    tp_wake(t);
    n--;
  }
  if (n && restricted_sleepers)
    for (unsigned i = 0; i < nth; i++) {
      struct tp_thread *t = team->member[i].thr;
      if (t != self && tp_load(&t->sleeping) && tp_load(&tasks->restricted[i]))
        tp_wake(t);
    }
}

static void wake_all_sleepers(struct tp_thread *const *thr, unsigned n) {
  for (unsigned i = 0; i < n; i++)
    wake_if_sleeping(thr[i]);
}

/* --- running and completing ------------------------------------------------- */

/* The task is done (body returned and, with detach, event fulfilled). */
static void task_complete(struct tp_thread *self, struct tp_task *t) {
  struct tp_team *team = t->team;
  struct tp_team_tasks *tasks = team->tasks;
  if (t->ndeps || t->nsucc) {
    tp_mutex_lock(&tasks->lock);
    unsigned n = tp_dep_complete(tasks, t);
    tp_mutex_unlock(&tasks->lock);
    tp_task_wake_for(self, team, n);
  }
  struct tp_taskgroup *tg = t->taskgroup;
  if (tg) {
    struct tp_thread *w = tg->thr; /* read first: tg may go once count is 0 */
    if (__atomic_fetch_sub(&tg->count, 1, __ATOMIC_SEQ_CST) == 1)
      wake_if_sleeping(w);
  }
  struct tp_task *p = t->parent; /* alive: t holds a reference */
  if (__atomic_fetch_sub(&p->children, 1, __ATOMIC_SEQ_CST) == 1)
    wake_if_sleeping(tp_load(&p->thr));

  /* A thread outside the team cannot rely on the team outliving the
   * decrement of pending below: copy the members first. */
  bool outsider = self->team != team;
  unsigned nth = team->nthreads;
  struct tp_thread *local[16], **snap = NULL;
  if (outsider) {
    snap = nth <= 16 ? local : tp_malloc(nth * sizeof *snap);
    for (unsigned i = 0; i < nth; i++)
      snap[i] = team->member[i].thr;
  }
  task_release(self, t);
  if (__atomic_fetch_sub(&tasks->pending, 1, __ATOMIC_SEQ_CST) == 1) {
    if (outsider)
      wake_all_sleepers(snap, nth);
    else if (nth > 1)
      tp_wake_sleepers(self, team);
  }
  if (snap != local)
    free(snap);
}

static void task_run(struct tp_thread *self, struct tp_task *t) {
  struct tp_task *prev = self->task;
  t->thr = self;
  self->task = t;
  /* A task of a cancelled taskgroup or parallel region that has not
   * started is discarded. */
  if (tp_likely(!tp_rt.g.cancel ||
                (!tp_task_in_cancelled_group(t->taskgroup) &&
                 !tp_load_acq(&t->team->cancelled))))
    t->fn(t->data);
  self->task = prev;
  if (t->detach &&
      !(tp_fetch_add(&t->detach_state, TP_DETACH_BODY_DONE) & TP_DETACH_FULFILLED))
    return; /* omp_fulfill_event completes it */
  task_complete(self, t);
}

/* Run a queued task (a descendant of w if w is not NULL).  *seen, if not
 * NULL, remembers the push count of the last scan that found no
 * descendant, so a waiter does not rescan (under the lock) a queue that
 * holds only other tasks until something new is pushed. */
static bool run_queued(struct tp_thread *self, struct tp_team *team,
                       const struct tp_task *w, uint32_t *seen) {
  struct tp_team_tasks *tasks = team->tasks;
  struct tp_sched *s = tasks->sched;
  if (!tp_load(&tasks->queued))
    return false;
  if (seen && tp_load(&s->push_seq) == *seen)
    return false;
  tp_mutex_lock(&tasks->lock);
  struct tp_task *t = queue_pop_locked(tasks, w);
  if (!t && seen)
    *seen = s->push_seq;
  tp_mutex_unlock(&tasks->lock);
  if (!t)
    return false;
  task_run(self, t);
  return true;
}

bool tp_task_run_one(struct tp_thread *self, struct tp_team *team) {
  return run_queued(self, team, NULL, NULL);
}

/* --- waiting ----------------------------------------------------------------- */

static inline bool wait_done(uint32_t *word, uint32_t bits) {
  uint32_t v = tp_load_acq(word);
  return bits ? (v & bits) != 0 : v == 0;
}

/* Spin (running eligible tasks), then sleep until woken, until done.
 * w: the waiting task whose descendants may run (NULL: any task). */
static void wait_loop(struct tp_thread *self, struct tp_team *team,
                      const struct tp_task *w, uint32_t *word, uint32_t bits) {
  struct tp_team_tasks *tasks = team->tasks;
  unsigned tid = self->tid;
  uint32_t seen_v = tp_load(&((struct tp_sched *)tasks->sched)->push_seq) - 1;
  uint32_t *seen = w ? &seen_v : NULL;
  for (;;) {
    bool throttled = tp_oversubscribed();
    unsigned long long budget = throttled ? tp_rt.spin_throttled : tp_rt.spin_iters;
    for (unsigned long long i = 0; i < budget; i++) {
      if (wait_done(word, bits))
        return;
      if (run_queued(self, team, w, seen)) {
        i = 0;
        continue;
      }
      if (throttled)
        sched_yield();
      else
        tp_pause();
    }
    uint32_t seq = tp_load_acq(&self->wake_seq);
    tp_store(&tasks->restricted[tid], (uint8_t)(w != NULL));
    tp_store_sc(&self->sleeping, 1);
    if (wait_done(word, bits) || run_queued(self, team, w, seen)) {
      tp_store(&self->sleeping, 0);
      continue;
    }
    tp_futex_wait(&self->wake_seq, seq);
    tp_store(&self->sleeping, 0);
  }
}

void tp_task_wait(struct tp_thread *self, uint32_t *word, uint32_t bits) {
  if (wait_done(word, bits))
    return;
  struct tp_task *w = self->task;
  tp_store(&w->thr, self);
  tp_fence_sc(); /* publish thr before re-checking: wakers read it after */
  wait_loop(self, w->team, w, word, bits);
}

void tp_task_drain(struct tp_thread *self, struct tp_team *team) {
  if (tp_load_acq(&team->tasks->pending) == 0)
    return;
  wait_loop(self, team, NULL, &team->tasks->pending, 0);
}

void tp_taskwait(struct tp_thread *self) {
  struct tp_task *w = self->task;
  if (tp_load_acq(&w->children) == 0)
    return;
  tp_task_wait(self, &w->children, 0);
}

/* --- implicit tasks and team state ------------------------------------------- */

void tp_task_init_implicit(struct tp_task *t, struct tp_task *parent,
                           struct tp_team *team, const struct tp_icv *icv) {
  /* All children of the previous region ended at its barrier. */
  if (t->dep_table)
    tp_dep_table_free(t->dep_table);
  memset(t, 0, sizeof *t);
  t->icv = *icv;
  t->parent = parent;
  t->team = team;
  t->implicit = true;
  t->thr = tp_tls_self;
  t->taskgroup = parent ? parent->region_taskgroup : NULL;
}

void tp_team_tasks_init(struct tp_team *team) {
  struct tp_team_tasks *tasks = tp_calloc(1, sizeof *tasks);
  struct tp_sched *s = tp_calloc(1, sizeof *s);
  s->levels = &s->base;
  tasks->sched = s;
  tasks->restricted = tp_calloc(team->capacity ? team->capacity : 1, 1);
  team->tasks = tasks;
}

void tp_team_tasks_fini(struct tp_team *team) {
  struct tp_team_tasks *tasks = team->tasks;
  struct tp_sched *s = tasks->sched;
  for (unsigned i = 0; i < team->capacity; i++) {
    struct tp_task *it = team->member[i].itask;
    if (it && it->dep_table) {
      tp_dep_table_free(it->dep_table);
      it->dep_table = NULL;
    }
  }
  struct tp_prio_level *l = s->levels;
  while (l != &s->base) {
    struct tp_prio_level *n = l->next;
    free(l);
    l = n;
  }
  free(s);
  free(tasks->restricted);
  free(tasks);
  team->tasks = NULL;
}

/* --- creation ----------------------------------------------------------------- */

void tp_task_run_included(struct tp_thread *self, void (*fn)(void *), void *data,
                          bool final) {
  struct tp_task *parent = self->task;
  struct tp_task *t = cache_get(self);
  task_init(t, parent, final ? TP_TF_FINAL : 0, 0);
  t->undeferred = true;
  t->thr = self;
  self->task = t;
  fn(data);
  self->task = parent;
  undeferred_end(self, t, parent);
}

/* fn(data), or with cpyfn into a buffer in this frame (heap if large). */
static void call_with_copy(const struct tp_task_spec *s) {
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
    char *arg = (char *)(((uintptr_t)buf + (uintptr_t)align - 1) & ~((uintptr_t)align - 1));
    s->cpyfn(arg, s->data);
    s->fn(arg);
  } else {
    char *buf = tp_malloc(size);
    char *arg = (char *)(((uintptr_t)buf + (uintptr_t)align - 1) & ~((uintptr_t)align - 1));
    s->cpyfn(arg, s->data);
    s->fn(arg);
    free(buf);
  }
}

/* An included task: no allocation beyond a cached slot, no lock, no
 * atomic read-modify-write unless it left children behind. */
static void spawn_included(struct tp_thread *self, const struct tp_task_spec *s) {
  struct tp_task *parent = self->task;
  struct tp_task *t = cache_get(self);
  task_init(t, parent, s->flags, 0);
  t->undeferred = true;
  t->thr = self;
  self->task = t;
  call_with_copy(s);
  self->task = parent;
  undeferred_end(self, t, parent);
}

/* An undeferred task that needs a real descriptor: it has dependences on
 * earlier siblings to wait for, or a detach clause to wait on. */
static void spawn_undeferred_slow(struct tp_thread *self, const struct tp_task_spec *s,
                                  unsigned ndeps) {
  struct tp_task *parent = self->task;
  struct tp_task *t = tp_task_new(self, 0, 1, ndeps, s->flags, 0);
  t->undeferred = true;
  t->thr = self;
  if (ndeps && parent->dep_table) {
    struct tp_team_tasks *tasks = parent->team->tasks;
    tp_mutex_lock(&tasks->lock);
    tp_dep_register(parent, t, s->depend, false);
    tp_mutex_unlock(&tasks->lock);
    if (tp_load_acq(&t->npred))
      tp_task_wait(self, &t->npred, 0);
  }
  t->ndeps = 0; /* never recorded: nothing to unlink */
  if (s->flags & TP_TF_DETACH) {
    t->detach = true;
    *s->detach = t;
    if (s->data)
      *(void **)s->data = t;
  }
  self->task = t;
  call_with_copy(s);
  self->task = parent;
  if (t->detach)
    tp_task_wait(self, &t->detach_state, TP_DETACH_FULFILLED);
  undeferred_end(self, t, parent);
}

void tp_task_submit(struct tp_thread *self, struct tp_task *t, void **depend) {
  struct tp_task *parent = self->task;
  struct tp_team *team = self->team;
  struct tp_team_tasks *tasks = team->tasks;
  __atomic_fetch_add(&tasks->pending, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&parent->children, 1, __ATOMIC_RELAXED);
  if (!parent->implicit)
    __atomic_fetch_add(&parent->refs, 1, __ATOMIC_RELAXED);
  t->parent_ref = true;
  if (t->taskgroup)
    __atomic_fetch_add(&t->taskgroup->count, 1, __ATOMIC_RELAXED);
  tp_mutex_lock(&tasks->lock);
  if (t->ndeps)
    tp_dep_register(parent, t, depend, true);
  bool ready = t->npred == 0;
  if (ready)
    queue_push_locked(tasks, t);
  tp_mutex_unlock(&tasks->lock);
  if (ready)
    tp_task_wake_for(self, team, 1);
  /* Outside any parallel region there is no barrier to run deferred
   * tasks at: run what is ready now (a task scheduling point). */
  if (team->level == 0)
    while (run_queued(self, team, parent, NULL))
      ;
}

void tp_task_spawn(struct tp_thread *self, const struct tp_task_spec *s) {
  struct tp_task *parent = self->task;
  struct tp_team *team = self->team;
  unsigned flags = s->flags;
  unsigned ndeps = (flags & TP_TF_DEPEND) && s->depend ? tp_dep_count(s->depend) : 0;
  bool detach = (flags & TP_TF_DETACH) && s->detach;
  if (tp_unlikely(tp_rt.g.cancel) &&
      (tp_task_in_cancelled_group(parent->taskgroup) ||
       tp_load_acq(&team->cancelled)))
    return; /* no new task in a cancelled taskgroup or parallel region */

  if (!s->if_clause || parent->final) {
    if (tp_likely(!detach && !(ndeps && parent->dep_table)))
      spawn_included(self, s); /* the fast path */
    else
      spawn_undeferred_slow(self, s, ndeps);
    return;
  }
  /* Too many tasks pending, or no team to share them with: run it now.
   * Not with dependences or detach, whose waits could need a task that
   * the encountering task has yet to create. */
  if (!detach && !ndeps &&
      (team->level == 0 || tp_load(&team->tasks->pending) >
                               TP_THROTTLE_PER_THREAD * team->nthreads)) {
    spawn_included(self, s);
    return;
  }

  int prio = (flags & TP_TF_PRIORITY) ? tp_task_priority(s->priority) : 0;
  struct tp_task *t = tp_task_new(self, s->arg_size, s->arg_align, ndeps, flags, prio);
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
  tp_task_submit(self, t, s->depend);
}

void tp_taskwait_depend(struct tp_thread *self, void **depend) {
  struct tp_task *parent = self->task;
  unsigned ndeps = depend ? tp_dep_count(depend) : 0;
  if (!ndeps || !parent->dep_table)
    return; /* no earlier sibling had dependences */
  struct tp_task *t = tp_task_new(self, 0, 1, ndeps, 0, 0);
  t->undeferred = true;
  t->thr = self;
  struct tp_team_tasks *tasks = parent->team->tasks;
  tp_mutex_lock(&tasks->lock);
  tp_dep_register(parent, t, depend, false);
  tp_mutex_unlock(&tasks->lock);
  if (tp_load_acq(&t->npred))
    tp_task_wait(self, &t->npred, 0);
  t->ndeps = 0;
  task_release(self, t);
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
    task_complete(self, t);
}
