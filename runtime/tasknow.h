/* tasknow.h — a task run at once, inside the current one, without a
 * descriptor: the decision and the frame around its body.  Shared by
 * task.c and an ABI shim that calls a task's body itself (clang's
 * __kmpc_omp_task: the task's memory came from tp_task_unbound_init, and
 * calling the entry from the shim saves a call through the descriptor and
 * a frame, about a quarter of such a task's instructions).
 *
 * A lazy frame (task.c, "lazy included tasks") counts itself in
 * self->lazy and runs the body; whoever needs the task itself calls
 * tp_task_cur, which gives every open lazy frame its descriptor.  The
 * frame's end notices that and ends the descriptor (tp_task_lazy_end). */
#ifndef TEMPO_TASKNOW_H
#define TEMPO_TASKNOW_H

#include "taskpool.h"
#include "taskpriv.h"
#include "tasksched.h"

/* Makes pooled descriptor t (tp_taskpool_get/try_get, with room for its
 * data) a task for an ABI that hands out a task's memory before it knows
 * what the task will be (clang's __kmpc_omp_task_alloc): no task's child
 * yet (parent NULL; fn, data, detach and priority may be set), its data
 * aligned to arg_align (a power of two).  tp_task_spawn_new runs a plain
 * one that runs at once without ever binding it (a lazy included task);
 * tp_task_begin_undeferred and any deferred spawn bind it to the current
 * task.  Inline: the clause fields only, kept there until the binding. */
static inline struct tp_task *tp_task_unbound_init(struct tp_task *t, size_t arg_align,
                                                   unsigned flags) {
  t->parent = NULL;
  t->fn = NULL;
  t->detach = false;
  t->priority = 0;
  t->untied = (flags & TP_TASK_UNTIED) != 0;
  t->final = (flags & TP_TASK_FINAL) != 0;
  t->data = (void *)(((uintptr_t)(t + 1) + arg_align - 1) & ~(uintptr_t)(arg_align - 1));
  return t;
}

/* Ends a lazy frame that got a descriptor while it ran (task.c). */
void tp_task_lazy_end(struct tp_thread *self) tp_hidden;

/* Has this thread run so many tasks at once, inside one another, that the
 * next optional one had better wait on the ring?  (Each nests on the
 * stack: a chain of a million tasks that each create the next overflowed
 * it, as with libgomp at one thread.)  Not outside parallel regions, whose
 * tasks all run at once: no barrier would run a deferred one. */
static inline bool tp_task_too_deep(const struct tp_thread *self) {
  return tp_unlikely(self->nested_now >= TP_RUN_NOW_NESTING_MAX) && self->team->level > 0;
}

/* Whether a plain task runs at once whatever else it says: its thread is
 * a team of one (nobody could take it; what libgomp makes cheapest). */
static inline bool tp_task_alone(const struct tp_thread *self) {
  return self->team->nthreads == 1 && !tp_rt.g.cancel && !tp_task_too_deep(self);
}

/* Should a plain task of the current task run at once although others
 * could take it?  The scheduler says (tp_sched_run_now); never when
 * cancellation is on (an included task skips the cancelled check). */
static inline bool tp_task_run_now(struct tp_thread *self, const struct tp_task *parent) {
  return !tp_rt.g.cancel && tp_sched_run_now(self, parent->floor, self->nested_now);
}

/* Does unbound task t (tp_task_unbound_init, filled in, not yet spawned)
 * run at once as a lazy included task?  Only a plain one: no dependences
 * (the caller's to check), detach, priority or final clause, and no tool
 * watching (a tool sees every task). */
static inline bool tp_task_unbound_now(struct tp_thread *self, const struct tp_task *t) {
  return tp_likely(!t->parent && !t->detach && !t->priority && !t->final && !tp_rt.ompt) &&
         (tp_task_alone(self) || tp_task_run_now(self, self->task));
}

/* A task runs at once inside the current one, on this thread's stack:
 * counted in nested_now (tp_task_too_deep bounds it) and in the
 * statistics. */
static inline void tp_task_now_enter(struct tp_thread *self) {
  self->nested_now++;
  tp_stat(self, TP_STAT_TASKS_NOW, 1);
}
static inline void tp_task_now_leave(struct tp_thread *self) { self->nested_now--; }

/* Opens a lazy frame; returns its number, which tp_task_lazy_close
 * compares with. */
static inline unsigned tp_task_lazy_open(struct tp_thread *self) { return ++self->lazy; }

/* Closes lazy frame `me`.  self->lazy is back to `me` if nobody asked for
 * the task (inner frames restore it); else it is 0 (set by the
 * materialisation; later frames restore that), and the frame's descriptor
 * is self->task, to be ended as any included task's. */
static inline void tp_task_lazy_close(struct tp_thread *self, unsigned me) {
  if (tp_likely(self->lazy == me))
    self->lazy = me - 1;
  else
    tp_task_lazy_end(self);
}

/* Whether unbound task t, once it is to run at once, may run as a lazy
 * included task (without becoming the current task): not when it needs a
 * descriptor (detach, a final clause of its own, a tool watching). */
static inline bool tp_task_unbound_lazy(const struct tp_thread *self, const struct tp_task *t) {
  return !t->detach && (!t->final || self->task->final) && !tp_rt.ompt;
}

/* The frame around the body of unbound task t run at once as a lazy
 * included task: begin returns the frame for end, which gives t's memory
 * (its descriptor was only that) back to the pool. */
static inline unsigned tp_task_unbound_begin(struct tp_thread *self) {
  tp_task_now_enter(self);
  return tp_task_lazy_open(self);
}
static inline void tp_task_unbound_end(struct tp_thread *self, struct tp_task *t,
                                       unsigned frame) {
  tp_task_lazy_close(self, frame);
  tp_task_now_leave(self);
  tp_taskpool_put(self, t);
}

/* An unbound task that the ABI runs itself, undeferred (clang's if(false)
 * tasks, between __kmpc_omp_task_begin_if0 and _complete_if0): as a lazy
 * included task unless it needs a descriptor (detach, a final clause of
 * its own, a tool), else bound and made the current task
 * (tp_task_begin_undeferred).  Returns what tp_task_undeferred_close
 * takes: the lazy frame's number, or 0. */
static inline unsigned tp_task_undeferred_open(struct tp_thread *self, struct tp_task *t) {
  if (tp_likely(!t->parent && tp_task_unbound_lazy(self, t)))
    return tp_task_unbound_begin(self);
  tp_task_begin_undeferred(self, t);
  return 0;
}
static inline void tp_task_undeferred_close(struct tp_thread *self, struct tp_task *t,
                                            unsigned frame) {
  if (tp_likely(frame != 0))
    tp_task_unbound_end(self, t, frame);
  else
    tp_task_end_undeferred(self, t);
}

#endif
