/* test_pool.c — worker threads and their reuse (runtime/pool.c, team.c).
 *
 *  - many regions of different sizes from one initial thread: every member
 *    is a distinct thread, no thread is in two teams at once, and workers
 *    are reused: exactly (largest team - 1) workers are ever created, and
 *    each of them shows up in some region;
 *  - a hot team keeps its workers across regions of the same size;
 *  - several pthreads, each its own initial thread, run regions
 *    concurrently: teams never share a thread and the number of workers
 *    stays bounded by the peak demand;
 *  - `test_pool thread-exit`: pthreads that run regions and exit, wave
 *    after wave; the workers they used must be reused by later waves
 *    (bounded total), not kept forever;
 *  - `test_pool busy-count`: the busy-thread count behind
 *    tp_oversubscribed() (wait.c): a team of ncpus threads (the CPU
 *    budget: affinity CPUs, or fewer under a cgroup quota) is not
 *    oversubscribed, a team of ncpus + 1 threads is (the master counts);
 *  - `test_pool pause-tasks`: workers that ran tasks are ended by
 *    omp_pause_resource_all, again and again; every task ran once, and
 *    nothing they held is leaked (checked by the AddressSanitizer build's
 *    leak checker at exit). */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>

#include "check.h"
#include "rt.h"

#define MAXT 16
#define MAXUID 4096

static unsigned busy[MAXUID]; /* per thread uid: teams it is in now (atomic) */

struct region {
  unsigned n;
  pthread_t pt[MAXT];
  unsigned uid[MAXT];
  unsigned arrived[MAXT];
};

static void body(void *arg) {
  struct region *r = arg;
  struct tp_thread *self = tp_self();
  struct tp_team *team = self->team;
  unsigned tid = self->tid;
  CHECK_EQ_U(team->nthreads, r->n, "team size");
  CHECK(tid < r->n, "tid %u out of range", tid);
  CHECK(self->is_worker == (tid != 0), "tid %u: is_worker %d", tid, self->is_worker);
  CHECK(pthread_equal(self->pthread, pthread_self()),
        "tid %u: the thread's recorded pthread is not the running thread", tid);
  CHECK(self->uid && self->uid < MAXUID, "uid %u", self->uid);
  unsigned was = __atomic_fetch_add(&busy[self->uid], 1, __ATOMIC_RELAXED);
  CHECK(was == 0, "thread uid %u is a member of two teams at once", self->uid);
  r->pt[tid] = pthread_self();
  r->uid[tid] = self->uid;
  if (r->n > 1) {
    tp_barrier(self);
    /* Everybody's slot is visible after the barrier: all distinct. */
    for (unsigned j = 0; j < r->n; j++)
      if (j != tid)
        CHECK(!pthread_equal(r->pt[j], r->pt[tid]), "members %u and %u are the same pthread", j, tid);
    tp_barrier(self);
  }
  CHECK(self->team == team && self->tid == tid, "team/tid changed during the region");
  __atomic_fetch_sub(&busy[self->uid], 1, __ATOMIC_RELAXED);
}

static void run(struct region *r, unsigned n) {
  memset(r, 0, sizeof *r);
  r->n = n;
  tp_parallel(tp_self(), body, r, n, 0);
  CHECK(pthread_equal(r->pt[0], pthread_self()), "the master is member 0");
}

/* Distinct worker pthreads seen (single initial thread phase). */
static pthread_t seen[256];
static unsigned nseen;
static void note_workers(const struct region *r) {
  for (unsigned i = 1; i < r->n; i++) {
    unsigned k = 0;
    while (k < nseen && !pthread_equal(seen[k], r->pt[i]))
      k++;
    if (k == nseen) {
      CHECK(nseen < 256, "more than 256 distinct workers: workers are not reused");
      seen[nseen++] = r->pt[i];
    }
  }
}

static unsigned lcg(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return (*s >> 16) & 0x7fff;
}

static unsigned workers_total(void) {
  tp_mutex_lock(&tp_rt.pool_lock);
  unsigned n = tp_rt.workers_total;
  tp_mutex_unlock(&tp_rt.pool_lock);
  return n;
}

/* --- concurrent initial threads --- */
struct conc {
  pthread_barrier_t *start;
  unsigned seed, regions, maxn;
};

static void *conc_main(void *arg) {
  struct conc *c = arg;
  struct region r;
  struct tp_thread *self = tp_self();
  CHECK(!self->is_worker, "a user pthread is an initial thread");
  CHECK_EQ_U(self->team->level, 0, "initial thread's level");
  pthread_barrier_wait(c->start);
  for (unsigned i = 0; i < c->regions; i++)
    run(&r, 1 + lcg(&c->seed) % c->maxn);
  return NULL;
}

static void run_concurrent(unsigned nthr, unsigned regions, unsigned maxn) {
  pthread_t th[8];
  struct conc c[8];
  pthread_barrier_t start;
  pthread_barrier_init(&start, NULL, nthr);
  for (unsigned i = 0; i < nthr; i++) {
    c[i] = (struct conc){&start, 7 + i * 31, regions, maxn};
    CHECK(pthread_create(&th[i], NULL, conc_main, &c[i]) == 0, "pthread_create");
  }
  for (unsigned i = 0; i < nthr; i++)
    pthread_join(th[i], NULL);
  pthread_barrier_destroy(&start);
}

