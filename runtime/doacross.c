/* doacross.c — ordered(n) loops with depend(source) / depend(sink: ...).
 *
 * Iteration vectors come as zero-based logical iteration numbers per
 * dimension (dimension 0 is the worksharing loop, 0 .. counts[0]-1): gcc
 * passes them so, the kmpc shim converts clang's iteration values.
 * Each vector maps to its row-major flat index; a post stores flat + 1
 * into the entry of the unit of work that owns the iteration, and a wait
 * for a sink vector waits until that entry reaches the sink's flat + 1.
 * One entry per unit that a single member runs in increasing iteration
 * order, so the stored value only grows and ">= flat + 1" means "the sink
 * iteration has posted":
 *   static:  one entry per member (its chunks come in increasing order);
 *   dynamic: one entry per chunk;
 *   guided:  one entry per outer iteration (chunk bounds are not known).
 * Static and dynamic entries get a cache line each (different members post
 * to them); guided ones are packed (neighbours usually share a chunk).
 *
 * A vector outside the iteration space is ignored (no such iteration).  If
 * the whole iteration space exceeds 2^64 iterations (it could never run to
 * completion) the dependences are not enforced, with a warning. */
#include <stdlib.h>
#include <string.h>

#include "ws.h"

#define DX_MAX_DIMS 64

void tp_doacross_init(struct tp_ws *ws, unsigned ncounts, const uint64_t *counts) {
  ws->dx_ncounts = 0;
  if (ws->nthreads == 1)
    return; /* iterations run in order: every sink has posted */
  if (ncounts > DX_MAX_DIMS) {
    tp_warn("ordered(%u) loop: more than %d dimensions; dependences not enforced",
            ncounts, DX_MAX_DIMS);
    return;
  }
  uint64_t total = 1;
  for (unsigned i = 0; i < ncounts; i++) {
    if (counts[i] == 0)
      return; /* no iterations: post/wait are never called */
    if (__builtin_mul_overflow(total, counts[i], &total)) {
      tp_warn("ordered(%u) loop with more than 2^64 iterations; "
              "dependences not enforced", ncounts);
      return;
    }
  }
  uint64_t n = counts[0], nents;
  unsigned stride; /* in uint64_t */
  switch (ws->kind) {
  case TP_WS_STATIC:
    nents = ws->nthreads;
    stride = TP_CACHELINE / sizeof(uint64_t);
    break;
  case TP_WS_DYNAMIC:
    nents = (n - 1) / ws->chunk + 1;
    stride = TP_CACHELINE / sizeof(uint64_t);
    break;
  default:
    nents = n;
    stride = 1;
    break;
  }
  size_t head = (ncounts * sizeof(uint64_t) + TP_CACHELINE - 1) & ~(size_t)(TP_CACHELINE - 1);
  size_t body;
  if (__builtin_mul_overflow((size_t)nents, (size_t)stride * sizeof(uint64_t), &body) ||
      body > SIZE_MAX - head - TP_CACHELINE)
    tp_fatal("ordered(%u) loop: dependence table of %llu entries is too large",
             ncounts, (unsigned long long)nents);
  size_t bytes = (head + body + TP_CACHELINE - 1) & ~(size_t)(TP_CACHELINE - 1);
  if (bytes > ws->dx_cap) {
    free(ws->dx_counts);
    ws->dx_counts = tp_aligned_alloc(TP_CACHELINE, bytes);
    ws->dx_cap = bytes;
  }
  memcpy(ws->dx_counts, counts, ncounts * sizeof(uint64_t));
  ws->dx_ents = (uint64_t *)((char *)ws->dx_counts + head);
  memset(ws->dx_ents, 0, body);
  ws->dx_stride = stride;
  if (ws->kind == TP_WS_STATIC && ws->chunk == 0) {
    ws->dx_q = n / ws->nthreads;
    ws->dx_t = n % ws->nthreads;
  }
  ws->dx_ncounts = ncounts;
}

unsigned tp_doacross_ncounts(struct tp_thread *self) {
  struct tp_team *team = self->team;
  struct tp_ws *ws = team->member[self->tid].ws;
  return team->nthreads > 1 && ws ? ws->dx_ncounts : 0;
}

/* The entry owning v, and v's flat index + 1; NULL if v is out of range. */
static uint64_t *entry(struct tp_ws *ws, const uint64_t *v, uint64_t *key) {
  const uint64_t *c = ws->dx_counts;
  uint64_t flat = 0;
  for (unsigned i = 0; i < ws->dx_ncounts; i++) {
    if (v[i] >= c[i])
      return NULL;
    flat = flat * c[i] + v[i];
  }
  *key = flat + 1;
  uint64_t v0 = v[0], e;
  switch (ws->kind) {
  case TP_WS_STATIC:
    if (ws->chunk) {
      e = v0 / ws->chunk % ws->nthreads;
    } else {
      uint64_t q = ws->dx_q, t = ws->dx_t, big = t * (q + 1);
      e = v0 < big ? v0 / (q + 1) : t + (v0 - big) / q;
    }
    break;
  case TP_WS_DYNAMIC:
    e = v0 / ws->chunk;
    break;
  default:
    e = v0;
    break;
  }
  return ws->dx_ents + e * ws->dx_stride;
}

void tp_doacross_post(struct tp_thread *self, const uint64_t *v) {
  struct tp_ws *ws = self->team->member[self->tid].ws;
  uint64_t key, *e = entry(ws, v, &key);
  if (e && tp_load(e) < key) {
    tp_store_sc(e, key);
    tp_ws_wake(self, ws, e);
  }
}

void tp_doacross_wait(struct tp_thread *self, const uint64_t *v) {
  struct tp_ws *ws = self->team->member[self->tid].ws;
  uint64_t key, *e = entry(ws, v, &key);
  if (e)
    tp_ws_wait64(self, ws, e, key);
}
