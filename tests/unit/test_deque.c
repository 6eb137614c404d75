/* test_deque.c — the private ring (runtime/ring.h) and the public deque
 * (runtime/deque.h) of the task scheduler.
 *  1. ring: LIFO pops, the floor test, oldest-first takes, growth with
 *     entries keeping their absolute indices.
 *  2. deque, one thread: bottom is newest, top is oldest, the score
 *     filter skips entries (taken from the middle), priorities win, growth.
 *  3. races: an owner pushing and taking at the bottom against thieves
 *     taking at the top, including the one-element and empty cases; every
 *     entry is taken exactly once and `count` always matches.
 * `unit_deque stress SECONDS` repeats the races for that long (ctest
 * stress.deque; not part of the default run). */
#define _GNU_SOURCE
#include <pthread.h>

#include "check.h"
#include "deque.h"
#include "ring.h"

static void test_ring(void) {
  struct tp_ring r;
  tp_ring_init(&r);
  CHECK(tp_ring_pop_above(&r, 0) == NULL, "empty ring pops nothing");
  for (uintptr_t i = 1; i <= 1000; i++) /* grows several times */
    tp_ring_push(&r, (void *)i);
  CHECK_EQ_U(tp_ring_size(&r), 1000, "size after pushes");
  CHECK((uintptr_t)tp_ring_take_oldest(&r) == 1, "oldest first");
  CHECK((uintptr_t)tp_ring_take_oldest(&r) == 2, "then the next oldest");
  uint64_t floor = r.tail;
  tp_ring_push(&r, (void *)2000);
  tp_ring_push(&r, (void *)2001);
  CHECK((uintptr_t)tp_ring_pop_above(&r, floor) == 2001, "newest first");
  CHECK((uintptr_t)tp_ring_pop_above(&r, floor) == 2000, "then the one below");
  CHECK(tp_ring_pop_above(&r, floor) == NULL, "nothing below the floor is popped");
  CHECK((uintptr_t)tp_ring_pop_above(&r, 0) == 1000, "a lower floor reaches older ones");
  /* Take from both ends until empty: every entry exactly once. */
  uintptr_t seen = 0, n = 0;
  void *x;
  while ((x = tp_ring_take_oldest(&r)) && (seen += (uintptr_t)x, ++n) &&
         (x = tp_ring_pop_above(&r, 0)))
    seen += (uintptr_t)x, n++;
  CHECK_EQ_U(n, 997, "entries left");
  CHECK_EQ_U(seen, 999 * 1000 / 2 - 1 - 2, "sum of the entries left");
  CHECK(tp_ring_take_oldest(&r) == NULL && tp_ring_pop_above(&r, 0) == NULL, "empty");
  tp_ring_fini(&r);
}

static int score_even_only(void *e, const void *arg) {
  (void)arg;
  return ((uintptr_t)e & 1) ? -1 : 0;
}
static int score_any(void *e, const void *arg) {
  (void)e, (void)arg;
  return 0;
}
/* Entries encode a priority in their hundreds. */
static int score_prio(void *e, const void *arg) {
  (void)arg;
  return (int)((uintptr_t)e / 100);
}

static void test_deque_single(void) {
  struct tp_deque d;
  tp_deque_init(&d);
  CHECK(tp_deque_take_bottom(&d, score_any, NULL, 8) == NULL, "empty: bottom");
  CHECK(tp_deque_take_top(&d, score_any, NULL, 8) == NULL, "empty: top");
  void *v[300];
  for (uintptr_t i = 0; i < 300; i++)
    v[i] = (void *)(i + 1);
  tp_deque_push(&d, v, 300); /* grows */
  CHECK_EQ_U(tp_deque_count(&d), 300, "count");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 300, "bottom = newest");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_any, NULL, 8) == 1, "top = oldest");
  /* Oldest is 2 (even): fine; take it, then 3 is odd and skipped. */
  CHECK((uintptr_t)tp_deque_take_top(&d, score_even_only, NULL, 8) == 2, "filter accepts");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_even_only, NULL, 8) == 4,
        "filter skips the oldest (3) and takes from the middle");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_any, NULL, 8) == 3, "3 is still there");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_even_only, NULL, 8) == 298,
        "bottom: newest even");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 299, "299 stayed");
  CHECK_EQ_U(tp_deque_count(&d), 293, "count after takes");
  /* Drain: 5..297 exactly once. */
  uintptr_t sum = 0;
  void *x;
  while ((x = tp_deque_take_top(&d, score_any, NULL, 8)))
    sum += (uintptr_t)x;
  CHECK_EQ_U(sum, (5 + 297) * 293 / 2, "the rest, once each");
  CHECK_EQ_U(tp_deque_count(&d), 0, "empty at the end");
  /* Priority: the best among those scanned, ties to the end taken from. */
  void *p[] = {(void *)101, (void *)305, (void *)102, (void *)306, (void *)7};
  tp_deque_push(&d, p, 5);
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_prio, NULL, 16) == 306, "highest, newest");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_prio, NULL, 16) == 305, "highest left");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_prio, NULL, 16) == 101, "tie: oldest from top");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_prio, NULL, 1) == 7,
        "scan 1 looks only at the end");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_any, NULL, 8) == 102, "last one");
  /* Batches from the top: half, in a row of acceptable entries. */
  void *q[] = {(void *)1, (void *)2, (void *)4, (void *)6, (void *)7, (void *)8,
               (void *)10, (void *)12, (void *)14, (void *)16};
  tp_deque_push(&d, q, 10);
  void *out[8];
  unsigned k = tp_deque_take_top_n(&d, score_even_only, NULL, 8, out, 8);
  CHECK_EQ_U(k, 3, "from the first even (2) up to the odd 7");
  CHECK((uintptr_t)out[0] == 2 && (uintptr_t)out[1] == 4 && (uintptr_t)out[2] == 6,
        "oldest first");
  CHECK_EQ_U(tp_deque_count(&d), 7, "count after a batch");
  CHECK((uintptr_t)tp_deque_take_top(&d, score_any, NULL, 8) == 1, "1 stayed on top");
  k = tp_deque_take_top_n(&d, score_any, NULL, 8, out, 8);
  CHECK_EQ_U(k, 3, "half of 6, rounded up");
  CHECK((uintptr_t)out[0] == 7 && (uintptr_t)out[2] == 10, "in order");
  k = tp_deque_take_top_n(&d, score_any, NULL, 8, out, 1);
  CHECK(k == 1 && (uintptr_t)out[0] == 12, "max 1");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 16, "bottom intact");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 14, "and empty after");
  CHECK_EQ_U(tp_deque_count(&d), 0, "empty");
  /* push_top goes behind everything for the owner, first for thieves. */
  void *r3[] = {(void *)31, (void *)32};
  tp_deque_push(&d, r3, 2);
  tp_deque_push_top(&d, (void *)30);
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 32, "bottom first");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 31, "then 31");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 30, "the yielded one last");
  for (uintptr_t i = 1; i <= 100; i++) /* grows from the top end */
    tp_deque_push_top(&d, (void *)i);
  CHECK((uintptr_t)tp_deque_take_top(&d, score_any, NULL, 8) == 100, "top = last pushed on top");
  CHECK((uintptr_t)tp_deque_take_bottom(&d, score_any, NULL, 8) == 1, "bottom = first");
  while (tp_deque_take_top(&d, score_any, NULL, 8))
    ;
  CHECK_EQ_U(tp_deque_count(&d), 0, "empty again");
  tp_deque_fini(&d);
}

