/* steal.c — nonmonotonic dynamic and guided loops by range stealing
 * (steal-half).
 *
 * Each member starts a loop owning its static block of chunks
 * [t*C/P, (t+1)*C/P) and takes chunks one at a time from the bottom of its
 * own range.  A member whose range is empty steals the top half of the
 * largest range it sees and goes on from there; its loop is over when no
 * range it can see has a chunk left.  Taking a chunk touches only the
 * member's own cache line (one CAS), so a balanced loop moves no line
 * between cores at all, where the shared-counter dynamic schedule moves one
 * per chunk.  Legal only for nonmonotonic schedules: a member's chunks are
 * not handed out in increasing order once it steals.
 *
 * Range word (one per member, alone on its line): {gen, owned, fin, lo, hi}
 * in one 128-bit word, changed only by CAS.  gen numbers the team's
 * stealing loops (each member counts them in its cursor; all members meet
 * the same loops in the same order, so the counts agree, across the hot
 * team's regions); owned says the owner has entered loop gen.
 *  - The owner entering loop h installs {h, owned, its block} over its
 *    (empty) word of an earlier loop; if a thief installed h already
 *    (gen == h, not owned) it marks it owned and goes on from there; if a
 *    later loop's thief took the word (gen > h), nobody installed h, and the
 *    owner runs its block privately, where nobody can steal it.
 *  - A thief in loop g steals the top half of a word with gen == g, or of
 *    the victim's block for g when the word is an earlier loop's, empty and
 *    owned (its owner is done with that loop's range and has not reached
 *    g): it installs that block, not owned, minus the half it takes.  An
 *    unowned earlier word stays untouched, so an owner never finds its
 *    block for a loop installed, emptied and overwritten behind its back.
 *  - Stolen chunks go into the thief's own word, so they can be stolen on,
 *    unless a later loop's thief took that word (then they run privately).
 * So each member's block of each loop is installed once or run privately
 * once, and each chunk leaves a word through exactly one successful CAS:
 * nothing runs twice and nothing is lost.  Giving up after one fruitless
 * scan only costs balance: an owner always empties its own word.
 *
 * The final chunk and lastprivate: gcc's code copies a lastprivate variable
 * out when the last chunk a thread ran ended the loop, so whoever runs the
 * final chunk must get no other chunk after it.  So the final chunk is in no
 * range: the last member's word carries it as the `fin` flag, and a member
 * that finds nothing left to steal claims it (clearing fin by CAS) as its
 * last chunk.  The last member always tries before leaving the loop, and a
 * word with fin set is never overwritten, so it is never lost.
 *
 * Guided: the same ranges, but a member takes a piece of ceil(r / 2P)
 * chunks from the bottom of the r chunks left in its range (at least one),
 * where dynamic takes one chunk.  That is the guided rule (pieces shrink in
 * proportion to the work left per member) applied to what is left in the
 * member's own range; and unlike the shared-counter guided schedule, whose
 * first piece is a whole member's share (n/P: for a loop whose early
 * iterations cost more, that one piece can hold most of the work), no piece
 * is larger than a 1/2P-th of a block, and the rest stays stealable.
 *
 * Victim choice (the largest range in view) is made in pick_victim alone;
 * with a known placement it prefers near members (victims.h). */
#include "stats.h"
#include "tasksched.h"
#include "ws.h"

/* Word layout: high 64 bits gen << 2 | owned << 1 | fin, low 64 bits
 * hi << 32 | lo. */
#define W_OWNED ((tp_u128)2 << 64)
#define W_FIN ((tp_u128)1 << 64)
static inline tp_u128 mkword(uint64_t gen, tp_u128 flags, uint32_t lo,
                             uint32_t hi) {
  return (tp_u128)(gen << 2) << 64 | flags | (tp_u128)((uint64_t)hi << 32 | lo);
}
static inline uint64_t w_gen(tp_u128 w) { return (uint64_t)(w >> 64) >> 2; }
static inline tp_u128 w_flags(tp_u128 w) { return w & (W_OWNED | W_FIN); }
static inline uint32_t w_lo(tp_u128 w) { return (uint32_t)w; }
static inline uint32_t w_hi(tp_u128 w) { return (uint32_t)((uint64_t)w >> 32); }
static inline bool w_empty(tp_u128 w) { return w_lo(w) >= w_hi(w); }

/* A possibly torn snapshot (two 64-bit loads): every decision taken on it is
 * either confirmed by a CAS against the same value or only skips a victim. */
static inline tp_u128 peek(struct tp_steal_word *sw) {
  const uint64_t *h = (const uint64_t *)&sw->w;
  uint64_t gen = tp_load(&h[1]);
  uint64_t range = tp_load(&h[0]);
  return (tp_u128)gen << 64 | range;
}

/* Member t's block: [block_lo(t), block_lo(t + 1)), but the last member's
 * ends before the final chunk. */
