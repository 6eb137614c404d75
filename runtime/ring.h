/* ring.h — a worker's private task buffer: a ring of pointers that only its
 * owner thread touches, so no operation here is atomic.
 *
 * Indices are absolute (they only grow, modulo 2^64): `head` is the oldest
 * entry, `tail` one past the newest.  The owner pushes and pops at the tail
 * (LIFO, the order a task waiting for its children wants) and takes from
 * the head when it publishes its oldest work.  Because indices never
 * shift, "pushed after index f" is a stable test: the scheduler records the
 * tail when a task starts and knows every entry at or above it was pushed
 * by that task or by tasks running on top of it — its descendants. */
#ifndef TEMPO_RING_H
#define TEMPO_RING_H

#include "sys.h"

struct tp_ring {
  void **slot;    /* [mask + 1] */
  uint64_t head;  /* oldest entry */
  uint64_t tail;  /* one past the newest */
  uint64_t mask;  /* capacity - 1, a power of two minus one */
};

void tp_ring_init(struct tp_ring *r) tp_hidden;
void tp_ring_fini(struct tp_ring *r) tp_hidden;
void tp_ring_grow(struct tp_ring *r) tp_hidden;

static inline uint64_t tp_ring_size(const struct tp_ring *r) { return r->tail - r->head; }

static inline void tp_ring_push(struct tp_ring *r, void *x) {
  if (tp_unlikely(r->tail - r->head > r->mask))
    tp_ring_grow(r);
  r->slot[r->tail++ & r->mask] = x;
}

/* The newest entry if it was pushed at or after index `floor`, else NULL. */
static inline void *tp_ring_pop_above(struct tp_ring *r, uint64_t floor) {
  if (r->tail == r->head || r->tail <= floor)
    return NULL;
  return r->slot[--r->tail & r->mask];
}

/* The oldest entry, or NULL. */
static inline void *tp_ring_take_oldest(struct tp_ring *r) {
  if (r->head == r->tail)
    return NULL;
  return r->slot[r->head++ & r->mask];
}

#endif
