/* loop.c — iteration scheduling for loop and sections constructs.
 *
 * A loop is described by its logical trip count n (iterations 0 .. n-1) and
 * value(i) = start + i * incr computed modulo 2^64, which serves the signed
 * long and the unsigned long long entry points alike.  The last chunk ends
 * at the loop's own `end` value rather than start + n * incr, which could
 * overflow the loop variable's type.
 *
 *  - static: computed by each member from (tid, nthreads) alone; with a
 *    chunk, member t takes chunks t, t + nthreads, ...; without, one block
 *    (the first n % nthreads members get one iteration more).
 *  - dynamic: one fetch_add of `chunk` on the slot's `next` per chunk; when
 *    n + (nthreads + 1) * chunk could overflow 64 bits (the counter runs
 *    past n by up to one chunk per member), a CAS loop instead.
 *  - guided: CAS loop; each chunk is ceil(remaining / nthreads) iterations,
 *    at least `chunk` (libgomp's rule, so programs see the same chunking).
 *  - runtime: run-sched-var decides.
 *  - auto (asked for, or from run-sched-var) is static without chunk: no
 *    shared state at all and deterministic placement, and the compiler
 *    already chose it when it could have asked for something better.
 *    Except on a team that spans CPU kinds (a hybrid part, tp_rt.auto_steal):
 *    equal blocks would wait on the slow cores, so auto is dynamic there
 *    (by range stealing unless monotonic or TEMPO_LOOP_STEAL=0).
 *
 * Ordered loops additionally hand the "ordered turn" from chunk to chunk in
 * iteration order (ordered.c) when a member finishes a chunk. */
#include "ompt.h"
#include "stats.h"
#include "task.h"
#include "ws.h"

uint64_t tp_loop_count(long start, long end, long incr) {
  if (incr > 0)
    return end > start ? ((uint64_t)end - (uint64_t)start - 1) / (uint64_t)incr + 1 : 0;
  if (incr < 0)
    return end < start ? ((uint64_t)start - (uint64_t)end - 1) / (0 - (uint64_t)incr) + 1 : 0;
  if (start != end)
    tp_warn("worksharing loop with increment 0; running no iterations");
  return 0;
}

uint64_t tp_loop_count_ull(bool up, uint64_t start, uint64_t end, uint64_t incr) {
  if (tp_unlikely(incr == 0)) {
    if (start != end)
      tp_warn("worksharing loop with increment 0; running no iterations");
    return 0;
  }
  if (up)
    return end > start ? (end - start - 1) / incr + 1 : 0;
  return end < start ? (start - end - 1) / (0 - incr) + 1 : 0;
}

/* Dynamic or guided, by range stealing when nonmonotonic and allowed. */
static int dynamic_kind(bool monotonic) {
  return monotonic || !tp_rt.loop_steal || tp_rt.det ? TP_WS_DYNAMIC : TP_WS_STEAL;
}
static int guided_kind(bool monotonic) {
  return monotonic || !tp_rt.loop_steal || tp_rt.det ? TP_WS_GUIDED : TP_WS_STEAL_GUIDED;
}
static bool is_steal(int kind) {
  return kind == TP_WS_STEAL || kind == TP_WS_STEAL_GUIDED;
}

/* The TP_WS_* kind of omp_sched_t kind `kind`; *chunk normalised. */
static int resolve(int kind, bool monotonic, uint64_t *chunk) {
  switch (kind) {
  case TP_SCHED_STATIC:
    return TP_WS_STATIC; /* chunk 0: one block per member */
  case TP_SCHED_DYNAMIC:
    if (*chunk == 0)
      *chunk = 1;
    return dynamic_kind(monotonic);
  case TP_SCHED_GUIDED:
    if (*chunk == 0)
      *chunk = 1;
    return guided_kind(monotonic);
  default: /* auto (above) */
    if (tp_rt.auto_steal) { /* a hybrid team: balance by work done (env.c) */
      *chunk = 1;
      return dynamic_kind(monotonic);
    }
    *chunk = 0;
    return TP_WS_STATIC;
  }
}

