/* parallel_loop.c — combined `parallel for`: GOMP_parallel_loop_* start the
 * team with the loop construct already set up by the master; the workers'
 * first GOMP_loop_*_next joins it (see tp_parallel_loop).  The GOMP 1.0
 * *_start forms return after starting the team; the caller runs fn and
 * calls GOMP_parallel_end.  flags carries the proc_bind kind (low 3 bits),
 * as for GOMP_parallel. */
#include "../../runtime/ws.h"

static void par_loop(void (*fn)(void *), void *data, unsigned nthreads,
                     long start, long end, long incr, long code, long chunk,
                     unsigned flags, bool run) {
  uint64_t c = chunk > 0 ? (uint64_t)chunk : 0;
  struct tp_loop l = {.kind = tp_loop_sched(tp_self(), code, &c), .chunk = c,
                      .start = (uint64_t)start, .end = (uint64_t)end,
                      .incr = (uint64_t)incr,
                      .n = tp_loop_count(start, end, incr)};
  tp_parallel_loop(fn, data, nthreads, flags, &l, run);
}

#define PAR_LOOP(name, code)                                                   \
  void name(void (*fn)(void *), void *data, unsigned nthreads, long start,    \
            long end, long incr, long chunk, unsigned flags) {                 \
    par_loop(fn, data, nthreads, start, end, incr, code, chunk, flags, true);  \
  }
#define PAR_LOOP_RUNTIME(name, code)                                           \
  void name(void (*fn)(void *), void *data, unsigned nthreads, long start,    \
            long end, long incr, unsigned flags) {                             \
    par_loop(fn, data, nthreads, start, end, incr, code, 0, flags, true);      \
  }
#define PAR_LOOP_START(name, code)                                             \
  void name(void (*fn)(void *), void *data, unsigned nthreads, long start,    \
            long end, long incr, long chunk) {                                 \
    par_loop(fn, data, nthreads, start, end, incr, code, chunk, 0, false);     \
  }

PAR_LOOP(GOMP_parallel_loop_static, 1)
PAR_LOOP(GOMP_parallel_loop_dynamic, TP_LOOP_MONOTONIC | 2)
PAR_LOOP(GOMP_parallel_loop_guided, TP_LOOP_MONOTONIC | 3)
PAR_LOOP(GOMP_parallel_loop_nonmonotonic_dynamic, 2)
PAR_LOOP(GOMP_parallel_loop_nonmonotonic_guided, 3)
PAR_LOOP_RUNTIME(GOMP_parallel_loop_runtime, TP_LOOP_MONOTONIC)
PAR_LOOP_RUNTIME(GOMP_parallel_loop_nonmonotonic_runtime, 0)
PAR_LOOP_RUNTIME(GOMP_parallel_loop_maybe_nonmonotonic_runtime, 0)
PAR_LOOP_START(GOMP_parallel_loop_static_start, 1)
PAR_LOOP_START(GOMP_parallel_loop_dynamic_start, TP_LOOP_MONOTONIC | 2)
PAR_LOOP_START(GOMP_parallel_loop_guided_start, TP_LOOP_MONOTONIC | 3)

void GOMP_parallel_loop_runtime_start(void (*fn)(void *), void *data,
                                      unsigned nthreads, long start, long end,
                                      long incr) {
  par_loop(fn, data, nthreads, start, end, incr, TP_LOOP_MONOTONIC, 0, 0, false);
}
