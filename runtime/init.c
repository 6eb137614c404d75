/* init.c — process start-up and initial threads (the runtime struct
 * itself is in rt.c). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "detsched.h"
#include "env.h"
#include "ompt.h"
#include "rt.h"
#include "stats.h"
#include "task.h"
#include "topology.h"
#include "trace.h"

static void initial_thread_exit(void *arg);

/* The program's first use of the runtime (its first initial thread): what
 * the library's start held back is said now, and OMP_DISPLAY_ENV shown. */
static void runtime_used(void) {
  if (tp_load(&tp_rt.used) || tp_xchg(&tp_rt.used, 1))
    return;
  tp_release_held_messages();
  tp_env_display();
}

__attribute__((constructor)) void tp_runtime_init(void) {
  static bool done;
  if (done)
    return;
  done = true;
  tp_rt.ncpus = (unsigned)CPU_COUNT(tp_topo_allowed());
  if (pthread_key_create(&tp_rt.initial_key, initial_thread_exit) != 0)
    tp_fatal("cannot create a thread-specific key");
  /* A program linked against an OpenMP runtime hears at once, as libgomp
   * tells it at load; in any other process Tempo holds its words until the
   * runtime is used (runtime_used), so `ls` under LD_PRELOAD says nothing. */
  bool openmp_program = tp_program_needs_openmp();
  tp_rt.hold_messages = !openmp_program && !tp_rt.used;
  tp_env_init();
  if (tp_rt.stats) {
    tp_stats_start();
    atexit(tp_stats_report);
  }
  if (tp_rt.trace_file)
    atexit(tp_trace_write);
  if (tp_rt.det_log_file || tp_rt.det_replay)
    atexit(tp_det_write);
  tp_ompt_init(); /* before the first thread: a tool hears of it */
  if (tp_rt.ompt)
    atexit(tp_ompt_fini);
  tp_fork_init();
  tp_rt.hold_messages = false; /* later ones are said when they happen */
  if (openmp_program)
    (void)tp_self(); /* its initial thread, and so runtime_used */
}

/* An initial thread (a user pthread) that ends gives its hot teams' workers
 * back to the pool and its state to tp_rt.initial_free for the next one.
 * The struct itself is never freed: a worker finishing a join may still
 * read the master's `sleeping` word after publishing its arrival. */
static void initial_thread_exit(void *arg) {
  struct tp_thread *t = arg;
  if (t->team != t->solo_team)
    return; /* exited from inside a region: nothing safe to recycle */
  tp_task_drain(t, t->solo_team);
  tp_thread_release_teams(t);
  tp_threadprivate_thread_fini(t);
  tp_mutex_lock(&tp_rt.pool_lock);
  t->pool_next = tp_rt.initial_free;
  tp_rt.initial_free = t;
  tp_mutex_unlock(&tp_rt.pool_lock);
}

static struct tp_thread *initial_thread_new(void) {
  tp_mutex_lock(&tp_rt.pool_lock);
  struct tp_thread *t = tp_rt.initial_free;
  if (t)
    tp_rt.initial_free = t->pool_next;
  tp_mutex_unlock(&tp_rt.pool_lock);
  if (t)
    return t;
  t = tp_aligned_alloc(TP_CACHELINE, sizeof *t);
  t->solo_team = tp_team_solo(t);
  tp_task_thread_init(t);
  return t;
}

struct tp_thread *tp_thread_init_initial(void) {
  if (tp_unlikely(!tp_rt.ncpus))
    tp_runtime_init();
  if (tp_tls_self)
    return tp_tls_self;
  struct tp_thread *t = initial_thread_new();
  struct tp_team *solo = t->solo_team;
  t->uid = tp_thread_uid();
  t->cg_busy_own = 1;
  t->bound_place = -1;
  memset(&t->aff_shown, 0, sizeof t->aff_shown); /* a recycled thread's */
  t->cg_busy = &t->cg_busy_own;
  solo->icv = tp_rt.initial_icv;
  tp_tls_self = t; /* the implicit task records its thread */
  tp_task_init_implicit(solo->member[0].itask, NULL, solo, &tp_rt.initial_icv);
  t->team = solo;
  t->tid = 0;
  t->task = solo->member[0].itask;
  t->pthread = pthread_self();
  pthread_setspecific(tp_rt.initial_key, t);
  tp_stats_thread_start(t);
  tp_trace_thread_start(t);
  TP_OMPT(tp_ompt_thread_begin(t, true));
  runtime_used();
  return t;
}
