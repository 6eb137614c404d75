/* taskloop.c — the taskloop construct: split the iteration space into
 * tasks.
 *
 * The loop comes as start/end/step (long, or unsigned long long with
 * TP_LOOP_UP telling the direction) and a data block whose first two 8-byte
 * fields receive each task's [start, end); with a reduction clause the
 * third field points to the reduction descriptor (taskred.c).  num_tasks
 * is the grainsize when TP_LOOP_GRAINSIZE is set, the number of tasks
 * otherwise (0: no clause).
 *
 * Splitting (OpenMP 5.1, 2.12.2): num_tasks(k) makes min(k, n) tasks of
 * near-equal size; grainsize(g) makes n/g tasks of between g and 2g
 * iterations; with the strict modifier every task but the last has
 * exactly g.  Without either clause, one task per team member.
 *
 * Lazy taskloop (TEMPO_LAZY_TASKLOOP, on by default): instead of creating
 * every task up front, the construct creates one *range task* holding all
 * the chunks; it runs them one after another, each as its own (included)
 * task with its own copy of the data, and whenever a thread is hungry it
 * splits off the upper half of the chunks it has left as a new, published
 * range task.  The chunks — how many, which iterations each — are exactly
 * the eager ones (strict counts included); only how many runtime tasks
 * carry them depends on demand.  Used when the construct waits for its
 * tasks (no nogroup): the chunks copy the data block from the encountering
 * task's frame when they run, which the taskgroup keeps alive. */
#include <stdlib.h>
#include <string.h>

#include "taskpriv.h"
#include "tasksched.h"

struct split {
  uint64_t ntasks;
  uint64_t base;   /* iterations of most tasks */
  uint64_t extra;  /* the first `extra` tasks have base + 1 */
  uint64_t last;   /* strict grainsize: the last task's iterations (0: base) */
};

static struct split split_loop(uint64_t n, unsigned flags, unsigned long arg,
                               unsigned nthreads) {
  struct split s = {0, 0, 0, 0};
  if (flags & TP_LOOP_GRAINSIZE) {
    uint64_t g = arg ? arg : 1;
    if (flags & TP_LOOP_STRICT) {
      s.ntasks = n / g + (n % g != 0);
      s.base = g;
      s.last = n % g;
      return s;
    }
    s.ntasks = n / g ? n / g : 1;
  } else {
    s.ntasks = arg ? arg : nthreads;
    if (s.ntasks > n)
      s.ntasks = n;
    if (!s.ntasks)
      s.ntasks = 1;
  }
  s.base = n / s.ntasks;
  s.extra = n % s.ntasks;
  return s;
}

static inline uint64_t task_iters(const struct split *s, uint64_t i) {
  if (s->last && i == s->ntasks - 1)
    return s->last;
  return s->base + (i < s->extra);
}

/* The data block of a range task. */
struct range {
  void (*fn)(void *);
  void *data;                    /* the encountering task's block */
  void (*cpyfn)(void *, void *);
  long arg_size, arg_align;
  struct split sp;
  uint64_t start, step;
  uint64_t first, last;          /* chunks [first, last) */
  unsigned flags;
  int prio;
};

static inline uint64_t chunk_start(const struct range *r, uint64_t i) {
  uint64_t before = i * r->sp.base + (i < r->sp.extra ? i : r->sp.extra);
  return r->start + before * r->step;
}

static void range_run(void *p);

/* A new published range task for chunks [first, last) of r. */
static void range_spawn(struct tp_thread *self, const struct range *r, uint64_t first,
                        uint64_t last) {
  struct tp_task *t = tp_task_new(self, sizeof *r, _Alignof(struct range), 0, r->flags,
                                  r->prio);
  struct range *n = t->data;
  *n = *r;
  n->first = first;
  n->last = last;
  t->fn = range_run;
  tp_task_publish(self, t);
}

/* Runs one chunk as an included task on its own copy of the data. */
static void chunk_run(struct tp_thread *self, const struct range *r, uint64_t i) {
  uint64_t lo = chunk_start(r, i), hi = lo + task_iters(&r->sp, i) * r->step;
  long al = r->arg_align > 0 && !(r->arg_align & (r->arg_align - 1))
                ? r->arg_align : (long)_Alignof(max_align_t);
  size_t size = (size_t)(r->arg_size > 16 ? r->arg_size : 16) + (size_t)al;
  char small[512];
  char *raw = size <= sizeof small ? small : tp_malloc(size);
  char *b = (char *)(((uintptr_t)raw + (uintptr_t)al - 1) & ~((uintptr_t)al - 1));
  if (r->cpyfn)
    r->cpyfn(b, r->data);
  else if (r->arg_size > 0)
    memcpy(b, r->data, (size_t)r->arg_size);
  ((uint64_t *)b)[0] = lo;
  ((uint64_t *)b)[1] = hi;
  tp_task_run_included(self, r->fn, b, self->task->final || (r->flags & TP_TASK_FINAL));
  if (raw != small)
    free(raw);
}

