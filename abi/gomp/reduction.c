/* reduction.c — task reduction entry points (see runtime/taskred.c for the
 * descriptor layout gcc passes). */
#include "../../runtime/taskpriv.h"

void GOMP_taskgroup_reduction_register(uintptr_t *data) {
  tp_taskred_taskgroup_register(tp_self(), data);
}

void GOMP_taskgroup_reduction_unregister(uintptr_t *data) {
  tp_taskred_unregister(data);
}

/* ptrs[0..cnt): original or already remapped addresses, replaced by this
 * thread's private copies; for i < cntorig, ptrs[cnt + i] receives the
 * original address. */
void GOMP_task_reduction_remap(size_t cnt, size_t cntorig, void **ptrs) {
  tp_taskred_remap(tp_self(), cnt, cntorig, ptrs);
}

/* parallel reduction(task, ...): data's first field points to the
 * reduction descriptor.  Returns the team size, which gcc's combining
 * code loops over. */
unsigned GOMP_parallel_reductions(void (*fn)(void *), void *data,
                                  unsigned num_threads, unsigned flags) {
  return tp_taskred_parallel(tp_self(), fn, data, num_threads, flags);
}

void GOMP_workshare_task_reduction_unregister(bool cancelled) {
  tp_taskred_ws_exit(tp_self(), cancelled);
}
