/* test_wait.c — tp_wait_word / tp_signal (runtime/wait.c, rt.h).
 *
 * Two pthreads (each an initial thread with its own struct tp_thread) play
 * ping-pong on two words: A publishes ping = i and waits for pong >= i; B
 * waits for ping >= i and answers pong = i.  A plain payload written before
 * each signal is read after the matching wait (so TSan checks the
 * ordering).  Run with the default spin budget, with budget 0 (every wait
 * sleeps on the futex: a lost wake-up hangs, caught by ctest's timeout and
 * by a watchdog here), with a tiny budget (races between going to sleep and
 * being signalled), and with epochs wrapping around 2^32. */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rt.h"

struct pp {
  uint32_t ping, pong;       /* the words */
  uint32_t base;             /* epochs start here */
  unsigned rounds;
  struct tp_thread *a, *b;   /* published through ready (atomic) */
  unsigned ready;
  unsigned long payload_ab;  /* plain */
  unsigned long payload_ba;  /* plain */
};

static unsigned progress; /* rounds completed, for the watchdog (atomic) */

static void wait_ready(struct pp *p) {
  __atomic_fetch_add(&p->ready, 1, __ATOMIC_ACQ_REL);
  while (__atomic_load_n(&p->ready, __ATOMIC_ACQUIRE) < 2)
    sched_yield();
}

static void *side_a(void *arg) {
  struct pp *p = arg;
  __atomic_store_n(&p->a, tp_self(), __ATOMIC_RELEASE);
  wait_ready(p);
  struct tp_thread *me = p->a, *other = __atomic_load_n(&p->b, __ATOMIC_ACQUIRE);
  for (unsigned i = 1; i <= p->rounds; i++) {
    uint32_t e = p->base + i;
    p->payload_ab = 3ul * i;
    tp_signal(&p->ping, e, other);
    tp_wait_word(me, &p->pong, e, NULL);
    CHECK(tp_reached(__atomic_load_n(&p->pong, __ATOMIC_RELAXED), e), "A returned early");
    CHECK(p->payload_ba == 5ul * i, "A: round %u payload %lu", i, p->payload_ba);
    __atomic_store_n(&progress, i, __ATOMIC_RELAXED);
  }
  CHECK_EQ_U(me->sleeping, 0, "A not left marked sleeping");
  return NULL;
}

static void *side_b(void *arg) {
  struct pp *p = arg;
  __atomic_store_n(&p->b, tp_self(), __ATOMIC_RELEASE);
  wait_ready(p);
  struct tp_thread *me = p->b, *other = __atomic_load_n(&p->a, __ATOMIC_ACQUIRE);
  for (unsigned i = 1; i <= p->rounds; i++) {
    uint32_t e = p->base + i;
    tp_wait_word(me, &p->ping, e, NULL);
    CHECK(p->payload_ab == 3ul * i, "B: round %u payload %lu", i, p->payload_ab);
    p->payload_ba = 5ul * i;
    tp_signal(&p->pong, e, other);
  }
  CHECK_EQ_U(me->sleeping, 0, "B not left marked sleeping");
  return NULL;
}

static void *watchdog(void *arg) {
  unsigned limit = *(unsigned *)arg, last = ~0u, still = 0;
  for (;;) {
    sleep(1);
    unsigned p = __atomic_load_n(&progress, __ATOMIC_RELAXED);
    if (p == last && ++still >= limit) {
      fprintf(stderr, "FAILED: ping-pong stuck at round %u for %u s (lost wake-up?)\n",
              p, still);
      _exit(1);
    }
    if (p != last)
      still = 0;
    last = p;
  }
  return NULL;
}

static double pingpong(const char *what, unsigned long long budget, uint32_t base,
                       unsigned rounds) {
  tp_rt.spin_iters = tp_rt.spin_throttled = budget;
  struct pp p;
  memset(&p, 0, sizeof p);
  p.ping = p.pong = base;
  p.base = base;
  p.rounds = rounds;
  __atomic_store_n(&progress, 0, __ATOMIC_RELAXED);
  double t = ut_now();
  pthread_t ta, tb;
  CHECK(pthread_create(&ta, NULL, side_a, &p) == 0, "pthread_create");
  CHECK(pthread_create(&tb, NULL, side_b, &p) == 0, "pthread_create");
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  t = ut_now() - t;
  CHECK_EQ_U(p.ping, base + rounds, what);
  CHECK_EQ_U(p.pong, base + rounds, what);
  printf("  %-28s %6u rounds %8.2f us/round\n", what, rounds, t * 1e6 / rounds);
  return t;
}

int main(void) {
  double t0 = ut_now();
  (void)tp_self();
  unsigned long long dflt = tp_rt.spin_iters;
  unsigned limit = UT_SANITIZED ? 30 : 10;
  pthread_t wd;
  pthread_create(&wd, NULL, watchdog, &limit);
  pthread_detach(wd);

  /* tp_reached: modulo 2^32. */
  CHECK(tp_reached(5, 5) && tp_reached(6, 5) && !tp_reached(4, 5), "tp_reached basic");
  CHECK(tp_reached(2, 0xfffffffeu) && !tp_reached(0xfffffffeu, 2), "tp_reached wraps");

  /* A word already at (or past) the target returns at once, even with
   * budget 0 (must not sleep). */
  tp_rt.spin_iters = tp_rt.spin_throttled = 0;
  uint32_t w = 10;
  tp_wait_word(tp_self(), &w, 10, NULL);
  tp_wait_word(tp_self(), &w, 3, NULL);
  CHECK_EQ_U(tp_self()->sleeping, 0, "not left marked sleeping");

  /* Spinning ping-pong is slow when the two threads share a CPU with
   * others, so it runs fewer rounds. */
  unsigned n = UT_ITERS(20000, 2000);
  pingpong("sleep (budget 0)", 0, 0, n);
  pingpong("sleep, epochs wrap 2^32", 0, 0xffffffffu - n / 2, n);
  pingpong("tiny budget (10)", 10, 0, n);
  pingpong("throttled budget (1000)", 1000, 0, n);
  pingpong("default budget", dflt, 0, n / 10);
  pingpong("default, epochs wrap 2^32", dflt, 0xfffffff0u, n / 10);
  tp_rt.spin_iters = dflt;
  UT_PASS("wait", t0);
  return 0;
}
