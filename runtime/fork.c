/* fork.c — a child of fork() gets a working runtime.
 *
 * fork() copies only the calling thread.  The child's memory still lists
 * the parent's workers (idle in the pool, members of hot teams) but none of
 * them runs, and a runtime lock that another thread held at that moment
 * would stay held for ever: a child that used OpenMP then hung (libgomp
 * does, GCC bug 60035).  So:
 *  - around fork the runtime's own locks are taken (prepare) and released
 *    (parent, child): the child's copies of what they guard are whole;
 *  - in the child every worker is forgotten: the pool starts empty, the
 *    forking thread's hot teams are dropped (leaked: disbanding them would
 *    hand dead threads to the pool), and the next region starts new
 *    workers at full team size;
 *  - a region the forking thread was inside (and every region around it)
 *    goes on as a team of one, so its barriers and its end do not wait for
 *    members that do not exist.  The thread keeps its number: compiled code
 *    has it (and the team size) cached, so a static loop still does only
 *    this thread's share, while dynamic ones hand it every iteration left.
 *    What ran on the other members is lost with them, which no runtime can
 *    help.  A worker has no program to return to after its region: in a
 *    child it ends the process.
 * The parent is untouched; vfork and posix_spawn run no handler. */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

#include "rt.h"
#include "tasksched.h"

/* Locks taken in this order, released in reverse; none is ever held
 * while another is taken. */
static uint32_t *const runtime_locks[] = {
    &tp_rt.pool_lock,
    &tp_rt.task_depot_lock,
    &tp_rt.tpvar_lock,
};
enum { NLOCKS = sizeof runtime_locks / sizeof runtime_locks[0] };

static void fork_prepare(void) {
  for (unsigned i = 0; i < NLOCKS; i++)
    tp_mutex_lock(runtime_locks[i]);
}

static void fork_parent(void) {
  for (unsigned i = NLOCKS; i-- > 0;)
    tp_mutex_unlock(runtime_locks[i]);
}

/* The forking thread is the only member left of `team`. */
static void team_shrink(struct tp_thread *self, struct tp_team *team) {
  team->nthreads = 1;
  team->master = self;
  /* Published tasks still count if they are on this thread's deques;
   * those of the others went with them. */
  struct tp_team_tasks *tasks = team->tasks;
  tasks->pending = tp_deque_count(&self->wq->pub) + tp_deque_count(&self->wq->prio);
  tasks->nsleep = 0;
}

static void fork_child(void) {
  for (unsigned i = 0; i < NLOCKS; i++)
    *runtime_locks[i] = 0; /* taken by this thread in fork_prepare */
  tp_rt.pool_idle = NULL;
  tp_rt.workers_total = 0;
  tp_rt.threads_busy = 0;
  struct tp_thread *self = tp_tls_self;
  if (!self)
    return; /* this thread never used OpenMP: nothing of its own to fix */
  for (unsigned l = 0; l < TP_HOT_LEVELS; l++)
    self->hot_team[l] = NULL;
  /* A thief may have held a deque lock of this thread's. */
  self->wq->pub.lock = 0;
  self->wq->prio.lock = 0;
  self->wq->hungry = 0;
  if (self->cg_busy)
    *self->cg_busy = 1;
  if (self->team && self->team->nthreads > 1)
    self->forked_in_region = true;
  for (struct tp_team *t = self->team; t; t = t->parent)
    if (t->nthreads > 1)
      team_shrink(self, t);
}

void tp_fork_init(void) {
  if (pthread_atfork(fork_prepare, fork_parent, fork_child) != 0)
    tp_warn("cannot register fork handlers: a child of fork() that uses "
            "OpenMP may hang");
}
