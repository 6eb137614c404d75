/* taskpool.c — task descriptor pool (taskpool.h). */
#include <stdlib.h>

#include "taskpool.h"

struct tp_task *tp_taskpool_get_slow(struct tp_thread *self, size_t extra) {
  size_t need = sizeof(struct tp_task) + extra;
  if (need > TP_TASK_SLOT) {
    struct tp_task *t = tp_aligned_alloc(TP_CACHELINE, need);
    t->size = (uint32_t)(need > UINT32_MAX ? UINT32_MAX : need);
    return t;
  }
  struct tp_task_cache *c = self->task_cache;
  if (tp_likely(c && c->head)) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    c->count--;
    return t;
  }
  struct tp_task *t = tp_aligned_alloc(TP_CACHELINE, TP_TASK_SLOT);
  t->size = 0;
  return t;
}

void tp_taskpool_put_slow(struct tp_thread *self, struct tp_task *t) {
  if (t->size) {
    free(t);
    return;
  }
  struct tp_task_cache *c = self->task_cache;
  if (tp_unlikely(!c))
    self->task_cache = c = tp_calloc(1, sizeof *c);
  if (c->count >= TP_TASK_CACHE_MAX) {
    free(t);
    return;
  }
  t->qnext = c->head;
  c->head = t;
  c->count++;
}

void tp_taskpool_fini(struct tp_thread *self) {
  struct tp_task_cache *c = self->task_cache;
  if (!c)
    return;
  while (c->head) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    free(t);
  }
  free(c);
  self->task_cache = NULL;
}
