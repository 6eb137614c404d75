/* depend.h — gcc's task flags and depend arrays, translated into the
 * core's ABI-neutral forms (runtime/taskpriv.h). */
#ifndef TEMPO_GOMP_DEPEND_H
#define TEMPO_GOMP_DEPEND_H

#include "../../runtime/taskpriv.h"

/* GOMP_TASK_FLAG_* (gcc's include/gomp-constants.h). */
enum {
  GOMP_TF_UNTIED = 1u << 0,
  GOMP_TF_FINAL = 1u << 1,
  GOMP_TF_MERGEABLE = 1u << 2,
  GOMP_TF_DEPEND = 1u << 3,
  GOMP_TF_PRIORITY = 1u << 4,
  GOMP_TF_UP = 1u << 8,
  GOMP_TF_GRAINSIZE = 1u << 9,
  GOMP_TF_IF = 1u << 10,
  GOMP_TF_NOGROUP = 1u << 11,
  GOMP_TF_REDUCTION = 1u << 12,
  GOMP_TF_DETACH = 1u << 13,
  GOMP_TF_STRICT = 1u << 14,
};

/* The TP_TASK_* / TP_LOOP_* flags of gcc's flags word (the bits are the
 * same, asserted in depend.c; inline: every GOMP_task calls it). */
static inline unsigned gomp_task_flags(unsigned f) {
  return f & (TP_TASK_UNTIED | TP_TASK_FINAL | TP_TASK_MERGEABLE | TP_LOOP_UP |
              TP_LOOP_GRAINSIZE | TP_LOOP_IF | TP_LOOP_NOGROUP | TP_LOOP_REDUCTION |
              TP_LOOP_STRICT);
}

/* A depend array read into tp_dep entries: in `buf` when few, else on
 * the heap (gomp_deps_done frees). */
struct gomp_deps {
  struct tp_dep *v;
  unsigned n;
  struct tp_dep buf[8];
};
void gomp_deps_read(struct gomp_deps *d, void **depend) tp_hidden;
void gomp_deps_done(struct gomp_deps *d) tp_hidden;

#endif
