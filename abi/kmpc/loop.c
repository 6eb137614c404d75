/* loop.c — worksharing loops and sections as clang emits them:
 *   static schedules: __kmpc_for_static_init_* hands each member its bounds
 *     once (no shared state; the same blocks as runtime/loop.c gives gcc
 *     code: the first n % nthreads members get one iteration more), and the
 *     compiled code loops over them; distribute does the same over teams;
 *   other schedules: __kmpc_dispatch_init_* enters the core's loop
 *     construct, __kmpc_dispatch_next_* takes chunks (inclusive bounds),
 *     and the call that finds none leaves it.
 * Each comes in _4, _4u, _8, _8u for the iteration variable's type; the
 * arithmetic is done on 64-bit logical iteration numbers 0 .. n-1 with
 * value(i) = lb + i * incr, as in the core. */
#include "kmpc.h"
#include "../../runtime/ompt.h"
#include "../../runtime/task.h"
#include "../../runtime/ws.h"

/* Trip count of lb .. ub (inclusive) by incr; the bounds are the loop
 * type's values widened to 64 bits (sign-extended if it is signed). */
static uint64_t trip(uint64_t lb, uint64_t ub, int64_t incr, bool is_signed) {
  bool empty = is_signed ? (incr > 0 ? (int64_t)ub < (int64_t)lb : (int64_t)ub > (int64_t)lb)
                         : (incr > 0 ? ub < lb : ub > lb);
  if (incr == 0 || empty)
    return 0;
  uint64_t span = incr > 0 ? ub - lb : lb - ub;
  uint64_t step = incr > 0 ? (uint64_t)incr : 0 - (uint64_t)incr;
  return span / step + 1;
}

/* The members (threads, or teams for distribute) and this one's number. */
static void who(struct tp_thread *self, bool teams, uint64_t *nthr, uint64_t *tid) {
  if (teams) {
    const struct tp_icv *icv = &self->task->icv;
    *nthr = icv->num_teams ? icv->num_teams : 1;
    *tid = icv->team_num;
  } else {
    *nthr = self->team->nthreads;
    *tid = self->tid;
  }
}

/* The unchunked static block [lo, hi) of member tid. */
static void block(uint64_t n, uint64_t nthr, uint64_t tid, uint64_t *lo, uint64_t *hi) {
  uint64_t q = n / nthr, r = n % nthr;
  *lo = q * tid + (tid < r ? tid : r);
  *hi = *lo + q + (tid < r);
}

/* A static schedule's bounds for this member, as libomp returns them:
 * unchunked, the member's block (lower past upper if it has none);
 * chunked, its first chunk and the stride to its next one. */
struct bounds {
  uint64_t lower, upper, stride;
  bool last;
};
static void static_bounds(struct tp_thread *self, int sched, uint64_t lb, uint64_t ub,
                          uint64_t n, int64_t incr, int64_t chunk, struct bounds *b) {
  sched &= ~(KMP_SCH_MONOTONIC | KMP_SCH_NONMONOTONIC);
  bool teams = sched == KMP_DIST_STATIC || sched == KMP_DIST_STATIC_CHUNKED;
  uint64_t nthr, tid, lo, hi;
  who(self, teams, &nthr, &tid);
  b->lower = ub + (uint64_t)incr; /* no iterations: lower beyond upper */
  b->upper = ub;
  b->stride = (uint64_t)incr;
  b->last = false;
  if (n == 0)
    return;
  bool chunked = sched == KMP_SCH_STATIC_CHUNKED || sched == KMP_DIST_STATIC_CHUNKED;
  if (chunked && chunk > 0) {
    uint64_t c = (uint64_t)chunk;
    b->lower = lb + tid * c * (uint64_t)incr;
    b->upper = b->lower + (c - 1) * (uint64_t)incr;
    b->stride = nthr * c * (uint64_t)incr;
    b->last = ((n - 1) / c) % nthr == tid;
    return;
  }
  if (sched == KMP_SCH_STATIC_BALANCED_CHUNKED && chunk > 0) {
    /* Blocks rounded up to a multiple of the chunk (simd width). */
    uint64_t c = (uint64_t)chunk, per = (n + nthr - 1) / nthr;
    per = (per + c - 1) / c * c;
    lo = tid * per < n ? tid * per : n;
    hi = n - lo > per ? lo + per : n;
  } else {
    block(n, nthr, tid, &lo, &hi);
  }
  b->stride = n * (uint64_t)incr;
  if (lo == hi)
    return; /* nothing for this member */
  b->lower = lb + lo * (uint64_t)incr;
  b->upper = lb + (hi - 1) * (uint64_t)incr;
  b->last = hi == n;
}

