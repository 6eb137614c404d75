/* trace.h — TEMPO_TRACE=<file>: a timeline of what each thread did, written
 * at exit in the Chrome/Perfetto trace-event format (JSON; open it in
 * ui.perfetto.dev, or draw it with scripts/trace-png).
 *
 * Events are recorded where the runtime decides (the same places as
 * stats.h): regions, barriers, deferred tasks, sleeps in waits that run
 * tasks (begin/end pairs), steals and promotions (instants).  Each thread
 * appends to its own buffer (no atomics; allocated only when tracing):
 * TEMPO_TRACE_EVENTS per thread (default 262144); later events are
 * dropped, counted, and the count is written in the file.  Off, an event
 * is one test of self->trace, which is NULL. */
#ifndef TEMPO_TRACE_H
#define TEMPO_TRACE_H

#include "rt.h"

enum tp_trace_kind {
  TP_TR_REGION,  /* arg: the region's site */
  TP_TR_BARRIER,
  TP_TR_TASK,    /* a deferred task's body */
  TP_TR_SLEEP,
  TP_TR_STEAL,   /* instant; arg: tasks taken */
  TP_TR_PROMOTE, /* instant; arg: tasks published */
  TP_TR_N
};

enum { TP_TR_BEGIN = 'B', TP_TR_END = 'E', TP_TR_INSTANT = 'i' };

struct tp_trace_ev {
  uint64_t ts;        /* tp_now_ns() */
  const void *arg;
  uint8_t kind, phase;
};

struct tp_trace {
  struct tp_trace_ev *ev;
  uint32_t n, cap;
  uint64_t dropped;
  unsigned uid;
  struct tp_trace *next; /* all buffers (tp_rt.trace_list) */
};

/* Allocates self's buffer when tracing is on (a thread's start). */
void tp_trace_thread_start(struct tp_thread *self) tp_hidden;

void tp_trace_add(struct tp_trace *t, enum tp_trace_kind k, int phase,
                  const void *arg) tp_hidden;
static inline void tp_trace(struct tp_thread *self, enum tp_trace_kind k, int phase,
                            const void *arg) {
  if (tp_unlikely(self->trace != NULL))
    tp_trace_add(self->trace, k, phase, arg);
}

/* Writes the file (at exit). */
void tp_trace_write(void) tp_hidden;

#endif
