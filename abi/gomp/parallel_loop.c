/* parallel_loop.c — combined `parallel for`: GOMP_parallel_loop_* start the
 * team with the loop construct already set up by the master; the workers'
 * first GOMP_loop_*_next joins it (see tp_parallel_loop).  The GOMP 1.0
 * *_start forms return after starting the team; the caller runs fn and
 * calls GOMP_parallel_end.  flags carries the proc_bind kind (low 3 bits),
 * as for GOMP_parallel. */
#include "../../runtime/ws.h"
#include "loop_names.h"

static void par_loop(void (*fn)(void *), void *data, unsigned nthreads,
                     long start, long end, long incr, long code, long chunk,
                     unsigned flags, bool run) {
  uint64_t c = chunk > 0 ? (uint64_t)chunk : 0;
  struct tp_loop l = {.kind = gomp_loop_sched(tp_self(), code, &c), .chunk = c,
                      .start = (uint64_t)start, .end = (uint64_t)end,
                      .incr = (uint64_t)incr,
                      .n = tp_loop_count(start, end, incr)};
  tp_parallel_loop(fn, data, nthreads, flags & 7, &l, run);
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

PAR_LOOP(GOMP_parallel_loop_static, GOMP_SCHED_STATIC)
PAR_LOOP(GOMP_parallel_loop_dynamic, GOMP_SCHED_MONO(DYNAMIC))
PAR_LOOP(GOMP_parallel_loop_guided, GOMP_SCHED_MONO(GUIDED))
PAR_LOOP(GOMP_parallel_loop_nonmonotonic_dynamic, GOMP_SCHED_DYNAMIC)
PAR_LOOP(GOMP_parallel_loop_nonmonotonic_guided, GOMP_SCHED_GUIDED)
PAR_LOOP_RUNTIME(GOMP_parallel_loop_runtime, GOMP_SCHED_MONO(RUNTIME))
PAR_LOOP_RUNTIME(GOMP_parallel_loop_nonmonotonic_runtime, GOMP_SCHED_RUNTIME)
PAR_LOOP_RUNTIME(GOMP_parallel_loop_maybe_nonmonotonic_runtime,
                 GOMP_SCHED_RUNTIME)
PAR_LOOP_START(GOMP_parallel_loop_static_start, GOMP_SCHED_STATIC)
PAR_LOOP_START(GOMP_parallel_loop_dynamic_start, GOMP_SCHED_MONO(DYNAMIC))
PAR_LOOP_START(GOMP_parallel_loop_guided_start, GOMP_SCHED_MONO(GUIDED))

void GOMP_parallel_loop_runtime_start(void (*fn)(void *), void *data,
                                      unsigned nthreads, long start, long end,
                                      long incr) {
  par_loop(fn, data, nthreads, start, end, incr, GOMP_SCHED_MONO(RUNTIME), 0, 0,
           false);
}