int tp_loop_sched(struct tp_thread *self, int kind, unsigned flags, uint64_t *chunk) {
  bool monotonic = flags & TP_LOOP_SCHED_MONOTONIC;
  if (flags & TP_LOOP_SCHED_RUNTIME) {
    const struct tp_icv *icv = &self->task->icv;
    kind = icv->sched_kind & ~TP_SCHED_MONOTONIC;
    monotonic = monotonic || (icv->sched_kind & TP_SCHED_MONOTONIC);
    *chunk = icv->sched_chunk > 0 ? (uint64_t)icv->sched_chunk : 0;
  }
  return resolve(kind, monotonic, chunk);
}

static void loop_init(struct tp_ws *ws, const struct tp_loop *l, unsigned nthr) {
  ws->kind = l->kind == TP_WS_STEAL          ? TP_WS_DYNAMIC
             : l->kind == TP_WS_STEAL_GUIDED ? TP_WS_GUIDED
                                             : l->kind;
  ws->chunk = l->chunk;
  if (tp_unlikely(tp_rt.det) && (ws->kind == TP_WS_DYNAMIC || ws->kind == TP_WS_GUIDED)) {
    /* Deterministic mode (detsched.h): who takes a dynamic chunk (or
     * section) depends on timing, so chunks go round-robin, as if the
     * members asked in turn. */
    ws->kind = TP_WS_STATIC;
    ws->chunk = ws->chunk ? ws->chunk : 1;
  }
  ws->start = l->start;
  ws->end = l->end;
  ws->incr = l->incr;
  ws->n = l->n;
  ws->ordered = l->ordered;
  ws->sections = l->sections;
  ws->nthreads = nthr;
  ws->dyn_cas = ws->kind == TP_WS_DYNAMIC &&
                l->chunk > (UINT64_MAX - l->n) / ((uint64_t)nthr + 1);
  ws->next = 0;
  ws->ord_next = 0;
  ws->dx_ncounts = 0;
  ws->steal = false;
}

/* Switches a member from the construct's slot to range stealing when the
 * initialising member chose it (a combined parallel loop, or a `_start`
 * call without a first chunk): the description is copied out of the slot,
 * which is left at once. */
static void steal_from_slot(struct tp_thread *self, struct tp_ws *ws) {
  tp_steal_begin(self, ws->kind == TP_WS_GUIDED, ws->n, ws->chunk, ws->start,
                 ws->end, ws->incr);
  tp_ws_leave(self);
}

bool tp_loop_start(struct tp_thread *self, const struct tp_loop *l,
                   const struct tp_ws_hook *hook, void **mem, uint64_t *istart,
                   uint64_t *iend) {
  TP_OMPT(tp_ompt_work_begin(self, l->sections ? TP_OMPT_WORK_SECTIONS : TP_OMPT_WORK_LOOP,
                             l->n));
  if (is_steal(l->kind) && !hook && !mem && istart && !l->ordered &&
      !l->ncounts && tp_steal_eligible(self, l->n, l->chunk)) {
    /* Every member has the description from its own call: no slot. */
    tp_steal_begin(self, l->kind == TP_WS_STEAL_GUIDED, l->n, l->chunk,
                   l->start, l->end, l->incr);
    return tp_loop_next(self, istart, iend);
  }
  bool first;
  struct tp_ws *ws = tp_ws_enter(self, &first);
  if (first) {
    loop_init(ws, l, self->team->nthreads);
    ws->steal = is_steal(l->kind) && !hook && !mem && !l->ordered &&
                !l->ncounts && tp_steal_eligible(self, l->n, l->chunk);
    if (l->ncounts)
      tp_doacross_init(ws, l->ncounts, l->counts);
    tp_ws_hook_run(self, ws, hook, true);
    if (mem)
      *mem = tp_ws_mem(ws, (size_t)(uintptr_t)*mem);
    tp_ws_publish(self, ws);
  } else {
    tp_ws_hook_run(self, ws, hook, false);
    if (mem)
      *mem = ws->mem;
  }
  if (ws->steal)
    steal_from_slot(self, ws);
  if (!istart)
    return true;
  return tp_loop_next(self, istart, iend);
}

