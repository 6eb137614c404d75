/* misuse.h — how an omp_* routine reports a bad argument: with
 * TEMPO_DEBUG=1 as API misuse naming the caller (tp_misuse), else as a
 * plain warning (API_REJECT) or not at all (API_MISUSE, for what the
 * spec lets a runtime ignore silently and libgomp does).  Macros, so that
 * the return address is the routine's own caller. */
#ifndef TEMPO_ABI_OMP_MISUSE_H
#define TEMPO_ABI_OMP_MISUSE_H

#include "../../runtime/rt.h"

#define API_REJECT(...)                                                        \
  do {                                                                         \
    if (tp_rt.debug)                                                           \
      tp_misuse(__builtin_return_address(0), __VA_ARGS__);                     \
    else                                                                       \
      tp_warn(__VA_ARGS__);                                                    \
  } while (0)

#define API_MISUSE(...)                                                        \
  do {                                                                         \
    if (tp_unlikely(tp_rt.debug))                                              \
      tp_misuse(__builtin_return_address(0), __VA_ARGS__);                     \
  } while (0)

#endif
