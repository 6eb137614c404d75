/* taskred.h — gcc's task-reduction descriptors (layout: taskred.c), for
 * the other gomp entry points that take one: taskloop, parallel and the
 * worksharing starts. */
#ifndef TEMPO_GOMP_TASKRED_H
#define TEMPO_GOMP_TASKRED_H

#include "../../runtime/taskpriv.h"
#include "../../runtime/ws.h"

/* Register descriptor chain `data` for nthreads threads on top of `old`
 * (the enclosing registration, linked at the chain's end); orig, if not
 * NULL, is another member's registration of the same construct whose
 * per-thread blocks are shared, else new zeroed blocks are allocated. */
void gomp_taskred_register(uintptr_t *data, uintptr_t *old, uintptr_t *orig,
                           unsigned nthreads) tp_hidden;
/* task_reduction on the innermost taskgroup (GOMP_taskgroup_reduction_register,
 * a taskloop's reduction clause). */
void gomp_taskred_taskgroup_register(struct tp_thread *self, uintptr_t *data) tp_hidden;
/* The tp_ws_hook `enter` for a worksharing construct gcc started with a
 * `reductions` descriptor (arg): each member opens the construct's
 * taskgroup and registers there, sharing the first member's blocks. */
void gomp_taskred_ws_enter(struct tp_thread *self, void *arg, void **shared,
                           bool first) tp_hidden;

/* What a worksharing start hands the core for its `reductions` argument:
 * NULL if there is none, else h filled in. */
static inline const struct tp_ws_hook *gomp_taskred_hook(struct tp_ws_hook *h,
                                                         uintptr_t *reductions) {
  if (!reductions)
    return NULL;
  *h = (struct tp_ws_hook){.enter = gomp_taskred_ws_enter, .arg = reductions};
  return h;
}

#endif