/* Chunk of a static schedule: pure arithmetic on the member's cursor. */
static bool static_next(struct tp_ws *ws, struct tp_ws_cursor *cur,
                        unsigned tid, uint64_t *lo, uint64_t *hi) {
  uint64_t n = ws->n, nthr = ws->nthreads, c = ws->chunk;
  uint64_t idx = cur->next_chunk;
  if (c == 0) {
    if (idx != tid)
      return false; /* took its block already */
    cur->next_chunk = UINT64_MAX;
    uint64_t q = n / nthr, t = n % nthr;
    *lo = q * tid + (tid < t ? tid : t);
    *hi = *lo + q + (tid < t);
    return *lo < *hi;
  }
  uint64_t nchunks = n / c + (n % c != 0);
  if (idx >= nchunks)
    return false;
  *lo = idx * c; /* < n: no overflow */
  *hi = n - *lo > c ? *lo + c : n;
  if (__builtin_add_overflow(idx, nthr, &cur->next_chunk))
    cur->next_chunk = UINT64_MAX;
  return true;
}

static bool dynamic_next(struct tp_ws *ws, bool solo, uint64_t *lo, uint64_t *hi) {
  uint64_t n = ws->n, c = ws->chunk, pos;
  if (solo) {
    pos = ws->next;
    if (pos >= n)
      return false;
    ws->next = n - pos > c ? pos + c : n;
  } else if (tp_likely(!ws->dyn_cas)) {
    pos = tp_fetch_add(&ws->next, c);
    if (pos >= n)
      return false;
  } else {
    pos = tp_load(&ws->next);
    do {
      if (pos >= n)
        return false;
    } while (!tp_cas(&ws->next, &pos, n - pos > c ? pos + c : n));
  }
  *lo = pos;
  *hi = n - pos > c ? pos + c : n;
  return true;
}

static bool guided_next(struct tp_ws *ws, bool solo, uint64_t *lo, uint64_t *hi) {
  uint64_t n = ws->n, c = ws->chunk, nthr = ws->nthreads, q;
  uint64_t pos = solo ? ws->next : tp_load(&ws->next);
  for (;;) {
    if (pos >= n)
      return false;
    uint64_t rem = n - pos;
    q = rem / nthr + (rem % nthr != 0);
    if (q < c)
      q = c;
    if (q > rem)
      q = rem;
    if (solo) {
      ws->next = pos + q;
      break;
    }
    if (tp_cas(&ws->next, &pos, pos + q))
      break;
  }
  *lo = pos;
  *hi = pos + q;
  return true;
}

bool tp_loop_next_logical(struct tp_thread *self, uint64_t *lo, uint64_t *hi) {
  struct tp_team *team = self->team;
  unsigned tid = self->tid;
  struct tp_ws *ws = team->member[tid].ws;
  if (tp_unlikely(!ws))
    ws = tp_ws_attach(self); /* first call of a combined parallel loop */
  struct tp_ws_cursor *cur = tp_ws_cursor(team, tid);
  bool solo = team->nthreads == 1;
  if (ws->ordered && cur->held)
    tp_ordered_pass(self, ws, cur);
  bool got;
  switch (ws->kind) {
  case TP_WS_STATIC:
    got = static_next(ws, cur, tid, lo, hi);
    break;
  case TP_WS_DYNAMIC:
    got = dynamic_next(ws, solo, lo, hi);
    break;
  case TP_WS_GUIDED:
    got = guided_next(ws, solo, lo, hi);
    break;
  default:
    return false; /* not a loop (scope): nothing to hand out */
  }
  if (got) {
    cur->lo = *lo;
    cur->hi = *hi;
    cur->held = ws->ordered;
    TP_OMPT(tp_ompt_dispatch(self, ws->sections,
                             ws->sections ? *lo : ws->start + *lo * ws->incr));
  }
  return got;
}

