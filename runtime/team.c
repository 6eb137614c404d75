/* team.c — parallel regions: choosing the team size, forming the team
 * (hot team reuse, pool), starting members and joining them.
 *
 * Hot teams: a master keeps the team it formed at each nesting level
 * (hot_team[level]) and its workers stay bound to it; a region of the same
 * size at that level reuses it with one store per worker (its go word,
 * whose cache line also carries the region's fn/data/epoch, so a woken
 * worker finds everything in one line).  Regions of one thread use a team
 * of one from a per-thread cache and touch no shared state. */
#include <stdlib.h>
#include <string.h>

#include "affinity.h"
#include "bind.h"
#include "ompt.h"
#include "rt.h"
#include "stats.h"
#include "task.h"
#include "trace.h"
#include "ws.h"

struct tp_team *tp_team_alloc(unsigned n) {
  struct tp_team *team = tp_aligned_alloc(TP_CACHELINE, sizeof *team);
  team->capacity = n;
  team->member = tp_aligned_alloc(TP_CACHELINE, sizeof(struct tp_member) * n);
  /* Lines apart: each member writes its own implicit task (its child
   * counters at every spawn), and a descriptor is not a whole number of
   * lines. */
  size_t stride = (sizeof(struct tp_task) + TP_CACHELINE - 1) / TP_CACHELINE * TP_CACHELINE;
  char *itasks = tp_aligned_alloc(TP_CACHELINE, stride * n);
  for (unsigned i = 0; i < n; i++)
    team->member[i].itask = (struct tp_task *)(itasks + stride * i);
  tp_barrier_setup(team);
  tp_team_tasks_init(team);
  tp_ws_team_init(team);
  return team;
}

struct tp_team *tp_team_solo(struct tp_thread *thr) {
  struct tp_team *t = tp_team_alloc(1);
  t->nthreads = 1;
  t->member[0].thr = thr;
  t->master = thr;
  return t;
}

void tp_team_free(struct tp_team *team) {
  tp_ws_team_fini(team);
  tp_team_tasks_fini(team);
  free(team->member[0].itask);
  free(team->member);
  free(team->bar_flags);
  free(team->join_flags);
  free(team);
}

/* Workers leave the team for the pool; the team is freed. */
static void team_disband(struct tp_team *team) {
  __atomic_sub_fetch(&tp_rt.threads_busy, team->capacity - 1, __ATOMIC_RELAXED);
  struct tp_thread *w[64];
  for (unsigned i = 1; i < team->capacity;) {
    unsigned k = 0;
    while (k < 64 && i < team->capacity)
      w[k++] = team->member[i++].thr;
    tp_pool_release(w, k);
  }
  tp_team_free(team);
}

/* Above the pool: a worker's hot teams are released by the thread that
 * ends it (it is idle, so nothing else touches them), which keeps the pool
 * from calling back into teams.  Workers of released teams go back to the
 * pool, where the loop finds them too. */
void tp_pool_pause(struct tp_thread *self) {
  tp_stats_report(); /* what the threads about to end did */
  tp_thread_release_teams(self);
  struct tp_thread *w;
  while ((w = tp_pool_take_idle())) {
    tp_thread_release_teams(w);
    tp_pool_end(w);
  }
}

void tp_thread_release_teams(struct tp_thread *t) {
  for (unsigned l = 0; l < TP_HOT_LEVELS; l++) {
    if (t->hot_team[l]) {
      team_disband(t->hot_team[l]);
      t->hot_team[l] = NULL;
    }
  }
  while (t->free_teams) {
    struct tp_team *solo = t->free_teams;
    t->free_teams = solo->parent;
    tp_team_free(solo);
  }
}

/* A team of n threads, or of fewer if the system refuses new ones (NULL:
 * not even two; the region then runs alone). */
static struct tp_team *team_form(unsigned n) {
  /* The process's first team: has another OpenMP runtime started threads
   * of its own (foreign.c)?  Once, and off the regions' fast path. */
  if (tp_unlikely(!tp_load(&tp_rt.foreign_checked)) && !tp_xchg(&tp_rt.foreign_checked, 1))
    tp_foreign_check_threads();
  struct tp_thread **w = tp_malloc(sizeof *w * n);
  n = 1 + tp_pool_acquire(w + 1, n - 1);
  if (tp_unlikely(n == 1)) {
    free(w);
    return NULL;
  }
  struct tp_team *team = tp_team_alloc(n);
  for (unsigned i = 1; i < n; i++) {
    team->member[i].thr = w[i];
    w[i]->team = team;
    w[i]->tid = i;
  }
  free(w);
  team->nthreads = n;
  /* Workers bound to a team count as busy until it is disbanded: between
   * hot regions they spin, so they compete for CPUs. */
  __atomic_add_fetch(&tp_rt.threads_busy, n - 1, __ATOMIC_RELAXED);
  return team;
}

