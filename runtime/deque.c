/* deque.c — the public work deque (deque.h). */
#include <stdlib.h>

#include "deque.h"

#define TP_DEQUE_INITIAL 64

void tp_deque_init(struct tp_deque *d) {
  d->lock = 0;
  d->count = 0;
  d->slot = tp_malloc(TP_DEQUE_INITIAL * sizeof *d->slot);
  d->mask = TP_DEQUE_INITIAL - 1;
  d->top = d->bot = 0;
}

void tp_deque_fini(struct tp_deque *d) {
  free(d->slot);
  d->slot = NULL;
}

static void grow(struct tp_deque *d, uint64_t need) {
  uint64_t cap = d->mask + 1;
  while (cap < need)
    cap *= 2;
  void **n = tp_malloc(cap * sizeof *n);
  for (uint64_t i = d->top; i != d->bot; i++)
    n[i & (cap - 1)] = d->slot[i & d->mask];
  free(d->slot);
  d->slot = n;
  d->mask = cap - 1;
}

void tp_deque_push(struct tp_deque *d, void *const *x, unsigned n) {
  tp_mutex_lock(&d->lock);
  if (d->bot - d->top + n > d->mask + 1)
    grow(d, d->bot - d->top + n);
  for (unsigned i = 0; i < n; i++)
    d->slot[d->bot++ & d->mask] = x[i];
  tp_store(&d->count, (uint32_t)(d->bot - d->top));
  tp_mutex_unlock(&d->lock);
}

void tp_deque_push_top(struct tp_deque *d, void *x) {
  tp_mutex_lock(&d->lock);
  if (d->bot - d->top + 1 > d->mask + 1)
    grow(d, d->bot - d->top + 1);
  d->slot[--d->top & d->mask] = x;
  tp_store(&d->count, (uint32_t)(d->bot - d->top));
  tp_mutex_unlock(&d->lock);
}

/* Removes the entry at absolute index i, closing the gap on the side of
 * the end it is nearer to (usually it is the end entry itself). */
static void *remove_at(struct tp_deque *d, uint64_t i) {
  void *x = d->slot[i & d->mask];
  if (i - d->top < d->bot - 1 - i) {
    for (uint64_t j = i; j != d->top; j--)
      d->slot[j & d->mask] = d->slot[(j - 1) & d->mask];
    d->top++;
  } else {
    for (uint64_t j = i; j + 1 != d->bot; j++)
      d->slot[j & d->mask] = d->slot[(j + 1) & d->mask];
    d->bot--;
  }
  tp_store(&d->count, (uint32_t)(d->bot - d->top));
  return x;
}

static void *take(struct tp_deque *d, tp_deque_score score, const void *arg,
                  unsigned scan, bool from_bottom) {
  if (!tp_deque_count(d))
    return NULL;
  /* Not a trylock: a thread about to sleep must not miss an entry because
   * another taker held the lock for a moment. */
  tp_mutex_lock(&d->lock);
  uint64_t n = d->bot - d->top, best_i = 0;
  int best = -1;
  if (n > scan)
    n = scan;
  for (uint64_t k = 0; k < n; k++) {
    uint64_t i = from_bottom ? d->bot - 1 - k : d->top + k;
    int s = score(d->slot[i & d->mask], arg);
    if (s > best) {
      best = s;
      best_i = i;
    }
  }
  void *x = best >= 0 ? remove_at(d, best_i) : NULL;
  tp_mutex_unlock(&d->lock);
  return x;
}

void *tp_deque_take_bottom(struct tp_deque *d, tp_deque_score score, const void *arg,
                           unsigned scan) {
  return take(d, score, arg, scan, true);
}

unsigned tp_deque_take_top_n(struct tp_deque *d, tp_deque_score score, const void *arg,
                             unsigned scan, void **out, unsigned max) {
  if (!tp_deque_count(d))
    return 0;
  tp_mutex_lock(&d->lock);
  uint64_t n = d->bot - d->top, first = d->bot;
  for (uint64_t k = 0; k < n && k < scan; k++)
    if (score(d->slot[(d->top + k) & d->mask], arg) >= 0) {
      first = d->top + k;
      break;
    }
  unsigned got = 0;
  uint64_t want = (n + 1) / 2, end = first;
  while (end != d->bot && got < max && got < want &&
         score(d->slot[end & d->mask], arg) >= 0)
    out[got++] = d->slot[end++ & d->mask];
  /* Close the gap [first, end) by moving the older entries before it up. */
  for (uint64_t j = first; j != d->top; j--)
    d->slot[(j - 1 + (end - first)) & d->mask] = d->slot[(j - 1) & d->mask];
  d->top += end - first;
  tp_store(&d->count, (uint32_t)(d->bot - d->top));
  tp_mutex_unlock(&d->lock);
  return got;
}

void *tp_deque_take_top(struct tp_deque *d, tp_deque_score score, const void *arg,
                        unsigned scan) {
  return take(d, score, arg, scan, false);
}
