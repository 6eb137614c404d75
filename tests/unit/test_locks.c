/* test_locks.c — the omp lock entry points (abi/omp/lock.c) with gcc's
 * omp.h types: mutual exclusion under contention (teams and independent
 * pthreads, forced to sleep on the futex by yielding inside the critical
 * section), omp_test_lock, nest lock counts and ownership. */
#define _GNU_SOURCE
#include <omp.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "check.h"
#include "rt.h"

static omp_lock_t lock;
static omp_nest_lock_t nlock;
static unsigned holder;        /* 1 + tid of the thread inside (atomic) */
static unsigned long counter;  /* plain, protected by the lock under test */
static unsigned iters;

static void enter(unsigned who) {
  unsigned prev = __atomic_exchange_n(&holder, who, __ATOMIC_RELAXED);
  CHECK(prev == 0, "thread %u got the lock while thread %u holds it", who - 1, prev - 1);
}
static void leave(unsigned who) {
  unsigned prev = __atomic_exchange_n(&holder, 0, __ATOMIC_RELAXED);
  CHECK(prev == who, "lock holder changed under thread %u (now %u)", who - 1, prev - 1);
}

static void critical_work(unsigned who, unsigned i) {
  enter(who);
  unsigned long c = counter;
  if ((i & 15) == 0)
    sched_yield(); /* let others pile up and sleep on the lock */
  counter = c + 1;
  leave(who);
}

/* omp_set_lock / omp_unset_lock */
static void set_body(void *arg) {
  (void)arg;
  unsigned who = tp_self()->tid + 1;
  for (unsigned i = 0; i < iters; i++) {
    omp_set_lock(&lock);
    critical_work(who, i);
    omp_unset_lock(&lock);
  }
}

/* omp_test_lock: spin until acquired; count failures */
static unsigned long test_failures;
static void test_body(void *arg) {
  (void)arg;
  unsigned who = tp_self()->tid + 1;
  unsigned long fails = 0;
  for (unsigned i = 0; i < iters; i++) {
    while (!omp_test_lock(&lock)) {
      fails++;
      sched_yield();
    }
    critical_work(who, i);
    omp_unset_lock(&lock);
  }
  __atomic_fetch_add(&test_failures, fails, __ATOMIC_RELAXED);
}

/* Nest locks under contention: depth 3 per acquisition. */
static void nest_body(void *arg) {
  (void)arg;
  unsigned who = tp_self()->tid + 1;
  for (unsigned i = 0; i < iters; i++) {
    omp_set_nest_lock(&nlock);
    enter(who);
    omp_set_nest_lock(&nlock);
    int d = omp_test_nest_lock(&nlock);
    CHECK(d == 3, "omp_test_nest_lock by the owner returns the new depth 3, got %d", d);
    unsigned long c = counter;
    if ((i & 15) == 0)
      sched_yield();
    counter = c + 1;
    omp_unset_nest_lock(&nlock);
    omp_unset_nest_lock(&nlock);
    leave(who);
    omp_unset_nest_lock(&nlock);
  }
}

static void run(void (*fn)(void *), unsigned n, const char *what) {
  counter = 0;
  tp_parallel(tp_self(), fn, NULL, n, 0);
  CHECK_EQ_U(counter, (unsigned long)n * iters, what);
  CHECK_EQ_U(holder, 0, what);
}

