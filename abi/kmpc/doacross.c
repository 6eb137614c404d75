/* doacross.c — ordered(n) loops with depend(sink)/depend(source).
 *
 * clang announces the loop nest's dimensions first (__kmpc_doacross_init,
 * every member, before the loop's own init), then posts and waits with
 * vectors of iteration *values*, and ends with __kmpc_doacross_fini.  The
 * core keeps doacross state in the loop construct's slot (runtime/
 * doacross.c, with zero-based logical iteration numbers), so the announced
 * dimensions stay with the member until the loop init (loop.c:
 * kmpc_doacross_counts) hands them to the core. */
#include "kmpc.h"
#include "../../runtime/ws.h"

/* struct kmp_dim: one loop of the nest, bounds inclusive. */
struct kmp_dim {
  kmp_int64 lo, up, st;
};

static struct tp_member *member(struct tp_thread *self) {
  return &self->team->member[self->tid];
}

static uint64_t dim_trip(const struct kmp_dim *d) {
  if (d->st > 0)
    return d->up < d->lo ? 0 : ((uint64_t)d->up - (uint64_t)d->lo) / (uint64_t)d->st + 1;
  if (d->st < 0)
    return d->up > d->lo ? 0 : ((uint64_t)d->lo - (uint64_t)d->up) / (0 - (uint64_t)d->st) + 1;
  return 0;
}

unsigned kmpc_doacross_counts(struct tp_thread *self, uint64_t *counts, unsigned cap) {
  struct tp_member *m = member(self);
  unsigned n = m->abi_doacross_n;
  if (!n || !m->abi_doacross)
    return 0;
  if (n > cap)
    n = cap + 1; /* more dimensions than the core handles: it warns */
  const struct kmp_dim *d = m->abi_doacross;
  for (unsigned i = 0; i < n && i < cap; i++)
    counts[i] = dim_trip(&d[i]);
  return n;
}

void __kmpc_doacross_init(ident_t *loc, kmp_int32 gtid, kmp_int32 num_dims,
                          const struct kmp_dim *dims) {
  (void)loc, (void)gtid;
  struct tp_member *m = member(tp_self());
  m->abi_doacross = dims;
  m->abi_doacross_n = num_dims > 0 ? (unsigned)num_dims : 0;
}

/* A vector of iteration values as logical numbers; a value that names no
 * iteration of its dimension becomes UINT64_MAX, which the core ignores. */
static void to_logical(const struct tp_member *m, const kmp_int64 *vec, uint64_t *v,
                       unsigned n) {
  const struct kmp_dim *d = m->abi_doacross;
  for (unsigned i = 0; i < n; i++) {
    int64_t st = d[i].st;
    uint64_t off, step = st > 0 ? (uint64_t)st : 0 - (uint64_t)st;
    bool inside = st > 0 ? vec[i] >= d[i].lo : vec[i] <= d[i].lo;
    off = st > 0 ? (uint64_t)vec[i] - (uint64_t)d[i].lo : (uint64_t)d[i].lo - (uint64_t)vec[i];
    v[i] = inside && step && off % step == 0 ? off / step : UINT64_MAX;
  }
}

/* depend(sink: vec) waits, depend(source) posts. */
static void sink_or_source(const kmp_int64 *vec, bool post) {
  struct tp_thread *self = tp_self();
  unsigned n = tp_doacross_ncounts(self);
  if (!n)
    return;
  uint64_t v[n];
  to_logical(member(self), vec, v, n);
  if (post)
    tp_doacross_post(self, v);
  else
    tp_doacross_wait(self, v);
}

void __kmpc_doacross_wait(ident_t *loc, kmp_int32 gtid, const kmp_int64 *vec) {
  (void)loc, (void)gtid;
  sink_or_source(vec, false);
}

void __kmpc_doacross_post(ident_t *loc, kmp_int32 gtid, const kmp_int64 *vec) {
  (void)loc, (void)gtid;
  sink_or_source(vec, true);
}

/* A static loop's construct stays entered until here (loop.c); a dispatch
 * loop's was left by its last __kmpc_dispatch_next. */
void __kmpc_doacross_fini(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  struct tp_thread *self = tp_self();
  struct tp_member *m = member(self);
  m->abi_doacross = NULL;
  m->abi_doacross_n = 0;
  tp_loop_end(self, true);
}