/* The core's schedule (tp_loop_sched, ws.h) for a kmpc schedule code:
 * *ordered for the ordered variants; chunk normalised. */
static int dispatch_kind(struct tp_thread *self, int sched, int64_t chunk, bool *ordered,
                         uint64_t *c) {
  bool monotonic = sched & KMP_SCH_MONOTONIC;
  sched &= ~(KMP_SCH_MONOTONIC | KMP_SCH_NONMONOTONIC);
  if (sched >= KMP_NM_LOWER)
    sched -= 128;
  *ordered = sched >= KMP_ORD_LOWER && sched < KMP_ORD_UPPER;
  if (*ordered)
    sched -= KMP_ORD_LOWER - 32;
  *c = chunk > 0 ? (uint64_t)chunk : 0;
  /* Without a modifier OpenMP 5 makes dynamic and guided nonmonotonic;
   * ordered loops are monotonic (the core runs them so anyway). */
  unsigned flags = monotonic ? TP_LOOP_SCHED_MONOTONIC : 0;
  int kind;
  switch (sched) {
  case KMP_SCH_STATIC_CHUNKED:
  case KMP_DIST_STATIC_CHUNKED:
    kind = TP_SCHED_STATIC;
    break;
  case KMP_SCH_STATIC:
  case KMP_SCH_STATIC_GREEDY:
  case KMP_SCH_STATIC_BALANCED:
  case KMP_SCH_STATIC_BALANCED_CHUNKED:
  case KMP_DIST_STATIC:
    *c = 0; /* one block per member */
    kind = TP_SCHED_STATIC;
    break;
  case KMP_SCH_AUTO:
    kind = TP_SCHED_AUTO;
    break;
  case KMP_SCH_DYNAMIC_CHUNKED:
  case KMP_SCH_STATIC_STEAL:
    kind = TP_SCHED_DYNAMIC;
    break;
  case KMP_SCH_GUIDED_CHUNKED:
  case KMP_SCH_GUIDED_ITERATIVE:
  case KMP_SCH_GUIDED_ANALYTICAL:
  case KMP_SCH_GUIDED_SIMD:
  case KMP_SCH_TRAPEZOIDAL:
    kind = TP_SCHED_GUIDED;
    break;
  case KMP_SCH_RUNTIME:
  case KMP_SCH_RUNTIME_SIMD:
    kind = TP_SCHED_STATIC; /* ignored: run-sched-var decides */
    flags |= TP_LOOP_SCHED_RUNTIME;
    break;
  default:
    tp_warn("unknown kmpc loop schedule %d; using static", sched);
    *c = 0;
    kind = TP_SCHED_STATIC;
    break;
  }
  return tp_loop_sched(self, kind, flags, c);
}

/* What clang's ident says a static loop is (its KMP_IDENT_WORK_* flags):
 * a tool's work type for __kmpc_for_static_init; the construct ends at
 * __kmpc_for_static_fini.  Only this shim sees these loops. */
#define KMP_IDENT_WORK_SECTIONS 0x400
#define KMP_IDENT_WORK_DISTRIBUTE 0x800
static void ompt_static_begin(struct tp_thread *self, const ident_t *loc, int sched,
                              uint64_t n) {
  sched &= ~(KMP_SCH_MONOTONIC | KMP_SCH_NONMONOTONIC);
  int flags = loc ? loc->flags : 0;
  enum tp_ompt_work w = (flags & KMP_IDENT_WORK_SECTIONS) ? TP_OMPT_WORK_SECTIONS
                        : (flags & KMP_IDENT_WORK_DISTRIBUTE) || sched == KMP_DIST_STATIC ||
                                  sched == KMP_DIST_STATIC_CHUNKED
                            ? TP_OMPT_WORK_DISTRIBUTE
                            : TP_OMPT_WORK_LOOP;
  tp_ompt_work_begin(self, w, n);
}