/* Ownership handshake between two members of a team. */
static unsigned step;
static void step_to(unsigned s) { __atomic_store_n(&step, s, __ATOMIC_RELEASE); }
static void wait_step(unsigned s) {
  while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) < s)
    sched_yield();
}
static void ownership_body(void *arg) {
  (void)arg;
  unsigned tid = tp_self()->tid;
  if (tid == 0) {
    omp_set_nest_lock(&nlock);
    omp_set_nest_lock(&nlock);
    CHECK(omp_test_nest_lock(&nlock) == 3, "depth 3");
    omp_set_lock(&lock);
    step_to(1);
    wait_step(2);
    /* The other thread failed to take both; release step by step. */
    omp_unset_nest_lock(&nlock);
    omp_unset_nest_lock(&nlock);
    step_to(3);
    wait_step(4);
    omp_unset_nest_lock(&nlock); /* now free */
    omp_unset_lock(&lock);
    step_to(5);
    wait_step(6);
    /* The other thread holds the nest lock at depth 1 now. */
    CHECK(omp_test_nest_lock(&nlock) == 0, "test of a nest lock held by another thread");
    step_to(7);
  } else {
    wait_step(1);
    CHECK(omp_test_nest_lock(&nlock) == 0, "nest lock held by thread 0 at depth 3");
    CHECK(omp_test_lock(&lock) == 0, "simple lock held by thread 0");
    step_to(2);
    wait_step(3);
    CHECK(omp_test_nest_lock(&nlock) == 0, "nest lock still held by thread 0 at depth 1");
    step_to(4);
    wait_step(5);
    CHECK(omp_test_nest_lock(&nlock) == 1, "free nest lock: test returns depth 1");
    CHECK(omp_test_lock(&lock) == 1, "free simple lock: test succeeds");
    step_to(6);
    wait_step(7);
    omp_unset_lock(&lock);
    omp_unset_nest_lock(&nlock);
  }
}

/* Independent pthreads (each an initial thread with its own identity)
 * contending on one nest lock. */
static void *pthread_nest(void *arg) {
  unsigned who = (unsigned)(uintptr_t)arg;
  for (unsigned i = 0; i < iters; i++) {
    omp_set_nest_lock(&nlock);
    omp_set_nest_lock(&nlock);
    critical_work(who, i);
    omp_unset_nest_lock(&nlock);
    omp_unset_nest_lock(&nlock);
  }
  return NULL;
}

int main(void) {
  double t0 = ut_now();
  ut_watchdog(50);
  (void)tp_self();
  iters = UT_ITERS(20000, 2000);
  omp_init_lock(&lock);
  omp_init_nest_lock(&nlock);

  /* Single thread basics. */
  CHECK(omp_test_lock(&lock) == 1, "test of a free lock succeeds");
  CHECK(omp_test_lock(&lock) == 0, "test of a held lock fails (not recursive)");
  omp_unset_lock(&lock);
  omp_set_lock(&lock);
  CHECK(omp_test_lock(&lock) == 0, "set lock is held");
  omp_unset_lock(&lock);
  for (int d = 1; d <= 5; d++)
    CHECK(omp_test_nest_lock(&nlock) == d, "nest depth %d", d);
  for (int d = 0; d < 5; d++)
    omp_unset_nest_lock(&nlock);
  omp_set_nest_lock(&nlock);
  CHECK(omp_test_nest_lock(&nlock) == 2, "set then test: depth 2");
  omp_unset_nest_lock(&nlock);
  omp_unset_nest_lock(&nlock);

  tp_parallel(tp_self(), ownership_body, NULL, 2, 0);

  static const unsigned sizes[] = {2, 3, 4};
  for (unsigned i = 0; i < 3; i++) {
    run(set_body, sizes[i], "omp_set_lock: increments under contention");
    run(test_body, sizes[i], "omp_test_lock: increments under contention");
    run(nest_body, sizes[i], "omp_set_nest_lock: increments under contention");
  }
  CHECK(test_failures > 0, "omp_test_lock never failed under contention");

  counter = 0;
  pthread_t th[3];
  for (unsigned i = 0; i < 3; i++)
    CHECK(pthread_create(&th[i], NULL, pthread_nest, (void *)(uintptr_t)(i + 1)) == 0,
          "pthread_create");
  for (unsigned i = 0; i < 3; i++)
    pthread_join(th[i], NULL);
  CHECK_EQ_U(counter, 3ul * iters, "nest lock across independent pthreads");

  /* Both locks end free. */
  CHECK(omp_test_lock(&lock) == 1, "lock free at the end");
  omp_unset_lock(&lock);
  CHECK(omp_test_nest_lock(&nlock) == 1, "nest lock free at the end");
  omp_unset_nest_lock(&nlock);
  omp_destroy_lock(&lock);
  omp_destroy_nest_lock(&nlock);
  UT_PASS("locks", t0);
  return 0;
}
