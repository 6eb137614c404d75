/* loop.c — GOMP_loop_* entry points for `long` iteration variables: thin
 * translations onto runtime/loop.c.
 *
 * The old entry points name the schedule (static/dynamic/guided/runtime);
 * the GCC 5 forms (GOMP_loop_start, _ordered_start, _doacross_start) pass a
 * `sched` code, may pass istart = NULL (enter the construct without taking
 * a chunk), task `reductions` and a `mem` size to turn into team-shared
 * zeroed memory.  Every *_next works on whatever construct the member is in
 * (the member's cursor or slot records its schedule), so the *_next
 * variants differ only in name.  The start variants differ in the schedule
 * code: monotonic ones (old names, monotonic:) never run by range stealing. */
#include "../../runtime/ws.h"
#include "loop_names.h"
#include "taskred.h"

static uint64_t chunk_arg(long c) { return c > 0 ? (uint64_t)c : 0; }

static bool start_l(long start, long end, long incr, int kind, uint64_t chunk,
                    bool ordered, long *istart, long *iend,
                    uintptr_t *reductions, void **mem) {
  struct tp_thread *self = tp_self();
  struct tp_loop l = {.kind = kind, .chunk = chunk, .start = (uint64_t)start,
                      .end = (uint64_t)end, .incr = (uint64_t)incr,
                      .n = tp_loop_count(start, end, incr), .ordered = ordered};
  struct tp_ws_hook h;
  const struct tp_ws_hook *red = gomp_taskred_hook(&h, reductions);
  uint64_t s, e;
  if (!istart)
    return tp_loop_start(self, &l, red, mem, NULL, NULL);
  if (!tp_loop_start(self, &l, red, mem, &s, &e))
    return false;
  *istart = (long)s;
  *iend = (long)e;
  return true;
}

static bool sched_start(long start, long end, long incr, long code, long chunk,
                        bool ordered, long *istart, long *iend,
                        uintptr_t *reductions, void **mem) {
  uint64_t c = chunk_arg(chunk);
  int kind = gomp_loop_sched(tp_self(), code, &c);
  return start_l(start, end, incr, kind, c, ordered, istart, iend, reductions, mem);
}

static bool next_l(long *istart, long *iend) {
  uint64_t s, e;
  if (!tp_loop_next(tp_self(), &s, &e))
    return false;
  *istart = (long)s;
  *iend = (long)e;
  return true;
}

#define START(sched, code, ordered)                                            \
  bool GOMP_loop_##sched##_start(long start, long end, long incr, long chunk,  \
                                 long *istart, long *iend) {                   \
    return sched_start(start, end, incr, code, chunk, ordered, istart, iend,  \
                       NULL, NULL);                                            \
  }                                                                            \
  bool GOMP_loop_##sched##_next(long *istart, long *iend) {                    \
    return next_l(istart, iend);                                               \
  }
#define RUNTIME(sched, code, ordered)                                          \
  bool GOMP_loop_##sched##_start(long start, long end, long incr,              \
                                 long *istart, long *iend) {                   \
    return sched_start(start, end, incr, code, 0, ordered, istart, iend, NULL,\
                       NULL);                                                  \
  }                                                                            \
  bool GOMP_loop_##sched##_next(long *istart, long *iend) {                    \
    return next_l(istart, iend);                                               \
  }
TP_LOOP_NAMES(START, RUNTIME)
#undef START
#undef RUNTIME

bool GOMP_loop_start(long start, long end, long incr, long sched, long chunk,
                     long *istart, long *iend, uintptr_t *reductions,
                     void **mem) {
  return sched_start(start, end, incr, sched, chunk, false, istart, iend,
                     reductions, mem);
}

bool GOMP_loop_ordered_start(long start, long end, long incr, long sched,
                             long chunk, long *istart, long *iend,
                             uintptr_t *reductions, void **mem) {
  return sched_start(start, end, incr, sched, chunk, true, istart, iend,
                     reductions, mem);
}

/* Doacross: the worksharing loop runs 0 .. counts[0]-1 by 1; the other
 * counts size the ordered inner loops. */
static bool doacross_start(unsigned ncounts, long *counts, long code,
                           long chunk, long *istart, long *iend,
                           uintptr_t *reductions, void **mem) {
  struct tp_thread *self = tp_self();
  uint64_t c = chunk_arg(chunk), uc[64];
  unsigned nc = ncounts < 64 ? ncounts : 64;
  for (unsigned i = 0; i < nc; i++)
    uc[i] = counts[i] > 0 ? (uint64_t)counts[i] : 0;
  struct tp_loop l = {.kind = gomp_loop_sched(self, code, &c), .chunk = c,
                      .start = 0, .end = ncounts ? uc[0] : 0, .incr = 1,
                      .n = ncounts ? uc[0] : 0,
                      .ncounts = ncounts <= 64 ? ncounts : 65, .counts = uc};
  struct tp_ws_hook h;
  const struct tp_ws_hook *red = gomp_taskred_hook(&h, reductions);
  uint64_t s, e;
  if (!istart)
    return tp_loop_start(self, &l, red, mem, NULL, NULL);
  if (!tp_loop_start(self, &l, red, mem, &s, &e))
    return false;
  *istart = (long)s;
  *iend = (long)e;
  return true;
}

#define DOACROSS(sched, code)                                                  \
  bool GOMP_loop_doacross_##sched##_start(unsigned ncounts, long *counts,      \
                                          long chunk, long *istart,            \
                                          long *iend) {                        \
    return doacross_start(ncounts, counts, code, chunk, istart, iend, NULL,    \
                          NULL);                                               \
  }
TP_LOOP_DOACROSS_NAMES(DOACROSS)
#undef DOACROSS
bool GOMP_loop_doacross_runtime_start(unsigned ncounts, long *counts,
                                      long *istart, long *iend) {
  return doacross_start(ncounts, counts, GOMP_SCHED_RUNTIME, 0, istart, iend,
                        NULL, NULL);
}
bool GOMP_loop_doacross_start(unsigned ncounts, long *counts, long sched,
                              long chunk, long *istart, long *iend,
                              uintptr_t *reductions, void **mem) {
  return doacross_start(ncounts, counts, sched, chunk, istart, iend, reductions,
                        mem);
}

void GOMP_loop_end(void) { tp_loop_end(tp_self(), false); }
void GOMP_loop_end_nowait(void) { tp_loop_end(tp_self(), true); }

/* The end of a loop in a region with cancel constructs: true if the
 * parallel region is cancelled. */
bool GOMP_loop_end_cancel(void) {
  struct tp_thread *self = tp_self();
  tp_loop_end(self, true);
  return tp_barrier_cancel(self);
}