/* Dimensions announced by __kmpc_doacross_init (doacross.c). */
unsigned kmpc_doacross_counts(struct tp_thread *self, uint64_t *counts, unsigned cap) tp_hidden;
#define DX_CAP 64

static void dispatch_init(int sched, uint64_t lb, uint64_t n, int64_t st, int64_t chunk) {
  struct tp_thread *self = tp_self();
  uint64_t counts[DX_CAP];
  struct tp_loop l = {.start = lb, .incr = (uint64_t)st, .n = n, .counts = counts};
  l.end = lb + n * (uint64_t)st;
  l.kind = dispatch_kind(self, sched, chunk, &l.ordered, &l.chunk);
  l.ncounts = kmpc_doacross_counts(self, counts, DX_CAP);
  tp_loop_dispatch_init(self, &l);
}

/* A static loop of a doacross nest: the compiled code takes its bounds
 * from static_bounds, but post and wait need the core's construct, entered
 * here with the same schedule (left by __kmpc_doacross_fini). */
static void static_doacross(struct tp_thread *self, int sched, uint64_t lb, uint64_t n,
                            int64_t incr, int64_t chunk) {
  uint64_t counts[DX_CAP];
  unsigned nc = kmpc_doacross_counts(self, counts, DX_CAP);
  if (!nc)
    return;
  sched &= ~(KMP_SCH_MONOTONIC | KMP_SCH_NONMONOTONIC);
  bool chunked = sched == KMP_SCH_STATIC_CHUNKED && chunk > 0;
  struct tp_loop l = {.kind = TP_WS_STATIC, .chunk = chunked ? (uint64_t)chunk : 0,
                      .start = lb, .incr = (uint64_t)incr, .n = n,
                      .end = lb + n * (uint64_t)incr, .ncounts = nc, .counts = counts};
  tp_loop_start(self, &l, NULL, NULL, NULL, NULL);
}

/* distribute parallel for: this team's block of the n iterations from
 * *lb by st; *lb and *ub become its first and last values.  Returns its
 * iteration count (0: none for this team) and whether it holds the last. */
static uint64_t team_block(uint64_t *lb, uint64_t *ub, uint64_t n, int64_t st, bool *last) {
  struct tp_thread *self = tp_self();
  uint64_t nteams, team, lo, hi;
  who(self, true, &nteams, &team);
  block(n, nteams, team, &lo, &hi);
  *last = hi == n && lo < hi;
  if (lo == hi)
    return 0;
  uint64_t base = *lb;
  *lb = base + lo * (uint64_t)st;
  *ub = base + (hi - 1) * (uint64_t)st;
  return hi - lo;
}

