/* parallel.c — GOMP_parallel* entry points. */
#include "../../runtime/rt.h"

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
