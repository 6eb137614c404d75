/* sync.c — critical sections, the atomic fallback lock, single, masked. */
#include <stdlib.h>

#include "../../runtime/ompt.h"
#include "../../runtime/rt.h"

void GOMP_critical_start(void) { tp_critical_enter(&tp_rt.critical_lock, TP_OMPT_CRITICAL); }
void GOMP_critical_end(void) { tp_critical_leave(&tp_rt.critical_lock, TP_OMPT_CRITICAL); }

/* Named critical: gcc passes the address of a pointer-sized common symbol
 * (.gomp_critical_user_<name>) shared by all translation units; we keep a
 * lock there (it starts out zero, which is an unlocked tp_mutex). */
void GOMP_critical_name_start(void **pptr) {
  tp_critical_enter((uint32_t *)pptr, TP_OMPT_CRITICAL);
}
void GOMP_critical_name_end(void **pptr) {
  tp_critical_leave((uint32_t *)pptr, TP_OMPT_CRITICAL);
}

void GOMP_atomic_start(void) { tp_critical_enter(&tp_rt.atomic_lock, TP_OMPT_ATOMIC); }
void GOMP_atomic_end(void) { tp_critical_leave(&tp_rt.atomic_lock, TP_OMPT_ATOMIC); }

bool GOMP_single_start(void) { return tp_single_start(tp_self()); }

/* copyprivate: the winner runs the block and publishes its data pointer in
 * GOMP_single_copy_end; the others wait at a barrier and read it.  gcc
 * emits a barrier after the copy-out, so the pointer stays valid. */
void *GOMP_single_copy_start(void) {
  struct tp_thread *self = tp_self();
  if (tp_single_start(self))
    return NULL;
  return tp_copyprivate_exchange(self, NULL, false);
}

void GOMP_single_copy_end(void *data) {
  tp_copyprivate_exchange(tp_self(), data, true);
}
