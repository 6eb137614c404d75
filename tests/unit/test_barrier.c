/* test_barrier.c — tp_barrier() in teams formed by the runtime's own
 * parallel machinery (tp_parallel).
 *
 * Each member keeps a phase counter `arrived[tid]` = number of barriers it
 * has arrived at, and writes a plain (non-atomic) value into a
 * double-buffered slot before each barrier.  After passing barrier k every
 * member checks that all members have arrived at k (arrived[j] is k or
 * k + 1: nobody can be two barriers ahead), and reads every member's plain
 * slot for phase k, which is only race-free (for TSan) if the barrier
 * orders the accesses.
 *
 * Runs: teams of 2, 3, 4, 5, 8; back-to-back regions of varying sizes (hot
 * team reuse and reforming); nested regions; all of it with the default
 * spin budget, or with `test_barrier sleep`, a budget of 0 so every wait
 * sleeps on the futex (lost wake-ups would hang: ctest's timeout). */
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>

#include "check.h"
#include "rt.h"
#include "task.h"

#define MAXT 16

struct bar_ctx {
  unsigned n;             /* expected team size */
  unsigned rounds;
  unsigned level;         /* expected team->level */
  unsigned ran[MAXT];     /* members that ran the body (atomic) */
  unsigned arrived[MAXT]; /* barriers each member has arrived at (atomic) */
  unsigned data[2][MAXT]; /* plain, double-buffered by phase parity */
  struct tp_team *team;   /* set by the master, read after barrier 1 */
};

static void ctx_init(struct bar_ctx *c, unsigned n, unsigned rounds, unsigned level) {
  memset(c, 0, sizeof *c);
  c->n = n;
  c->rounds = rounds;
  c->level = level;
}

static void barrier_body(void *arg) {
  struct bar_ctx *c = arg;
  struct tp_thread *self = tp_self();
  struct tp_team *team = self->team;
  unsigned tid = self->tid, n = c->n;
  CHECK_EQ_U(team->nthreads, n, "team size");
  CHECK(tid < n, "tid %u out of range for a team of %u", tid, n);
  CHECK_EQ_U(team->level, c->level, "team level");
  CHECK(team->member[tid].thr == self, "member slot %u is not this thread", tid);
  CHECK_EQ_U(__atomic_fetch_add(&c->ran[tid], 1, __ATOMIC_RELAXED), 0,
             "each tid runs the region body once");
  if (tid == 0)
    c->team = team; /* plain; published by barrier 1 */
  for (unsigned k = 1; k <= c->rounds; k++) {
    c->data[k & 1][tid] = k * 64 + tid;
    __atomic_store_n(&c->arrived[tid], k, __ATOMIC_RELAXED);
    /* Vary the arrival order: a different member is late each round. */
    if ((k + tid) % n == 0 && (k & 7) == 0)
      sched_yield();
    tp_barrier(self);
    CHECK(self->team == team && self->tid == tid, "thread's team/tid changed during the region");
    for (unsigned j = 0; j < n; j++) {
      unsigned a = __atomic_load_n(&c->arrived[j], __ATOMIC_RELAXED);
      if (a != k && a != k + 1)
        ut_fail(__FILE__, __LINE__,
                "team of %u: member %u passed barrier %u while member %u had "
                "arrived at %u", n, tid, k, j, a);
      unsigned d = c->data[k & 1][j];
      if (d != k * 64 + j)
        ut_fail(__FILE__, __LINE__,
                "team of %u: after barrier %u member %u reads %u from member %u, "
                "expected %u", n, k, tid, d, j, k * 64 + j);
    }
    if (k == 1)
      CHECK(c->team == team, "master's write before barrier 1 not visible");
  }
}

/* A region asking for `requested` threads that must get `n`. */
static void run_team_expect(unsigned requested, unsigned n, unsigned rounds) {
  struct tp_thread *self = tp_self();
  struct tp_team *outer = self->team;
  unsigned outer_tid = self->tid;
  struct bar_ctx c;
  ctx_init(&c, n, rounds, outer->level + 1);
  tp_parallel(tp_self(), barrier_body, &c, requested, 0);
  for (unsigned i = 0; i < n; i++)
    CHECK_EQ_U(c.ran[i], 1, "member ran the body once");
  for (unsigned i = 0; i < n; i++)
    CHECK_EQ_U(c.arrived[i], rounds, "member arrived at every barrier");
  CHECK(self->team == outer && self->tid == outer_tid,
        "master's team/tid not restored after the region");
}

static void run_team(unsigned n, unsigned rounds) { run_team_expect(n, n, rounds); }

/* Nested: an outer team whose members each run inner regions with
 * barriers, interleaved with barriers of the outer team. */
struct nest_ctx {
  unsigned outer_n, inner_n, reps, rounds;
  bool serialized;        /* inner regions get one thread */
  unsigned arrived[MAXT]; /* outer barrier phase counters (atomic) */
};

