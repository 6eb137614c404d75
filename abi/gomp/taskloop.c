/* taskloop.c — GOMP_taskloop and GOMP_taskloop_ull: gcc's data block (its
 * first two 8-byte fields receive each chunk's [start, end); with a
 * reduction clause the third points to the reduction descriptor) and its
 * taskgroup, around the core's taskloop. */
#include <string.h>

#include "depend.h"
#include "taskred.h"
#include "../../runtime/ompt.h"
#include "../../runtime/ws.h"

struct gomp_block {
  void *data;
  void (*cpyfn)(void *, void *);
  long size;
};

static void prepare(const struct tp_taskloop *l, struct tp_task *t, void *dst, uint64_t lo,
                    uint64_t hi, bool last) {
  (void)t, (void)last;
  const struct gomp_block *g = l->ctx;
  if (g->cpyfn)
    g->cpyfn(dst, g->data);
  else if (g->size > 0)
    memcpy(dst, g->data, (size_t)g->size);
  ((uint64_t *)dst)[0] = lo;
  ((uint64_t *)dst)[1] = hi;
}

static void taskloop(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
                     long arg_size, long arg_align, unsigned gflags, unsigned long num_tasks,
                     int priority, uint64_t start, uint64_t end, uint64_t step, bool is_ull) {
  struct tp_thread *self = tp_self();
  unsigned flags = gomp_task_flags(gflags);
  bool group = !(flags & TP_LOOP_NOGROUP);
  uintptr_t *red = (flags & TP_LOOP_REDUCTION) ? ((uintptr_t **)data)[2] : NULL;
  uint64_t n = 0;
  if (step == 0) {
    if (start != end)
      tp_warn("taskloop with a zero step; no iteration executed");
  } else {
    n = is_ull ? tp_loop_count_ull((flags & TP_LOOP_UP) != 0, start, end, step)
               : tp_loop_count((long)start, (long)end, (long)step);
  }
  if (n == 0) {
    if (red && group)
      red[2] = 0; /* tells gcc's code there is nothing to combine or free */
    return;
  }
  /* The construct is the shim's (its taskgroup around the core's loop). */
  TP_OMPT(tp_ompt_work(self, TP_OMPT_WORK_TASKLOOP, true, n));
  if (group) {
    tp_taskgroup_start(self);
    if (red)
      gomp_taskred_taskgroup_register(self, red);
  }
  struct gomp_block g = {data, cpyfn, arg_size};
  struct tp_taskloop l = {
      .fn = fn, .arg_size = arg_size > 16 ? arg_size : 16, .arg_align = arg_align,
      .prepare = prepare, .ctx = &g, .flags = flags, .num = num_tasks,
      .priority = (gflags & GOMP_TF_PRIORITY) ? priority : 0,
      .start = start, .step = step, .n = n};
  tp_taskloop(self, &l);
  if (group)
    tp_taskgroup_end(self);
  TP_OMPT(tp_ompt_work(self, TP_OMPT_WORK_TASKLOOP, false, n));
}

void GOMP_taskloop(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
                   long arg_size, long arg_align, unsigned flags,
                   unsigned long num_tasks, int priority, long start, long end,
                   long step) {
  taskloop(fn, data, cpyfn, arg_size, arg_align, flags, num_tasks, priority,
           (uint64_t)start, (uint64_t)end, (uint64_t)step, false);
}

void GOMP_taskloop_ull(void (*fn)(void *), void *data,
                       void (*cpyfn)(void *, void *), long arg_size,
                       long arg_align, unsigned flags, unsigned long num_tasks,
                       int priority, unsigned long long start,
                       unsigned long long end, unsigned long long step) {
  taskloop(fn, data, cpyfn, arg_size, arg_align, flags, num_tasks, priority, start, end,
           step, true);
}
