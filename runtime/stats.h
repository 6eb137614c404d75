/* stats.h — TEMPO_STATS: what the runtime did, per thread and per parallel
 * region, counted where it decides (the task scheduler, barriers, region
 * begin/end, loop chunks) and reported at exit and at
 * omp_pause_resource_all: a table on stderr, or JSON in a file.
 *
 * Each thread counts in its own block (struct tp_stats, allocated only
 * when statistics are on, at the thread's start): only that thread writes
 * it, so a count is a plain add (a relaxed store, which is a plain store);
 * the report reads the blocks with relaxed loads.  Off, a count is one
 * test of self->stats, which is NULL.  Blocks live until the process ends,
 * so a thread that ended still counts in the report. */
#ifndef TEMPO_STATS_H
#define TEMPO_STATS_H

#include "papi_events.h"
#include "rt.h"

enum tp_stat {
  TP_STAT_REGIONS,        /* parallel regions begun as master */
  TP_STAT_BARRIERS,       /* team barriers passed */
  TP_STAT_BARRIER_NS,     /* time in them */
  TP_STAT_LOOP_CHUNKS,    /* loop chunks taken (dynamic, guided, range stealing) */
  TP_STAT_LOOP_STEALS,    /* ranges stolen from other threads' loop blocks */
  TP_STAT_TASKS_DEFERRED, /* tasks created onto a ring or deque */
  TP_STAT_TASKS_NOW,      /* tasks run at once by the thread creating them */
  TP_STAT_TASKS_RUN,      /* deferred tasks run (own and stolen) */
  TP_STAT_PROMOTIONS,     /* times it published private tasks (heartbeat, hunger) */
  TP_STAT_TASKS_PROMOTED, /* tasks those moved to its public deque */
  TP_STAT_HUNGER,         /* times it asked another thread to publish */
  TP_STAT_STEAL_TRIES,    /* looks into other threads' deques */
  TP_STAT_STEALS,         /* ... that found work */
  TP_STAT_TASKS_STOLEN,   /* tasks taken by those */
  TP_STAT_SLEEPS,         /* sleeps in waits that run tasks */
  TP_STAT_SLEEP_NS,       /* time asleep in them */
  TP_STAT_N
};

struct tp_stats_hist; /* stats.c */
struct tp_stats_region;

struct tp_stats {
  uint64_t c[TP_STAT_N];
  uint64_t sleep_since;          /* when the current sleep began */
  struct tp_stats_hist *barrier; /* barrier times */
  struct tp_stats_region *regions; /* per region function (stats.c) */
  unsigned uid;
  struct tp_stats *next;         /* all blocks (tp_rt.stats_list) */
  struct tp_papi_thread papi;    /* TEMPO_PAPI: its event set (papi_events.h) */
  uint64_t papi_total[TP_PAPI_MAX]; /* its events in regions */
};

/* Allocates self's block when statistics are on (a thread's start). */
void tp_stats_thread_start(struct tp_thread *self) tp_hidden;

static inline void tp_stat(struct tp_thread *self, enum tp_stat k, uint64_t n) {
  struct tp_stats *s = self->stats;
  if (tp_unlikely(s != NULL))
    __atomic_store_n(&s->c[k], s->c[k] + n, __ATOMIC_RELAXED);
}

/* A clock reading for a timed count, 0 when statistics are off. */
static inline uint64_t tp_stat_clock(const struct tp_thread *self) {
  return tp_unlikely(self->stats != NULL) ? tp_now_ns() : 0;
}

/* A barrier that began at t0 (tp_stat_clock) ended. */
void tp_stats_barrier(struct tp_thread *self, uint64_t t0) tp_hidden;
/* A region named by `site` (tp_team.site) that began at t0 ended (its master). */
void tp_stats_region(struct tp_thread *self, const void *site, uint64_t t0) tp_hidden;
/* A member's part of a region begins / ends (every member, the master
 * too): TEMPO_PAPI's counts, added to the thread and to the region `site`. */
static inline void tp_stats_member_begin(struct tp_thread *self) {
  if (tp_unlikely(self->stats != NULL) && tp_rt.papi_n)
    tp_papi_begin(&self->stats->papi);
}
void tp_stats_member_end(struct tp_thread *self, const void *site) tp_hidden;
/* A sleep in a wait that runs tasks begins (asleep) or ends. */
void tp_stats_sleep(struct tp_thread *self, bool asleep) tp_hidden;

/* Statistics begin (init.c): the energy counters' start values. */
void tp_stats_start(void) tp_hidden;

/* Writes the report (env.c calls it at exit; omp_pause_resource_all). */
void tp_stats_report(void) tp_hidden;

#endif
