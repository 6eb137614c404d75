/* ws.c — worksharing slots: the ring, entering and leaving a construct,
 * per-construct memory, and waiting on a slot.  Protocol: see ws.h.
 *
 * Waiting (for a slot to be free or ready, an ordered turn, a doacross
 * post): spin with pause on the word for the budget tp_wait_word uses
 * (GOMP_SPINCOUNT; the short throttled budget when the process has more
 * busy threads than CPUs), then note the word in the member's cursor
 * (wait_word), count in the slot's `sleepers` and sleep on the cursor's
 * futex word `wake`.  Whoever advances a word others may wait for stores it
 * seq_cst and calls tp_ws_wake: a single load when nobody sleeps, else a
 * scan of the team's cursors waking exactly the members waiting on that
 * word.  The seq_cst store of the word and the seq_cst increment of
 * `sleepers` order each other: either the waker sees the sleeper or the
 * sleeper sees the word.
 *
 * Why not tp_wait_word: it sleeps on the thread's own eventcount, which
 * other kinds of waits share, and its throttled phase calls sched_yield;
 * with it (waking every sleeping team member) an ordered handoff cost
 * 60-110 us instead of 17 us (3 threads on 2 CPUs, ordered
 * schedule(static,1)).  Spinning uses
 * pause, not sched_yield: on a loaded machine a yield can give the CPU
 * away for a whole time slice. */
#include <stdlib.h>
#include <string.h>

#include "ompt.h"
#include "ws.h"

static struct tp_ws *ring_alloc(unsigned capacity) {
  size_t sz = sizeof(struct tp_ws) * TP_WS_RING +
              sizeof(struct tp_ws_cursor) * capacity +
              sizeof(struct tp_steal_word) * capacity;
  struct tp_ws *ring = tp_aligned_alloc(TP_CACHELINE, sz);
  memset(ring, 0, sz);
  for (unsigned i = 0; i < TP_WS_RING; i++) {
    ring[i].claim = i;
    ring[i].ready = i - TP_WS_RING; /* "ready for" a construct before 0 */
    ring[i].free = i;
  }
  return ring;
}

void tp_ws_team_init(struct tp_team *team) {
  for (unsigned i = 0; i < team->capacity; i++) {
    team->member[i].ws_seq = 0;
    team->member[i].ws = NULL;
  }
  /* A team of one (serialized regions, initial threads) gets its ring on
   * first use: most never run a worksharing construct. */
  team->ws_ring = team->capacity > 1 ? ring_alloc(team->capacity) : NULL;
}

void tp_ws_team_fini(struct tp_team *team) {
  struct tp_ws *ring = team->ws_ring;
  if (!ring)
    return;
  for (unsigned i = 0; i < TP_WS_RING; i++) {
    free(ring[i].mem);
    free(ring[i].dx_counts);
  }
  free(ring);
  team->ws_ring = NULL;
}

static bool done32(const void *w, uint64_t t) {
  return tp_reached(tp_load_acq((uint32_t *)w), (uint32_t)t);
}
static bool done64(const void *w, uint64_t t) {
  return tp_load_acq((uint64_t *)w) >= t;
}

/* Not a task scheduling point: runs no tasks while it waits. */
static inline void ws_wait(struct tp_thread *self, struct tp_ws *ws,
                           bool (*done)(const void *, uint64_t),
                           const void *word, uint64_t target) {
  if (done(word, target))
    return;
  unsigned long long budget =
      tp_oversubscribed() ? tp_load(&tp_rt.spin_throttled) : tp_load(&tp_rt.spin_iters);
  for (unsigned long long i = 0; i < budget; i++) {
    if (done(word, target))
      return;
    tp_pause();
  }
  struct tp_ws_cursor *cur = tp_ws_cursor(self->team, self->tid);
  tp_store(&cur->wait_word, word);
  __atomic_fetch_add(&ws->sleepers, 1, __ATOMIC_SEQ_CST);
  for (;;) {
    uint32_t seq = tp_load_acq(&cur->wake);
    if (done(word, target))
      break;
    tp_futex_wait(&cur->wake, seq);
  }
  tp_store(&cur->wait_word, NULL);
  __atomic_fetch_sub(&ws->sleepers, 1, __ATOMIC_RELAXED);
}

void tp_ws_wait32(struct tp_thread *self, struct tp_ws *ws, uint32_t *word,
                  uint32_t target) {
  ws_wait(self, ws, done32, word, target);
}

void tp_ws_wait64(struct tp_thread *self, struct tp_ws *ws, uint64_t *word,
                  uint64_t target) {
  ws_wait(self, ws, done64, word, target);
}

