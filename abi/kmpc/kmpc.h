/* kmpc.h — the types of LLVM's OpenMP runtime interface (__kmpc_*) that
 * clang-built code passes, as clang 14 lays them out (LLVM's kmp.h), and
 * the helpers shared by the files of abi/kmpc.  The shim translates; every
 * decision is the core's (runtime/). */
#ifndef TEMPO_KMPC_H
#define TEMPO_KMPC_H

#include <stddef.h>
#include <stdint.h>

#include "../../runtime/rt.h"

typedef int32_t kmp_int32;
typedef uint32_t kmp_uint32;
typedef int64_t kmp_int64;
typedef uint64_t kmp_uint64;

/* Source location clang passes first to most entry points; only `flags`
 * means anything to a runtime (KMP_IDENT_*; reduce.c reads one). */
typedef struct ident {
  kmp_int32 reserved_1, flags, reserved_2, reserved_3;
  const char *psource;
} ident_t;

/* The outlined body of a parallel region: (&gtid, &btid, shared vars...). */
typedef void (*kmpc_micro)(kmp_int32 *gtid, kmp_int32 *btid, ...);

/* A critical (and reduction) lock's storage: 32 zeroed bytes that clang
 * emits per name; Tempo keeps a tp_mutex in the first word. */
typedef kmp_int32 kmp_critical_name[8];

/* Schedule codes (enum sched_type). */
enum {
  KMP_SCH_STATIC_CHUNKED = 33,
  KMP_SCH_STATIC = 34,
  KMP_SCH_DYNAMIC_CHUNKED = 35,
  KMP_SCH_GUIDED_CHUNKED = 36,
  KMP_SCH_RUNTIME = 37,
  KMP_SCH_AUTO = 38,
  KMP_SCH_TRAPEZOIDAL = 39,
  KMP_SCH_STATIC_GREEDY = 40,
  KMP_SCH_STATIC_BALANCED = 41,
  KMP_SCH_GUIDED_ITERATIVE = 42,
  KMP_SCH_GUIDED_ANALYTICAL = 43,
  KMP_SCH_STATIC_STEAL = 44,
  KMP_SCH_STATIC_BALANCED_CHUNKED = 45,
  KMP_SCH_GUIDED_SIMD = 46,
  KMP_SCH_RUNTIME_SIMD = 47,
  KMP_ORD_LOWER = 64,  /* ordered variants: the above + 32 */
  KMP_ORD_UPPER = 72,
  KMP_DIST_STATIC_CHUNKED = 91,
  KMP_DIST_STATIC = 92,
  KMP_NM_LOWER = 160,  /* "nomerge" variants: the above + 128 */
  KMP_SCH_MONOTONIC = 1 << 29,
  KMP_SCH_NONMONOTONIC = 1 << 30,
};

/* libomp's cancellation kinds (1 parallel, 2 loop, 3 sections,
 * 4 taskgroup) as the core's TP_CANCEL_* bits; 0 for anything else. */
static inline int kmpc_cancel_mask(kmp_int32 kind) {
  static const int mask[] = {0, TP_CANCEL_PARALLEL, TP_CANCEL_LOOP, TP_CANCEL_SECTIONS,
                             TP_CANCEL_TASKGROUP};
  return kind >= 1 && kind <= 4 ? mask[kind] : 0;
}

/* The current thread's gtid as libomp numbers threads (0 = the initial
 * thread); Tempo ignores the gtid arguments it is handed back. */
static inline kmp_int32 kmpc_gtid(struct tp_thread *self) {
  return (kmp_int32)self->uid - 1;
}

#endif