static inline uint32_t block_lo(const struct tp_steal *s, unsigned t) {
  return (uint32_t)((uint64_t)s->nchunks * t / s->nthreads);
}
static inline uint32_t block_hi(const struct tp_steal *s, unsigned t) {
  return t + 1 == s->nthreads ? s->nchunks - 1 : block_lo(s, t + 1);
}
/* Flags a block's word starts with. */
static inline tp_u128 block_fin(const struct tp_steal *s, unsigned t) {
  return t + 1 == s->nthreads ? W_FIN : 0;
}

bool tp_steal_eligible(struct tp_thread *self, uint64_t n, uint64_t chunk) {
  unsigned p = self->team->nthreads;
  return p > 1 && chunk > 0 && n / chunk + (n % chunk != 0) < UINT32_MAX;
}

void tp_steal_begin(struct tp_thread *self, bool guided, uint64_t n,
                    uint64_t chunk, uint64_t start, uint64_t end, uint64_t incr) {
  struct tp_team *team = self->team;
  unsigned tid = self->tid;
  struct tp_steal *s = &tp_ws_cursor(team, tid)->steal;
  s->on = true;
  s->done = false;
  s->guided = guided;
  s->fin_private = false;
  s->nchunks = (uint32_t)(n / chunk + (n % chunk != 0));
  s->nthreads = team->nthreads;
  s->chunk = chunk;
  s->n = n;
  s->start = start;
  s->end = end;
  s->incr = incr;
  s->priv_lo = s->priv_hi = 0;
  uint64_t g = ++s->gen;
  if (s->nchunks == 0) {
    s->done = true;
    return;
  }
  uint32_t lo = block_lo(s, tid), hi = block_hi(s, tid);
  struct tp_steal_word *sw = tp_steal_word(team, tid);
  tp_u128 want = mkword(g, W_OWNED | block_fin(s, tid), lo, hi);
  tp_u128 seen = s->mine;
  /* seen may be stale, but a word's gen only grows and only its owner sets
   * owned: what is decided on seen holds for the word itself. */
  for (;;) {
    tp_u128 next;
    if (w_gen(seen) > g) { /* a later loop's thief took the word */
      s->mine = seen;
      s->priv_lo = lo;
      s->priv_hi = hi;
      s->fin_private = block_fin(s, tid) != 0;
      return;
    }
    if (w_gen(seen) == g) { /* a thief installed it, minus what it took */
      if (seen & W_OWNED) {
        s->mine = seen;
        return;
      }
      next = seen | W_OWNED;
    } else {
      next = want;
    }
    tp_u128 old = tp_cas128(&sw->w, seen, next);
    if (old == seen) {
      s->mine = next;
      return;
    }
    seen = old;
  }
}

/* Chunks to take at once from the bottom of r > 0 chunks left. */
static inline uint32_t piece(const struct tp_steal *s, uint32_t r) {
  if (!s->guided)
    return 1;
  uint64_t d = 2 * (uint64_t)s->nthreads;
  return (uint32_t)((r + d - 1) / d);
}

/* Takes a piece from the bottom of the member's own word into [*c, *c + *k);
 * false when it is empty for this loop. */
static bool take_own(struct tp_steal *s, struct tp_steal_word *sw, uint32_t *c,
                     uint32_t *k) {
  tp_u128 cur = s->mine;
  for (;;) {
    if (w_gen(cur) != s->gen || w_empty(cur)) {
      s->mine = cur;
      return false;
    }
    uint32_t take = piece(s, w_hi(cur) - w_lo(cur));
    tp_u128 next = cur + take; /* lo + take <= hi: no carry out */
    tp_u128 old = tp_cas128(&sw->w, cur, next);
    if (old == cur) {
      s->mine = next;
      *c = w_lo(cur);
      *k = take;
      return true;
    }
    cur = old; /* a thief took the top half meanwhile */
  }
}

/* Chunks available to steal from member v's word seen as w; *init says
 * the word is an earlier loop's and v's block would be installed. */
static uint32_t available(const struct tp_steal *s, tp_u128 w, unsigned v,
                          bool *init) {
  *init = false;
  if (w_gen(w) == s->gen)
    return w_empty(w) ? 0 : w_hi(w) - w_lo(w);
  if (w_gen(w) < s->gen && w_flags(w) == W_OWNED && w_empty(w)) {
    *init = true;
    return block_hi(s, v) - block_lo(s, v);
  }
  return 0;
}

/* Whether member v holds more chunks in view than *most; if so it is the
 * new pick: *most and *seen (its word as seen) are updated. */
static bool holds_more(struct tp_team *team, const struct tp_steal *s, unsigned v,
                       uint32_t *most, tp_u128 *seen) {
  tp_u128 w = peek(tp_steal_word(team, v));
  bool init;
  uint32_t a = available(s, w, v, &init);
  if (a <= *most)
    return false;
  *most = a;
  *seen = w;
  return true;
}

