/* papi_events.h — TEMPO_PAPI=EV1,EV2,...: PAPI event counts per thread and per
 * parallel region, in the TEMPO_STATS report (stats.h; TEMPO_PAPI turns
 * statistics on if TEMPO_STATS did not).
 *
 * libpapi is loaded with dlopen when the variable is set, so Tempo runs
 * without it.  At start-up each event is tried alone and then with the
 * ones kept before it; one that cannot be counted here (no such event, no
 * hardware counters in this VM, a conflict) gets one notice and is left
 * out; the other statistics work whatever happens.
 *
 * What is counted: each thread's events while it runs a parallel region's
 * implicit task (the master from its fork to its join, a worker from the
 * job's start to its join), added to the thread and to the region's
 * outlined function.  Serial code between regions is not counted.  Each
 * thread opens its own event set the first time it runs a region (perf
 * counters follow the thread that opened them). */
#ifndef TEMPO_PAPI_EVENTS_H
#define TEMPO_PAPI_EVENTS_H

#include "rt.h"

#define TP_PAPI_MAX 8 /* events counted at once */

/* A thread's counters (inside its struct tp_stats). */
struct tp_papi_thread {
  int set;                            /* its PAPI event set; -1: none yet */
  bool failed;                        /* it could not open one (said once) */
  unsigned depth;                     /* regions it is in (nested ones too) */
  long long t0[4][TP_PAPI_MAX];       /* readings at their begins */
};

/* Loads libpapi and checks the events of tp_rt.papi_events (init.c, with
 * the statistics).  Afterwards tp_rt.papi_n events are counted (0: none). */
void tp_papi_init(void) tp_hidden;
/* The name of counted event i (< tp_rt.papi_n). */
const char *tp_papi_name(unsigned i) tp_hidden;
/* A region's implicit task begins on this thread / ends: in `delta` the
 * counts since its begin (nested regions: since the innermost one's). */
void tp_papi_begin(struct tp_papi_thread *p) tp_hidden;
bool tp_papi_end(struct tp_papi_thread *p, uint64_t delta[TP_PAPI_MAX]) tp_hidden;

#endif
