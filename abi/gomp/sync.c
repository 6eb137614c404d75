/* sync.c — critical sections, the atomic fallback lock, single, masked. */
#include <stdlib.h>

#include "../../runtime/rt.h"

void GOMP_critical_start(void) { tp_mutex_lock(&tp_rt.critical_lock); }
void GOMP_critical_end(void) { tp_mutex_unlock(&tp_rt.critical_lock); }

/* Named critical: gcc passes the address of a pointer-sized common symbol
 * (.gomp_critical_user_<name>) shared by all translation units; we keep a
 * lock there (it starts out zero, which is an unlocked tp_mutex). */
void GOMP_critical_name_start(void **pptr) {
  tp_mutex_lock((uint32_t *)pptr);
}
void GOMP_critical_name_end(void **pptr) { tp_mutex_unlock((uint32_t *)pptr); }

void GOMP_atomic_start(void) { tp_mutex_lock(&tp_rt.atomic_lock); }
void GOMP_atomic_end(void) { tp_mutex_unlock(&tp_rt.atomic_lock); }

/* single: the first member to arrive at its n-th single wins, decided by a
 * CAS on the team's count of claimed singles. */
bool GOMP_single_start(void) {
  struct tp_thread *self = tp_self();
  struct tp_team *team = self->team;
  if (team->nthreads == 1)
    return true;
  /* No read before the CAS: it would fetch the line shared and then need
   * a second transfer to own it. */
  uint32_t mine = team->member[self->tid].single_seq++;
  return __atomic_compare_exchange_n(&team->single_count, &mine, mine + 1, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

/* copyprivate: the winner runs the block and publishes its data pointer in
 * GOMP_single_copy_end; the others wait at a barrier and read it.  gcc
 * emits a barrier after the copy-out, so the pointer stays valid. */
void *GOMP_single_copy_start(void) {
  if (GOMP_single_start())
    return NULL;
  struct tp_thread *self = tp_self();
  tp_barrier(self);
  return tp_load_acq(&self->team->copyprivate);
}

void GOMP_single_copy_end(void *data) {
  struct tp_thread *self = tp_self();
  tp_store_rel(&self->team->copyprivate, data);
  tp_barrier(self);
}
