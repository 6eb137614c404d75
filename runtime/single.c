/* single.c — the single construct and copyprivate, for every ABI.
 *
 * The first member to arrive at its n-th single wins, decided by a CAS on
 * the team's count of claimed singles (each member counts the singles it
 * met in member[tid].single_seq, so the counts stay in step).
 * copyprivate: the winner publishes a pointer to its data in
 * team->copyprivate; a barrier later everyone reads it; a second barrier
 * (the caller's) keeps the winner's data alive until all have copied. */
#include "detsched.h"
#include "ompt.h"

bool tp_single_start(struct tp_thread *self) {
  struct tp_team *team = self->team;
  bool won = true;
  if (tp_unlikely(tp_rt.det) && team->nthreads > 1) {
    /* Deterministic mode: the first to arrive would win; the seed picks. */
    won = tp_det_single(self, team, team->member[self->tid].single_seq++);
  } else if (team->nthreads > 1) {
    /* No read before the CAS: it would fetch the line shared and then
     * need a second transfer to own it. */
    uint32_t mine = team->member[self->tid].single_seq++;
    won = __atomic_compare_exchange_n(&team->single_count, &mine, mine + 1, false,
                                      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
  }
  TP_OMPT(tp_ompt_single(self, won));
  return won;
}

void *tp_copyprivate_exchange(struct tp_thread *self, void *data, bool mine) {
  struct tp_team *team = self->team;
  if (mine)
    tp_store_rel(&team->copyprivate, data);
  tp_barrier(self);
  return tp_load_acq(&team->copyprivate);
}
