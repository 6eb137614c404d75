/* scope.c — GOMP_scope_start: gcc calls it only for a scope construct with
 * task reductions; the barrier and unregistration follow separately
 * (GOMP_workshare_task_reduction_unregister). */
#include "../../runtime/ws.h"
#include "taskred.h"

void GOMP_scope_start(uintptr_t *reductions) {
  struct tp_ws_hook h;
  tp_scope_start(tp_self(), gomp_taskred_hook(&h, reductions));
}