void tp_ws_wake(struct tp_thread *self, struct tp_ws *ws, const void *word) {
  if (tp_likely(tp_load(&ws->sleepers) == 0))
    return;
  struct tp_team *team = self->team;
  for (unsigned i = 0; i < team->nthreads; i++) {
    struct tp_ws_cursor *c = tp_ws_cursor(team, i);
    if (tp_load(&c->wait_word) == word) {
      __atomic_fetch_add(&c->wake, 1, __ATOMIC_SEQ_CST);
      tp_futex_wake(&c->wake, 1);
    }
  }
}

static struct tp_ws *solo_slot(struct tp_team *team) {
  if (tp_unlikely(!team->ws_ring))
    team->ws_ring = ring_alloc(team->capacity);
  return team->ws_ring;
}

static void cursor_reset(struct tp_team *team, unsigned tid) {
  struct tp_ws_cursor *cur = tp_ws_cursor(team, tid);
  cur->next_chunk = tid;
  cur->held = false;
}

struct tp_ws *tp_ws_enter(struct tp_thread *self, bool *first) {
  struct tp_team *team = self->team;
  struct tp_member *m = &team->member[self->tid];
  struct tp_ws *ws;
  if (team->nthreads == 1) {
    ws = solo_slot(team);
    *first = true;
  } else {
    uint32_t s = m->ws_seq++;
    ws = &team->ws_ring[s % TP_WS_RING];
    uint32_t c = s;
    if (tp_load(&ws->claim) == s && tp_cas(&ws->claim, &c, s + TP_WS_RING)) {
      /* Ours to initialise, once the members of s - RING are all out. */
      tp_ws_wait32(self, ws, &ws->free, s);
      *first = true;
    } else {
      tp_ws_wait32(self, ws, &ws->ready, s);
      *first = false;
    }
  }
  cursor_reset(team, self->tid);
  m->ws = ws;
  return ws;
}

void tp_ws_publish(struct tp_thread *self, struct tp_ws *ws) {
  struct tp_team *team = self->team;
  if (team->nthreads == 1)
    return;
  uint32_t s = team->member[self->tid].ws_seq - 1;
  tp_store_sc(&ws->ready, s);
  tp_ws_wake(self, ws, &ws->ready);
}

struct tp_ws *tp_ws_attach(struct tp_thread *self) {
  struct tp_team *team = self->team;
  struct tp_member *m = &team->member[self->tid];
  struct tp_ws *ws;
  if (team->nthreads == 1) {
    /* The master initialised it and is the only member. */
    ws = solo_slot(team);
  } else {
    uint32_t s = m->ws_seq++;
    ws = &team->ws_ring[s % TP_WS_RING];
    tp_ws_wait32(self, ws, &ws->ready, s);
  }
  cursor_reset(team, self->tid);
  m->ws = ws;
  /* The master's tp_loop_start reported its begin; this is the worker's. */
  TP_OMPT(tp_ompt_work_begin(self, ws->sections ? TP_OMPT_WORK_SECTIONS : TP_OMPT_WORK_LOOP,
                             ws->n));
  return ws;
}

void tp_ws_leave(struct tp_thread *self) {
  struct tp_team *team = self->team;
  struct tp_member *m = &team->member[self->tid];
  struct tp_ws *ws = m->ws;
  m->ws = NULL;
  if (!ws || team->nthreads == 1)
    return;
  if (tp_fetch_add(&ws->left, 1) + 1 == team->nthreads) {
    /* Last one out: nobody reads the slot for this construct any more.
     * `left` is reset before `free` publishes the slot to s + RING. */
    tp_store(&ws->left, 0);
    tp_store_sc(&ws->free, m->ws_seq - 1 + TP_WS_RING);
    tp_ws_wake(self, ws, &ws->free);
  }
}

void *tp_ws_mem(struct tp_ws *ws, size_t size) {
  if (size > ws->mem_cap || !ws->mem) {
    free(ws->mem);
    size_t cap = size < TP_CACHELINE ? TP_CACHELINE : (size + TP_CACHELINE - 1) & ~(size_t)(TP_CACHELINE - 1);
    ws->mem = tp_aligned_alloc(TP_CACHELINE, cap);
    ws->mem_cap = cap;
  }
  memset(ws->mem, 0, size);
  return ws->mem;
}

void tp_scope_start(struct tp_thread *self, const struct tp_ws_hook *hook) {
  bool first;
  struct tp_ws *ws = tp_ws_enter(self, &first);
  if (first) {
    ws->kind = TP_WS_SCOPE;
    ws->ordered = false;
    ws->dx_ncounts = 0;
    tp_ws_hook_run(self, ws, hook, true);
    tp_ws_publish(self, ws);
  } else {
    tp_ws_hook_run(self, ws, hook, false);
  }
  /* gcc emits no end call for scope (its barrier comes with the task
   * reduction's unregistration): the slot is only needed to pick the
   * member that initialises, so leave at once. */
  tp_ws_leave(self);
}