/* The victim with the most chunks in view, or -1.  With a victim order
 * (victims.h: known placement, TEMPO_STEAL_LOCAL), the one with the most
 * among the nearest members holding at least half as many as the most
 * anyone holds: a steal stays near unless that would halve it. */
static int pick_victim(struct tp_team *team, unsigned tid, const struct tp_steal *s,
                       const uint16_t *near, const uint8_t *dist, tp_u128 *seen) {
  int best = -1;
  uint32_t most = 0;
  for (unsigned k = 1; k < s->nthreads; k++) {
    unsigned v = tid + k < s->nthreads ? tid + k : tid + k - s->nthreads;
    if (holds_more(team, s, v, &most, seen))
      best = (int)v;
  }
  if (!near || best < 0)
    return best;
  int pick = -1;
  uint32_t got = 0;
  for (unsigned k = 0; k + 1 < s->nthreads; k++) {
    if (k && dist[k] != dist[k - 1] && got >= (most + 1) / 2)
      break; /* the nearer class has enough */
    if (holds_more(team, s, near[k], &got, seen))
      pick = (int)near[k];
  }
  return pick;
}

/* Steals the top half of some range into [*a, *b); false when none is left. */
static bool steal(struct tp_thread *self, struct tp_team *team, unsigned tid,
                  struct tp_steal *s, uint32_t *a, uint32_t *b) {
  const uint8_t *dist = NULL;
  const uint16_t *near =
      self->wq ? tp_victims_order(&self->wq->victims, team, tid, &dist) : NULL;
  for (;;) {
    tp_u128 w;
    int v = pick_victim(team, tid, s, near, dist, &w);
    if (v < 0)
      return false;
    bool init;
    available(s, w, (unsigned)v, &init);
    uint32_t lo = init ? block_lo(s, (unsigned)v) : w_lo(w);
    uint32_t hi = init ? block_hi(s, (unsigned)v) : w_hi(w);
    tp_u128 flags = init ? block_fin(s, (unsigned)v) : w_flags(w);
    uint32_t take = (hi - lo + 1) / 2;
    if (tp_cas128(&tp_steal_word(team, (unsigned)v)->w, w,
                  mkword(s->gen, flags, lo, hi - take)) == w) {
      *a = hi - take;
      *b = hi;
      return true;
    }
    /* The victim moved on (or another thief came first): look again. */
  }
}

/* The final chunk, if nobody has claimed it yet. */
static bool claim_final(struct tp_team *team, struct tp_steal *s) {
  if (s->fin_private) {
    s->fin_private = false;
    return true;
  }
  struct tp_steal_word *lw = tp_steal_word(team, s->nthreads - 1);
  tp_u128 w = peek(lw);
  while (w_gen(w) == s->gen && (w & W_FIN)) {
    tp_u128 old = tp_cas128(&lw->w, w, w & ~W_FIN);
    if (old == w)
      return true;
    w = old;
  }
  return false;
}

bool tp_steal_next(struct tp_thread *self, uint64_t *lo, uint64_t *hi) {
  struct tp_team *team = self->team;
  unsigned tid = self->tid;
  struct tp_steal *s = &tp_ws_cursor(team, tid)->steal;
  struct tp_steal_word *sw = tp_steal_word(team, tid);
  uint32_t c, k = 1, a, b;
  if (s->done)
    return false;
  if (s->priv_lo < s->priv_hi) {
    c = s->priv_lo;
    k = piece(s, s->priv_hi - c);
    s->priv_lo += k;
  } else if (take_own(s, sw, &c, &k)) {
    /* [c, c + k) is ours */
  } else if (steal(self, team, tid, s, &a, &b)) {
    tp_stat(self, TP_STAT_LOOP_STEALS, 1);
    c = a;
    k = piece(s, b - a);
    a += k;
    if (a < b) {
      /* Publish the rest in our own word (empty for this loop, or taken by
       * a later loop's thief: then keep it private). */
      tp_u128 want = mkword(s->gen, w_flags(s->mine), a, b);
      bool published = false;
      if (w_gen(s->mine) == s->gen) {
        tp_u128 old = tp_cas128(&sw->w, s->mine, want);
        published = old == s->mine;
        s->mine = published ? want : old;
      }
      if (!published) {
        s->priv_lo = a;
        s->priv_hi = b;
      }
    }
  } else if (claim_final(team, s)) {
    s->done = true; /* nothing after the final chunk (lastprivate) */
    *lo = (uint64_t)(s->nchunks - 1) * s->chunk;
    *hi = s->n;
    return true;
  } else {
    return false;
  }
  /* Ranges never hold the final chunk: c + k < nchunks, so no overflow. */
  *lo = (uint64_t)c * s->chunk;
  *hi = (uint64_t)(c + k) * s->chunk;
  return true;
}
