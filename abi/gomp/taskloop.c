/* taskloop.c — GOMP_taskloop and GOMP_taskloop_ull. */
#include "depend.h"

void GOMP_taskloop(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
                   long arg_size, long arg_align, unsigned flags,
                   unsigned long num_tasks, int priority, long start, long end,
                   long step) {
  tp_taskloop(tp_self(), fn, data, cpyfn, arg_size, arg_align, gomp_task_flags(flags), num_tasks,
              (flags & GOMP_TF_PRIORITY) ? priority : 0, (uint64_t)start, (uint64_t)end, (uint64_t)step, false);
}

void GOMP_taskloop_ull(void (*fn)(void *), void *data,
                       void (*cpyfn)(void *, void *), long arg_size,
                       long arg_align, unsigned flags, unsigned long num_tasks,
                       int priority, unsigned long long start,
                       unsigned long long end, unsigned long long step) {
  tp_taskloop(tp_self(), fn, data, cpyfn, arg_size, arg_align, gomp_task_flags(flags), num_tasks,
              (flags & GOMP_TF_PRIORITY) ? priority : 0, start, end, step, true);
}
