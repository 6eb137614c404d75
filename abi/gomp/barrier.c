/* barrier.c — GOMP_barrier. */
#include "../../runtime/rt.h"

void GOMP_barrier(void) { tp_barrier(tp_self()); }
