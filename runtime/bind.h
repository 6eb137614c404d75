/* bind.h — thread affinity: which place each member of a new team gets
 * (OMP_PROC_BIND / proc_bind policies over OMP_PLACES), and binding the
 * calling thread to it.  Pure assignment + one pthread_setaffinity_np when a
 * thread's place changes, so hot teams re-entering a region pay nothing. */
#ifndef TEMPO_BIND_H
#define TEMPO_BIND_H

#include "rt.h"

/* `icv` arrives as the team's template (the encountering task's partition,
 * `place` = the master's place); `policy` is the region's (TP_BIND_*: the
 * proc_bind clause or the encountering task's bind-var, not the members'
 * next-level bind-var); on return icv holds member `tid`'s place and place
 * partition. */
void tp_bind_assign(struct tp_icv *icv, int policy, unsigned tid,
                    unsigned nthreads) tp_hidden;
/* Binds the calling thread to icv->place (no-op if unchanged or -1). */
void tp_bind_self(struct tp_thread *self, const struct tp_icv *icv) tp_hidden;

#endif
