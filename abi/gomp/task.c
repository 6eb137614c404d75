/* task.c — GOMP_task, taskwait, taskyield: gcc's flags and depend array
 * translated (depend.h), the rest is the core's. */
#include "depend.h"

/* A task with dependences, priority or detach (through a full
 * tp_task_spec), or the first one of a thread new to the runtime. */
static __attribute__((noinline)) void gomp_task_slow(
    void (*fn)(void *), void *data, void (*cpyfn)(void *, void *), long arg_size,
    long arg_align, bool if_clause, unsigned flags, void **depend, int priority,
    void *detach) {
  struct tp_thread *self = tp_self();
  if (!(flags & (GOMP_TF_DEPEND | GOMP_TF_PRIORITY | GOMP_TF_DETACH))) {
    tp_task_spawn_plain(self, fn, data, cpyfn, arg_size, arg_align,
                        gomp_task_flags(flags) | (if_clause ? 0 : TP_TASK_UNDEFERRED));
    return;
  }
  struct tp_task_spec s = {
      .fn = fn, .data = data, .cpyfn = cpyfn, .arg_size = arg_size,
      .arg_align = arg_align, .if_clause = if_clause,
      .flags = gomp_task_flags(flags),
      .priority = (flags & GOMP_TF_PRIORITY) ? priority : 0,
      .detach = (flags & GOMP_TF_DETACH) ? detach : NULL,
  };
  if (!(flags & GOMP_TF_DEPEND) || !depend) {
    tp_task_spawn(self, &s);
    return;
  }
  struct gomp_deps d;
  gomp_deps_read(&d, depend);
  s.deps = d.v;
  s.ndeps = d.n;
  tp_task_spawn(self, &s);
  gomp_deps_done(&d);
}

/* flags: GOMP_TASK_FLAG_*; depend: see depend.c; detach: address of the
 * omp_event_handle_t variable (detach clause). */
void GOMP_task(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
               long arg_size, long arg_align, bool if_clause, unsigned flags,
               void **depend, int priority, void *detach) {
  /* Both ways out are tail calls, so this frame saves no register. */
  struct tp_thread *self = tp_tls_self;
  if (tp_likely(self && !(flags & (GOMP_TF_DEPEND | GOMP_TF_PRIORITY | GOMP_TF_DETACH)))) {
    tp_task_spawn_plain(self, fn, data, cpyfn, arg_size, arg_align,
                        gomp_task_flags(flags) | (if_clause ? 0 : TP_TASK_UNDEFERRED));
    return;
  }
  gomp_task_slow(fn, data, cpyfn, arg_size, arg_align, if_clause, flags, depend, priority,
                 detach);
}

void GOMP_taskwait(void) { tp_taskwait(tp_self()); }

void GOMP_taskwait_depend(void **depend) {
  struct gomp_deps d;
  gomp_deps_read(&d, depend);
  tp_taskwait_depend(tp_self(), d.v, d.n);
  gomp_deps_done(&d);
}

/* A task scheduling point: every task is tied here, so there is no task
 * to switch to that the thread could not also run at its next wait; but a
 * task that yields in a loop must let hungry threads take its siblings. */
void GOMP_taskyield(void) { tp_task_yield(tp_self()); }
