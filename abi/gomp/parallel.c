/* parallel.c — GOMP_parallel* entry points. */
#include "taskred.h"

/* gcc passes flags: low 3 bits = proc_bind kind of the clause (0 = none).
 * num_threads 0 means "no clause"; if(false) is passed as num_threads 1. */
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads,
                   unsigned flags) {
  tp_parallel(tp_self(), fn, data, num_threads, flags & 7);
}

void GOMP_parallel_start(void (*fn)(void *), void *data, unsigned num_threads) {
  tp_parallel_begin(tp_self(), fn, data, num_threads, 0);
}

void GOMP_parallel_end(void) { tp_parallel_end(tp_self()); }

/* parallel reduction(task, ...): data's first field points to the
 * reduction descriptor, which every implicit task of the region sees as
 * its taskgroup's registration.  Returns the team size, which gcc's
 * combining code loops over; the compiled code frees the blocks
 * (GOMP_taskgroup_reduction_unregister). */
unsigned GOMP_parallel_reductions(void (*fn)(void *), void *data,
                                  unsigned num_threads, unsigned flags) {
  struct tp_thread *self = tp_self();
  uintptr_t *rdata = *(uintptr_t **)data;
  /* The team size is decided once the region starts, after which the
   * members may already run: size the blocks for the most it can be. */
  unsigned bound = num_threads ? num_threads : self->task->icv.nthreads;
  gomp_taskred_register(rdata, NULL, NULL, bound ? bound : 1);
  return tp_parallel_in_taskgroup(self, fn, data, num_threads, flags & 7, rdata);
}
