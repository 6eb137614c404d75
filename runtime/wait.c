/* wait.c — spin-then-sleep waiting, the one way Tempo threads wait.
 *
 * A waiter spins on the word it waits for, for a budget of pause
 * iterations (GOMP_SPINCOUNT / OMP_WAIT_POLICY), then sleeps on its own
 * eventcount (wake_seq).  The signaller stores the word with a seq_cst
 * store and then reads `sleeping`; the waiter sets `sleeping` with a
 * seq_cst store and then re-reads the word.  One of the two must see the
 * other's store, so a wake is never lost, and a signaller pays no syscall
 * when nobody sleeps.
 *
 * Waiting knows nothing of tasks: a caller that wants the waiter to do
 * something useful passes a struct tp_idle whose `work` runs one piece of
 * work (the task scheduler's), and whose `sleep` hook hears when the
 * thread goes to sleep and wakes (so a scheduler can count sleepers and
 * wake one when it publishes work: the same seq_cst pairing applies, with
 * the hook's store in place of `sleeping` and work in place of the word).
 *
 * When the process has more busy threads than CPUs, spinning only steals
 * cycles from the thread we wait for: the budget shrinks and the loop
 * yields the CPU instead of pausing from the start. */
#define _GNU_SOURCE
#include <sched.h>

#include "rt.h"

/* Pure spinning (pause only) lasts TP_SPIN_PURE iterations (~50 us on
 * this VM's ~25 ns pause): long enough for a barrier or region that
 * follows closely.  Beyond that the thread we wait for is likely not
 * running (the machine is loaded by other processes), so the rest of the
 * budget yields the CPU between checks; a yield counts as TP_YIELD_COST
 * pauses (~0.5 us) so the budget stays roughly a time. */
#define TP_SPIN_PURE 2000
#define TP_YIELD_COST 20

bool tp_oversubscribed(void) {
  /* Bound workers plus the initial thread that leads them, against the
   * CPUs we may use (a cgroup quota throttles spinners like fewer CPUs). */
  return tp_load(&tp_rt.threads_busy) + 1 > tp_rt.cpu_budget;
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

/* What is waited for: the word reaching `target` (TP_UNTIL_REACHED, epoch
 * words), the word being 0 (TP_UNTIL_ZERO, counters), or any of `target`'s
 * bits being set (TP_UNTIL_BITS). */
enum { TP_UNTIL_REACHED, TP_UNTIL_ZERO, TP_UNTIL_BITS };

static inline __attribute__((always_inline)) bool
done(const uint32_t *word, uint32_t target, int until) {
  uint32_t v = tp_load_acq(word);
  if (until == TP_UNTIL_REACHED)
    return tp_reached(v, target);
  if (until == TP_UNTIL_ZERO)
    return v == 0;
  return (v & target) != 0;
}

/* One body, specialised by its constant arguments: without an abort word
 * or idle work (a worker waiting for its next region) those tests fold
 * away. */
static inline __attribute__((always_inline)) bool
wait_body(struct tp_thread *self, const uint32_t *word, uint32_t target, int until,
          const uint32_t *abort, const struct tp_idle *idle) {
  for (;;) {
    bool throttled = tp_oversubscribed();
    unsigned long long budget = throttled ? tp_load(&tp_rt.spin_throttled) : tp_load(&tp_rt.spin_iters);
    for (unsigned long long i = 0; i < budget; i++) {
      if (done(word, target, until))
        return true;
      if (abort && tp_load_acq(abort))
        return false;
      if (idle && idle->work(self, idle->arg)) {
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
    if (idle && idle->sleep)
      idle->sleep(self, idle->arg, true);
    bool reached = done(word, target, until);
    bool stop = reached || (abort && tp_load_acq(abort));
    if (!stop && !(idle && idle->work(self, idle->arg)))
      tp_futex_wait(&self->wake_seq, seq);
    tp_store(&self->sleeping, 0);
    if (idle && idle->sleep)
      idle->sleep(self, idle->arg, false);
    if (stop)
      return reached;
  }
}

void tp_wait_word(struct tp_thread *self, uint32_t *word, uint32_t target,
                  const struct tp_idle *idle) {
  if (idle)
    wait_body(self, word, target, TP_UNTIL_REACHED, NULL, idle);
  else
    wait_body(self, word, target, TP_UNTIL_REACHED, NULL, NULL);
}

bool tp_wait_word_or(struct tp_thread *self, uint32_t *word, uint32_t target,
                     const uint32_t *abort, const struct tp_idle *idle) {
  return wait_body(self, word, target, TP_UNTIL_REACHED, abort, idle);
}

void tp_wait_zero(struct tp_thread *self, uint32_t *word, const struct tp_idle *idle) {
  wait_body(self, word, 0, TP_UNTIL_ZERO, NULL, idle);
}

void tp_wait_bits(struct tp_thread *self, uint32_t *word, uint32_t bits,
                  const struct tp_idle *idle) {
  wait_body(self, word, bits, TP_UNTIL_BITS, NULL, idle);
}