/* How many threads a region asking for `requested` (0 = no clause) gets.
 * For a team of more than one, the extra threads are reserved in the
 * contention group's count (released by tp_parallel_end), atomically, so
 * concurrent nested masters never exceed OMP_THREAD_LIMIT together. */
static unsigned team_size(struct tp_thread *self, unsigned requested) {
  const struct tp_icv *icv = &self->task->icv;
  unsigned n = requested ? requested : icv->nthreads;
  if (n <= 1 || self->team->active_level >= icv->max_active_levels)
    return 1;
  if (icv->dyn) {
    /* Workers of our own hot team at this level would be reused. */
    unsigned lvl = self->team->level;
    struct tp_team *hot = lvl < TP_HOT_LEVELS ? self->hot_team[lvl] : NULL;
    unsigned running = tp_load(&tp_rt.threads_busy) + 1 - (hot ? hot->nthreads - 1 : 0);
    unsigned idle = tp_rt.cpu_budget > running ? tp_rt.cpu_budget - running + 1 : 1;
    if (n > idle)
      n = idle;
  }
  unsigned busy = tp_load(self->cg_busy), want;
  do {
    unsigned avail = icv->thread_limit > busy ? icv->thread_limit - busy + 1 : 1;
    want = n < avail ? n : avail;
    if (want <= 1)
      return 1;
  } while (!__atomic_compare_exchange_n(self->cg_busy, &busy, busy + want - 1,
                                        false, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
  return want;
}

unsigned tp_sections_request(struct tp_thread *self, unsigned requested,
                             unsigned count) {
  const struct tp_icv *icv = &self->task->icv;
  unsigned n = requested ? requested : icv->nthreads;
  return icv->dyn && count && count < n ? count : requested;
}

static struct tp_team *solo_get(struct tp_thread *self) {
  struct tp_team *t = self->free_teams;
  if (t) {
    self->free_teams = t->parent;
    return t;
  }
  return tp_team_solo(self);
}

void tp_parallel_begin(struct tp_thread *self, void (*fn)(void *), void *data,
                       unsigned requested, unsigned proc_bind) {
  struct tp_team *pteam = self->team;
  struct tp_task *ptask = tp_task_cur(self); /* the region's parent task */
  unsigned n = team_size(self, requested);
  struct tp_team *team;

  if (n == 1) {
    team = solo_get(self);
  } else {
    unsigned lvl = pteam->level;
    team = lvl < TP_HOT_LEVELS ? self->hot_team[lvl] : NULL;
    if (!team || team->nthreads != n) {
      if (team) {
        team_disband(team);
        self->hot_team[lvl] = NULL;
      }
      unsigned want = n;
      team = team_form(n);
      /* Fewer threads than reserved: give the rest back to the
       * contention group (a hot team this size is re-formed, and so
       * retried, by the next region that asks for more). */
      n = team ? team->nthreads : 1;
      if (tp_unlikely(n < want))
        __atomic_sub_fetch(self->cg_busy, want - n, __ATOMIC_RELAXED);
      if (!team) {
        team = solo_get(self);
      } else {
        team->hot = lvl < TP_HOT_LEVELS;
        if (team->hot)
          self->hot_team[lvl] = team;
      }
    }
  }
  /* Members read these after being released; writing only what changed
   * keeps the lines shared (cache hits) across back-to-back regions. */
#define SET_IF_CHANGED(field, value)                                           \
  do {                                                                         \
    if (team->field != (value))                                                \
      team->field = (value);                                                   \
  } while (0)
  SET_IF_CHANGED(level, pteam->level + 1);
  SET_IF_CHANGED(active_level, pteam->active_level + (n > 1));
  SET_IF_CHANGED(parent, pteam);
  SET_IF_CHANGED(parent_tid, self->tid);
  SET_IF_CHANGED(parent_task, ptask);
  SET_IF_CHANGED(master, self);
  SET_IF_CHANGED(member[0].thr, self);
  SET_IF_CHANGED(fn, fn);
  const void *site = self->next_site ? self->next_site : (const void *)fn;
  self->next_site = NULL;
  SET_IF_CHANGED(site, site);
  SET_IF_CHANGED(tasks_hint, n > 1 && tp_task_hint(site));
  SET_IF_CHANGED(data, data);
#undef SET_IF_CHANGED
  struct tp_icv icv;
  tp_icv_for_child(&ptask->icv, &icv);
  /* The region's policy is the clause or the encountering task's bind-var
   * (the first of an OMP_PROC_BIND list); its members' bind-var is the
   * next one.  A proc_bind clause is ignored when binding is disabled. */
  int policy = ptask->icv.bind;
  if (proc_bind && icv.bind != TP_BIND_FALSE)
    icv.bind = policy = (int)proc_bind;
  if (memcmp(&icv, &team->icv, sizeof icv) != 0)
    team->icv = icv;
  if (team->bind_policy != policy)
    team->bind_policy = policy;
  uint32_t epoch = ++team->region_epoch;
  if (n > 1)
    tp_task_region_begin(team);
  if (tp_unlikely(self->stats != NULL)) {
    team->stats_t0 = tp_now_ns();
    tp_stats_member_begin(self);
  }
  tp_trace(self, TP_TR_REGION, TP_TR_BEGIN, site);
  TP_OMPT(tp_ompt_parallel(self, team, requested ? requested : n, true));

  for (unsigned i = 1; i < n; i++) {
    struct tp_thread *w = team->member[i].thr;
    if (w->cg_busy != self->cg_busy)
      w->cg_busy = self->cg_busy;
    w->job_fn = fn;
    w->job_data = data;
    w->job_epoch = epoch;
    tp_signal(&w->go, tp_load(&w->go) + 1, w);
  }

  struct tp_task *it = team->member[0].itask;
  tp_task_init_implicit(it, ptask, team, &team->icv);
  if (tp_unlikely(policy != TP_BIND_FALSE)) {
    tp_bind_assign(&it->icv, policy, 0, n);
    tp_bind_self(self, &it->icv);
  }
  self->team = team;
  self->tid = 0;
  self->task = it;
  TP_OMPT(tp_ompt_implicit_task(self, team, it, 0, true));
  if (tp_unlikely(tp_rt.g.display_affinity))
    tp_affinity_announce(self);
}

void tp_parallel_end(struct tp_thread *self) {
  struct tp_team *team = self->team;
  unsigned n = team->nthreads;
  TP_OMPT(tp_ompt_sync(self, TP_OMPT_BARRIER_END_OF_REGION, true));
  if (n > 1) {
    tp_join(self, team, 0, team->region_epoch);
    __atomic_sub_fetch(self->cg_busy, n - 1, __ATOMIC_RELAXED);
  } else {
    tp_task_drain(self, team);
  }
  if (tp_unlikely(tp_rt.ompt)) {
    tp_ompt_sync(self, TP_OMPT_BARRIER_END_OF_REGION, false);
    tp_ompt_implicit_task(self, team, self->task, 0, false);
    tp_ompt_parallel(self, team, n, false);
  }
  if (tp_unlikely(tp_rt.g.cancel))
    tp_cancel_region_end(team);
  if (tp_unlikely(self->stats != NULL))
    tp_stats_region(self, team->site, team->stats_t0);
  tp_trace(self, TP_TR_REGION, TP_TR_END, team->site);
  self->team = team->parent;
  self->tid = team->parent_tid;
  self->task = team->parent_task;
  if (n == 1) {
    team->parent = self->free_teams;
    self->free_teams = team;
  } else if (!team->hot) {
    team_disband(team);
  }
}

void tp_parallel(struct tp_thread *self, void (*fn)(void *), void *data,
                 unsigned nthreads, unsigned proc_bind) {
  tp_parallel_begin(self, fn, data, nthreads, proc_bind);
  fn(data);
  tp_parallel_end(self);
}

unsigned tp_parallel_in_taskgroup(struct tp_thread *self, void (*fn)(void *), void *data,
                                  unsigned nthreads, unsigned proc_bind, void *abi_red) {
  /* Nobody waits at this group's end (thr NULL; the region's end waits
   * for the tasks): it is there for the registration its tasks inherit. */
  struct tp_taskgroup tg;
  memset(&tg, 0, sizeof tg);
  tg.abi_red = abi_red;
  struct tp_task *parent = tp_task_cur(self);
  struct tp_taskgroup *saved = parent->region_taskgroup;
  parent->region_taskgroup = &tg;
  tp_parallel_begin(self, fn, data, nthreads, proc_bind);
  unsigned n = self->team->nthreads;
  fn(data);
  tp_parallel_end(self);
  parent->region_taskgroup = saved;
  return n;
}