static int thread_exit_mode(double t0) {
  /* Waves of short-lived pthreads, each running regions of 3 threads. */
  unsigned waves = UT_ITERS(20, 10), per_wave = 2;
  for (unsigned w = 0; w < waves; w++) {
    run_concurrent(per_wave, 3, 3);
    /* Workers of exited threads must be reusable: the peak demand is
     * per_wave * 2 workers. */
    unsigned total = workers_total();
    CHECK(total <= per_wave * 2,
          "after %u waves of %u exited pthreads using teams of 3: %u workers "
          "created (peak demand %u); workers of exited initial threads are "
          "not reused", w + 1, per_wave, total, per_wave * 2);
  }
  UT_PASS("pool thread-exit", t0);
  return 0;
}

static bool over_in_region;
static void probe_oversubscribed(void *arg) {
  (void)arg;
  if (tp_self()->tid == 0)
    over_in_region = tp_oversubscribed();
  tp_barrier(tp_self());
}

static int busy_count_mode(double t0) {
  unsigned ncpus = tp_rt.cpu_budget; /* the affinity CPUs, or fewer under a cgroup quota */
  CHECK(!tp_oversubscribed(), "one initial thread outside any region is not oversubscribed");
  CHECK(ncpus + 1 < MAXT, "ncpus %u too large for this test", ncpus);
  if (ncpus > 1) {
    tp_parallel(tp_self(), probe_oversubscribed, NULL, ncpus, 0);
    CHECK(!over_in_region, "a team of ncpus (%u) threads is not oversubscribed", ncpus);
  }
  tp_parallel(tp_self(), probe_oversubscribed, NULL, ncpus + 1, 0);
  CHECK(over_in_region,
        "a team of ncpus + 1 = %u threads on %u CPUs is not seen as oversubscribed "
        "(threads_busy %u inside the region: the master/initial thread is not counted), "
        "so waiters spin the full budget while the thread they wait for is descheduled",
        ncpus + 1, ncpus, tp_rt.threads_busy);
  UT_PASS("pool busy-count", t0);
  return 0;
}

/* The gcc entry points, as gcc 12 calls them. */
void GOMP_task(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
               long arg_size, long arg_align, bool if_clause, unsigned flags,
               void **depend, int priority, void *detach);
void GOMP_taskwait(void);
int omp_pause_resource_all(int kind);

static unsigned task_runs;

static void count_task(void *arg) {
  (void)arg;
  __atomic_add_fetch(&task_runs, 1, __ATOMIC_RELAXED);
}

static void spawn_tasks(void *arg) {
  (void)arg;
  for (int i = 0; i < 40; i++) /* deferred tasks: descriptors from the cache */
    GOMP_task(count_task, NULL, NULL, 0, 1, true, 0, NULL, 0, NULL);
  GOMP_taskwait();
  tp_barrier(tp_self());
}

static int pause_tasks_mode(double t0) {
  unsigned rounds = UT_ITERS(50, 20);
  for (unsigned r = 0; r < rounds; r++) {
    tp_parallel(tp_self(), spawn_tasks, NULL, 3, 0);
    CHECK_EQ_U(omp_pause_resource_all(1 /* omp_pause_soft */), 0,
               "omp_pause_resource_all");
  }
  CHECK_EQ_U(task_runs, rounds * 3 * 40, "tasks run");
  UT_PASS("pool pause-tasks", t0);
  return 0;
}

int main(int argc, char **argv) {
  double t0 = ut_now();
  ut_watchdog(50);
  (void)tp_self();
  if (argc > 1 && !strcmp(argv[1], "thread-exit"))
    return thread_exit_mode(t0);
  if (argc > 1 && !strcmp(argv[1], "busy-count"))
    return busy_count_mode(t0);
  if (argc > 1 && !strcmp(argv[1], "pause-tasks"))
    return pause_tasks_mode(t0);

  /* 1. One initial thread, many regions of different sizes. */
  struct region r;
  unsigned seed = 12345, maxn = 0;
  unsigned nregions = UT_ITERS(200, 60);
  for (unsigned i = 0; i < nregions; i++) {
    unsigned n = 1 + lcg(&seed) % 8;
    if (i == 3 || i == nregions - 1)
      n = 8; /* the largest size, early */
    run(&r, n);
    note_workers(&r);
    if (n > maxn)
      maxn = n;
  }
  unsigned total = workers_total();
  CHECK_EQ_U(total, maxn - 1, "workers created for regions of up to maxn threads");
  CHECK_EQ_U(nseen, total, "every created worker was used");

  /* 2. A hot team keeps its workers: the same size twice in a row gives
   * the same threads in the same slots. */
  struct region a, b;
  run(&a, 4);
  run(&b, 4);
  for (unsigned i = 0; i < 4; i++)
    CHECK(pthread_equal(a.pt[i], b.pt[i]), "hot team slot %u changed thread", i);
  double t1 = ut_now();

  /* 3. Concurrent initial threads, while the main thread's hot team (3
   * workers) stays bound to it. */
  unsigned nthr = 3, cmax = 4;
  run_concurrent(nthr, UT_ITERS(200, 40), cmax);
  total = workers_total();
  CHECK(total >= maxn - 1 && total <= 3 + nthr * (cmax - 1),
        "%u workers after concurrent initial threads (bound %u)", total,
        3 + nthr * (cmax - 1));
  /* The main thread's hot team was not raided meanwhile. */
  run(&b, 4);
  for (unsigned i = 0; i < 4; i++)
    CHECK(pthread_equal(a.pt[i], b.pt[i]), "hot team slot %u changed thread after "
          "other initial threads ran regions", i);
  for (unsigned i = 0; i < MAXUID; i++)
    CHECK_EQ_U(busy[i], 0, "no thread left marked busy");

  printf("pool: %u workers (largest team %u); sizes %.2f s, concurrent %.2f s\n",
         total, maxn, t1 - t0, ut_now() - t1);
  UT_PASS("pool", t0);
  return 0;
}
