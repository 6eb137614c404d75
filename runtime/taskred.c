/* taskred.c — task reductions (placeholder until the task scheduler lands). */
#include "taskred.h"

void tp_taskred_ws_enter(struct tp_thread *self, uintptr_t *reductions,
                         void **shared, bool first) {
  (void)self;
  (void)reductions;
  (void)shared;
  (void)first;
  tp_unimplemented("task reductions on worksharing constructs");
}
