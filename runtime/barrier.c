/* barrier.c — team barrier and end-of-region join.
 *
 * Barrier: dissemination.  In round r, member i signals member
 * (i + 2^r) mod n and waits for (i - 2^r) mod n; every flag has its own
 * cache line and exactly one writer, so each round costs one line transfer
 * per member and all members' transfers overlap: ceil(log2 n) transfer
 * latencies in total (one for two threads, the floor), and no line is
 * written by more than one thread.  Flags hold the writer's barrier epoch;
 * a sender may run one barrier ahead of a slow receiver, so the wait is
 * "flag >= epoch" (modulo 2^32), never equality.
 *
 * Tasks: a member runs the team's tasks until none is pending before it
 * arrives, and runs queued tasks while it waits.  The last member to
 * arrive saw no pending task and no member can create one after arriving
 * except from a task, so when the barrier completes all tasks are done.
 *
 * Join: a 4-ary gather tree: a member waits for its children's arrival,
 * drains tasks, then signals its parent; the master (root) returns when all
 * arrived.  Workers do not wait for a release: they go back to waiting for
 * their next region, so a fork/join costs two line transfers.  In a region
 * that created tasks, workers first stay to help until the master has
 * finished its own (tp_task_join): tasks it holds privately are invisible
 * to a worker's drain, which would otherwise leave them all to it. */
#include "ompt.h"
#include "rt.h"
#include "stats.h"
#include "task.h"
#include "trace.h"

#define JOIN_ARITY 4

void tp_barrier_setup(struct tp_team *team) {
  unsigned n = team->capacity, r = 0;
  while ((1u << r) < n)
    r++;
  team->nrounds = r ? r : 1;
  team->bar_flags =
      tp_aligned_alloc(TP_CACHELINE, sizeof(struct tp_flag) * n * team->nrounds);
  team->join_flags = tp_aligned_alloc(TP_CACHELINE, sizeof(struct tp_flag) * n);
}

/* The dissemination rounds; false if the barrier was aborted. */
static bool barrier_rounds(struct tp_thread *self, struct tp_team *team,
                           const uint32_t *abort) {
  unsigned n = team->nthreads, tid = self->tid;
  struct tp_member *m = &team->member[tid];
  uint32_t epoch = ++m->bar_epoch; /* a team of one counts too (cancel.c) */
  if (n == 1)
    return true;
  unsigned nr = team->nrounds;
  for (unsigned r = 0, d = 1; d < n; r++, d <<= 1) {
    unsigned to = tid + d;
    if (to >= n)
      to -= n;
    tp_signal(&team->bar_flags[to * nr + r].v, epoch, team->member[to].thr);
    uint32_t *flag = &team->bar_flags[tid * nr + r].v;
    if (!abort)
      tp_wait_word(self, flag, epoch, &team->tasks->idle);
    else if (!tp_wait_word_or(self, flag, epoch, abort, &team->tasks->idle))
      return false;
  }
  return true;
}

/* The barrier; with abort, it gives up (false) once *abort is set.  A
 * member that gave up has signalled some rounds and not others, so the
 * team's epochs disagree until tp_cancel_region_end puts them back in
 * step: an aborted barrier is the region's last. */
static bool barrier_wait(struct tp_thread *self, const uint32_t *abort) {
  struct tp_team *team = self->team;
  uint64_t t0 = tp_stat_clock(self);
  tp_trace(self, TP_TR_BARRIER, TP_TR_BEGIN, NULL);
  TP_OMPT(tp_ompt_sync(self, TP_OMPT_BARRIER, true));
  if (tp_unlikely(tp_rt.det)) /* arrival in turns (detsched.h) */
    tp_task_det_arrive(self, team);
  else
    tp_task_drain(self, team);
  bool passed = barrier_rounds(self, team, abort);
  self->det_arrived = false;
  if (passed)
    tp_stats_barrier(self, t0); /* (an aborted one is not counted) */
  tp_trace(self, TP_TR_BARRIER, TP_TR_END, NULL);
  TP_OMPT(tp_ompt_sync(self, TP_OMPT_BARRIER, false));
  return passed;
}

void tp_barrier(struct tp_thread *self) { barrier_wait(self, NULL); }

bool tp_barrier_cancel(struct tp_thread *self) {
  struct tp_team *team = self->team;
  if (!tp_rt.g.cancel) {
    barrier_wait(self, NULL);
    return false;
  }
  if (tp_load_acq(&team->cancelled))
    return true;
  return !barrier_wait(self, &team->cancelled) || tp_load_acq(&team->cancelled);
}

void tp_join(struct tp_thread *self, struct tp_team *team, unsigned tid,
             uint32_t epoch) {
  unsigned n = team->nthreads;
  tp_task_join(self, team, tid, epoch);
  for (unsigned c = tid * JOIN_ARITY + 1; c <= tid * JOIN_ARITY + JOIN_ARITY && c < n; c++)
    tp_wait_word(self, &team->join_flags[c].v, epoch, &team->tasks->idle);
  tp_task_drain(self, team);
  if (tid != 0) {
    unsigned parent = (tid - 1) / JOIN_ARITY;
    /* Last access to the team: after this the master may reuse or free it. */
    tp_signal(&team->join_flags[tid].v, epoch, team->member[parent].thr);
  }
}
