/* trace.c — TEMPO_TRACE buffers and the trace-event file (trace.h).
 *
 * The file is written once, at exit, from every thread's buffer; threads
 * still running then (workers spinning in the pool) add nothing after
 * their last region, and the writer takes the counts it sees.  A buffer
 * that filled up keeps its first events: a begin whose end was dropped is
 * closed at the thread's last recorded time (and marked), an end whose
 * begin is missing cannot happen, since recording stops for good. */
#include <stdio.h>
#include <stdlib.h>

#include "trace.h"

static const char *const names[TP_TR_N] = {
    [TP_TR_REGION] = "parallel region", [TP_TR_BARRIER] = "barrier",
    [TP_TR_TASK] = "task",              [TP_TR_SLEEP] = "sleep",
    [TP_TR_STEAL] = "steal",            [TP_TR_PROMOTE] = "promote",
};

void tp_trace_thread_start(struct tp_thread *self) {
  if (!tp_rt.trace_file || self->trace)
    return;
  struct tp_trace *t = tp_calloc(1, sizeof *t);
  t->cap = tp_rt.trace_events;
  t->ev = tp_malloc((size_t)t->cap * sizeof *t->ev);
  t->uid = self->uid;
  tp_mutex_lock(&tp_rt.trace_lock);
  t->next = tp_rt.trace_list;
  tp_rt.trace_list = t;
  tp_mutex_unlock(&tp_rt.trace_lock);
  self->trace = t;
}

void tp_trace_add(struct tp_trace *t, enum tp_trace_kind k, int phase, const void *arg) {
  uint32_t n = __atomic_load_n(&t->n, __ATOMIC_RELAXED);
  if (n == t->cap || t->dropped) {
    /* Full: from here on every event is dropped (so no end lacks its begin). */
    __atomic_store_n(&t->dropped, t->dropped + 1, __ATOMIC_RELAXED);
    return;
  }
  t->ev[n] = (struct tp_trace_ev){tp_now_ns(), arg, (uint8_t)k, (uint8_t)phase};
  __atomic_store_n(&t->n, n + 1, __ATOMIC_RELEASE);
}

static void write_name(FILE *f, const struct tp_trace_ev *e) {
  if (e->kind == TP_TR_REGION && e->arg) {
    char s[512];
    tp_symbolise(e->arg, s, sizeof s);
    fprintf(f, "parallel region ");
    for (const char *p = s; *p; p++)
      fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
  } else {
    fprintf(f, "%s", names[e->kind]);
  }
}

static void write_thread(FILE *f, const struct tp_trace *t, bool *first) {
  uint32_t n = __atomic_load_n(&t->n, __ATOMIC_ACQUIRE);
  fprintf(f, "%s{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": %u, "
             "\"args\": {\"name\": \"tempo thread %u\"}}",
          *first ? "" : ",\n", t->uid, t->uid);
  *first = false;
  /* Begins still open at the end: closed at the last time, outermost last. */
  uint32_t open[64];
  unsigned depth = 0;
  for (uint32_t i = 0; i < n; i++) {
    const struct tp_trace_ev *e = &t->ev[i];
    fprintf(f, ",\n{\"name\": \"");
    write_name(f, e);
    fprintf(f, "\", \"ph\": \"%c\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f", e->phase, t->uid,
            (double)(e->ts - tp_rt.trace_t0) / 1e3);
    if (e->phase == TP_TR_INSTANT)
      fprintf(f, ", \"s\": \"t\", \"args\": {\"tasks\": %lu}", (unsigned long)(uintptr_t)e->arg);
    fprintf(f, "}");
    if (e->phase == TP_TR_BEGIN && depth < 64)
      open[depth++] = i;
    else if (e->phase == TP_TR_END && depth)
      depth--;
  }
  uint64_t last = n ? t->ev[n - 1].ts : tp_rt.trace_t0;
  while (depth--) {
    fprintf(f, ",\n{\"name\": \"");
    write_name(f, &t->ev[open[depth]]);
    fprintf(f, "\", \"ph\": \"E\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, "
               "\"args\": {\"closed_by\": \"end of trace\"}}",
            t->uid, (double)(last - tp_rt.trace_t0) / 1e3);
  }
}

void tp_trace_write(void) {
  if (!tp_rt.trace_file)
    return;
  FILE *f = fopen(tp_rt.trace_file, "w");
  if (!f) {
    tp_warn("TEMPO_TRACE: cannot write %s; no trace written", tp_rt.trace_file);
    return;
  }
  tp_mutex_lock(&tp_rt.trace_lock);
  uint64_t recorded = 0, dropped = 0;
  fprintf(f, "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n");
  bool first = true;
  for (const struct tp_trace *t = tp_rt.trace_list; t; t = t->next) {
    write_thread(f, t, &first);
    recorded += __atomic_load_n(&t->n, __ATOMIC_RELAXED);
    dropped += __atomic_load_n(&t->dropped, __ATOMIC_RELAXED);
  }
  fprintf(f, "\n], \"otherData\": {\"tempo_events_recorded\": %llu, "
             "\"tempo_events_dropped\": %llu, \"tempo_events_per_thread\": %u}}\n",
          (unsigned long long)recorded, (unsigned long long)dropped, tp_rt.trace_events);
  tp_mutex_unlock(&tp_rt.trace_lock);
  fclose(f);
  if (dropped)
    tp_warn("TEMPO_TRACE: %llu events did not fit in the buffers (TEMPO_TRACE_EVENTS=%u "
            "a thread) and were dropped; the file says how many",
            (unsigned long long)dropped, tp_rt.trace_events);
}
