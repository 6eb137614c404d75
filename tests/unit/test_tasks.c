/* test_tasks.c — the work-stealing task core (runtime/task*.c) through the
 * gcc entry points, plus its heartbeat rule checked directly.
 *  1. heartbeat: with nobody hungry, spawns stay private (no promotion, no
 *     pending count); setting `hungry` makes the next spawn publish the
 *     oldest half; a thief that finds nothing asks a victim to promote
 *     only once a heartbeat has passed since the victim's last promotion.
 *  2. fib with a task per call at 1..4 threads, every task counted; the
 *     second thread does run some (stealing works).
 *  3. children left behind without taskwait, nested parallel regions with
 *     tasks, tasks of a taskgroup: all complete where OpenMP says. */
#define _GNU_SOURCE
#include <pthread.h>

#include "check.h"
#include "tasksched.h"

void GOMP_task(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
               long arg_size, long arg_align, bool if_clause, unsigned flags,
               void **depend, int priority, void *detach);
void GOMP_taskwait(void);
void GOMP_taskgroup_start(void);
void GOMP_taskgroup_end(void);
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads,
                   unsigned flags);

static unsigned runs;   /* atomic */
static void count(void *arg) {
  (void)arg;
  __atomic_add_fetch(&runs, 1, __ATOMIC_RELAXED);
}

/* Thread 1 waits in program code (not a runtime wait, so it neither
 * steals nor asks for promotion) until thread 0 has checked. */
static unsigned park, parked_in;
static void parked(void) {
  tp_store_rel(&parked_in, 1);
  while (!tp_load_acq(&park))
    tp_pause();
}
/* Thread 0 starts checking once thread 1 is parked (it no longer reads
 * the team, which the heartbeat check below rewires for a moment). */
static void wait_parked(void) {
  while (!tp_load_acq(&parked_in))
    tp_pause();
}

