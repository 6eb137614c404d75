/* taskred.c — task reductions (taskgroup task_reduction, in_reduction on
 * tasks and taskloops) as clang describes them: an array of items with
 * initialiser, combiner and finaliser, which the core runs
 * (runtime/taskred_items.c). */
#include <stdlib.h>

#include "kmpc.h"
#include "../../runtime/taskpriv.h"

typedef struct {
  unsigned lazy_priv : 1;
  unsigned reserved : 31;
} kmp_taskred_flags_t;

/* OpenMP 5 form: init(priv, orig). */
typedef struct {
  void *reduce_shar, *reduce_orig;
  size_t reduce_size;
  void *reduce_init, *reduce_fini, *reduce_comb;
  kmp_taskred_flags_t flags;
} kmp_taskred_input_t;

/* OpenMP 4.5 form: init(priv). */
typedef struct {
  void *reduce_shar;
  size_t reduce_size;
  void *reduce_init, *reduce_fini, *reduce_comb;
  kmp_taskred_flags_t flags;
} kmp_task_red_input_t;

typedef void (*init2_t)(void *, void *);
typedef void (*init1_t)(void *);
typedef void (*comb_t)(void *, void *);
typedef void (*fini_t)(void *);

/* The items of either form (old: kmp_task_red_input_t). */
static struct tp_red_item *read_items(int num, const void *data, bool old,
                                      struct tp_red_item *small, unsigned *n) {
  *n = num > 0 ? (unsigned)num : 0;
  struct tp_red_item *it = *n <= 8 ? small : tp_malloc(*n * sizeof *it);
  for (unsigned i = 0; i < *n; i++) {
    if (old) {
      const kmp_task_red_input_t *in = (const kmp_task_red_input_t *)data + i;
      it[i] = (struct tp_red_item){
          .shar = in->reduce_shar, .size = in->reduce_size,
          .init1 = (init1_t)in->reduce_init, .comb = (comb_t)in->reduce_comb,
          .fini = (fini_t)in->reduce_fini, .lazy = in->flags.lazy_priv};
    } else {
      const kmp_taskred_input_t *in = (const kmp_taskred_input_t *)data + i;
      it[i] = (struct tp_red_item){
          .shar = in->reduce_shar, .orig = in->reduce_orig, .size = in->reduce_size,
          .init = (init2_t)in->reduce_init, .comb = (comb_t)in->reduce_comb,
          .fini = (fini_t)in->reduce_fini, .lazy = in->flags.lazy_priv};
    }
  }
  return it;
}

/* taskgroup task_reduction: returns the handle tasks pass back. */
static void *taskgroup_init(int num, const void *data, bool old) {
  struct tp_red_item small[8];
  unsigned n;
  struct tp_red_item *it = read_items(num, data, old, small, &n);
  void *h = tp_taskred_items(tp_self(), it, n);
  if (it != small)
    free(it);
  return h;
}

void *__kmpc_taskred_init(int gtid, int num, void *data) {
  (void)gtid;
  return taskgroup_init(num, data, false);
}

void *__kmpc_task_reduction_init(int gtid, int num, void *data) {
  (void)gtid;
  return taskgroup_init(num, data, true);
}

/* reduction(task, ...) on parallel (is_ws 0) or worksharing constructs:
 * every member registers its own originals. */
static void *modifier_init(int is_ws, int num, const void *data, bool old) {
  struct tp_red_item small[8];
  unsigned n;
  struct tp_red_item *it = read_items(num, data, old, small, &n);
  struct tp_thread *self = tp_self();
  tp_taskgroup_start(self); /* ended by __kmpc_task_reduction_modifier_fini */
  void *h = tp_taskred_items_team(self, is_ws != 0, it, n);
  if (it != small)
    free(it);
  return h;
}

void *__kmpc_taskred_modifier_init(ident_t *loc, int gtid, int is_ws, int num, void *data) {
  (void)loc, (void)gtid;
  return modifier_init(is_ws, num, data, false);
}

void *__kmpc_task_reduction_modifier_init(ident_t *loc, int gtid, int is_ws, int num,
                                          void *data) {
  (void)loc, (void)gtid;
  return modifier_init(is_ws, num, data, true);
}

void __kmpc_task_reduction_modifier_fini(ident_t *loc, int gtid, int is_ws) {
  (void)loc, (void)gtid, (void)is_ws;
  tp_taskgroup_end(tp_self());
}

void *__kmpc_task_reduction_get_th_data(int gtid, void *tskgrp, void *data) {
  (void)gtid;
  return tp_taskred_item_data(tp_self(), tskgrp, data);
}
