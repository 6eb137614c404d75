/* taskpool.h — task descriptors: a per-thread free list of fixed-size
 * slots (descriptor + dependence entries + task data up to
 * TP_TASK_SLOT bytes), so a steady stream of tasks costs no malloc; larger
 * ones come from the heap.  A descriptor freed on another thread than its
 * creator's goes to the freeing thread's list (tasks move rarely). */
#ifndef TEMPO_TASKPOOL_H
#define TEMPO_TASKPOOL_H

#include "task.h"

#define TP_TASK_SLOT 512

struct tp_task_cache {
  struct tp_task *head;
  unsigned count;
};

struct tp_task *tp_taskpool_get_slow(struct tp_thread *self, size_t extra) tp_hidden;
/* A descriptor with room for `extra` bytes after it (size recorded). */
static inline struct tp_task *tp_taskpool_get(struct tp_thread *self, size_t extra) {
  struct tp_task_cache *c = self->task_cache;
  if (tp_likely(sizeof(struct tp_task) + extra <= TP_TASK_SLOT && c && c->head)) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    c->count--;
    return t;
  }
  return tp_taskpool_get_slow(self, extra);
}
void tp_taskpool_put_slow(struct tp_thread *self, struct tp_task *t) tp_hidden;
#define TP_TASK_CACHE_MAX 4096 /* descriptors a thread keeps */
static inline void tp_taskpool_put(struct tp_thread *self, struct tp_task *t) {
  struct tp_task_cache *c = self->task_cache;
  if (tp_likely(!t->size && c && c->count < TP_TASK_CACHE_MAX)) {
    t->qnext = c->head;
    c->head = t;
    c->count++;
    return;
  }
  tp_taskpool_put_slow(self, t);
}
void tp_taskpool_fini(struct tp_thread *self) tp_hidden;

#endif
