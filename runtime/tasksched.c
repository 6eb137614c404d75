/* tasksched.c — promotion, stealing, sleeping and waking (tasksched.h). */
#include "tasksched.h"

/* Entries a taker looks at past the end it takes from: enough to pass a
 * task of another team, and to prefer a higher priority among the nearest
 * ones (priority is a hint).  A thread waiting in a task looks at every
 * entry in its last look before it sleeps: the descendants it may run can
 * be anywhere in a deque (a yielded one is at the far end), and if it
 * missed them it could sleep with nobody left to run them.  (Every look
 * a full scan made fib 15% slower at 2 threads.) */
#define TP_SCAN 8
#define TP_SCAN_ALL 0xffffffffu
#define TP_PRIO_SCAN 4096
#define TP_STEAL_BATCH 32
/* Nesting beyond which a thread stops taking other threads' tasks (its
 * own private descendants still run: the program's recursion needs them),
 * so chains of steals cannot overflow a thread's stack. */
#define TP_STEAL_DEPTH_MAX 256
/* With a known placement (victims.h), a look tries at most this many
 * members of other packages, from a start that turns from look to look, so
 * each costs a bounded number of cross-package probes and every remote
 * member is still tried within a few looks; the last look before sleeping
 * tries them all. */
#define TP_STEAL_REMOTE_MAX 2

void tp_wq_init(struct tp_wq *q, struct tp_thread *owner) {
  q->owner = owner;
  tp_fiber_worker_init(&q->fw, &tp_rt.fiber_pool);
  tp_ring_init(&q->priv);
  tp_deque_init(&q->pub);
  tp_deque_init(&q->prio);
  q->rng = 0x9e3779b9u;
  q->victims = (struct tp_victims){0};
  q->depth = 0;
  q->hungry = 0;
  q->promoted_ns = 0;
}

void tp_wq_fini(struct tp_wq *q) {
  tp_fiber_worker_fini(&q->fw);
  tp_ring_fini(&q->priv);
  tp_deque_fini(&q->pub);
  tp_deque_fini(&q->prio);
  tp_victims_fini(&q->victims);
}

/* --- waking ------------------------------------------------------------------ */

/* After work for `team` was published and a seq_cst fence: wake a member
 * asleep in a wait that may run anything of the team, or else every member
 * asleep in a taskwait-like wait (one of them may be allowed to run it).
 * Members asleep for another reason (waiting for their next region) are
 * no help: `sleep_mode` (set by tp_sched_sleep) tells them apart. */
static void wake_for(struct tp_thread *self, struct tp_team *team) {
  struct tp_team_tasks *tasks = team->tasks;
  if (!tp_load(&tasks->nsleep))
    return;
  unsigned nth = team->nthreads, restricted = 0;
  for (unsigned i = 0; i < nth; i++) {
    struct tp_thread *t = team->member[i].thr;
    uint8_t mode = tp_load(&tasks->sleep_mode[i]);
    if (t == self || mode == TP_SLEEP_NONE)
      continue;
    if (mode == TP_SLEEP_RESTRICTED) {
      restricted++;
      continue;
    }
    tp_wake(t);
    return;
  }
  if (restricted)
    for (unsigned i = 0; i < nth; i++) {
      struct tp_thread *t = team->member[i].thr;
      if (t != self && tp_load(&tasks->sleep_mode[i]) == TP_SLEEP_RESTRICTED)
        tp_wake(t);
    }
}

void tp_sched_unit_done(struct tp_thread *self, struct tp_team *team) {
  if (__atomic_fetch_sub(&team->tasks->pending, 1, __ATOMIC_SEQ_CST) == 1 &&
      team->nthreads > 1)
    tp_wake_sleepers(self, team);
}

/* --- publishing ----------------------------------------------------------------- */

/* Publishes k private tasks: the oldest (promotion) or, with `newest`,
 * those pushed at or after `floor` (all of them: k is ignored). */
