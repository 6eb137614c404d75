/* test_steal.c — nonmonotonic dynamic and guided loops run by range stealing
 * (runtime/steal.c), driven through tp_loop_start/next/end as the GOMP
 * shims drive them.
 *
 * Every iteration writes a plain (non-atomic) counter; after the loops and
 * a barrier the master checks each ran exactly once.  Two members running
 * the same iteration would show as a count of 2 and, under TSan, as a data
 * race; a lost chunk as a count of 0.  Each region runs chains of nowait
 * loops mixing stealing, guided and static ones (so members race ahead
 * into later loops and steal from members still in earlier ones), with
 * uneven iteration costs, in teams of 2..8 members (oversubscribed here),
 * with trip counts from 0 to beyond the members' blocks.  Also checked:
 *  - lastprivate's contract: the member whose last chunk ends the loop is
 *    the one that ran the final chunk, and exactly one member ends there;
 *  - chunks are whole: [lo, hi) is a multiple of the chunk size from 0
 *    (dynamic: one chunk; guided: pieces of at most ceil(block / 2P)
 *    chunks, a block being a member's ceil(chunks / P) share);
 *  - load balance: while member 0 is stuck in its first iteration, another
 *    member runs part of member 0's block (stealing happened). */
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>

#include "check.h"
#include "rt.h"
#include "ws.h"

#define MAXT 8
#define LOOPS 6
#define MAXN 3000

struct ctx {
  unsigned nloops;               /* loops per region */
  uint64_t n[LOOPS], chunk[LOOPS];
  int kind[LOOPS];
  unsigned slow_mod;             /* iterations i % slow_mod == 0 are slow (0: none) */
  unsigned hits[LOOPS][MAXN];    /* plain */
  uint64_t last_hi[LOOPS][MAXT]; /* plain, per member: hi of its last chunk */
};

static void spin(unsigned k) {
  for (volatile unsigned i = 0; i < k; i++)
    ;
}

static void body(void *arg) {
  struct ctx *c = arg;
  struct tp_thread *self = tp_self();
  unsigned tid = self->tid;
  for (unsigned l = 0; l < c->nloops; l++) {
    struct tp_loop lp = {.kind = c->kind[l], .chunk = c->chunk[l], .start = 0,
                         .end = c->n[l], .incr = 1, .n = c->n[l]};
    uint64_t lo, hi;
    c->last_hi[l][tid] = 0;
    bool more = tp_loop_start(self, &lp, NULL, NULL, &lo, &hi);
    while (more) {
      CHECK(lo < hi && hi <= c->n[l], "loop %u: bad chunk [%lu, %lu)", l,
            (unsigned long)lo, (unsigned long)hi);
      if (c->kind[l] == TP_WS_STEAL)
        CHECK(lo % c->chunk[l] == 0 &&
                  (hi - lo == c->chunk[l] || hi == c->n[l]),
              "loop %u: chunk [%lu, %lu) not whole (chunk %lu)", l,
              (unsigned long)lo, (unsigned long)hi, (unsigned long)c->chunk[l]);
      if (c->kind[l] == TP_WS_STEAL_GUIDED) {
        uint64_t p = self->team->nthreads, ch = c->chunk[l];
        uint64_t nch = (c->n[l] + ch - 1) / ch, block = (nch + p - 1) / p;
        uint64_t most = (block + 2 * p - 1) / (2 * p);
        CHECK(lo % ch == 0 && (hi % ch == 0 || hi == c->n[l]) &&
                  (hi - lo <= most * ch || hi == c->n[l]),
              "loop %u: guided piece [%lu, %lu) not whole or too big (chunk "
              "%lu, at most %lu chunks)", l, (unsigned long)lo,
              (unsigned long)hi, (unsigned long)ch, (unsigned long)most);
      }
      for (uint64_t i = lo; i < hi; i++) {
        c->hits[l][i]++;
        if (c->slow_mod && i % c->slow_mod == 0)
          spin(2000);
      }
      c->last_hi[l][tid] = hi;
      more = tp_loop_next(self, &lo, &hi);
    }
    tp_loop_end(self, true); /* nowait: run ahead into the next loop */
  }
  tp_barrier(self);
}

