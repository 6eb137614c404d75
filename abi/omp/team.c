/* team.c — omp_* routines about threads, teams and nesting. */
#include <limits.h>

#include "../../runtime/rt.h"
#include "../../runtime/task.h"
#include "misuse.h"

int omp_get_thread_num(void) { return (int)tp_self()->tid; }
int omp_get_num_threads(void) { return (int)tp_self()->team->nthreads; }
int omp_get_max_threads(void) { return (int)tp_self()->task->icv.nthreads; }
/* The affinity mask's CPUs, as in libgomp, even under a cgroup CPU quota:
 * the quota lowers only the default team size (tp_rt.cpu_budget, env.c). */
int omp_get_num_procs(void) {
  tp_self();
  return (int)tp_rt.ncpus;
}
int omp_in_parallel(void) { return tp_self()->team->active_level > 0; }
int omp_get_level(void) { return (int)tp_self()->team->level; }
int omp_get_active_level(void) { return (int)tp_self()->team->active_level; }

/* Team of the given nesting level, or NULL when the level is out of range. */
static struct tp_team *team_at_level(int level, unsigned *tid) {
  struct tp_thread *self = tp_self();
  struct tp_team *t = self->team;
  unsigned id = self->tid;
  if (level < 0 || (unsigned)level > t->level)
    return NULL;
  while (t->level > (unsigned)level) {
    id = t->parent_tid;
    t = t->parent;
  }
  *tid = id;
  return t;
}

int omp_get_ancestor_thread_num(int level) {
  unsigned tid;
  return team_at_level(level, &tid) ? (int)tid : -1;
}

int omp_get_team_size(int level) {
  unsigned tid;
  struct tp_team *t = team_at_level(level, &tid);
  return t ? (int)t->nthreads : -1;
}

void omp_set_num_threads(int n) {
  if (n <= 0) {
    API_REJECT("omp_set_num_threads(%d): the number of threads must be positive; "
               "ignored", n);
    return;
  }
  tp_task_cur(tp_self())->icv.nthreads = (unsigned)n;
}

void omp_set_dynamic(int on) { tp_task_cur(tp_self())->icv.dyn = on != 0; }
int omp_get_dynamic(void) { return tp_self()->task->icv.dyn; }

void omp_set_nested(int on) {
  struct tp_icv *icv = &tp_task_cur(tp_self())->icv;
  if (on) {
    if (icv->max_active_levels <= 1)
      icv->max_active_levels = 255;
  } else {
    icv->max_active_levels = 1;
  }
}
int omp_get_nested(void) { return tp_self()->task->icv.max_active_levels > 1; }

void omp_set_max_active_levels(int n) {
  if (n < 0) {
    API_REJECT("omp_set_max_active_levels(%d): the value must be non-negative; "
               "ignored", n);
    return;
  }
  tp_task_cur(tp_self())->icv.max_active_levels = n > 255 ? 255u : (unsigned)n;
}
int omp_get_max_active_levels(void) {
  return (int)tp_self()->task->icv.max_active_levels;
}
int omp_get_supported_active_levels(void) { return 255; }

int omp_get_thread_limit(void) {
  unsigned l = tp_self()->task->icv.thread_limit;
  return l > INT_MAX ? INT_MAX : (int)l;
}

void omp_set_schedule(int kind, int chunk) {
  int base = kind & ~TP_SCHED_MONOTONIC;
  if (base < TP_SCHED_STATIC || base > TP_SCHED_AUTO) {
    API_REJECT("omp_set_schedule: unknown schedule kind %d; ignored", kind);
    return;
  }
  struct tp_icv *icv = &tp_task_cur(tp_self())->icv;
  icv->sched_kind = kind;
  /* A chunk < 1 selects the kind's default (1 for dynamic/guided). */
  icv->sched_chunk = base == TP_SCHED_AUTO ? 0 : (chunk < 1 ? (base == TP_SCHED_STATIC ? 0 : 1) : chunk);
}

void omp_get_schedule(int *kind, int *chunk) {
  struct tp_icv *icv = &tp_self()->task->icv;
  *kind = icv->sched_kind;
  *chunk = (int)icv->sched_chunk;
}

int omp_in_final(void) { return tp_self()->task->final; }

int omp_get_proc_bind(void) { return tp_self()->task->icv.bind; }
