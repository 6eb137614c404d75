/* pool.c — the worker threads.  A worker is either idle in the pool or a
 * member of one team; in both states it waits on its own `go` word, so
 * handing it a region (from a hot team or fresh from the pool) is the same
 * single store.  Threads are never destroyed: a process that used N
 * threads keeps them idle (asleep after the spin budget) for reuse. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "affinity.h"
#include "bind.h"
#include "ompt.h"
#include "rt.h"
#include "stats.h"
#include "task.h"
#include "trace.h"

static void *worker_main(void *arg) {
  struct tp_thread *self = arg;
  tp_tls_self = self;
  tp_stackguard_thread_start(self);
  TP_OMPT(tp_ompt_thread_begin(self, false));
  for (;;) {
    tp_wait_word(self, &self->go, self->go_seen + 1, NULL);
    self->go_seen++;
    if (!self->job_fn)
      break; /* told to exit by tp_pool_pause */
    struct tp_team *team = self->team;
    unsigned tid = self->tid;
    uint32_t epoch = self->job_epoch;
    struct tp_task *it = team->member[tid].itask;
    tp_task_init_implicit(it, team->parent_task, team, &team->icv);
    if (tp_unlikely(team->bind_policy != TP_BIND_FALSE)) {
      tp_bind_assign(&it->icv, team->bind_policy, tid, team->nthreads);
      tp_bind_self(self, &it->icv);
    }
    self->task = it;
    if (tp_unlikely(tp_rt.g.display_affinity))
      tp_affinity_announce(self);
    const void *site = team->site; /* the team is not ours after the join */
    tp_trace(self, TP_TR_REGION, TP_TR_BEGIN, site);
    TP_OMPT(tp_ompt_implicit_task(self, team, it, tid, true));
    tp_stats_member_begin(self);
    self->job_fn(self->job_data);
    if (tp_unlikely(self->stats != NULL))
      tp_stats_member_end(self, site);
    if (tp_unlikely(self->forked_in_region)) {
      /* A child of fork() made by this worker inside the region: no
       * master to join, no program to return to on this thread (fork.c). */
      tp_warn("a child of fork() made by worker thread %u inside a parallel "
              "region has nothing left to run after the region; it exits", tid);
      exit(EXIT_SUCCESS);
    }
    if (tp_unlikely(tp_rt.ompt)) {
      /* Told before the join: after it the team is not this thread's. */
      tp_ompt_sync(self, TP_OMPT_BARRIER_END_OF_REGION, true);
      tp_ompt_sync(self, TP_OMPT_BARRIER_END_OF_REGION, false);
      tp_ompt_implicit_task(self, team, it, tid, false);
    }
    tp_join(self, team, tid, epoch);
    tp_trace(self, TP_TR_REGION, TP_TR_END, site);
  }
  TP_OMPT(tp_ompt_thread_end(self));
  tp_task_thread_fini(self); /* its hot teams were released by tp_pool_pause */
  tp_threadprivate_thread_fini(self);
  tp_stackguard_thread_end(self);
  return NULL;
}

/* A new worker, or NULL if the system would not start its thread (EAGAIN
 * under a thread limit, no memory for its stack): the region then runs
 * with the threads it has, as the spec allows, and says why once. */
static struct tp_thread *worker_create(void) {
  struct tp_thread *t = tp_aligned_alloc(TP_CACHELINE, sizeof *t);
  t->uid = tp_thread_uid();
  t->is_worker = true;
  t->bound_place = -1;
  tp_task_thread_init(t);
  tp_stats_thread_start(t);
  tp_trace_thread_start(t);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  size_t stack = tp_load(&tp_rt.g.stacksize); /* kmp_set_stacksize may change it */
  if (stack) {
    int e = pthread_attr_setstacksize(&attr, stack);
    if (e)
      tp_warn("cannot use a stack size of %zu bytes for worker threads (%s); "
              "using the system default", stack, strerror(e));
  }
  int e = pthread_create(&t->pthread, &attr, worker_main, t);
  pthread_attr_destroy(&attr);
  if (tp_unlikely(e)) {
    if (!tp_xchg(&tp_rt.thread_create_warned, 1))
      tp_warn("cannot create a worker thread (%s%s); parallel regions run with "
              "the threads already running, and later regions try again", strerror(e),
              stack ? ", with OMP_STACKSIZE's stack size" : "");
    tp_task_thread_fini(t);
    free(t);
    return NULL;
  }
  return t;
}

unsigned tp_pool_acquire(struct tp_thread **out, unsigned n) {
  unsigned got = 0;
  tp_mutex_lock(&tp_rt.pool_lock);
  while (got < n && tp_rt.pool_idle) {
    out[got++] = tp_rt.pool_idle;
    tp_rt.pool_idle = tp_rt.pool_idle->pool_next;
  }
  tp_mutex_unlock(&tp_rt.pool_lock);
  unsigned idle = got;
  while (got < n && (out[got] = worker_create()))
    got++;
  if (got > idle) {
    tp_mutex_lock(&tp_rt.pool_lock);
    tp_rt.workers_total += got - idle;
    tp_mutex_unlock(&tp_rt.pool_lock);
  }
  return got;
}

void tp_pool_release(struct tp_thread **thr, unsigned n) {
  if (!n)
    return;
  tp_mutex_lock(&tp_rt.pool_lock);
  for (unsigned i = 0; i < n; i++) {
    thr[i]->pool_next = tp_rt.pool_idle;
    tp_rt.pool_idle = thr[i];
  }
  tp_mutex_unlock(&tp_rt.pool_lock);
}

struct tp_thread *tp_pool_take_idle(void) {
  tp_mutex_lock(&tp_rt.pool_lock);
  struct tp_thread *w = tp_rt.pool_idle;
  if (w) {
    tp_rt.pool_idle = w->pool_next;
    tp_rt.workers_total--;
  }
  tp_mutex_unlock(&tp_rt.pool_lock);
  return w;
}

void tp_pool_end(struct tp_thread *w) {
  w->job_fn = NULL;
  tp_signal(&w->go, tp_load(&w->go) + 1, w);
  pthread_join(w->pthread, NULL);
  free(w);
}
