/* task.c — explicit tasks as clang emits them.
 *
 * clang allocates a task (__kmpc_omp_task_alloc), fills in its private and
 * shared data itself, then spawns it (__kmpc_omp_task, _with_deps) or, for
 * if(false), runs its entry between __kmpc_omp_task_begin_if0 and
 * _complete_if0.  The kmp_task_t clang sees lives in the data area of a
 * core task descriptor (tp_task_new), after a small header of ours:
 *
 *   [struct ktask: descriptor pointer, flags, state][kmp_task_t + privates][shareds]
 *
 * Untied tasks come back in parts: at each task scheduling point clang's
 * entry stores the next part_id, calls __kmpc_omp_task on the task itself
 * and returns.  Tempo runs the next part at once on the same thread (an
 * untied task may continue anywhere, here included), so the task ends when
 * an entry returns without having re-queued it. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kmpc.h"
#include "../../runtime/ompt.h"
#include "../../runtime/tasknow.h"

typedef kmp_int32 (*kmp_routine_entry_t)(kmp_int32, void *);
typedef union {
  kmp_int32 priority;
  kmp_routine_entry_t destructors;
} kmp_cmplrdata_t;
typedef struct {
  void *shareds;
  kmp_routine_entry_t routine;
  kmp_int32 part_id;
  kmp_cmplrdata_t data1; /* destructors thunk */
  kmp_cmplrdata_t data2; /* priority */
} kmp_task_t;

/* kmp_tasking_flags_t, the compiler's half. */
enum {
  KMP_TASK_TIED = 1u << 0,
  KMP_TASK_FINAL = 1u << 1,
  KMP_TASK_MERGED_IF0 = 1u << 2,
  KMP_TASK_DESTRUCTORS = 1u << 3,
  KMP_TASK_PROXY = 1u << 4,     /* completes when __kmpc_proxy_task_completed says */
  KMP_TASK_PRIORITY = 1u << 5,
  KMP_TASK_DETACHABLE = 1u << 6,
};

/* kmp_depend_info_t: an address, a length, and kind bits. */
typedef struct {
  intptr_t base_addr;
  size_t len;
  uint8_t flags; /* 1 in, 2 out, 4 mutexinoutset, 8 inoutset */
} kmp_depend_info_t;

struct ktask {
  struct tp_task *t;
  size_t size;   /* of the whole block (header, task, privates, shareds) */
  kmp_int32 flags;
  bool started;  /* its entry has been called: __kmpc_omp_task on it re-queues */
  bool again;    /* untied: the entry asked to be called for the next part */
  unsigned frame; /* if(false): tp_task_undeferred_open's frame */
  kmp_task_t k __attribute__((aligned(16)));
};

/* The core's clauses from clang's flags. */
static inline unsigned ktask_flags(kmp_int32 flags) {
  return (flags & KMP_TASK_TIED ? 0 : TP_TASK_UNTIED) | (flags & KMP_TASK_FINAL ? TP_TASK_FINAL : 0);
}

static struct ktask *ktask_of(kmp_task_t *k) {
  return (struct ktask *)((char *)k - offsetof(struct ktask, k));
}

/* The rest of the task's body once one part ran: the parts it queued
 * (untied: see the top), then its destructors. */
static void ktask_finish_slow(struct ktask *h, kmp_int32 gtid) {
  while (h->again) {
    h->again = false;
    h->k.routine(gtid, &h->k);
  }
  if (h->flags & KMP_TASK_DESTRUCTORS)
    h->k.data1.destructors(gtid, &h->k);
}

/* (Inline: most tasks have one part and no destructors.) */
static inline void ktask_finish(struct ktask *h, kmp_int32 gtid) {
  if (tp_unlikely(h->again || (h->flags & KMP_TASK_DESTRUCTORS)))
    ktask_finish_slow(h, gtid);
}

/* A task descriptor's body: every part of the task. */
static void ktask_body(void *data) {
  struct ktask *h = data;
  kmp_int32 gtid = kmpc_gtid(tp_self());
  h->started = true;
  h->k.routine(gtid, &h->k);
  ktask_finish(h, gtid);
}

