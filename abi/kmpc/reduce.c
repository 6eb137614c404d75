/* reduce.c — reduction clauses of parallel and worksharing constructs.
 *
 * clang gives each member its private copies (reduce_data) and asks how
 * to combine them: the return value 1 means "combine yours into the
 * originals now, then call __kmpc_end_reduce*", 2 "update them with
 * atomics" (then __kmpc_end_reduce for the blocking form only), 0
 * "nothing left to do".  Tempo's answer depends only on the team and on
 * what clang emitted, so __kmpc_end_reduce* can tell which was given:
 *  - a team of one: 1, with no lock (nobody to exclude);
 *  - clang emitted atomic code (KMP_IDENT_ATOMIC_REDUCE in loc->flags):
 *    2, every member updates the originals at once, no lock;
 *  - otherwise 1 to every member, one at a time under the construct's lock
 *    (the kmp_critical_name clang passes): correct for every operator,
 *    user-defined ones included, and each combination stays in the
 *    compiler's own code.
 * libomp's third way, a tree of combinations inside a barrier, pays off
 * for large teams only; Tempo does not use it. */
#include "kmpc.h"
#include "../../runtime/ompt.h"

#define KMP_IDENT_ATOMIC_REDUCE 0x10

enum { REDUCE_ALONE, REDUCE_ATOMIC, REDUCE_LOCK };

static inline int method(const ident_t *loc, const struct tp_thread *self) {
  if (self->team->nthreads == 1)
    return REDUCE_ALONE;
  if (loc && (loc->flags & KMP_IDENT_ATOMIC_REDUCE))
    return REDUCE_ATOMIC;
  return REDUCE_LOCK;
}

kmp_int32 __kmpc_reduce_nowait(ident_t *loc, kmp_int32 gtid, kmp_int32 num_vars,
                               size_t reduce_size, void *reduce_data,
                               void (*reduce_func)(void *lhs, void *rhs),
                               kmp_critical_name *lck) {
  (void)gtid, (void)num_vars, (void)reduce_size, (void)reduce_data, (void)reduce_func;
  struct tp_thread *self = tp_self();
  switch (method(loc, self)) {
  case REDUCE_ALONE:
    TP_OMPT(tp_ompt_reduction(self, true));
    return 1;
  case REDUCE_ATOMIC:
    /* The atomics come after this call, and the nowait form has no end
     * call: a tool hears of the reduction here, whole. */
    TP_OMPT((tp_ompt_reduction(self, true), tp_ompt_reduction(self, false)));
    return 2;
  default:
    tp_critical_enter((uint32_t *)lck, TP_OMPT_CRITICAL);
    TP_OMPT(tp_ompt_reduction(self, true));
    return 1;
  }
}

/* Called after a 1 only. */
void __kmpc_end_reduce_nowait(ident_t *loc, kmp_int32 gtid, kmp_critical_name *lck) {
  (void)gtid;
  struct tp_thread *self = tp_self();
  TP_OMPT(tp_ompt_reduction(self, false));
  if (method(loc, self) == REDUCE_LOCK)
    tp_critical_leave((uint32_t *)lck, TP_OMPT_CRITICAL);
}

/* The blocking form: the construct's barrier comes after the combination
 * (in __kmpc_end_reduce), so the originals are complete when it ends. */
kmp_int32 __kmpc_reduce(ident_t *loc, kmp_int32 gtid, kmp_int32 num_vars,
                        size_t reduce_size, void *reduce_data,
                        void (*reduce_func)(void *lhs, void *rhs),
                        kmp_critical_name *lck) {
  return __kmpc_reduce_nowait(loc, gtid, num_vars, reduce_size, reduce_data,
                              reduce_func, lck);
}

/* Called after a 1 or a 2. */
void __kmpc_end_reduce(ident_t *loc, kmp_int32 gtid, kmp_critical_name *lck) {
  (void)gtid;
  struct tp_thread *self = tp_self();
  int m = method(loc, self);
  if (m != REDUCE_ATOMIC)
    TP_OMPT(tp_ompt_reduction(self, false));
  if (m == REDUCE_LOCK)
    tp_critical_leave((uint32_t *)lck, TP_OMPT_CRITICAL);
  if (m != REDUCE_ALONE)
    tp_barrier(self);
}
