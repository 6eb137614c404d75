/* ompt.h — the OpenMP tools interface (OMPT, OpenMP 5.1 chapter 4): a tool
 * found at start-up (an ompt_start_tool function in the process, or a
 * library named by OMP_TOOL_LIBRARIES) registers callbacks, and the
 * runtime calls them from the places where it decides: threads, parallel
 * regions and their implicit tasks, barriers (explicit, worksharing ends,
 * region ends), taskwait, explicit tasks' creation (with their depend
 * clauses) and scheduling, mutual exclusion (locks, critical, atomic),
 * worksharing (work: loops, sections, single, distribute, taskloop; the
 * chunks and sections handed out: dispatch), cancellation, and masked.
 *
 * No tool: each hook is one test of tp_rt.ompt.  With a tool, every task
 * gets a descriptor (no lazy included tasks, no TEMPO_INLINE_SLACK), so
 * the tool sees each one with its own data word.  Not reported:
 * dependences between tasks as found (task_dependence), target, scope,
 * workshare (Fortran); untied tasks on fibers (TEMPO_FIBERS=1) are
 * reported as they start and complete, not as they suspend.
 *
 * Worksharing, as the ABIs allow (docs: README "OMPT"):
 *  - work begin carries the construct's count (loop iterations, sections,
 *    1 for single, taskloop iterations), work end 0 for loops, sections
 *    and distribute (as libomp), the same count for single and taskloop;
 *  - gcc compiles static loops to arithmetic on the thread number: only
 *    their barrier is seen (clang's call __kmpc_for_static_init/_fini);
 *  - gcc calls nothing at the end of a single, so the executor's end is
 *    reported when it next reaches a barrier (the construct's own, unless
 *    nowait), a worksharing construct or its implicit task's end;
 *  - dispatch: one per chunk of a loop the runtime schedules (dynamic,
 *    guided, runtime, ordered; instance = the chunk's first value) and one
 *    per section gcc asks for (instance = its number from 0); clang's
 *    static loops and sections compute their chunks in compiled code;
 *  - master/masked and reduction: clang's only (gcc compiles them to a
 *    thread-number test, and combines reductions in compiled code);
 *    distribute: clang's only (gcc computes it inline);
 *  - cancel: activated at a cancel construct, detected at a cancellation
 *    point that finds it (not when a cancellable barrier ends early).
 * The thread state (ompt_get_state) is coarse: serial, parallel, waiting
 * in a barrier or taskwait, reduction, idle in the pool. */
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

/* Worksharing constructs (ompt_work_t, in this order).  A member has at
 * most one open at a time (tp_member.ompt_work, per team, so nested
 * regions keep theirs): a begin while one is open is not reported again
 * (a clang static doacross loop enters the core's construct too), an end
 * with none open is not reported. */
enum tp_ompt_work {
  TP_OMPT_WORK_LOOP = 1,
  TP_OMPT_WORK_SECTIONS,
  TP_OMPT_WORK_SINGLE_EXECUTOR,
  TP_OMPT_WORK_SINGLE_OTHER,
  TP_OMPT_WORK_DISTRIBUTE = 6,
  TP_OMPT_WORK_TASKLOOP,
};
void tp_ompt_work_begin(struct tp_thread *self, enum tp_ompt_work kind,
                        uint64_t count) tp_hidden;
/* A construct reported whole from one call (taskloop: the shims' calls
 * bracket it), with no open state. */
void tp_ompt_work(struct tp_thread *self, enum tp_ompt_work kind, bool begin,
                  uint64_t count) tp_hidden;
/* Ends the member's open construct, if any. */
void tp_ompt_work_end(struct tp_thread *self) tp_hidden;
/* tp_single_start's outcome: the executor's construct stays open, the
 * others' begins and ends at once. */
void tp_ompt_single(struct tp_thread *self, bool executor) tp_hidden;
/* A chunk of a loop (its first value) or a section (its number). */
void tp_ompt_dispatch(struct tp_thread *self, bool section, uint64_t instance) tp_hidden;
/* Cancellation of `which` (TP_CANCEL_*): activated by this thread, or
 * detected at a cancellation point. */
void tp_ompt_cancel(struct tp_thread *self, int which, bool activated) tp_hidden;
/* A masked (or master) region begins or ends on the thread that runs it. */
void tp_ompt_masked(struct tp_thread *self, bool begin) tp_hidden;
/* The combination of a reduction clause's private copies begins or ends
 * (clang's __kmpc_reduce*: gcc combines in compiled code). */
void tp_ompt_reduction(struct tp_thread *self, bool begin) tp_hidden;

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