/* The task block around descriptor t (see the top). */
static inline kmp_task_t *ktask_init(struct tp_task *t, kmp_int32 flags, size_t head,
                                     size_t sizeof_shareds, kmp_routine_entry_t task_entry) {
  struct ktask *h = tp_task_unbound_init(t, 16, ktask_flags(flags))->data;
  h->t = t;
  h->size = head + sizeof_shareds;
  h->flags = flags;
  h->started = false;
  h->again = false;
  h->k.shareds = sizeof_shareds ? (char *)h + head : NULL;
  h->k.routine = task_entry;
  h->k.part_id = 0;
  if (tp_unlikely(flags & KMP_TASK_PROXY))
    t->detach = true; /* like detach: done when its completion is reported */
  return &h->k;
}

static __attribute__((noinline)) kmp_task_t *
task_alloc_slow(kmp_int32 flags, size_t head, size_t sizeof_shareds,
                kmp_routine_entry_t task_entry) {
  struct tp_task *t =
      tp_taskpool_get(tp_self(), head + sizeof_shareds + 16 - 1);
  return ktask_init(t, flags, head, sizeof_shareds, task_entry);
}

/* The common case, a descriptor from the thread's list, calls nothing (so
 * saves no registers); anything else is one tail call. */
kmp_task_t *__kmpc_omp_task_alloc(ident_t *loc, kmp_int32 gtid, kmp_int32 flags,
                                  size_t sizeof_kmp_task_t, size_t sizeof_shareds,
                                  kmp_routine_entry_t task_entry) {
  (void)loc, (void)gtid;
  if (sizeof_kmp_task_t < sizeof(kmp_task_t))
    sizeof_kmp_task_t = sizeof(kmp_task_t);
  size_t head = offsetof(struct ktask, k) + ((sizeof_kmp_task_t + 7) & ~(size_t)7);
  struct tp_thread *self = tp_tls_self;
  struct tp_task *t;
  if (tp_unlikely(!self || !(t = tp_taskpool_try_get(self, head + sizeof_shareds + 16 - 1))))
    return task_alloc_slow(flags, head, sizeof_shareds, task_entry);
  return ktask_init(t, flags, head, sizeof_shareds, task_entry);
}

/* Target tasks on the host are plain tasks. */
kmp_task_t *__kmpc_omp_target_task_alloc(ident_t *loc, kmp_int32 gtid, kmp_int32 flags,
                                         size_t sizeof_kmp_task_t, size_t sizeof_shareds,
                                         kmp_routine_entry_t task_entry, kmp_int64 device) {
  (void)device;
  return __kmpc_omp_task_alloc(loc, gtid, flags, sizeof_kmp_task_t, sizeof_shareds,
                               task_entry);
}

/* The dependence list as core entries (in `buf` when few). */
static struct tp_dep *read_deps(kmp_int32 n, const kmp_depend_info_t *l, struct tp_dep *buf,
                                unsigned cap) {
  struct tp_dep *d = (unsigned)n <= cap ? buf : tp_malloc((size_t)n * sizeof *d);
  for (kmp_int32 i = 0; i < n; i++) {
    uint8_t f = l[i].flags;
    d[i].addr = (void *)l[i].base_addr;
    d[i].kind = f & 8 ? TP_DEP_INOUTSET
                : f & 4 ? TP_DEP_MUTEXINOUTSET
                : f & 2 ? TP_DEP_INOUT
                        : TP_DEP_IN;
  }
  return d;
}

static void spawn(kmp_task_t *k, kmp_int32 ndeps, const kmp_depend_info_t *list) {
  struct ktask *h = ktask_of(k);
  struct tp_thread *self = tp_self();
  if (h->started) {
    h->again = true; /* an untied task's next part: see the top */
    return;
  }
  struct tp_task *t = h->t;
  t->fn = ktask_body;
  if (h->flags & KMP_TASK_PRIORITY)
    t->priority = tp_task_priority(k->data2.priority);
  if (ndeps <= 0) {
    tp_task_spawn_new(self, t, h->size, NULL, 0);
    return;
  }
  struct tp_dep buf[8];
  struct tp_dep *d = read_deps(ndeps, list, buf, 8);
  tp_task_spawn_new(self, t, h->size, d, (unsigned)ndeps);
  if (d != buf)
    free(d);
}

/* Most tasks run at once (tasknow.h): their entry is called from here, not
 * through the descriptor and ktask_body. */
