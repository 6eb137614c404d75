/* taskpriv.h — declarations shared by the task scheduler's files (task.c,
 * taskdep.c, taskgroup.c, taskred_items.c, taskloop.c) and the task ABI shims.
 * Nothing outside the task files includes this. */
#ifndef TEMPO_TASKPRIV_H
#define TEMPO_TASKPRIV_H

#include "task.h"

/* Clauses of a task or taskloop construct, whatever the ABI: each shim
 * translates its own encoding (gcc's GOMP_TASK_FLAG_*, clang's kmp_tasking
 * flags) into these. */
enum {
  TP_TASK_UNTIED = 1u << 0,
  TP_TASK_FINAL = 1u << 1,     /* final clause true */
  TP_TASK_MERGEABLE = 1u << 2,
  TP_TASK_UNDEFERRED = 1u << 3, /* if clause false (tp_task_spawn_plain) */
  /* taskloop only */
  TP_LOOP_UP = 1u << 8,        /* unsigned bounds count upwards */
  TP_LOOP_GRAINSIZE = 1u << 9, /* `num` is a grainsize, not a task count */
  TP_LOOP_IF = 1u << 10,       /* the if clause is true */
  TP_LOOP_NOGROUP = 1u << 11,
  TP_LOOP_REDUCTION = 1u << 12,
  TP_LOOP_STRICT = 1u << 14,   /* grainsize/num_tasks strict modifier */
};

/* detach_state bits: the task completes when both are set. */
enum { TP_DETACH_BODY_DONE = 1u, TP_DETACH_FULFILLED = 2u };

/* Dependence kinds (out-like kinds are treated alike: mutexinoutset as
 * inout is compliant).  A task's dependences reach the core as an array of
 * struct tp_dep, translated by the ABI shim from its own format. */
enum { TP_DEP_IN = 1, TP_DEP_OUT = 2, TP_DEP_INOUT = 3, TP_DEP_MUTEXINOUTSET = 4,
       TP_DEP_INOUTSET = 5 };
struct tp_dep {
  void *addr;
  unsigned kind; /* TP_DEP_* */
};

/* One dependence of a task on an address, linked into the address's
 * record in the parent's dependence table (taskdep.c). */
struct tp_dep_addr;
struct tp_dep_ent {
  struct tp_task *task;
  struct tp_dep_addr *rec;    /* NULL once unlinked */
  struct tp_dep_ent *next, *prev;
  void *addr;
  uint8_t kind;               /* TP_DEP_* */
  uint8_t list;               /* which list of rec holds it: 0 none, 1 cur, 2 prev */
};

/* --- task.c ------------------------------------------------------------ */

/* A task construct, in one place. */
struct tp_task_spec {
  void (*fn)(void *);
  void *data;                    /* copied into the task (cpyfn, else memcpy) */
  void (*cpyfn)(void *, void *);
  long arg_size, arg_align;
  bool if_clause;
  unsigned flags;                /* TP_TASK_* */
  const struct tp_dep *deps;     /* [ndeps] */
  unsigned ndeps;
  int priority;                  /* priority clause (0: none) */
  void **detach;                 /* detach clause: where the event goes; NULL: none */
};

/* The task construct (GOMP_task). */
void tp_task_spawn(struct tp_thread *self, const struct tp_task_spec *s) tp_hidden;
/* The same for a plain task (no dependences, priority or detach clause:
 * almost every task), its clauses in registers; flags are TP_TASK_*, with
 * TP_TASK_UNDEFERRED for if(false).  Not through a tp_task_spec in memory:
 * the caller's field-by-field stores and the callee's wider loads of the
 * same bytes defeat store forwarding (measured: a third of the spawn's
 * time at two threads). */
void tp_task_spawn_plain(struct tp_thread *self, void (*fn)(void *), void *data,
                         void (*cpyfn)(void *, void *), long arg_size, long arg_align,
                         unsigned flags) tp_hidden;
/* Deferred-task building blocks (taskloop creates its tasks with them):
 * allocate a descriptor whose data buffer holds arg_size bytes aligned to
 * arg_align (data copied by the caller), then submit it. */
