/* depend.c — gcc's depend arrays and task flags (depend.h).
 *
 * A depend array (GOMP_task, GOMP_taskwait_depend, GOMP_target_ext):
 *   depend[0] != 0: {n, nout, addr[n]}: the first nout are out/inout, the
 *     rest in;
 *   depend[0] == 0: {0, n, nout, nmutexinoutset, nin, addr[...]}:
 *     out/inout, then mutexinoutset, then in addresses, then
 *     n - (nout + nmutex + nin) pointers to omp_depend_t objects
 *     {addr, kind} (depobj), kind a GOMP_DEPEND_* value. */
#include <stdlib.h>

#include "depend.h"

/* Tempo chose its flag bits where gcc has the same meaning, so the
 * translation is a mask; the asserts keep it so. */
#define SAME(a, b) ((unsigned)(a) == (unsigned)(b))
_Static_assert(SAME(TP_TASK_UNTIED, GOMP_TF_UNTIED) && SAME(TP_TASK_FINAL, GOMP_TF_FINAL) &&
                   SAME(TP_TASK_MERGEABLE, GOMP_TF_MERGEABLE) && SAME(TP_LOOP_UP, GOMP_TF_UP) &&
                   SAME(TP_LOOP_GRAINSIZE, GOMP_TF_GRAINSIZE) && SAME(TP_LOOP_IF, GOMP_TF_IF) &&
                   SAME(TP_LOOP_NOGROUP, GOMP_TF_NOGROUP) &&
                   SAME(TP_LOOP_REDUCTION, GOMP_TF_REDUCTION) &&
                   SAME(TP_LOOP_STRICT, GOMP_TF_STRICT),
               "TP_TASK_*/TP_LOOP_* bits differ from gcc's: translate them one by one");

/* GOMP_DEPEND_* (gomp-constants.h) to TP_DEP_*. */
static unsigned dep_kind(uintptr_t k) {
  switch (k) {
  case 1: return TP_DEP_IN;
  case 2: return TP_DEP_OUT;
  case 3: return TP_DEP_INOUT;
  case 4: return TP_DEP_MUTEXINOUTSET;
  case 5: return TP_DEP_INOUTSET;
  default:
    tp_warn("unknown dependence type %lu in an omp_depend_t object; treated "
            "as inout", (unsigned long)k);
    return TP_DEP_INOUT;
  }
}

void gomp_deps_read(struct gomp_deps *d, void **depend) {
  d->n = 0;
  d->v = d->buf;
  if (!depend)
    return;
  unsigned n = (unsigned)(uintptr_t)(depend[0] ? depend[0] : depend[1]);
  if (n > sizeof d->buf / sizeof *d->buf)
    d->v = tp_malloc(n * sizeof *d->v);
  d->n = n;
  for (unsigned i = 0; i < n; i++) {
    struct tp_dep *e = &d->v[i];
    if (depend[0]) {
      e->addr = depend[2 + i];
      e->kind = i < (uintptr_t)depend[1] ? TP_DEP_INOUT : TP_DEP_IN;
      continue;
    }
    uintptr_t nout = (uintptr_t)depend[2], nmutex = (uintptr_t)depend[3],
              nin = (uintptr_t)depend[4];
    if (i < nout + nmutex + nin) {
      e->addr = depend[5 + i];
      e->kind = i < nout ? TP_DEP_INOUT : i < nout + nmutex ? TP_DEP_MUTEXINOUTSET : TP_DEP_IN;
    } else {
      void **obj = (void **)depend[5 + i];
      e->addr = obj[0];
      e->kind = dep_kind((uintptr_t)obj[1]);
    }
  }
}

void gomp_deps_done(struct gomp_deps *d) {
  if (d->v != d->buf)
    free(d->v);
}