static void check_counts(struct ctx *c, unsigned nthr, const char *what) {
  for (unsigned l = 0; l < c->nloops; l++) {
    for (uint64_t i = 0; i < c->n[l]; i++)
      CHECK(c->hits[l][i] == 1, "%s: loop %u iteration %lu ran %u times", what,
            l, (unsigned long)i, c->hits[l][i]);
    unsigned enders = 0;
    for (unsigned t = 0; t < nthr; t++)
      enders += c->n[l] && c->last_hi[l][t] == c->n[l];
    CHECK(enders == (c->n[l] != 0), "%s: loop %u: %u members ended on the last "
          "chunk (lastprivate needs exactly one)", what, l, enders);
  }
}

static struct ctx C;

static void run_mix(unsigned nthr, unsigned reps) {
  static const uint64_t ns[] = {0, 1, 2, 7, 64, 997, 2999};
  static const uint64_t chunks[] = {1, 3, 5, 64};
  for (unsigned r = 0; r < reps; r++) {
    memset(&C, 0, sizeof C);
    C.nloops = LOOPS;
    for (unsigned l = 0; l < LOOPS; l++) {
      C.n[l] = ns[(r + l * 3) % (sizeof ns / sizeof ns[0])];
      C.chunk[l] = chunks[(r + l) % (sizeof chunks / sizeof chunks[0])];
      /* Mostly stealing loops, with slot-based ones between them. */
      C.kind[l] = l % 3 == 1   ? TP_WS_GUIDED
                  : l % 5 == 4 ? TP_WS_STATIC
                  : (l + r) % 2 ? TP_WS_STEAL_GUIDED
                                : TP_WS_STEAL;
      if (C.kind[l] == TP_WS_STATIC)
        C.chunk[l] = 0;
    }
    C.slow_mod = r % 4 == 0 ? 0 : 7 + r % 5;
    tp_parallel(tp_self(), body, &C, nthr, 0);
    char what[64];
    snprintf(what, sizeof what, "team of %u, rep %u", nthr, r);
    check_counts(&C, nthr, what);
  }
}

/* Load balance: member 0 stalls in its first iteration until another
 * member has run one of its block's other iterations; only stealing (or a
 * shared-counter schedule) lets that happen.  Bounded by a 20 s timeout. */
static unsigned helped;

static int balance_kind;

static void balance_body(void *arg) {
  (void)arg;
  struct tp_thread *self = tp_self();
  struct tp_loop lp = {.kind = balance_kind, .chunk = 1, .start = 0, .end = 64,
                       .incr = 1, .n = 64};
  uint64_t lo, hi;
  bool more = tp_loop_start(self, &lp, NULL, NULL, &lo, &hi);
  while (more) {
    for (uint64_t i = lo; i < hi; i++) {
      if (i == 0) {
        CHECK(self->tid == 0, "iteration 0 ran on member %u", self->tid);
        double t0 = tp_now();
        while (!__atomic_load_n(&helped, __ATOMIC_ACQUIRE) && tp_now() - t0 < 20)
          sched_yield();
      } else if (i < 32 && self->tid != 0) {
        __atomic_store_n(&helped, 1, __ATOMIC_RELEASE);
      }
    }
    more = tp_loop_next(self, &lo, &hi);
  }
  tp_loop_end(self, false);
}

static void run_balance(int kind) {
  helped = 0;
  balance_kind = kind;
  tp_parallel(tp_self(), balance_body, NULL, 2, 0);
  CHECK(helped, "kind %d: no member helped member 0 with its block", kind);
}

int main(void) {
  unsigned reps = UT_ITERS(60, 12);
  for (unsigned nthr = 2; nthr <= MAXT; nthr++)
    run_mix(nthr, reps);
  run_mix(3, reps); /* a team of 3 again after others: a new team, new words */
  run_balance(TP_WS_STEAL);
  run_balance(TP_WS_STEAL_GUIDED);
  puts("test_steal: OK");
  return 0;
}