struct tp_task *tp_task_new(struct tp_thread *self, long arg_size, long arg_align,
                            unsigned ndeps, unsigned flags, int priority) tp_hidden;
void tp_task_submit(struct tp_thread *self, struct tp_task *t, const struct tp_dep *deps) tp_hidden;
/* For an ABI that hands out a task's memory before it knows what the task
 * will be (clang's __kmpc_omp_task_alloc): tp_task_unbound_init, tasknow.h.
 * Such a task, its data_size bytes of data filled in, spawned with
 * tp_task_spawn's decisions (cancelled: dropped; final parent, team of one
 * or full ring: run now, after its dependences; else deferred with them;
 * the dependence entries go after the data when the block has room). */
void tp_task_spawn_new(struct tp_thread *self, struct tp_task *t, size_t data_size,
                       const struct tp_dep *deps, unsigned ndeps) tp_hidden;
/* An undeferred task from tp_task_unbound_init that the ABI runs itself
 * and that needs a descriptor (tp_task_undeferred_open, tasknow.h): make
 * it the current task, then end it. */
void tp_task_begin_undeferred(struct tp_thread *self, struct tp_task *t) tp_hidden;
void tp_task_end_undeferred(struct tp_thread *self, struct tp_task *t) tp_hidden;
/* Submit t (no dependences) straight to self's public deque. */
void tp_task_publish(struct tp_thread *self, struct tp_task *t) tp_hidden;
/* Run fn(data) as an included task (undeferred, in this frame). */
void tp_task_run_included(struct tp_thread *self, void (*fn)(void *), void *data,
                          bool final) tp_hidden;
/* Wait in the current task until *word == 0 (bits == 0) or *word & bits,
 * running descendants of the current task meanwhile. */
void tp_task_wait(struct tp_thread *self, uint32_t *word, uint32_t bits) tp_hidden;
/* taskyield. */
void tp_task_yield(struct tp_thread *self) tp_hidden;
/* taskwait: wait for the current task's children. */
void tp_taskwait(struct tp_thread *self) tp_hidden;
/* taskwait depend(...): wait for the sibling tasks these dependences
 * name. */
void tp_taskwait_depend(struct tp_thread *self, const struct tp_dep *deps,
                        unsigned ndeps) tp_hidden;
/* omp_fulfill_event. */
void tp_task_fulfill(struct tp_thread *self, struct tp_task *t) tp_hidden;
/* Clamp a priority clause to [0, max-task-priority-var]. */
int tp_task_priority(int p) tp_hidden;
/* Should a new deferred task run at once (too much work pending, or no
 * team to share it with)? */
bool tp_task_throttled(struct tp_thread *self) tp_hidden;

/* --- taskdep.c ----------------------------------------------------------- */

/* parent->dep_lock held.  Make t (a new child of parent) wait for the
 * sibling tasks its dependences name (t->npred counts them); if insert,
 * record t so that later siblings wait for it. */
void tp_dep_register(struct tp_task *parent, struct tp_task *t, const struct tp_dep *deps,
                     unsigned ndeps, bool insert) tp_hidden;
/* t->parent->dep_lock held.  t completed: drop its records and release
 * its successors: an undeferred one's waiter is woken, deferred ones that
 * became ready are returned as a list linked through qnext (the caller
 * publishes them once the lock is released). */
struct tp_task *tp_dep_complete(struct tp_task *t) tp_hidden;
void tp_dep_table_free(struct tp_dep_table *tab) tp_hidden;

/* --- taskgroup.c --------------------------------------------------------- */

void tp_taskgroup_start(struct tp_thread *self) tp_hidden;
void tp_taskgroup_end(struct tp_thread *self) tp_hidden;
/* The taskgroup a worksharing construct's task reductions open in each
 * member around the construct (tp_ws_hook): the runtime's, not the user's,
 * so cancel taskgroup passes over it to the enclosing one.  start returns
 * it, for the ABI to register in its abi_red.  end_ws ends it and gives
 * its abi_red; false, ending nothing, if the innermost taskgroup is not
 * one. */