kmp_int32 __kmpc_omp_task(ident_t *loc, kmp_int32 gtid, kmp_task_t *new_task) {
  (void)loc, (void)gtid;
  struct ktask *h = ktask_of(new_task);
  struct tp_thread *self = tp_self();
  if (tp_likely(!h->started && !(h->flags & KMP_TASK_PRIORITY)) &&
      tp_task_unbound_now(self, h->t)) {
    kmp_int32 me = kmpc_gtid(self);
    unsigned frame = tp_task_unbound_begin(self);
    h->started = true;
    new_task->routine(me, new_task);
    ktask_finish(h, me);
    tp_task_unbound_end(self, h->t, frame);
    return 0;
  }
  spawn(new_task, 0, NULL);
  return 0;
}

/* The noalias list is empty in what clang emits; libomp ignores it too. */
kmp_int32 __kmpc_omp_task_with_deps(ident_t *loc, kmp_int32 gtid, kmp_task_t *new_task,
                                    kmp_int32 ndeps, kmp_depend_info_t *dep_list,
                                    kmp_int32 ndeps_noalias,
                                    kmp_depend_info_t *noalias_dep_list) {
  (void)loc, (void)gtid, (void)ndeps_noalias, (void)noalias_dep_list;
  spawn(new_task, ndeps, dep_list);
  return 0;
}

/* Before an if(false) task with dependences, and for taskwait depend. */
void __kmpc_omp_wait_deps(ident_t *loc, kmp_int32 gtid, kmp_int32 ndeps,
                          kmp_depend_info_t *dep_list, kmp_int32 ndeps_noalias,
                          kmp_depend_info_t *noalias_dep_list) {
  (void)loc, (void)gtid, (void)ndeps_noalias, (void)noalias_dep_list;
  if (ndeps <= 0)
    return;
  struct tp_dep buf[8];
  struct tp_dep *d = read_deps(ndeps, dep_list, buf, 8);
  tp_taskwait_depend(tp_self(), d, (unsigned)ndeps);
  if (d != buf)
    free(d);
}

void __kmpc_omp_task_begin_if0(ident_t *loc, kmp_int32 gtid, kmp_task_t *task) {
  (void)loc, (void)gtid;
  struct ktask *h = ktask_of(task);
  h->started = true;
  h->t->fn = ktask_body; /* what a tool's task_create names */
  h->frame = tp_task_undeferred_open(tp_self(), h->t);
}

/* clang has called the entry once; an untied task's later parts run here. */
void __kmpc_omp_task_complete_if0(ident_t *loc, kmp_int32 gtid, kmp_task_t *task) {
  (void)loc;
  struct ktask *h = ktask_of(task);
  ktask_finish(h, gtid);
  tp_task_undeferred_close(tp_self(), h->t, h->frame);
}

kmp_int32 __kmpc_omp_taskwait(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_taskwait(tp_self());
  return 0;
}

kmp_int32 __kmpc_omp_taskyield(ident_t *loc, kmp_int32 gtid, int end_part) {
  (void)loc, (void)gtid, (void)end_part;
  tp_task_yield(tp_self());
  return 0;
}

void __kmpc_taskgroup(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_taskgroup_start(tp_self());
}

void __kmpc_end_taskgroup(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_taskgroup_end(tp_self());
}

/* detach(event): the event handle is the task (omp_fulfill_event takes it). */
void *__kmpc_task_allow_completion_event(ident_t *loc, kmp_int32 gtid, kmp_task_t *task) {
  (void)loc, (void)gtid;
  struct tp_task *t = ktask_of(task)->t;
  t->detach = true;
  return t;
}

/* The pre-OpenMP 4 form of re-queueing an untied task's next part. */
kmp_int32 __kmpc_omp_task_parts(ident_t *loc, kmp_int32 gtid, kmp_task_t *new_task) {
  return __kmpc_omp_task(loc, gtid, new_task);
}

/* affinity clause: a placement hint Tempo does not use. */
kmp_int32 __kmpc_omp_reg_task_with_affinity(ident_t *loc, kmp_int32 gtid,
                                            kmp_task_t *new_task, kmp_int32 naffins,
                                            void *affin_list) {
  (void)loc, (void)gtid, (void)new_task, (void)naffins, (void)affin_list;
  return 0;
}

/* A proxy task's work finished elsewhere: it completes now. */
void __kmpc_proxy_task_completed(kmp_int32 gtid, kmp_task_t *ptask) {
  (void)gtid;
  tp_task_fulfill(tp_self(), ktask_of(ptask)->t);
}
void __kmpc_proxy_task_completed_ooo(kmp_task_t *ptask) {
  tp_task_fulfill(tp_self(), ktask_of(ptask)->t);
}

/* --- taskloop -------------------------------------------------------------- */

