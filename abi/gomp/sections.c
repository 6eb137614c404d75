/* sections.c — GOMP_sections_*: a sections construct is a dynamic loop
 * over its sections with chunk 1; entry points return the 1-based number of
 * the section to run, 0 when none is left. */
#include "../../runtime/ws.h"
#include "taskred.h"

static unsigned sections_start(unsigned count, uintptr_t *reductions,
                               void **mem) {
  struct tp_loop l = {.kind = TP_WS_DYNAMIC, .chunk = 1, .start = 0,
                      .end = count, .incr = 1, .n = count, .sections = true};
  struct tp_ws_hook h;
  uint64_t lo, hi;
  return tp_loop_start(tp_self(), &l, gomp_taskred_hook(&h, reductions), mem, &lo, &hi)
             ? (unsigned)lo + 1 : 0;
}

unsigned GOMP_sections_start(unsigned count) {
  return sections_start(count, NULL, NULL);
}

unsigned GOMP_sections2_start(unsigned count, uintptr_t *reductions,
                              void **mem) {
  return sections_start(count, reductions, mem);
}

unsigned GOMP_sections_next(void) {
  uint64_t lo, hi;
  return tp_loop_next_logical(tp_self(), &lo, &hi) ? (unsigned)lo + 1 : 0;
}

static void par_sections(void (*fn)(void *), void *data, unsigned nthreads,
                         unsigned count, unsigned flags, bool run) {
  struct tp_loop l = {.kind = TP_WS_DYNAMIC, .chunk = 1, .start = 0,
                      .end = count, .incr = 1, .n = count, .sections = true};
  nthreads = tp_sections_request(tp_self(), nthreads, count);
  tp_parallel_loop(fn, data, nthreads, flags & 7, &l, run); /* proc_bind */
}

void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned nthreads,
                            unsigned count, unsigned flags) {
  par_sections(fn, data, nthreads, count, flags, true);
}

void GOMP_parallel_sections_start(void (*fn)(void *), void *data,
                                  unsigned nthreads, unsigned count) {
  par_sections(fn, data, nthreads, count, 0, false);
}

void GOMP_sections_end(void) { tp_loop_end(tp_self(), false); }
void GOMP_sections_end_nowait(void) { tp_loop_end(tp_self(), true); }

/* The end of sections in a region with cancel constructs: true if the
 * parallel region is cancelled. */
bool GOMP_sections_end_cancel(void) {
  struct tp_thread *self = tp_self();
  tp_loop_end(self, true);
  return tp_barrier_cancel(self);
}
