/* event.c — omp_fulfill_event (detach clause). */
#include "../../runtime/taskpriv.h"

void omp_fulfill_event(uintptr_t event) {
  tp_task_fulfill(tp_self(), (struct tp_task *)event);
}