/* --- races ------------------------------------------------------------------ */

#define NTHIEVES 3
static struct tp_deque race_d;
static uint8_t *taken;         /* [n]: times entry i was taken (atomic) */
static unsigned owner_done;    /* atomic */
static unsigned long race_n;

static void take_one(void *x) {
  uintptr_t i = (uintptr_t)x - 1;
  CHECK(i < race_n, "entry %lu out of range", (unsigned long)i);
  uint8_t was = __atomic_fetch_add(&taken[i], 1, __ATOMIC_RELAXED);
  CHECK(was == 0, "entry %lu taken twice", (unsigned long)i);
}

static void *thief(void *arg) {
  uintptr_t id = (uintptr_t)arg;
  for (;;) {
    void *x = NULL;
    if (id & 1) { /* odd thieves take batches */
      void *b[4];
      unsigned k = tp_deque_take_top_n(&race_d, score_any, NULL, 8, b, 4);
      for (unsigned i = 0; i < k; i++)
        take_one(b[i]);
      if (k)
        continue;
    } else {
      x = tp_deque_take_top(&race_d, score_any, NULL, 8);
    }
    if (x) {
      take_one(x);
      continue;
    }
    if (tp_load_acq(&owner_done) && !tp_deque_count(&race_d))
      return NULL;
    tp_pause();
  }
}

static void test_deque_races(void) {
  race_n = UT_ITERS(400000, 40000);
  taken = calloc(race_n, 1);
  tp_deque_init(&race_d);
  pthread_t th[NTHIEVES];
  for (int i = 0; i < NTHIEVES; i++)
    pthread_create(&th[i], NULL, thief, (void *)(uintptr_t)i);
  unsigned seed = 7;
  for (uintptr_t next = 0; next < race_n;) {
    /* Bursts of 1..8 entries (1 gives the one-element race), then take a
     * few back at the bottom while thieves take at the top. */
    seed = seed * 1103515245u + 12345u;
    unsigned burst = 1 + (seed >> 16) % 8;
    void *b[8];
    unsigned m = 0;
    while (m < burst && next < race_n)
      b[m++] = (void *)(++next);
    tp_deque_push(&race_d, b, m);
    unsigned back = (seed >> 20) % 3;
    for (unsigned k = 0; k < back; k++) {
      void *x = tp_deque_take_bottom(&race_d, score_any, NULL, 8);
      if (!x)
        break; /* thieves emptied it */
      take_one(x);
    }
  }
  tp_store_rel(&owner_done, 1);
  void *x;
  while ((x = tp_deque_take_bottom(&race_d, score_any, NULL, 8)))
    take_one(x);
  for (int i = 0; i < NTHIEVES; i++)
    pthread_join(th[i], NULL);
  for (unsigned long i = 0; i < race_n; i++)
    CHECK(taken[i] == 1, "entry %lu taken %u times", i, taken[i]);
  CHECK_EQ_U(tp_deque_count(&race_d), 0, "count at the end");
  tp_deque_fini(&race_d);
  free(taken);
}

int main(int argc, char **argv) {
  double t0 = ut_now();
  if (argc > 2 && !strcmp(argv[1], "stress")) {
    double secs = atof(argv[2]);
    ut_watchdog((unsigned)secs + 60);
    unsigned rounds = 0;
    while (ut_now() - t0 < secs) {
      test_deque_races();
      rounds++;
    }
    printf("deque stress: %u rounds of races in %.0f s\n", rounds, ut_now() - t0);
    return 0;
  }
  ut_watchdog(60);
  test_ring();
  test_deque_single();
  test_deque_races();
  UT_PASS("deque", t0);
  return 0;
}