/* clang allocates one pattern task whose privates hold the loop bounds
 * (lb, ub: inclusive, 64-bit) and asks for it to be split; every chunk
 * task is a copy of the pattern (task_dup then copies what needs more
 * than a memcpy, and sets lastprivate's flag) with its own bounds.  The
 * pattern itself never runs: it is destroyed when the chunks exist. */
struct kloop {
  struct ktask *pattern;
  size_t lb_off, ub_off;     /* of lb and ub from the kmp_task_t */
  int64_t st;
  void (*task_dup)(kmp_task_t *dst, kmp_task_t *src, kmp_int32 lastpriv);
};

static void kloop_prepare(const struct tp_taskloop *l, struct tp_task *t, void *dst,
                          uint64_t lo, uint64_t hi, bool last) {
  const struct kloop *kl = l->ctx;
  const struct ktask *p = kl->pattern;
  struct ktask *h = dst;
  memcpy(h, p, p->size);
  h->t = t;
  h->started = false;
  h->again = false;
  if (p->k.shareds)
    h->k.shareds = (char *)h + ((const char *)p->k.shareds - (const char *)p);
  *(uint64_t *)((char *)&h->k + kl->lb_off) = lo;
  *(uint64_t *)((char *)&h->k + kl->ub_off) = hi - (uint64_t)kl->st;
  if (kl->task_dup)
    kl->task_dup(&h->k, (kmp_task_t *)&p->k, last);
}

void __kmpc_taskloop_5(ident_t *loc, kmp_int32 gtid, kmp_task_t *task, kmp_int32 if_val,
                       kmp_uint64 *lb, kmp_uint64 *ub, kmp_int64 st, kmp_int32 nogroup,
                       kmp_int32 sched, kmp_uint64 grainsize, kmp_int32 modifier,
                       void *task_dup) {
  (void)loc;
  struct tp_thread *self = tp_self();
  struct ktask *p = ktask_of(task);
  /* Trip count of lb .. ub by st: clang checks that the loop is not
   * empty before it calls, so ub is at or beyond lb in st's direction. */
  uint64_t lower = *lb, upper = *ub;
  uint64_t n = st > 0   ? (upper - lower) / (uint64_t)st + 1
               : st < 0 ? (lower - upper) / (0 - (uint64_t)st) + 1
                        : 0;
  unsigned flags = (p->flags & KMP_TASK_TIED ? 0 : TP_TASK_UNTIED) |
                   (p->flags & KMP_TASK_FINAL ? TP_TASK_FINAL : 0) |
                   (if_val ? TP_LOOP_IF : 0) | TP_LOOP_NOGROUP |
                   (sched == 1 ? TP_LOOP_GRAINSIZE : 0) | (modifier ? TP_LOOP_STRICT : 0);
  struct kloop kl = {p, (size_t)((char *)lb - (char *)task), (size_t)((char *)ub - (char *)task),
                     st, (void (*)(kmp_task_t *, kmp_task_t *, kmp_int32))task_dup};
  struct tp_taskloop l = {
      .fn = ktask_body, .arg_size = (long)p->size, .arg_align = 16, .prepare = kloop_prepare,
      .ctx = &kl, .flags = flags, .num = sched == 1 || sched == 2 ? grainsize : 0,
      .priority = p->flags & KMP_TASK_PRIORITY ? task->data2.priority : 0,
      .start = lower, .step = (uint64_t)st, .n = n};
  /* The construct is the shim's (its taskgroup around the core's loop). */
  TP_OMPT(tp_ompt_work(self, TP_OMPT_WORK_TASKLOOP, true, n));
  if (!nogroup)
    tp_taskgroup_start(self);
  tp_taskloop(self, &l);
  if (!nogroup)
    tp_taskgroup_end(self);
  TP_OMPT(tp_ompt_work(self, TP_OMPT_WORK_TASKLOOP, false, n));
  if (p->flags & KMP_TASK_DESTRUCTORS)
    task->data1.destructors(gtid, task);
  tp_task_discard(self, p->t);
}

void __kmpc_taskloop(ident_t *loc, kmp_int32 gtid, kmp_task_t *task, kmp_int32 if_val,
                     kmp_uint64 *lb, kmp_uint64 *ub, kmp_int64 st, kmp_int32 nogroup,
                     kmp_int32 sched, kmp_uint64 grainsize, void *task_dup) {
  __kmpc_taskloop_5(loc, gtid, task, if_val, lb, ub, st, nogroup, sched, grainsize, 0,
                    task_dup);
}