#define KMPC_LOOP(SFX, T, ST, SIGNED)                                           \
  void __kmpc_for_static_init_##SFX(ident_t *loc, kmp_int32 gtid, kmp_int32 sched,   \
                                    kmp_int32 *plast, T *plower, T *pupper,         \
                                    ST *pstride, ST incr, ST chunk) {               \
    (void)loc, (void)gtid;                                                      \
    struct tp_thread *self = tp_self();                                         \
    uint64_t lb = (uint64_t)*plower, ub = (uint64_t)*pupper;                    \
    uint64_t n = trip(lb, ub, incr, SIGNED);                                    \
    TP_OMPT(ompt_static_begin(self, loc, sched, n));                            \
    struct bounds b;                                                            \
    static_bounds(self, sched, lb, ub, n, incr, chunk, &b);                     \
    if (tp_unlikely(self->team->member[self->tid].abi_doacross_n))              \
      static_doacross(self, sched, lb, n, incr, chunk);                         \
    *plower = (T)b.lower;                                                       \
    *pupper = (T)b.upper;                                                       \
    *pstride = (ST)b.stride;                                                    \
    if (plast)                                                                  \
      *plast = b.last;                                                          \
  }                                                                             \
  void __kmpc_dist_for_static_init_##SFX(ident_t *loc, kmp_int32 gtid,          \
                                         kmp_int32 sched, kmp_int32 *plast,     \
                                         T *plower, T *pupper, T *pupperD,      \
                                         ST *pstride, ST incr, ST chunk) {      \
    (void)loc, (void)gtid;                                                      \
    uint64_t lb = (uint64_t)*plower, ub = (uint64_t)*pupper;                    \
    bool team_last;                                                             \
    uint64_t n = team_block(&lb, &ub, trip(lb, ub, incr, SIGNED), incr, &team_last); \
    TP_OMPT(tp_ompt_work_begin(tp_self(), TP_OMPT_WORK_LOOP, n));               \
    struct bounds b;                                                            \
    static_bounds(tp_self(), sched, lb, ub, n, incr, chunk, &b);                \
    if (pupperD)                                                                \
      *pupperD = (T)(n ? ub : b.upper);                                         \
    *plower = (T)b.lower;                                                       \
    *pupper = (T)b.upper;                                                       \
    *pstride = (ST)b.stride;                                                    \
    if (plast)                                                                  \
      *plast = team_last && b.last;                                             \
  }                                                                             \
  void __kmpc_team_static_init_##SFX(ident_t *loc, kmp_int32 gtid, kmp_int32 *plast, \
                                     T *plower, T *pupper, ST *pstride, ST incr, \
                                     ST chunk) {                                \
    (void)loc, (void)gtid;                                                      \
    uint64_t lb = (uint64_t)*plower, ub = (uint64_t)*pupper;                    \
    struct bounds b;                                                            \
    static_bounds(tp_self(), KMP_DIST_STATIC_CHUNKED, lb, ub,                   \
                  trip(lb, ub, incr, SIGNED), incr, chunk > 0 ? chunk : 1, &b); \
    *plower = (T)b.lower;                                                       \
    *pupper = (T)b.upper;                                                       \
    *pstride = (ST)b.stride;                                                    \
    if (plast)                                                                  \
      *plast = b.last;                                                          \
  }                                                                             \
  void __kmpc_dispatch_init_##SFX(ident_t *loc, kmp_int32 gtid, kmp_int32 sched, \
                                  T lb, T ub, ST st, ST chunk) {                \
    (void)loc, (void)gtid;                                                      \
    dispatch_init(sched, (uint64_t)lb, trip((uint64_t)lb, (uint64_t)ub, st, SIGNED), \
                  st, chunk);                                                   \
  }                                                                             \
  void __kmpc_dist_dispatch_init_##SFX(ident_t *loc, kmp_int32 gtid,            \
                                       kmp_int32 sched, kmp_int32 *plast, T lb, \
                                       T ub, ST st, ST chunk) {                 \
    (void)loc, (void)gtid;                                                      \
    uint64_t l = (uint64_t)lb, u = (uint64_t)ub;                                \
    bool team_last;                                                             \
    uint64_t n = team_block(&l, &u, trip(l, u, st, SIGNED), st, &team_last);    \
    if (plast)                                                                  \
      *plast = team_last;                                                       \
    dispatch_init(sched, l, n, st, chunk);                                      \
  }                                                                             \
  int __kmpc_dispatch_next_##SFX(ident_t *loc, kmp_int32 gtid, kmp_int32 *plast, \
                                 T *plower, T *pupper, ST *pstride) {           \
    (void)loc, (void)gtid;                                                      \
    uint64_t first, last, incr;                                                 \
    bool is_last;                                                               \
    if (!tp_loop_dispatch_next(tp_self(), &first, &last, &incr, &is_last))      \
      return 0;                                                                 \
    *plower = (T)first;                                                         \
    *pupper = (T)last;                                                          \
    if (pstride)                                                                \
      *pstride = (ST)incr;                                                      \
    if (plast)                                                                  \
      *plast = is_last;                                                         \
    return 1;                                                                   \
  }                                                                             \
  /* End of an ordered iteration: the core passes the ordered turn on per     \
   * chunk, when the member takes its next one. */                            \
  void __kmpc_dispatch_fini_##SFX(ident_t *loc, kmp_int32 gtid) { (void)loc, (void)gtid; }

KMPC_LOOP(4, kmp_int32, kmp_int32, true)
KMPC_LOOP(4u, kmp_uint32, kmp_int32, false)
KMPC_LOOP(8, kmp_int64, kmp_int64, true)
KMPC_LOOP(8u, kmp_uint64, kmp_int64, false)

void __kmpc_for_static_fini(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  TP_OMPT(tp_ompt_work_end(tp_self()));
}
