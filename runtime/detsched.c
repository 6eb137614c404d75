/* detsched.c — deterministic mode: turns, the schedule log, its replay
 * (detsched.h). */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detsched.h"
#include "tasksched.h"

/* How long a member waits for a turn that does not move before the region
 * gives the turns up: longer than any task body between two scheduling
 * points in a program this mode is for. */
#define TP_DET_PATIENCE_NS 10000000000ull

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser */
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* Whose turn step `step` of the current phase is: from the seed alone. */
static uint32_t turn_of(const struct tp_team *team, uint32_t step) {
  const struct tp_team_tasks *k = team->tasks;
  uint64_t where = (uint64_t)k->det_region << 40 ^ (uint64_t)k->det_phase << 32 ^ step;
  return (uint32_t)(mix(tp_rt.det_seed ^ mix(where)) % team->nthreads);
}

/* realloc, or the one message for no memory. */
static void *grow(void *p, size_t n) {
  void *q = realloc(p, n);
  if (!q)
    tp_fatal("out of memory for the deterministic schedule log");
  return q;
}

static const char *const LOG_HEAD = "# tempo schedule log: TEMPO_DETERMINISTIC=";

/* TEMPO_REPLAY's records and seed; false (with a warning) if unreadable. */
static bool read_replay(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    tp_warn("TEMPO_REPLAY: cannot read %s; not replaying", path);
    return false;
  }
  char line[256];
  unsigned long long seed;
  bool ok = fgets(line, sizeof line, f) && strncmp(line, LOG_HEAD, strlen(LOG_HEAD)) == 0 &&
            sscanf(line + strlen(LOG_HEAD), "%llu", &seed) == 1;
  if (!ok) {
    fclose(f);
    tp_warn("TEMPO_REPLAY: %s is not a TEMPO_SCHEDULE_LOG file; not replaying", path);
    return false;
  }
  tp_rt.det_seed = seed;
  size_t cap = 0;
  unsigned r, t, th;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "%u %u %u", &r, &t, &th) != 3)
      continue; /* the column heads */
    if (tp_rt.det_replay_n == cap) {
      cap = cap ? 2 * cap : 1024;
      tp_rt.det_replay = grow(tp_rt.det_replay, cap * sizeof *tp_rt.det_replay);
    }
    tp_rt.det_replay[tp_rt.det_replay_n++] = (struct tp_det_rec){r, t, th};
  }
  fclose(f);
  return true;
}

void tp_det_init(void) {
  if (tp_rt.det_replay_file && !read_replay(tp_rt.det_replay_file) && !tp_rt.det)
    return;
  tp_rt.det = true;
  /* Every task published at once and none run at once by choice, no
   * taskloop split on demand, no fibers: what a turn does must not depend
   * on timing.  No sleeping in waits: a sleeper could not take its turn. */
  tp_rt.heartbeat_ns = 0;
  tp_rt.inline_slack = 0;
  tp_rt.lazy_taskloop = false;
  tp_rt.fibers = false;
  tp_store(&tp_rt.spin_iters, ~0ull);
  tp_store(&tp_rt.spin_throttled, ~0ull);
}

void tp_det_region_begin(struct tp_team *team) {
  struct tp_team_tasks *k = team->tasks;
  k->det_region = __atomic_add_fetch(&tp_rt.det_regions, 1, __ATOMIC_RELAXED);
  k->det_phase = 0;
  k->det_arrived_n = 0;
  k->det_step = 0;
  k->det_next_id = 0;
  tp_store(&k->det_off, 0);
  tp_store_rel(&k->det_turn, turn_of(team, 0));
}

void tp_det_seed_thread(struct tp_thread *self, const struct tp_team *team) {
  self->det_arrived = false;
  self->det_arrivals = 0;
  self->det_wait_word = NULL;
  uint64_t x = mix(tp_rt.det_seed ^ mix((uint64_t)team->tasks->det_region << 32 | self->tid));
  self->wq->rng = (uint32_t)x | 1; /* xorshift: never 0 */
}

void tp_det_wait(struct tp_thread *self, struct tp_team *team) {
  struct tp_team_tasks *k = team->tasks;
  uint32_t step = tp_load(&k->det_step);
  uint64_t since = 0;
  for (unsigned i = 0; !tp_det_mine(self, team); i++) {
    if (i < 64) {
      tp_pause();
      continue;
    }
    sched_yield();
    if (i % 256)
      continue;
    uint64_t now = tp_now_ns();
    uint32_t s = tp_load(&k->det_step);
    if (s != step || !since) {
      step = s;
      since = now;
    } else if (now - since > TP_DET_PATIENCE_NS) {
      tp_store(&k->det_off, 1);
      if (!tp_xchg(&tp_rt.det_warned, 1))
        tp_warn("TEMPO_DETERMINISTIC: no turn taken for %llu s (a thread waits outside "
                "the task scheduler: a lock, critical or ordered?); this region runs on "
                "without turns, so its schedule is not reproduced",
                TP_DET_PATIENCE_NS / 1000000000ull);
    }
  }
}

