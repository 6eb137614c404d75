/* taskred.c — gcc's task reductions: taskgroup task_reduction, in_reduction
 * on tasks and taskloops, reduction(task, ...) on parallel (parallel.c) and
 * worksharing constructs.  The core knows none of this layout: it carries
 * our registration as a taskgroup's opaque abi_red and runs our hook as
 * members enter a worksharing construct.
 *
 * gcc describes one construct's reductions in an array of uintptr_t:
 *   d[0] number of items          d[1] bytes per thread (all items)
 *   d[2] alignment in, base of the per-thread array out
 *   d[3] allocator (-1: malloc)   d[4] next array of the same construct,
 *                                      0 for the last (we link it to the
 *                                      enclosing registration there)
 *   d[5] runtime use: the head of the registration (marks its end)
 *   d[6] runtime use: end of the per-thread array
 *   then per item d[7+3i] original address, d[8+3i] offset in a thread's
 *   block, d[9+3i] runtime use (unused here).
 * Thread `tid` of the team works on its block d[2] + tid * d[1]; the
 * compiler initialises and combines the blocks (its combining code reads
 * d[2] and loops over the team size), the runtime only allocates, maps
 * addresses and frees.  Blocks start zeroed: gcc keeps a "initialised"
 * flag in them.  A taskgroup's abi_red is the innermost such array (its
 * chain reaches the enclosing registrations through d[4]). */
#include <stdlib.h>
#include <string.h>

#include "taskred.h"

void gomp_taskred_register(uintptr_t *data, uintptr_t *old, uintptr_t *orig,
                           unsigned nthreads) {
  if (!nthreads)
    nthreads = 1;
  for (uintptr_t *d = data;; d = (uintptr_t *)d[4]) {
    if (orig) {
      d[2] = orig[2];
      d[6] = orig[6];
      orig = (uintptr_t *)orig[4];
    } else {
      size_t align = d[2];
      if (!align || (align & (align - 1)))
        align = TP_CACHELINE;
      if (align < sizeof(void *))
        align = sizeof(void *); /* posix_memalign's minimum */
      size_t size = d[1] * nthreads;
      char *p = tp_aligned_alloc(align, size); /* zeroed */
      d[2] = (uintptr_t)p;
      d[6] = (uintptr_t)(p + size);
    }
    d[5] = (uintptr_t)data;
    if (!d[4]) {
      d[4] = (uintptr_t)old;
      break;
    }
  }
}

/* Frees the blocks of one registration (not of the enclosing ones its
 * chain continues into). */
static void unregister(uintptr_t *data) {
  if (!data)
    return;
  for (uintptr_t *d = data;;) {
    free((void *)d[2]);
    d[2] = 0;
    uintptr_t *next = (uintptr_t *)d[4];
    if (!next || next[5] != (uintptr_t)data)
      break;
    d = next;
  }
}

void gomp_taskred_taskgroup_register(struct tp_thread *self, uintptr_t *data) {
  if (!self->task->taskgroup) {
    tp_warn("task reductions registered outside a taskgroup; opening one");
    tp_taskgroup_start(self);
  }
  struct tp_taskgroup *tg = self->task->taskgroup;
  gomp_taskred_register(data, tg->abi_red, NULL, self->team->nthreads);
  tg->abi_red = data;
}

void gomp_taskred_ws_enter(struct tp_thread *self, void *arg, void **shared, bool first) {
  uintptr_t *reductions = arg;
  struct tp_taskgroup *tg = tp_taskgroup_start_ws(self);
  unsigned n = self->team->nthreads;
  if (first) {
    gomp_taskred_register(reductions, tg->abi_red, NULL, n);
    tp_store_rel(shared, (void *)reductions);
  } else {
    uintptr_t *orig = tp_load_acq(shared);
    if (!orig)
      tp_fatal("worksharing task reduction: the construct's reductions were "
               "not registered by its first thread");
    gomp_taskred_register(reductions, tg->abi_red, orig, n);
  }
  tg->abi_red = reductions;
}

/* Offset o within one thread's block of d: the item's original address. */
static void *item_orig(uintptr_t *d, uintptr_t off) {
  size_t lo = 0, hi = d[0];
  while (lo < hi) { /* items are sorted by offset */
    size_t m = lo + (hi - lo) / 2;
    if (d[8 + 3 * m] < off)
      lo = m + 1;
    else
      hi = m;
  }
  return lo < d[0] && d[8 + 3 * lo] == off ? (void *)d[7 + 3 * lo] : NULL;
}

/* --- entry points -------------------------------------------------------- */

void GOMP_taskgroup_reduction_register(uintptr_t *data) {
  gomp_taskred_taskgroup_register(tp_self(), data);
}

void GOMP_taskgroup_reduction_unregister(uintptr_t *data) { unregister(data); }

/* ptrs[0..cnt): original or already remapped addresses, replaced by this
 * thread's private copies; for i < cntorig, ptrs[cnt + i] receives the
 * original address. */
void GOMP_task_reduction_remap(size_t cnt, size_t cntorig, void **ptrs) {
  struct tp_thread *self = tp_self();
  struct tp_taskgroup *tg = self->task->taskgroup;
  uintptr_t *data = tg ? tg->abi_red : NULL;
  uintptr_t tid = self->tid;
  for (size_t i = 0; i < cnt; i++) {
    uintptr_t p = (uintptr_t)ptrs[i];
    bool found = false;
    /* An original list item... */
    for (uintptr_t *d = data; d && !found; d = (uintptr_t *)d[4])
      for (uintptr_t j = 0; j < d[0]; j++)
        if (d[7 + 3 * j] == p) {
          ptrs[i] = (void *)(d[2] + tid * d[1] + d[8 + 3 * j]);
          if (i < cntorig)
            ptrs[cnt + i] = (void *)p;
          found = true;
          break;
        }
    /* ...or an address inside some thread's block (already remapped by an
     * enclosing task). */
    for (uintptr_t *d = data; d && !found; d = (uintptr_t *)d[4])
      if (p >= d[2] && p < d[6]) {
        uintptr_t off = (p - d[2]) % d[1];
        ptrs[i] = (void *)(d[2] + tid * d[1] + off);
        if (i < cntorig) {
          ptrs[cnt + i] = item_orig(d, off);
          if (!ptrs[cnt + i])
            break;
        }
        found = true;
      }
    if (!found)
      tp_fatal("in_reduction: no enclosing task_reduction or reduction with "
               "the task modifier covers %p", (void *)p);
  }
}

void GOMP_workshare_task_reduction_unregister(bool cancelled) {
  struct tp_thread *self = tp_self();
  void *data;
  if (!tp_taskgroup_end_ws(self, &data)) {
    tp_warn("GOMP_workshare_task_reduction_unregister without a worksharing "
            "task reduction; ignored");
    return;
  }
  /* Thread 0 has combined the blocks (gcc emits that after the
   * construct's barrier); free them once nobody can touch them. */
  if (!cancelled)
    tp_barrier(self);
  if (self->tid == 0)
    unregister(data);
}
