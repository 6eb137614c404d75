/* deque.h — a worker's public work deque: the entries other threads may
 * take.  The owner adds and takes at the bottom (newest); thieves take at
 * the top (oldest), where the biggest pieces of recursive work are.
 *
 * Why a lock and not a lock-free (Chase–Lev) deque: with heartbeat
 * promotion only a small fraction of tasks ever reaches a public deque, so
 * its operations are rare; and the OpenMP tied-task constraint means a
 * thief waiting in a taskwait may take only a descendant of the task it
 * waits in, so it must inspect an entry before taking it.  A lock-free
 * thief cannot: the entry may be taken, run and freed by another thief
 * between its read and its compare-and-swap.  Under the lock an entry
 * stays put while `score` looks at it.  `count` mirrors the number of
 * entries so an idle thread checks a victim with one plain load and never
 * touches the lock of an empty deque. */
#ifndef TEMPO_DEQUE_H
#define TEMPO_DEQUE_H

#include "sys.h"

struct tp_deque {
  uint32_t lock;
  uint32_t count;  /* entries (written under the lock, read without it) */
  void **slot;     /* [mask + 1], under the lock */
  uint64_t top;    /* oldest entry (absolute index) */
  uint64_t bot;    /* one past the newest */
  uint64_t mask;
};

/* How much an entry is wanted by a taker: < 0 not at all (e.g. it belongs
 * to another team, or is not a descendant of the task the taker waits
 * in), otherwise a rank (task priority); ties go to the end taken from. */
typedef int (*tp_deque_score)(void *entry, const void *arg);

void tp_deque_init(struct tp_deque *d) tp_hidden;
void tp_deque_fini(struct tp_deque *d) tp_hidden;
static inline uint32_t tp_deque_count(const struct tp_deque *d) { return tp_load(&d->count); }
/* Adds n entries at the bottom (any thread may add, e.g. a released
 * dependence successor or an omp_fulfill_event from outside the team). */
void tp_deque_push(struct tp_deque *d, void *const *x, unsigned n) tp_hidden;
/* Adds one entry at the top, behind every other for the owner (a task
 * that yields goes after the work already waiting). */
void tp_deque_push_top(struct tp_deque *d, void *x) tp_hidden;
/* Takes the best-scored entry among the `scan` nearest to the bottom
 * (owner) or to the top (thief); NULL if none scores >= 0. */
void *tp_deque_take_bottom(struct tp_deque *d, tp_deque_score score, const void *arg,
                           unsigned scan) tp_hidden;
void *tp_deque_take_top(struct tp_deque *d, tp_deque_score score, const void *arg,
                        unsigned scan) tp_hidden;

/* A thief's batch: up to `max` (and at most half, rounded up) entries in
 * a row from the top, starting at the first of the `scan` oldest that
 * scores >= 0 and ending before one that does not.  Returns how many
 * went to out[] (oldest first). */
unsigned tp_deque_take_top_n(struct tp_deque *d, tp_deque_score score, const void *arg,
                             unsigned scan, void **out, unsigned max) tp_hidden;

#endif
