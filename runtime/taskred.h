/* taskred.h — task reductions (task_reduction / in_reduction, reduction
 * with the task modifier on parallel and worksharing constructs, taskloop
 * reductions).  gcc passes a `reductions` descriptor array; see taskred.c. */
#ifndef TEMPO_TASKRED_H
#define TEMPO_TASKRED_H

#include "rt.h"

/* Called by every member entering a worksharing construct (loop, sections,
 * scope) for which gcc passed a non-NULL `reductions` argument.  `shared`
 * points to a per-construct word that is NULL when the construct's shared
 * state is first initialised; `first` is true for the one member that
 * initialises the construct, and that member's call completes before any
 * other member's call starts. */
void tp_taskred_ws_enter(struct tp_thread *self, uintptr_t *reductions,
                         void **shared, bool first) tp_hidden;

#endif
