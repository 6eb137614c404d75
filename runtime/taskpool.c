/* taskpool.c — task descriptor pool (taskpool.h).
 *
 * Each thread keeps a loaded batch (head, up to TP_TASK_BATCH) and one
 * full spare batch.  A put that finds the loaded batch full makes it the
 * spare, handing the old spare (if any) to the depot; a get that finds it
 * empty loads the spare, else a batch from the depot, else mallocs.  So a
 * thread that only frees (a thief) and one that only creates (a producer)
 * exchange whole batches, under tp_rt.task_depot_lock once per batch. */
#include <stdlib.h>

#include "taskpool.h"

/* In the depot a batch is its first descriptor; the next batch hangs from
 * that descriptor's `parent` (a free descriptor's fields mean nothing). */
static void depot_put(struct tp_task *batch) {
  tp_mutex_lock(&tp_rt.task_depot_lock);
  if (tp_rt.task_depot_n < TP_TASK_DEPOT_MAX) {
    batch->parent = tp_rt.task_depot;
    tp_rt.task_depot = batch;
    tp_store(&tp_rt.task_depot_n, tp_rt.task_depot_n + 1);
    batch = NULL;
  }
  tp_mutex_unlock(&tp_rt.task_depot_lock);
  while (batch) {
    struct tp_task *next = batch->qnext;
    free(batch);
    batch = next;
  }
}

static struct tp_task *depot_get(void) {
  if (!tp_load(&tp_rt.task_depot_n))
    return NULL;
  tp_mutex_lock(&tp_rt.task_depot_lock);
  struct tp_task *batch = tp_rt.task_depot;
  if (batch) {
    tp_rt.task_depot = batch->parent;
    tp_store(&tp_rt.task_depot_n, tp_rt.task_depot_n - 1);
  }
  tp_mutex_unlock(&tp_rt.task_depot_lock);
  return batch;
}

static struct tp_task_cache *cache(struct tp_thread *self) {
  if (tp_unlikely(!self->task_cache))
    self->task_cache = tp_aligned_alloc(TP_CACHELINE, sizeof(struct tp_task_cache));
  return self->task_cache;
}

struct tp_task *tp_taskpool_get_slow(struct tp_thread *self, size_t extra) {
  size_t need = sizeof(struct tp_task) + extra;
  if (need > TP_TASK_SLOT) {
    struct tp_task *t = tp_aligned_alloc(TP_CACHELINE, need);
    t->size = (uint32_t)(need > UINT32_MAX ? UINT32_MAX : need);
    return t;
  }
  struct tp_task_cache *c = cache(self);
  if (!c->head) {
    if (c->spare) {
      c->head = c->spare;
      c->spare = NULL;
    } else {
      c->head = depot_get();
    }
    c->count = c->head ? TP_TASK_BATCH : 0;
  }
  if (c->head) {
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
  struct tp_task_cache *c = cache(self);
  if (c->count >= TP_TASK_BATCH) {
    if (c->spare)
      depot_put(c->spare);
    c->spare = c->head;
    c->head = NULL;
    c->count = 0;
  }
  t->qnext = c->head;
  c->head = t;
  c->count++;
}

void tp_taskpool_fini(struct tp_thread *self) {
  struct tp_task_cache *c = self->task_cache;
  if (!c)
    return;
  if (c->spare)
    depot_put(c->spare);
  while (c->head) {
    struct tp_task *t = c->head;
    c->head = t->qnext;
    free(t);
  }
  free(c);
  self->task_cache = NULL;
}
