/* loop_names.h — gcc's loop schedule codes: their translation into the
 * core's schedule (gomp_loop_sched), and the one table of GOMP_loop_* /
 * GOMP_loop_ull_* entry points that name their schedule, with the code
 * each stands for: loop.c and loop_ull.c expand it for their types.
 *
 * START(sched, code, ordered): GOMP_loop[_ull][_ordered]_<sched>_start and
 * its _next twin (chunk argument); RUNTIME(sched, code, ordered): the same
 * without a chunk argument.  The monotonic bit marks the names that predate
 * OpenMP 5's nonmonotonic default (and monotonic: itself): those never run
 * by range stealing.  DOACROSS(sched, code): the doacross starts with a
 * chunk argument (the runtime one has none and is written out). */
#ifndef TEMPO_ABI_LOOP_NAMES_H
#define TEMPO_ABI_LOOP_NAMES_H

#include "../../runtime/ws.h"

/* gcc's `sched` codes (GOMP_loop_start & co.): the kind in the low 31 bits,
 * the monotonic: modifier in bit 31.  RUNTIME_NONMONOTONIC: runtime with
 * the nonmonotonic modifier. */
enum {
  GOMP_SCHED_RUNTIME = 0,
  GOMP_SCHED_STATIC = 1,
  GOMP_SCHED_DYNAMIC = 2,
  GOMP_SCHED_GUIDED = 3,
  GOMP_SCHED_RUNTIME_NONMONOTONIC = 4,
};
#define GOMP_SCHED_MONOTONIC 0x80000000L
#define GOMP_SCHED_KIND_MASK 0x7fffffffUL

/* tp_loop_sched (ws.h) for gcc code `code` and chunk *chunk (0: none): the
 * core's TP_WS_* kind.  An unknown code runs static, with a warning. */
static inline int gomp_loop_sched(struct tp_thread *self, long code,
                                  uint64_t *chunk) {
  unsigned flags = (unsigned long)code & (unsigned long)GOMP_SCHED_MONOTONIC
                       ? TP_LOOP_SCHED_MONOTONIC : 0;
  int kind = TP_SCHED_STATIC;
  switch ((unsigned long)code & GOMP_SCHED_KIND_MASK) {
  case GOMP_SCHED_STATIC:
    break;
  case GOMP_SCHED_DYNAMIC:
    kind = TP_SCHED_DYNAMIC;
    break;
  case GOMP_SCHED_GUIDED:
    kind = TP_SCHED_GUIDED;
    break;
  case GOMP_SCHED_RUNTIME:
  case GOMP_SCHED_RUNTIME_NONMONOTONIC:
    flags |= TP_LOOP_SCHED_RUNTIME;
    break;
  default:
    tp_warn("unknown loop schedule code %ld; using static", code);
    *chunk = 0;
    flags = 0;
    break;
  }
  return tp_loop_sched(self, kind, flags, chunk);
}

#define GOMP_SCHED_MONO(kind) (GOMP_SCHED_MONOTONIC | GOMP_SCHED_##kind)

#define TP_LOOP_NAMES(START, RUNTIME)                                          \
  START(static, GOMP_SCHED_STATIC, false)                                      \
  START(dynamic, GOMP_SCHED_MONO(DYNAMIC), false)                              \
  START(guided, GOMP_SCHED_MONO(GUIDED), false)                                \
  START(nonmonotonic_dynamic, GOMP_SCHED_DYNAMIC, false)                       \
  START(nonmonotonic_guided, GOMP_SCHED_GUIDED, false)                         \
  RUNTIME(runtime, GOMP_SCHED_MONO(RUNTIME), false)                            \
  RUNTIME(nonmonotonic_runtime, GOMP_SCHED_RUNTIME, false)                     \
  RUNTIME(maybe_nonmonotonic_runtime, GOMP_SCHED_RUNTIME, false)               \
  START(ordered_static, GOMP_SCHED_STATIC, true)                               \
  START(ordered_dynamic, GOMP_SCHED_DYNAMIC, true)                             \
  START(ordered_guided, GOMP_SCHED_GUIDED, true)                               \
  RUNTIME(ordered_runtime, GOMP_SCHED_RUNTIME, true)

#define TP_LOOP_DOACROSS_NAMES(DOACROSS)                                       \
  DOACROSS(static, GOMP_SCHED_STATIC)                                          \
  DOACROSS(dynamic, GOMP_SCHED_DYNAMIC)                                        \
  DOACROSS(guided, GOMP_SCHED_GUIDED)

#endif