struct tp_taskgroup *tp_taskgroup_start_ws(struct tp_thread *self) tp_hidden;
bool tp_taskgroup_end_ws(struct tp_thread *self, void **abi_red) tp_hidden;

/* Is tg or a taskgroup enclosing it cancelled?  (Tasks of a taskgroup
 * opened inside a member task belong to the outer one too.) */
static inline bool tp_task_in_cancelled_group(const struct tp_taskgroup *tg) {
  for (; tg; tg = tg->prev)
    if (tp_load(&tg->cancelled))
      return true;
  return false;
}

/* --- taskred_items.c ----------------------------------------------------- */

/* One reduction item, the runtime doing the work: private copies are
 * initialised by init(priv, orig) or init1(priv) (neither: zeroed) at
 * registration, or on a member's first use if lazy; combined into shar by
 * comb(shar, priv), then fini(priv) (may be NULL), at the end of the
 * taskgroup. */
struct tp_red_item {
  void *shar;                 /* the original variable */
  void *orig;                 /* what init is given as omp_orig (NULL: shar) */
  size_t size;
  void (*init)(void *priv, void *orig);
  void (*init1)(void *priv);  /* an initialiser without omp_orig, used if init is NULL */
  void (*comb)(void *shar, void *priv);
  void (*fini)(void *priv);
  bool lazy;
};
/* Registers n items on the current taskgroup (there must be one); returns
 * a handle. */
void *tp_taskred_items(struct tp_thread *self, const struct tp_red_item *items,
                       unsigned n) tp_hidden;
/* The calling thread's copy of the byte at `data` of a registered item,
 * searched from `handle` (NULL: the current taskgroup's) outwards. */
void *tp_taskred_item_data(struct tp_thread *self, void *handle, void *data) tp_hidden;
/* reduction(task, ...) on a parallel (ws false) or worksharing construct:
 * every member opens a taskgroup and calls it with the same items, `shar`
 * being its own original; returns the member's handle.  All members'
 * tasks share one set of copies, combined into the original of the last
 * member to end its taskgroup. */
void *tp_taskred_items_team(struct tp_thread *self, bool ws, const struct tp_red_item *items,
                            unsigned n) tp_hidden;
/* taskgroup.c, at the end of a group with registrations: combine, free. */
void tp_taskred_items_finish(struct tp_thread *self, struct tp_taskgroup *tg) tp_hidden;

/* --- taskloop.c ---------------------------------------------------------- */

/* A taskloop, whatever the ABI: n iterations from `start` by `step`
 * (values modulo 2^64), split into chunk tasks as OpenMP says.  Each chunk
 * task runs fn on a data block of arg_size bytes that `prepare` fills in
 * for iterations [lo, hi) (values; `last`: the chunk holds the loop's last
 * iteration) from the ABI's `ctx`; t is the chunk's descriptor, NULL when
 * the chunk runs at once in this frame (an if(false) taskloop, a full
 * ring).  The core opens no taskgroup: TP_LOOP_NOGROUP unset promises
 * that the caller waits for the chunks (a taskgroup of its own) before
 * ctx goes away, which lets the chunks be made lazily. */
struct tp_taskloop {
  void (*fn)(void *);
  long arg_size, arg_align;
  void (*prepare)(const struct tp_taskloop *l, struct tp_task *t, void *dst, uint64_t lo,
                  uint64_t hi, bool last);
  const void *ctx;
  unsigned flags;          /* TP_TASK_*, TP_LOOP_* */
  unsigned long num;       /* num_tasks, or the grainsize with TP_LOOP_GRAINSIZE; 0: none */
  int priority;
  uint64_t start, step, n;
};
void tp_taskloop(struct tp_thread *self, const struct tp_taskloop *l) tp_hidden;
/* Returns a descriptor from tp_task_new that was never spawned. */
void tp_task_discard(struct tp_thread *self, struct tp_task *t) tp_hidden;

#endif