/* The member's next chunk as logical iterations [lo, hi), with the
 * description of the loop it belongs to (its first value, increment, trip
 * count and end value). */
struct loop_values {
  uint64_t start, incr, n, end;
};
static bool next_chunk(struct tp_thread *self, uint64_t *lo, uint64_t *hi,
                       struct loop_values *v) {
  struct tp_team *team = self->team;
  if (team->nthreads > 1) {
    struct tp_steal *s = &tp_ws_cursor(team, self->tid)->steal;
    if (tp_unlikely(!s->on && !team->member[self->tid].ws)) {
      struct tp_ws *ws = tp_ws_attach(self); /* first call of a combined loop */
      if (ws->steal)
        steal_from_slot(self, ws);
    }
    if (s->on) {
      if (!tp_steal_next(self, lo, hi))
        return false;
      tp_stat(self, TP_STAT_LOOP_CHUNKS, 1);
      TP_OMPT(tp_ompt_dispatch(self, false, s->start + *lo * s->incr));
      *v = (struct loop_values){s->start, s->incr, s->n, s->end};
      return true;
    }
  }
  if (!tp_loop_next_logical(self, lo, hi))
    return false;
  tp_stat(self, TP_STAT_LOOP_CHUNKS, 1);
  struct tp_ws *ws = team->member[self->tid].ws;
  *v = (struct loop_values){ws->start, ws->incr, ws->n, ws->end};
  return true;
}

bool tp_loop_next(struct tp_thread *self, uint64_t *istart, uint64_t *iend) {
  uint64_t lo, hi;
  struct loop_values v;
  if (!next_chunk(self, &lo, &hi, &v))
    return false;
  *istart = v.start + lo * v.incr;
  *iend = hi == v.n ? v.end : v.start + hi * v.incr;
  return true;
}

void tp_loop_dispatch_init(struct tp_thread *self, const struct tp_loop *l) {
  /* A loop this member left without running out of chunks (clang's code
   * jumps out of a cancelled loop without asking for its end) ends now:
   * its slot is left and its stealing cursor reset, or this loop would
   * take chunks of that one. */
  struct tp_team *team = self->team;
  if (tp_unlikely(team->member[self->tid].ws != NULL ||
                  (team->nthreads > 1 && tp_ws_cursor(team, self->tid)->steal.on)))
    tp_loop_end(self, true);
  tp_loop_start(self, l, NULL, NULL, NULL, NULL);
}

bool tp_loop_dispatch_next(struct tp_thread *self, uint64_t *first, uint64_t *last,
                           uint64_t *incr, bool *is_last) {
  uint64_t lo, hi;
  struct loop_values v;
  if (!next_chunk(self, &lo, &hi, &v)) {
    tp_loop_end(self, true);
    return false;
  }
  *first = v.start + lo * v.incr;
  *last = v.start + (hi - 1) * v.incr;
  *incr = v.incr;
  *is_last = hi == v.n;
  return true;
}

void tp_loop_end(struct tp_thread *self, bool nowait) {
  struct tp_team *team = self->team;
  struct tp_ws *ws = team->member[self->tid].ws;
  if (team->nthreads > 1)
    tp_ws_cursor(team, self->tid)->steal.on = false;
  if (ws) {
    struct tp_ws_cursor *cur = tp_ws_cursor(team, self->tid);
    if (ws->ordered && cur->held)
      tp_ordered_pass(self, ws, cur);
    tp_ws_leave(self);
  }
  TP_OMPT(tp_ompt_work_end(self));
  if (!nowait)
    tp_barrier(self);
}

void tp_parallel_loop(void (*fn)(void *), void *data, unsigned nthreads,
                      unsigned proc_bind, const struct tp_loop *l, bool run) {
  struct tp_thread *self = tp_self();
  tp_parallel_begin(self, fn, data, nthreads, proc_bind);
  /* The workers' first tp_loop_next attaches to this construct without
   * claiming it, so the master always initialises it. */
  tp_loop_start(self, l, NULL, NULL, NULL, NULL);
  if (run) {
    fn(data);
    tp_parallel_end(self);
  }
}
