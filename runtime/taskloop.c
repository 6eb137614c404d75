/* taskloop.c — the taskloop construct: split the iteration space into
 * tasks (struct tp_taskloop in taskpriv.h: each ABI says how a chunk's data
 * block is made).
 *
 * Splitting (OpenMP 5.1, 2.12.2): num_tasks(k) makes min(k, n) tasks of
 * near-equal size; grainsize(g) makes n/g tasks of between g and 2g
 * iterations; with the strict modifier every task but the last has
 * exactly g.  Without either clause, one task per team member.
 *
 * Lazy taskloop (TEMPO_LAZY_TASKLOOP, on by default): instead of creating
 * every task up front, the construct creates one *range task* holding all
 * the chunks; it runs them one after another, each as its own (included)
 * task with its own data block, and whenever a thread is hungry it splits
 * off the upper half of the chunks it has left as a new, published range
 * task.  The chunks — how many, which iterations each — are exactly the
 * eager ones (strict counts included); only how many runtime tasks carry
 * them depends on demand.  Used when the caller waits for the chunks
 * (no TP_LOOP_NOGROUP): they are made from the ABI's ctx when they run,
 * which the caller keeps alive until then. */
#include <stdlib.h>
#include <string.h>

#include "taskpool.h"
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
  const struct tp_taskloop *l;   /* in the encountering task's frame */
  struct split sp;
  uint64_t first, last;          /* chunks [first, last) */
  int prio;
};

static inline uint64_t chunk_start(const struct tp_taskloop *l, const struct split *sp,
                                   uint64_t i) {
  uint64_t before = i * sp->base + (i < sp->extra ? i : sp->extra);
  return l->start + before * l->step;
}

static inline size_t block_align(const struct tp_taskloop *l) {
  long al = l->arg_align;
  return al > 0 && !(al & (al - 1)) ? (size_t)al : _Alignof(max_align_t);
}

static void range_run(void *p);

/* A new published range task for chunks [first, last) of r. */
static void range_spawn(struct tp_thread *self, const struct range *r, uint64_t first,
                        uint64_t last) {
  struct tp_task *t = tp_task_new(self, sizeof *r, _Alignof(struct range), 0, r->l->flags,
                                  r->prio);
  struct range *n = t->data;
  *n = *r;
  n->first = first;
  n->last = last;
  t->fn = range_run;
  tp_task_publish(self, t);
}

/* Runs chunk i as an included task on a data block of its own. */
static void chunk_run(struct tp_thread *self, const struct tp_taskloop *l,
                      const struct split *sp, uint64_t i) {
  uint64_t lo = chunk_start(l, sp, i), hi = lo + task_iters(sp, i) * l->step;
  size_t al = block_align(l), size = (size_t)(l->arg_size > 0 ? l->arg_size : 0) + al;
  char small[512];
  char *raw = size <= sizeof small ? small : tp_malloc(size);
  char *b = (char *)(((uintptr_t)raw + al - 1) & ~(uintptr_t)(al - 1));
  l->prepare(l, NULL, b, lo, hi, i == sp->ntasks - 1);
  tp_task_run_included(self, l->fn, b, self->task->final || (l->flags & TP_TASK_FINAL));
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
    chunk_run(self, r->l, &r->sp, i);
  }
}

void tp_task_discard(struct tp_thread *self, struct tp_task *t) {
  tp_taskpool_put(self, t);
}

void tp_taskloop(struct tp_thread *self, const struct tp_taskloop *l) {
  if (l->n == 0)
    return;
  struct tp_team *team = self->team;
  struct split sp = split_loop(l->n, l->flags, l->num, team->nthreads);
  struct tp_task *parent = tp_task_cur(self);
  bool undeferred = !(l->flags & TP_LOOP_IF) || parent->final;
  bool final = parent->final || (l->flags & TP_TASK_FINAL);
  int prio = tp_task_priority(l->priority);
  if (undeferred) {
    /* Every chunk's data is made before any runs, as at the construct. */
    size_t al = block_align(l);
    size_t sz = ((size_t)(l->arg_size > 0 ? l->arg_size : 0) + al - 1) & ~(al - 1);
    if (sz < al)
      sz = al;
    char *buf = tp_aligned_alloc(al < sizeof(void *) ? sizeof(void *) : al, sz * sp.ntasks);
    uint64_t lo = l->start;
    for (uint64_t i = 0; i < sp.ntasks; i++) {
      uint64_t hi = lo + task_iters(&sp, i) * l->step;
      l->prepare(l, NULL, buf + i * sz, lo, hi, i == sp.ntasks - 1);
      lo = hi;
    }
    for (uint64_t i = 0; i < sp.ntasks; i++)
      tp_task_run_included(self, l->fn, buf + i * sz, final);
    free(buf);
  } else if (tp_rt.lazy_taskloop && !(l->flags & TP_LOOP_NOGROUP) && sp.ntasks > 1 &&
             !tp_task_throttled(self)) {
    struct range r = {l, sp, 0, sp.ntasks, prio};
    struct tp_task *t = tp_task_new(self, sizeof r, _Alignof(struct range), 0, l->flags, prio);
    *(struct range *)t->data = r;
    t->fn = range_run;
    tp_task_submit(self, t, NULL);
  } else {
    for (uint64_t i = 0; i < sp.ntasks; i++) {
      if (tp_task_throttled(self)) {
        chunk_run(self, l, &sp, i); /* now, in this frame */
        continue;
      }
      uint64_t lo = chunk_start(l, &sp, i), hi = lo + task_iters(&sp, i) * l->step;
      struct tp_task *t = tp_task_new(self, l->arg_size, l->arg_align, 0, l->flags, prio);
      self->task = t; /* the data is made as the new task (copy constructors) */
      l->prepare(l, t, t->data, lo, hi, i == sp.ntasks - 1);
      self->task = parent;
      t->fn = l->fn;
      tp_task_submit(self, t, NULL);
    }
  }
}
