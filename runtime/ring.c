/* ring.c — growth and teardown of the private task ring (ring.h). */
#include <stdlib.h>

#include "ring.h"

#define TP_RING_INITIAL 256

void tp_ring_init(struct tp_ring *r) {
  r->slot = tp_aligned_alloc(TP_CACHELINE, TP_RING_INITIAL * sizeof *r->slot);
  r->mask = TP_RING_INITIAL - 1;
  r->head = r->tail = 0;
}

void tp_ring_fini(struct tp_ring *r) {
  free(r->slot);
  r->slot = NULL;
}

/* Doubles the capacity, keeping every entry at its absolute index. */
void tp_ring_grow(struct tp_ring *r) {
  uint64_t cap = r->mask + 1;
  void **n = tp_aligned_alloc(TP_CACHELINE, 2 * cap * sizeof *n);
  for (uint64_t i = r->head; i != r->tail; i++)
    n[i & (2 * cap - 1)] = r->slot[i & r->mask];
  free(r->slot);
  r->slot = n;
  r->mask = 2 * cap - 1;
}
