/* wait.c — spin-then-sleep waiting, the one way Tempo threads wait.
 *
 * A waiter spins on the word it waits for (running the team's queued tasks
 * meanwhile), for a budget of pause iterations (GOMP_SPINCOUNT /
 * OMP_WAIT_POLICY), then sleeps on its own eventcount (wake_seq).  The
 * signaller stores the word with a seq_cst store and then reads
 * `sleeping`; the waiter sets `sleeping` with a seq_cst store and then
 * re-reads the word.  One of the two must see the other's store, so a wake
 * is never lost, and a signaller pays no syscall when nobody sleeps.
 *
 * When the process has more busy threads than CPUs, spinning only steals
 * cycles from the thread we wait for: the budget shrinks and the loop
 * yields the CPU instead of pausing from the start. */
#define _GNU_SOURCE
#include <sched.h>

#include "rt.h"
#include "task.h"

/* Pure spinning (pause only) lasts TP_SPIN_PURE iterations (~50 us on
 * this VM's ~25 ns pause): long enough for a barrier or region that
 * follows closely.  Beyond that the thread we wait for is likely not
 * running (the machine is loaded by other processes), so the rest of the
 * budget yields the CPU between checks; a yield counts as TP_YIELD_COST
 * pauses (~0.5 us) so the budget stays roughly a time. */
#define TP_SPIN_PURE 2000
#define TP_YIELD_COST 20

bool tp_oversubscribed(void) {
  /* Bound workers plus the initial thread that leads them. */
  return tp_load(&tp_rt.threads_busy) + 1 > tp_rt.ncpus;
}

void tp_wake(struct tp_thread *t) {
  __atomic_fetch_add(&t->wake_seq, 1, __ATOMIC_SEQ_CST);
  tp_futex_wake(&t->wake_seq, 1);
}

void tp_wake_sleepers(struct tp_thread *self, struct tp_team *team) {
  for (unsigned i = 0; i < team->nthreads; i++) {
    struct tp_thread *t = team->member[i].thr;
    if (t != self && tp_load(&t->sleeping))
      tp_wake(t);
  }
}

/* One body, compiled twice: without an abort word (every barrier and
 * wait) the abort test folds away. */
static inline __attribute__((always_inline)) bool
wait_word(struct tp_thread *self, struct tp_team *team, uint32_t *word,
          uint32_t target, const uint32_t *abort) {
  for (;;) {
    bool throttled = tp_oversubscribed();
    unsigned long long budget = throttled ? tp_rt.spin_throttled : tp_rt.spin_iters;
    for (unsigned long long i = 0; i < budget; i++) {
      if (tp_reached(tp_load_acq(word), target))
        return true;
      if (abort && tp_load_acq(abort))
        return false;
      if (team && tp_task_available(team)) {
        tp_task_run_one(self, team);
        i = 0;
        continue;
      }
      if (throttled || i >= TP_SPIN_PURE) {
        sched_yield();
        i += TP_YIELD_COST - 1;
      } else {
        tp_pause();
      }
    }
    uint32_t seq = tp_load_acq(&self->wake_seq);
    tp_store_sc(&self->sleeping, 1);
    if (tp_reached(tp_load_acq(word), target)) {
      tp_store(&self->sleeping, 0);
      return true;
    }
    if (abort && tp_load_acq(abort)) {
      tp_store(&self->sleeping, 0);
      return false;
    }
    if (team && tp_task_available(team)) {
      tp_store(&self->sleeping, 0);
      continue;
    }
    tp_futex_wait(&self->wake_seq, seq);
    tp_store(&self->sleeping, 0);
  }
}

void tp_wait_word(struct tp_thread *self, struct tp_team *team, uint32_t *word,
                  uint32_t target) {
  wait_word(self, team, word, target, NULL);
}

bool tp_wait_word_or(struct tp_thread *self, struct tp_team *team,
                     uint32_t *word, uint32_t target, const uint32_t *abort) {
  return wait_word(self, team, word, target, abort);
}
