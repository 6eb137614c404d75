/* loop_ull.c — GOMP_loop_ull_* entry points (unsigned long long iteration
 * variables): the twins of loop.c.  `up` gives the direction; a downward
 * loop's incr is the two's complement of its (negative) step. */
#include "../../runtime/ws.h"
#include "loop_names.h"
#include "taskred.h"

typedef unsigned long long ull;

static bool start_u(bool up, ull start, ull end, ull incr, long code, ull chunk,
                    bool ordered, ull *istart, ull *iend,
                    uintptr_t *reductions, void **mem) {
  struct tp_thread *self = tp_self();
  uint64_t c = chunk;
  struct tp_loop l = {.kind = gomp_loop_sched(self, code, &c), .chunk = c,
                      .start = start, .end = end, .incr = incr,
                      .n = tp_loop_count_ull(up, start, end, incr),
                      .ordered = ordered};
  struct tp_ws_hook h;
  const struct tp_ws_hook *red = gomp_taskred_hook(&h, reductions);
  uint64_t s, e;
  if (!istart)
    return tp_loop_start(self, &l, red, mem, NULL, NULL);
  if (!tp_loop_start(self, &l, red, mem, &s, &e))
    return false;
  *istart = s;
  *iend = e;
  return true;
}

static bool next_u(ull *istart, ull *iend) {
  uint64_t s, e;
  if (!tp_loop_next(tp_self(), &s, &e))
    return false;
  *istart = s;
  *iend = e;
  return true;
}

#define START(sched, code, ordered)                                            \
  bool GOMP_loop_ull_##sched##_start(bool up, ull start, ull end, ull incr,    \
                                     ull chunk, ull *istart, ull *iend) {      \
    return start_u(up, start, end, incr, code, chunk, ordered, istart, iend,  \
                   NULL, NULL);                                                \
  }                                                                            \
  bool GOMP_loop_ull_##sched##_next(ull *istart, ull *iend) {                  \
    return next_u(istart, iend);                                               \
  }
#define RUNTIME(sched, code, ordered)                                          \
  bool GOMP_loop_ull_##sched##_start(bool up, ull start, ull end, ull incr,    \
                                     ull *istart, ull *iend) {                 \
    return start_u(up, start, end, incr, code, 0, ordered, istart, iend, NULL,\
                   NULL);                                                      \
  }                                                                            \
  bool GOMP_loop_ull_##sched##_next(ull *istart, ull *iend) {                  \
    return next_u(istart, iend);                                               \
  }
TP_LOOP_NAMES(START, RUNTIME)
#undef START
#undef RUNTIME

bool GOMP_loop_ull_start(bool up, ull start, ull end, ull incr, long sched,
                         ull chunk, ull *istart, ull *iend,
                         uintptr_t *reductions, void **mem) {
  return start_u(up, start, end, incr, sched, chunk, false, istart, iend,
                 reductions, mem);
}

bool GOMP_loop_ull_ordered_start(bool up, ull start, ull end, ull incr,
                                 long sched, ull chunk, ull *istart, ull *iend,
                                 uintptr_t *reductions, void **mem) {
  return start_u(up, start, end, incr, sched, chunk, true, istart, iend,
                 reductions, mem);
}

static bool doacross_start_u(unsigned ncounts, ull *counts, long code, ull chunk,
                             ull *istart, ull *iend, uintptr_t *reductions,
                             void **mem) {
  struct tp_thread *self = tp_self();
  uint64_t c = chunk;
  uint64_t n = ncounts ? counts[0] : 0;
  struct tp_loop l = {.kind = gomp_loop_sched(self, code, &c), .chunk = c,
                      .start = 0, .end = n, .incr = 1, .n = n,
                      .ncounts = ncounts, .counts = (const uint64_t *)counts};
  struct tp_ws_hook h;
  const struct tp_ws_hook *red = gomp_taskred_hook(&h, reductions);
  uint64_t s, e;
  if (!istart)
    return tp_loop_start(self, &l, red, mem, NULL, NULL);
  if (!tp_loop_start(self, &l, red, mem, &s, &e))
    return false;
  *istart = s;
  *iend = e;
  return true;
}

#define DOACROSS(sched, code)                                                  \
  bool GOMP_loop_ull_doacross_##sched##_start(unsigned ncounts, ull *counts,   \
                                              ull chunk, ull *istart,          \
                                              ull *iend) {                     \
    return doacross_start_u(ncounts, counts, code, chunk, istart, iend, NULL,  \
                            NULL);                                             \
  }
TP_LOOP_DOACROSS_NAMES(DOACROSS)
#undef DOACROSS
bool GOMP_loop_ull_doacross_runtime_start(unsigned ncounts, ull *counts,
                                          ull *istart, ull *iend) {
  return doacross_start_u(ncounts, counts, GOMP_SCHED_RUNTIME, 0, istart, iend,
                          NULL, NULL);
}
bool GOMP_loop_ull_doacross_start(unsigned ncounts, ull *counts, long sched,
                                  ull chunk, ull *istart, ull *iend,
                                  uintptr_t *reductions, void **mem) {
  return doacross_start_u(ncounts, counts, sched, chunk, istart, iend,
                          reductions, mem);
}
