/* taskpool.h — task descriptors: a per-thread free list of fixed-size
 * slots (descriptor + dependence entries + task data up to
 * TP_TASK_SLOT bytes), so a steady stream of tasks costs no malloc; larger
 * ones come from the heap.  A descriptor freed on another thread than its
 * creator's goes to the freeing thread's list; when one thread creates and
 * another runs (and frees), descriptors flow back through a shared depot
 * in batches of TP_TASK_BATCH (a "magazine" layer: one lock per batch, not
 * a malloc and a free per task). */
#ifndef TEMPO_TASKPOOL_H
#define TEMPO_TASKPOOL_H

#include "task.h"

#define TP_TASK_SLOT 512

#define TP_TASK_BATCH 256 /* descriptors per batch; a thread keeps up to two */
/* Batches the depot keeps before it frees the surplus: enough for the
 * descriptors of a large burst of tasks to be reused. */
#define TP_TASK_DEPOT_MAX 256

struct tp_task_cache {
  struct tp_task *head;  /* the loaded batch, linked through qnext */
  unsigned count;        /* its length, at most TP_TASK_BATCH */
  struct tp_task *spare; /* a full batch (TP_TASK_BATCH), or NULL */
};

struct tp_task *tp_taskpool_get_slow(struct tp_thread *self, size_t extra) tp_hidden;
/* A descriptor with room for `extra` bytes after it from self's list, or
 * NULL when that needs more (tp_taskpool_get): for callers that keep their
 * own fast path free of calls. */
static inline struct tp_task *tp_taskpool_try_get(struct tp_thread *self, size_t extra) {
  struct tp_task_cache *c = self->task_cache;
  if (tp_likely(sizeof(struct tp_task) + extra <= TP_TASK_SLOT && c && c->head)) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    c->count--;
    return t;
  }
  return NULL;
}
/* A descriptor with room for `extra` bytes after it (size recorded). */
static inline struct tp_task *tp_taskpool_get(struct tp_thread *self, size_t extra) {
  struct tp_task *t = tp_taskpool_try_get(self, extra);
  return tp_likely(t != NULL) ? t : tp_taskpool_get_slow(self, extra);
}
/* Bytes of t's block after `end` (a pointer into it). */
static inline size_t tp_taskpool_room(const struct tp_task *t, const void *end) {
  const char *limit = (const char *)t + (t->size ? t->size : TP_TASK_SLOT);
  return (const char *)end < limit ? (size_t)(limit - (const char *)end) : 0;
}
void tp_taskpool_put_slow(struct tp_thread *self, struct tp_task *t) tp_hidden;
static inline void tp_taskpool_put(struct tp_thread *self, struct tp_task *t) {
  struct tp_task_cache *c = self->task_cache;
  if (tp_likely(!t->size && c && c->count < TP_TASK_BATCH)) {
    t->qnext = c->head;
    c->head = t;
    c->count++;
    return;
  }
  tp_taskpool_put_slow(self, t);
}
void tp_taskpool_fini(struct tp_thread *self) tp_hidden;

#endif
