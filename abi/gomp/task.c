/* task.c — GOMP_task, taskwait, taskyield. */
#include "../../runtime/taskpriv.h"

/* flags: GOMP_TASK_FLAG_* (taskpriv.h); depend: see taskdep.c; detach:
 * address of the omp_event_handle_t variable (detach clause). */
void GOMP_task(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
               long arg_size, long arg_align, bool if_clause, unsigned flags,
               void **depend, int priority, void *detach) {
  struct tp_task_spec s = {
      .fn = fn, .data = data, .cpyfn = cpyfn, .arg_size = arg_size,
      .arg_align = arg_align, .if_clause = if_clause, .flags = flags,
      .depend = depend, .priority = priority, .detach = detach,
  };
  tp_task_spawn(tp_self(), &s);
}

void GOMP_taskwait(void) { tp_taskwait(tp_self()); }

void GOMP_taskwait_depend(void **depend) { tp_taskwait_depend(tp_self(), depend); }

/* A task scheduling point: every task is tied here, so there is no task
 * to switch to that the thread could not also run at its next wait; but a
 * task that yields in a loop must let hungry threads take its siblings. */
void GOMP_taskyield(void) { tp_task_yield(tp_self()); }