static void heartbeat_body(void *arg) {
  (void)arg;
  struct tp_thread *self = tp_self();
  if (self->tid != 0)
    return parked();
  wait_parked();
  struct tp_wq *q = self->wq;
  tp_store(&q->hungry, 0);
  for (int i = 0; i < 10; i++)
    GOMP_task(count, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  CHECK_EQ_U(tp_sched_private(self), 10, "spawns stay on the private ring");
  CHECK_EQ_U(tp_deque_count(&q->pub), 0, "nothing published without hunger");
  CHECK_EQ_U(self->team->tasks->pending, 0, "no pending count for private tasks");
  CHECK_EQ_U(self->task->kids_local, 10, "children counted locally");
  tp_store(&q->hungry, 1);
  GOMP_task(count, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  CHECK_EQ_U(tp_load(&q->hungry), 0, "promotion clears hunger");
  CHECK_EQ_U(tp_deque_count(&q->pub), 6, "the oldest half of 11 was published");
  CHECK_EQ_U(tp_sched_private(self), 5, "the newest stay private");
  CHECK_EQ_U(self->team->tasks->pending, 6, "published tasks are pending units");
  CHECK_EQ_U(self->task->kids_local, 5, "local children");
  CHECK_EQ_U(self->task->kids_remote, 6, "published children");
  GOMP_taskwait();
  CHECK_EQ_U(runs, 11, "all ran by the taskwait");
  CHECK_EQ_U(self->task->kids_local + self->task->kids_remote, 0, "no children left");

  /* The thief's side of the rule: ask at most once a heartbeat. */
  struct tp_wq victim_q;
  tp_wq_init(&victim_q, NULL);
  struct tp_thread victim;
  memset(&victim, 0, sizeof victim);
  victim.wq = &victim_q;
  struct tp_team *team = self->team;
  struct tp_thread *saved = team->member[0].thr;
  unsigned saved_n = team->nthreads;
  /* A fake two-member team view, self and the victim (the real member 1
   * is parked); steal only reads member[].thr and nthreads. */
  struct tp_member fake[2]; /* self and the victim */
  memset(fake, 0, sizeof fake);
  fake[0].thr = self;
  fake[1].thr = &victim;
  struct tp_member *saved_m = team->member;
  team->member = fake;
  team->nthreads = 2;
  tp_store(&victim_q.promoted_ns, tp_now_ns());
  CHECK(tp_sched_steal(self, team, NULL) == NULL, "nothing to steal");
  CHECK_EQ_U(tp_load(&victim_q.hungry), 0, "not asked: it promoted less than a heartbeat ago");
  tp_store(&victim_q.promoted_ns, tp_now_ns() - 2 * tp_rt.heartbeat_ns);
  CHECK(tp_sched_steal(self, team, NULL) == NULL, "nothing to steal");
  CHECK_EQ_U(tp_load(&victim_q.hungry), 1, "asked: a heartbeat has passed");
  team->member = saved_m;
  team->nthreads = saved_n;
  team->member[0].thr = saved;
  tp_wq_fini(&victim_q);
  tp_store_rel(&park, 1);
}

/* TEMPO_HEARTBEAT_US=0: every task is published at once. */
static void publish_all_body(void *arg) {
  (void)arg;
  struct tp_thread *self = tp_self();
  if (self->tid != 0)
    return parked();
  wait_parked();
  for (int i = 0; i < 10; i++)
    GOMP_task(count, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  CHECK_EQ_U(tp_sched_private(self), 0, "nothing private");
  CHECK_EQ_U(tp_deque_count(&self->wq->pub), 10, "every task published");
  CHECK_EQ_U(self->task->kids_remote, 10, "published children");
  GOMP_taskwait();
  CHECK_EQ_U(runs, 10, "all ran by the taskwait");
  tp_store_rel(&park, 1);
}

/* --- fib ------------------------------------------------------------------ */

struct fib_arg {
  int n;
  long *out;
};
static unsigned on_other_thread; /* tasks run by a thread other than 0 (atomic) */

static void fib_task(void *p);
static long fib(int n) {
  if (tp_self()->tid != 0)
    __atomic_add_fetch(&on_other_thread, 1, __ATOMIC_RELAXED);
  if (n < 2)
    return n;
  long a, b;
  struct fib_arg x = {n - 1, &a}, y = {n - 2, &b};
  GOMP_task(fib_task, &x, NULL, sizeof x, _Alignof(struct fib_arg), true, 0, NULL, 0, NULL);
  GOMP_task(fib_task, &y, NULL, sizeof y, _Alignof(struct fib_arg), true, 0, NULL, 0, NULL);
  GOMP_taskwait();
  return a + b;
}
static void fib_task(void *p) {
  struct fib_arg *a = p;
  *a->out = fib(a->n);
}

struct fib_region {
  int n;
  long result;
};
static void fib_body(void *arg) {
  struct fib_region *r = arg;
  if (tp_self()->tid == 0)
    r->result = fib(r->n);
}

/* Untied fib on fibers (published untied tasks suspend at taskwait). */
static void fibu_task(void *p);
static long fibu(int n) {
  if (n < 2)
    return n;
  long a, b;
  struct fib_arg x = {n - 1, &a}, y = {n - 2, &b};
  GOMP_task(fibu_task, &x, NULL, sizeof x, _Alignof(struct fib_arg), true, 1 /* untied */,
            NULL, 0, NULL);
  GOMP_task(fibu_task, &y, NULL, sizeof y, _Alignof(struct fib_arg), true, 1, NULL, 0, NULL);
  GOMP_taskwait();
  return a + b;
}
static void fibu_task(void *p) {
  struct fib_arg *a = p;
  *a->out = fibu(a->n);
}
static void fibu_body(void *arg) {
  struct fib_region *r = arg;
  if (tp_self()->tid == 0)
    r->result = fibu(r->n);
}

/* Stealing must happen: thread 0 spawns marker tasks and then a blocker
 * that yields (a scheduling point, where hunger is answered) until a
 * marker has run on the other thread.  The blocker is the newest, so
 * thread 0 runs it first; only a thief can run the markers meanwhile. */
static unsigned marker_elsewhere; /* atomic */
static void marker(void *arg) {
  (void)arg;
  if (tp_self()->tid != 0)
    tp_store_rel(&marker_elsewhere, 1);
}
void GOMP_taskyield(void);
static void blocker(void *arg) {
  (void)arg;
  double t0 = ut_now();
  while (!tp_load_acq(&marker_elsewhere)) {
    GOMP_taskyield();
    CHECK(ut_now() - t0 < 20, "thread 1 never took a task of thread 0 (no promotion?)");
  }
}
static void steal_body(void *arg) {
  (void)arg;
  if (tp_self()->tid != 0)
    return;
  for (int i = 0; i < 8; i++)
    GOMP_task(marker, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  GOMP_task(blocker, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  GOMP_taskwait();
}

/* --- leftovers and nesting ------------------------------------------------ */

static void leave_children(void *arg) {
  (void)arg;
  for (int i = 0; i < 5; i++) /* no taskwait: they outlive this task */
    GOMP_task(count, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
}
static unsigned inner_members; /* atomic */
static void inner_region(void *arg) {
  (void)arg;
  __atomic_add_fetch(&inner_members, 1, __ATOMIC_RELAXED);
  for (int i = 0; i < 20; i++)
    GOMP_task(leave_children, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
}
static void outer_region(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++)
    GOMP_task(leave_children, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  GOMP_parallel(inner_region, NULL, 2, 0); /* its tasks end at its join */
  GOMP_taskgroup_start();
  for (int i = 0; i < 10; i++)
    GOMP_task(leave_children, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  GOMP_taskgroup_end(); /* waits for grandchildren too */
}

int main(void) {
  double t0 = ut_now();
  ut_watchdog(100);
  (void)tp_self();
  GOMP_parallel(tp_rt.heartbeat_ns ? heartbeat_body : publish_all_body, NULL, 2, 0);

  int n = UT_ITERS(22, 16);
  long want[40] = {0, 1};
  for (int i = 2; i < 40; i++)
    want[i] = want[i - 1] + want[i - 2];
  unsigned stolen_rounds = 0;
  for (unsigned th = 1; th <= 4; th++)
    for (int rep = 0; rep < 3; rep++) {
      struct fib_region r = {n, 0};
      on_other_thread = 0;
      GOMP_parallel(fib_body, &r, th, 0);
      CHECK(r.result == want[n], "fib(%d) at %u threads: %ld", n, th, r.result);
      if (th == 1)
        CHECK_EQ_U(on_other_thread, 0, "one thread");
      else if (on_other_thread)
        stolen_rounds++;
    }
  (void)stolen_rounds; /* how often depends on timing; the test below does not */
  bool saved_fibers = tp_rt.fibers;
  tp_rt.fibers = true;
  for (unsigned th = 2; th <= 4; th++) {
    struct fib_region r = {n, 0};
    GOMP_parallel(fibu_body, &r, th, 0);
    CHECK(r.result == want[n], "untied fib(%d) on fibers at %u threads: %ld", n, th, r.result);
  }
  tp_rt.fibers = saved_fibers;
  GOMP_parallel(steal_body, NULL, 2, 0);

  for (unsigned th = 1; th <= 3; th++) {
    runs = inner_members = 0;
    GOMP_parallel(outer_region, NULL, th, 0);
    /* Each member: 10 + 10 leave_children (5 each); each member of its
     * inner team (2 threads if nesting is active, else 1): 20. */
    CHECK_EQ_U(runs, th * 20 * 5 + inner_members * 20 * 5,
               "tasks left behind all ran by region end");
  }
  UT_PASS("tasks", t0);
  return 0;
}
