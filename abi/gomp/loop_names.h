/* loop_names.h — the one table of GOMP_loop_* / GOMP_loop_ull_* entry
 * points that name their schedule, with the `sched` code each passes to
 * tp_loop_sched (ws.h): loop.c and loop_ull.c expand it for their types.
 *
 * START(sched, code, ordered): GOMP_loop[_ull][_ordered]_<sched>_start and
 * its _next twin (chunk argument); RUNTIME(sched, code, ordered): the same
 * without a chunk argument.  The monotonic bit marks the names that predate
 * OpenMP 5's nonmonotonic default (and monotonic: itself): those never run
 * by range stealing.  DOACROSS(sched, code): the doacross starts with a
 * chunk argument (the runtime one has none and is written out). */
#ifndef TEMPO_ABI_LOOP_NAMES_H
#define TEMPO_ABI_LOOP_NAMES_H

#define TP_LOOP_NAMES(START, RUNTIME)                                          \
  START(static, 1, false)                                                      \
  START(dynamic, TP_LOOP_MONOTONIC | 2, false)                                 \
  START(guided, TP_LOOP_MONOTONIC | 3, false)                                  \
  START(nonmonotonic_dynamic, 2, false)                                        \
  START(nonmonotonic_guided, 3, false)                                         \
  RUNTIME(runtime, TP_LOOP_MONOTONIC, false)                                   \
  RUNTIME(nonmonotonic_runtime, 0, false)                                      \
  RUNTIME(maybe_nonmonotonic_runtime, 0, false)                                \
  START(ordered_static, 1, true)                                               \
  START(ordered_dynamic, 2, true)                                              \
  START(ordered_guided, 3, true)                                               \
  RUNTIME(ordered_runtime, 0, true)

#define TP_LOOP_DOACROSS_NAMES(DOACROSS)                                       \
  DOACROSS(static, 1)                                                          \
  DOACROSS(dynamic, 2)                                                         \
  DOACROSS(guided, 3)

#endif
