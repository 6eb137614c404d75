/* taskgroup.c — GOMP_taskgroup_start / GOMP_taskgroup_end. */
#include "../../runtime/taskpriv.h"

void GOMP_taskgroup_start(void) { tp_taskgroup_start(tp_self()); }
void GOMP_taskgroup_end(void) { tp_taskgroup_end(tp_self()); }