static void publish_private(struct tp_thread *self, uint64_t k, bool newest,
                            uint64_t floor) {
  struct tp_wq *q = self->wq;
  struct tp_task *batch[32];
  struct tp_team *team[32]; /* read before the push: a pushed task may be gone */
  for (;;) {
    unsigned m = 0;
    while (m < 32 && (newest || k)) {
      struct tp_task *t = newest ? tp_ring_pop_above(&q->priv, floor)
                                 : tp_ring_take_oldest(&q->priv);
      if (!t)
        break;
      k--;
      tp_task_pin(t, true);
      team[m] = t->team;
      batch[m++] = t;
    }
    /* Counted before anyone can take them, so pending never dips to 0
     * while they wait (the ring may hold tasks of an enclosing team), and
     * in runs of siblings / team mates: one atomic per run, not per task. */
    for (unsigned i = 0, j; i < m; i = j) {
      struct tp_task *p = batch[i]->parent;
      for (j = i + 1; j < m && batch[j]->parent == p; j++)
        ;
      __atomic_fetch_add(&p->kids_remote, j - i, __ATOMIC_RELAXED);
    }
    for (unsigned i = 0, j; i < m; i = j) {
      for (j = i + 1; j < m && team[j] == team[i]; j++)
        ;
      __atomic_fetch_add(&team[i]->tasks->pending, j - i, __ATOMIC_RELAXED);
    }
    if (!m)
      return;
    tp_deque_push(&q->pub, (void *const *)batch, m);
    tp_fence_sc(); /* the pushes before the sleepers' count (wake_for) */
    for (unsigned i = 0; i < m; i++)
      if (i == 0 || team[i] != team[i - 1])
        wake_for(self, team[i]);
  }
}

void tp_sched_promote(struct tp_thread *self) {
  struct tp_wq *q = self->wq;
  tp_store(&q->hungry, 0);
  uint64_t n = tp_ring_size(&q->priv);
  if (!n)
    return;
  tp_stat(self, TP_STAT_PROMOTIONS, 1);
  tp_trace(self, TP_TR_PROMOTE, TP_TR_INSTANT, (const void *)(uintptr_t)((n + 1) / 2));
  tp_stat(self, TP_STAT_TASKS_PROMOTED, (n + 1) / 2);
  publish_private(self, (n + 1) / 2, false, 0);
  tp_store(&q->promoted_ns, tp_now_ns());
}

void tp_sched_publish_above(struct tp_thread *self, uint64_t floor) {
  publish_private(self, 0, true, floor);
}

void tp_sched_requeue(struct tp_thread *self, struct tp_task *t, bool yielded) {
  struct tp_team *team = t->team;
  if (yielded) /* behind what waits already: a yield must let it run */
    tp_deque_push_top(&self->wq->pub, t);
  else
    tp_deque_push(&self->wq->pub, (void *const *)&t, 1);
  tp_fence_sc();
  wake_for(self, team);
}

void tp_sched_publish(struct tp_thread *self, struct tp_thread *home, struct tp_task *t) {
  struct tp_team *team = t->team;
  __atomic_fetch_add(&team->tasks->pending, 1, __ATOMIC_RELAXED);
  if (t->priority > 0) {
    __atomic_fetch_add(&team->tasks->nprio, 1, __ATOMIC_RELAXED);
    tp_deque_push(&home->wq->prio, (void *const *)&t, 1);
  } else {
    tp_deque_push(&home->wq->pub, (void *const *)&t, 1);
  }
  tp_fence_sc();
  wake_for(self, team);
}

/* --- stealing ------------------------------------------------------------------- */

struct want {
  const struct tp_team *team;
  const struct tp_task *w;
};

static int score(void *entry, const void *arg) {
  const struct tp_task *t = entry;
  const struct want *want = arg;
  if (t->team != want->team || (want->w && !tp_task_descends(t, want->w)))
    return -1;
  return t->priority;
}

static inline uint32_t next_rand(uint32_t *s) {
  uint32_t x = *s; /* xorshift32 */
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *s = x;
}

/* Ask members whose public deques were empty to promote, each at most once
 * per heartbeat (now = 0: at once, the asker is going to sleep). */
static void ask_promotion(struct tp_thread *self, struct tp_team *team, bool now) {
  uint64_t t_now = 0;
  for (unsigned i = 0; i < team->nthreads; i++) {
    struct tp_thread *m = team->member[i].thr;
    if (m == self || tp_load(&m->wq->hungry))
      continue;
    if (!now) {
      if (!t_now)
        t_now = tp_now_ns();
      if (t_now - tp_load(&m->wq->promoted_ns) < tp_rt.heartbeat_ns)
        continue;
    }
    tp_store(&m->wq->hungry, 1);
    tp_stat(self, TP_STAT_HUNGER, 1);
  }
}

