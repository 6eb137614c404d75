/* reduce.c — reduction clauses of parallel and worksharing constructs.
 *
 * clang gives each member its private copies (reduce_data) and asks how
 * to combine them: the return value 1 means "combine yours into the
 * originals now, then call __kmpc_end_reduce*", 2 "update them with
 * atomics", 0 "nothing left to do".  Tempo answers 1 to every member,
 * one at a time under the construct's lock (the kmp_critical_name clang
 * passes), which is correct for every operator clang supports, user-defined
 * ones included, and keeps each combination in the compiler's own code. */
#include "kmpc.h"

kmp_int32 __kmpc_reduce_nowait(ident_t *loc, kmp_int32 gtid, kmp_int32 num_vars,
                               size_t reduce_size, void *reduce_data,
                               void (*reduce_func)(void *lhs, void *rhs),
                               kmp_critical_name *lck) {
  (void)loc, (void)gtid, (void)num_vars, (void)reduce_size, (void)reduce_data,
      (void)reduce_func;
  tp_mutex_lock((uint32_t *)lck);
  return 1;
}

void __kmpc_end_reduce_nowait(ident_t *loc, kmp_int32 gtid, kmp_critical_name *lck) {
  (void)loc, (void)gtid;
  tp_mutex_unlock((uint32_t *)lck);
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

void __kmpc_end_reduce(ident_t *loc, kmp_int32 gtid, kmp_critical_name *lck) {
  (void)loc, (void)gtid;
  tp_mutex_unlock((uint32_t *)lck);
  tp_barrier(tp_self());
}
