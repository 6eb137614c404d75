/* ompt.h — the OpenMP tools interface (OMPT, OpenMP 5.1 chapter 4): a tool
 * found at start-up (an ompt_start_tool function in the process, or a
 * library named by OMP_TOOL_LIBRARIES) registers callbacks, and the
 * runtime calls them from the places where it decides: threads, parallel
 * regions and their implicit tasks, barriers (explicit, worksharing ends,
 * region ends), taskwait, explicit tasks' creation (with their depend
 * clauses) and scheduling, and mutual exclusion (locks, critical, atomic).
 *
 * No tool: each hook is one test of tp_rt.ompt.  With a tool, every task
 * gets a descriptor (no lazy included tasks, no TEMPO_INLINE_SLACK), so
 * the tool sees each one with its own data word.  Not yet reported:
 * worksharing (work/dispatch), dependences between tasks as found
 * (task_dependence), cancellation, target; untied tasks on fibers
 * (TEMPO_FIBERS=1) are reported as they start and complete, not as they
 * suspend. */
#ifndef TEMPO_OMPT_H
#define TEMPO_OMPT_H

#include "rt.h"

struct tp_task;
struct tp_dep;

/* Looks for a tool (init.c, once) and finalizes it (at exit). */
void tp_ompt_init(void) tp_hidden;
void tp_ompt_fini(void) tp_hidden;

enum tp_ompt_sync { TP_OMPT_BARRIER, TP_OMPT_BARRIER_END_OF_REGION, TP_OMPT_TASKWAIT };

void tp_ompt_thread_begin(struct tp_thread *self, bool initial) tp_hidden;
void tp_ompt_thread_end(struct tp_thread *self) tp_hidden;
void tp_ompt_parallel(struct tp_thread *self, struct tp_team *team, unsigned requested,
                      bool begin) tp_hidden;
void tp_ompt_implicit_task(struct tp_thread *self, struct tp_team *team, struct tp_task *it,
                           unsigned tid, bool begin) tp_hidden;
void tp_ompt_sync(struct tp_thread *self, enum tp_ompt_sync kind, bool begin) tp_hidden;
/* Explicit task t created by `parent` (undeferred: it starts at once). */
void tp_ompt_task_create(struct tp_thread *self, struct tp_task *parent, struct tp_task *t,
                         bool undeferred) tp_hidden;
/* New task t's depend clauses (after its task_create). */
void tp_ompt_dependences(struct tp_task *t, const struct tp_dep *deps, unsigned n) tp_hidden;
/* The thread leaves `prior` (complete, or switched away from) for `next`. */
void tp_ompt_task_schedule(struct tp_task *prior, bool complete, struct tp_task *next) tp_hidden;

/* A mutual exclusion the program asked for was acquired, or is about to be
 * released: a lock, a nest lock (first set, last unset), a critical
 * section (its lock's address), the atomic fallback lock. */
enum tp_ompt_mutex { TP_OMPT_LOCK, TP_OMPT_NEST_LOCK, TP_OMPT_CRITICAL, TP_OMPT_ATOMIC };
void tp_ompt_mutex(enum tp_ompt_mutex kind, const void *id, bool acquired) tp_hidden;

/* Critical sections and the atomic lock, for the shims: the lock and what a
 * tool is told. */
static inline void tp_critical_enter(uint32_t *lock, enum tp_ompt_mutex kind) {
  tp_mutex_lock(lock);
  if (tp_unlikely(tp_rt.ompt))
    tp_ompt_mutex(kind, lock, true);
}
static inline void tp_critical_leave(uint32_t *lock, enum tp_ompt_mutex kind) {
  if (tp_unlikely(tp_rt.ompt))
    tp_ompt_mutex(kind, lock, false);
  tp_mutex_unlock(lock);
}

#define TP_OMPT(call)                                                          \
  do {                                                                         \
    if (tp_unlikely(tp_rt.ompt))                                               \
      call;                                                                    \
  } while (0)

#endif