struct tp_task *tp_sched_steal(struct tp_thread *self, struct tp_team *team,
                               const struct tp_task *w) {
  struct tp_wq *q = self->wq;
  struct want want = {team, w};
  unsigned scan = w && q->scan_all ? TP_SCAN_ALL : TP_SCAN;
  struct tp_task *t = tp_deque_take_bottom(&q->pub, score, &want, scan);
  if (t || team->nthreads == 1 || q->depth > TP_STEAL_DEPTH_MAX)
    return t;
  unsigned n = team->nthreads, start = next_rand(&q->rng) % n;
  const uint8_t *dist;
  const uint16_t *near = tp_victims_order(&q->victims, team, self->tid, &dist);
  /* near: the others nearest first, the thief last; remote ones are
   * near[r0 .. n - 1), tried from near[r0 + turn]. */
  unsigned r0 = n - 1, turn = 0, looks = n;
  if (near) {
    while (r0 > 0 && dist[r0 - 1] == TP_NEAR_REMOTE)
      r0--;
    if (n - 1 - r0 > TP_STEAL_REMOTE_MAX) {
      turn = start % (n - 1 - r0);
      if (!q->scan_all)
        looks = r0 + TP_STEAL_REMOTE_MAX;
    }
  }
  for (unsigned k = 0; k < looks; k++) {
    unsigned i = !near       ? (start + k < n ? start + k : start + k - n)
                 : k < r0 || k == n - 1 ? near[k]
                                        : near[r0 + (k - r0 + turn) % (n - 1 - r0)];
    struct tp_thread *m = team->member[i].thr;
    if (m == self || !tp_deque_count(&m->wq->pub))
      continue;
    tp_stat(self, TP_STAT_STEAL_TRIES, 1);
    /* Half of what it holds, so a thief of many small tasks comes back
     * to its own deque, not to the victim's lock, for the next ones. */
    void *got[TP_STEAL_BATCH];
    unsigned k = tp_deque_take_top_n(&m->wq->pub, score, &want, scan, got, TP_STEAL_BATCH);
    if (k) {
      tp_stat(self, TP_STAT_STEALS, 1);
      tp_stat(self, TP_STAT_TASKS_STOLEN, k);
      tp_trace(self, TP_TR_STEAL, TP_TR_INSTANT, (const void *)(uintptr_t)k);
      if (k > 1)
        tp_deque_push(&q->pub, got + 1, k - 1);
      return got[0];
    }
  }
  ask_promotion(self, team, false);
  return NULL;
}

struct tp_task *tp_sched_take_prio_slow(struct tp_thread *self, struct tp_team *team,
                                        const struct tp_task *w) {
  struct want want = {team, w};
  struct tp_task *best = NULL;
  struct tp_thread *from = NULL;
  /* Look at every member's highest first, then take the best of them. */
  for (unsigned i = 0; i < team->nthreads; i++) {
    struct tp_thread *m = team->member[i].thr;
    if (!tp_deque_count(&m->wq->prio))
      continue;
    struct tp_task *t = tp_deque_take_bottom(&m->wq->prio, score, &want, TP_PRIO_SCAN);
    if (!t)
      continue;
    if (best && best->priority >= t->priority) {
      tp_deque_push(&m->wq->prio, (void *const *)&t, 1); /* put back */
      continue;
    }
    if (best)
      tp_deque_push(&from->wq->prio, (void *const *)&best, 1);
    best = t;
    from = m;
  }
  if (best)
    __atomic_fetch_sub(&team->tasks->nprio, 1, __ATOMIC_RELAXED);
  return best;
}

void tp_sched_sleep(struct tp_thread *self, struct tp_team *team, bool restricted,
                    bool asleep) {
  struct tp_team_tasks *tasks = team->tasks;
  self->wq->scan_all = asleep; /* the last look before sleeping sees all */
  tp_stats_sleep(self, asleep);
  tp_trace(self, TP_TR_SLEEP, asleep ? TP_TR_BEGIN : TP_TR_END, NULL);
  if (!asleep) {
    tp_store(&tasks->sleep_mode[self->tid], (uint8_t)TP_SLEEP_NONE);
    __atomic_fetch_sub(&tasks->nsleep, 1, __ATOMIC_RELAXED);
    return;
  }
  tp_store(&tasks->sleep_mode[self->tid],
           (uint8_t)(restricted ? TP_SLEEP_RESTRICTED : TP_SLEEP_ANY));
  __atomic_fetch_add(&tasks->nsleep, 1, __ATOMIC_SEQ_CST);
  ask_promotion(self, team, true);
}