static void range_run(void *p) {
  struct range *r = p;
  struct tp_thread *self = tp_self();
  for (uint64_t i = r->first; i < r->last; i++) {
    if (tp_unlikely(tp_sched_hungry(self)) && r->last - i >= 2) {
      uint64_t mid = i + (r->last - i + 1) / 2;
      range_spawn(self, r, mid, r->last);
      r->last = mid;
      tp_sched_promote(self); /* answers the hunger (and clears it) */
    }
    chunk_run(self, r, i);
  }
}

void tp_taskloop(struct tp_thread *self, void (*fn)(void *), void *data,
                 void (*cpyfn)(void *, void *), long arg_size, long arg_align,
                 unsigned flags, unsigned long num_tasks, int priority,
                 uint64_t start, uint64_t end, uint64_t step, bool is_ull) {
  bool up = is_ull ? (flags & TP_LOOP_UP) != 0 : (int64_t)step > 0;
  bool empty = up ? (is_ull ? start >= end : (int64_t)start >= (int64_t)end)
                  : (is_ull ? start <= end : (int64_t)start <= (int64_t)end);
  bool group = !(flags & TP_LOOP_NOGROUP);
  uintptr_t *red = (flags & TP_LOOP_REDUCTION) ? ((uintptr_t **)data)[2] : NULL;
  if (empty || step == 0) {
    if (step == 0 && !empty)
      tp_warn("taskloop with a zero step; no iteration executed");
    if (red && group)
      red[2] = 0; /* tells gcc's code there is nothing to combine or free */
    return;
  }
  uint64_t n = up ? (end - start + step - 1) / step
                  : (start - end - step - 1) / (0 - step);

  struct tp_team *team = self->team;
  struct split sp = split_loop(n, flags, num_tasks, team->nthreads);
  if (group) {
    tp_taskgroup_start(self);
    if (red)
      tp_taskred_taskgroup_register(self, red);
  }

  struct tp_task *parent = self->task;
  bool undeferred = !(flags & TP_LOOP_IF) || parent->final;
  int prio = tp_task_priority(priority);
  uint64_t lo = start;
  if (undeferred && cpyfn) {
    /* Copy every task's data before any runs, as at the construct. */
    if (arg_align <= 0 || (arg_align & (arg_align - 1)))
      arg_align = (long)_Alignof(max_align_t);
    size_t sz = ((size_t)(arg_size > 0 ? arg_size : 0) + (size_t)arg_align - 1) &
                ~((size_t)arg_align - 1);
    if (sz < 2 * sizeof(uint64_t))
      sz = 2 * sizeof(uint64_t);
    char *buf = tp_aligned_alloc((size_t)arg_align < sizeof(void *) ? sizeof(void *)
                                                                    : (size_t)arg_align,
                                 sz * sp.ntasks);
    for (uint64_t i = 0; i < sp.ntasks; i++)
      cpyfn(buf + i * sz, data);
    for (uint64_t i = 0; i < sp.ntasks; i++) {
      uint64_t *a = (uint64_t *)(buf + i * sz);
      a[0] = lo;
      lo += task_iters(&sp, i) * step;
      a[1] = lo;
      tp_task_run_included(self, fn, a, parent->final || (flags & TP_TASK_FINAL));
    }
    free(buf);
  } else if (tp_rt.lazy_taskloop && group && !undeferred && sp.ntasks > 1 &&
             !tp_task_throttled(self)) {
    struct range r = {fn, data, cpyfn, arg_size, arg_align, sp, start, step,
                      0, sp.ntasks, flags, prio};
    struct tp_task *t = tp_task_new(self, sizeof r, _Alignof(struct range), 0, flags, prio);
    *(struct range *)t->data = r;
    t->fn = range_run;
    tp_task_submit(self, t, NULL);
  } else {
    for (uint64_t i = 0; i < sp.ntasks; i++) {
      uint64_t hi = lo + task_iters(&sp, i) * step;
      if (undeferred || tp_task_throttled(self)) {
        /* Run this chunk now; the block is the caller's argument copy. */
        if (cpyfn) {
          long al = arg_align > 0 && !(arg_align & (arg_align - 1))
                        ? arg_align : (long)_Alignof(max_align_t);
          char *b = tp_aligned_alloc((size_t)al < sizeof(void *) ? sizeof(void *)
                                                                 : (size_t)al,
                                     (size_t)(arg_size > 16 ? arg_size : 16));
          cpyfn(b, data);
          ((uint64_t *)b)[0] = lo;
          ((uint64_t *)b)[1] = hi;
          tp_task_run_included(self, fn, b, parent->final || (flags & TP_TASK_FINAL));
          free(b);
        } else {
          ((uint64_t *)data)[0] = lo;
          ((uint64_t *)data)[1] = hi;
          tp_task_run_included(self, fn, data, parent->final || (flags & TP_TASK_FINAL));
        }
      } else {
        struct tp_task *t = tp_task_new(self, arg_size, arg_align, 0, flags, prio);
        if (cpyfn) {
          self->task = t;
          cpyfn(t->data, data);
          self->task = parent;
        } else if (arg_size > 0) {
          memcpy(t->data, data, (size_t)arg_size);
        }
        ((uint64_t *)t->data)[0] = lo;
        ((uint64_t *)t->data)[1] = hi;
        t->fn = fn;
        tp_task_submit(self, t, NULL);
      }
      lo = hi;
    }
  }
  if (group)
    tp_taskgroup_end(self);
}