static void nested_outer(void *arg) {
  struct nest_ctx *c = arg;
  struct tp_thread *self = tp_self();
  struct tp_team *team = self->team;
  unsigned tid = self->tid;
  CHECK_EQ_U(team->nthreads, c->outer_n, "outer team size");
  for (unsigned r = 1; r <= c->reps; r++) {
    /* Inner team size varies by member and repetition: hot team reuse and
     * reforming at level 2. */
    unsigned m = c->inner_n + ((r + tid) % 3 == 0);
    run_team_expect(m, c->serialized ? 1 : m, c->rounds);
    CHECK(self->team == team && self->tid == tid, "outer team/tid not restored");
    CHECK_EQ_U(team->active_level, 1, "outer active level");
    __atomic_store_n(&c->arrived[tid], r, __ATOMIC_RELAXED);
    tp_barrier(self);
    for (unsigned j = 0; j < c->outer_n; j++) {
      unsigned a = __atomic_load_n(&c->arrived[j], __ATOMIC_RELAXED);
      CHECK(a == r || a == r + 1, "outer barrier %u passed with member %u at %u", r, j, a);
    }
  }
}

static void check_inner_active(void *arg) {
  (void)arg;
  struct tp_thread *self = tp_self();
  CHECK_EQ_U(self->team->active_level, 2, "inner region is active (max_active_levels)");
  CHECK(self->team->parent->nthreads > 1, "inner team's parent is the outer team");
}
static void nested_probe(void *arg) {
  (void)arg;
  tp_parallel(tp_self(), check_inner_active, NULL, 2, 0);
}

int main(int argc, char **argv) {
  double t0 = ut_now();
  ut_watchdog(50);
  bool sleep_mode = argc > 1 && !strcmp(argv[1], "sleep");
  struct tp_thread *self = tp_self();
  if (sleep_mode) {
    /* Before any worker exists: every wait goes straight to the futex. */
    tp_rt.spin_iters = tp_rt.spin_throttled = 0;
  }
  /* Spinning waiters are slow when the machine is loaded (a waiter can spin
   * away the time slice of the thread it waits for), so the spin mode runs
   * fewer rounds than the sleep mode. */
  unsigned rounds = sleep_mode ? UT_ITERS(1000, 100) : UT_ITERS(100, 50);

  static const unsigned sizes[] = {2, 3, 4, 5, 8};
  for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    run_team(sizes[i], rounds);
  double t1 = ut_now();

  /* Back-to-back regions: same size repeatedly (hot team reuse), then
   * changing sizes (team reformed, workers back to the pool and out). */
  static const unsigned seq[] = {2, 2, 2, 3, 8, 1, 5, 5, 4, 2, 7, 3, 3, 6, 1, 1, 8, 2};
  unsigned reps = UT_ITERS(sleep_mode ? 40 : 6, 5);
  for (unsigned r = 0; r < reps; r++)
    for (unsigned i = 0; i < sizeof seq / sizeof seq[0]; i++)
      run_team(seq[i], 5);
  /* Many tiny regions of one size: the fork/join path itself. */
  for (unsigned r = 0; r < (sleep_mode ? UT_ITERS(1000, 200) : UT_ITERS(300, 100)); r++)
    run_team(4, 1);
  double t2 = ut_now();

  /* Nested regions: allow two active levels in the initial task's ICVs. */
  self->task->icv.max_active_levels = 3;
  tp_parallel(tp_self(), nested_probe, NULL, 2, 0);
  struct nest_ctx nc = {.outer_n = 2, .inner_n = 2, .reps = UT_ITERS(40, 6),
                        .rounds = UT_ITERS(50, 10)};
  tp_parallel(tp_self(), nested_outer, &nc, nc.outer_n, 0);
  struct nest_ctx nc3 = {.outer_n = 3, .inner_n = 3, .reps = UT_ITERS(20, 4),
                         .rounds = UT_ITERS(30, 6)};
  tp_parallel(tp_self(), nested_outer, &nc3, nc3.outer_n, 0);
  /* With one active level, inner regions are serialized (teams of one). */
  self->task->icv.max_active_levels = 1;
  struct nest_ctx ns = {.outer_n = 2, .inner_n = 2, .reps = 3, .rounds = 5,
                        .serialized = true};
  tp_parallel(tp_self(), nested_outer, &ns, ns.outer_n, 0);
  double t3 = ut_now();

  printf("barrier%s: sizes %.2f s, back-to-back %.2f s, nested %.2f s; %u workers\n",
         sleep_mode ? " (sleep path)" : "", t1 - t0, t2 - t1, t3 - t2,
         tp_rt.workers_total);
  UT_PASS(sleep_mode ? "barrier-sleep" : "barrier", t0);
  return 0;
}