void tp_det_pass(struct tp_thread *self, struct tp_team *team) {
  (void)self;
  struct tp_team_tasks *k = team->tasks;
  if (team->nthreads == 1 || tp_load(&k->det_off))
    return;
  uint32_t step = k->det_step + 1; /* written by the turn's holder only */
  tp_store(&k->det_step, step);
  tp_store_rel(&k->det_turn, turn_of(team, step));
}

bool tp_det_single(const struct tp_thread *self, const struct tp_team *team, uint32_t seq) {
  uint64_t x = mix(tp_rt.det_seed ^ mix((uint64_t)team->tasks->det_region << 32 | seq) ^ 0x51);
  return x % team->nthreads == self->tid;
}

bool tp_det_look(struct tp_thread *self, struct tp_team *team, struct tp_task *t,
                 void (*run)(struct tp_thread *, struct tp_task *)) {
  if (t)
    tp_det_record(self, team, t);
  tp_det_pass(self, team);
  if (t)
    run(self, t);
  return t != NULL;
}

void tp_det_arrive(struct tp_thread *self, struct tp_team *team,
                   struct tp_task *(*take)(struct tp_thread *, struct tp_team *),
                   void (*run)(struct tp_thread *, struct tp_task *)) {
  struct tp_team_tasks *k = team->tasks;
  for (;;) {
    tp_det_wait(self, team);
    if (tp_load_acq(&k->pending) == 0)
      break;
    tp_det_look(self, team, take(self, team), run);
  }
  self->det_arrivals++;
  self->det_arrived = true;
  if (team->nthreads == 1 || tp_load(&k->det_off)) {
    tp_store_rel(&k->det_phase, self->det_arrivals);
    return;
  }
  if (++k->det_arrived_n < team->nthreads) { /* under the turn, as det_step */
    tp_det_pass(self, team);
    return;
  }
  /* The last arrival: the next phase's turns start from step 0. */
  k->det_arrived_n = 0;
  k->det_step = 0;
  tp_store_rel(&k->det_phase, k->det_phase + 1);
  tp_store_rel(&k->det_turn, turn_of(team, 0));
}

void tp_det_record(struct tp_thread *self, struct tp_team *team, const struct tp_task *t) {
  if (!tp_rt.det_log_file && !tp_rt.det_replay)
    return;
  struct tp_det_rec r = {team->tasks->det_region, t->det_id, self->tid};
  tp_mutex_lock(&tp_rt.det_lock);
  if (tp_rt.det_n == tp_rt.det_cap) {
    tp_rt.det_cap = tp_rt.det_cap ? 2 * tp_rt.det_cap : 1024;
    tp_rt.det_recs = grow(tp_rt.det_recs, tp_rt.det_cap * sizeof *tp_rt.det_recs);
  }
  size_t i = tp_rt.det_n++;
  tp_rt.det_recs[i] = r;
  tp_mutex_unlock(&tp_rt.det_lock);
  if (!tp_rt.det_replay)
    return;
  const struct tp_det_rec *w = i < tp_rt.det_replay_n ? &tp_rt.det_replay[i] : NULL;
  if ((!w || w->region != r.region || w->task != r.task || w->thread != r.thread) &&
      !tp_xchg(&tp_rt.det_warned, 1)) {
    if (w)
      tp_warn("TEMPO_REPLAY: the schedule differs from %s at its task %zu: region %u "
              "task %u ran on thread %u; the log has region %u task %u on thread %u",
              tp_rt.det_replay_file, i + 1, r.region, r.task, r.thread, w->region,
              w->task, w->thread);
    else
      tp_warn("TEMPO_REPLAY: more tasks ran than %s has (%zu)", tp_rt.det_replay_file,
              tp_rt.det_replay_n);
  }
}

void tp_det_write(void) {
  if (tp_rt.det_replay && tp_rt.det_n < tp_rt.det_replay_n && !tp_xchg(&tp_rt.det_warned, 1))
    tp_warn("TEMPO_REPLAY: %zu tasks ran, %s has %zu", tp_rt.det_n, tp_rt.det_replay_file,
            tp_rt.det_replay_n);
  if (!tp_rt.det_log_file || !tp_load(&tp_rt.used))
    return; /* a process that never used the runtime (a shell, `timeout`) leaves the file */
  FILE *f = fopen(tp_rt.det_log_file, "w");
  if (!f) {
    tp_warn("TEMPO_SCHEDULE_LOG: cannot write %s", tp_rt.det_log_file);
    return;
  }
  fprintf(f, "%s%llu\nregion task thread\n", LOG_HEAD, (unsigned long long)tp_rt.det_seed);
  for (size_t i = 0; i < tp_rt.det_n; i++)
    fprintf(f, "%u %u %u\n", tp_rt.det_recs[i].region, tp_rt.det_recs[i].task,
            tp_rt.det_recs[i].thread);
  fclose(f);
}
