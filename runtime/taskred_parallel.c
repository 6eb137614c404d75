/* taskred_parallel.c — GOMP_parallel_reductions: a parallel region whose
 * implicit tasks share task reductions (reduction(task, ...) on
 * parallel).  Apart from taskred.c because it starts a region: it sits
 * above the team layer, which taskred.c's other users are below. */
#include <string.h>

#include "taskpriv.h"

unsigned tp_taskred_parallel(struct tp_thread *self, void (*fn)(void *), void *data,
                             unsigned nthreads, unsigned flags) {
  uintptr_t *rdata = *(uintptr_t **)data;
  /* The team size is decided inside tp_parallel_begin, after which the
   * members may already run: size the blocks for the most it can be. */
  struct tp_task *parent = self->task;
  unsigned bound = nthreads ? nthreads : parent->icv.nthreads;
  struct tp_taskgroup tg;
  memset(&tg, 0, sizeof tg);
  tp_taskred_register(rdata, NULL, NULL, bound ? bound : 1);
  tg.reductions = rdata;
  struct tp_taskgroup *saved = parent->region_taskgroup;
  parent->region_taskgroup = &tg;
  tp_parallel_begin(self, fn, data, nthreads, flags & 7);
  unsigned n = self->team->nthreads;
  fn(data);
  tp_parallel_end(self);
  parent->region_taskgroup = saved;
  return n;
}
