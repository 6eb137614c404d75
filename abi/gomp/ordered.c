/* ordered.c — GOMP_ordered_start/end (see runtime/ordered.c: the turn
 * passes per chunk, when the member finishes its chunk, so the end of an
 * ordered region has nothing to do). */
#include "../../runtime/ws.h"

void GOMP_ordered_start(void) { tp_ordered_start(tp_self()); }
void GOMP_ordered_end(void) {}
