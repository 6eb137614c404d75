/* stats.c — TEMPO_STATS blocks, region and barrier times, and the report
 * (stats.h).
 *
 * Times go into log-linear histograms (four buckets per power of two, so a
 * percentile is known within 19%) rather than lists: a long run costs no
 * more memory than a short one.  Regions are told apart by their outlined
 * function; each thread keeps its own small table of those it mastered
 * (no lock on a region's end), merged in the report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define HIST_N 160      /* covers 0 .. 2^40 ns (18 minutes) */
#define REGION_SLOTS 16 /* region functions a thread tells apart; more share one */

struct tp_stats_hist {
  uint32_t b[HIST_N];
};

struct tp_stats_region {
  const void *fn; /* the region's site; NULL: free slot, or (the last slot) "others" */
  uint32_t used;  /* fn is set (release): the report reads the slot */
  uint64_t count, ns, max_ns;
  uint64_t papi[TP_PAPI_MAX]; /* every member's events (TEMPO_PAPI) */
  struct tp_stats_hist hist;
};

static const char *const names[TP_STAT_N] = {
    [TP_STAT_REGIONS] = "regions",
    [TP_STAT_BARRIERS] = "barriers",
    [TP_STAT_BARRIER_NS] = "barrier_ns",
    [TP_STAT_LOOP_CHUNKS] = "loop_chunks",
    [TP_STAT_LOOP_STEALS] = "loop_steals",
    [TP_STAT_TASKS_DEFERRED] = "tasks_deferred",
    [TP_STAT_TASKS_NOW] = "tasks_now",
    [TP_STAT_TASKS_RUN] = "tasks_run",
    [TP_STAT_PROMOTIONS] = "promotions",
    [TP_STAT_TASKS_PROMOTED] = "tasks_promoted",
    [TP_STAT_HUNGER] = "hunger_signals",
    [TP_STAT_STEAL_TRIES] = "steal_tries",
    [TP_STAT_STEALS] = "steals",
    [TP_STAT_TASKS_STOLEN] = "tasks_stolen",
    [TP_STAT_SLEEPS] = "sleeps",
    [TP_STAT_SLEEP_NS] = "sleep_ns",
};

static unsigned bucket(uint64_t v) {
  if (v < 4)
    return (unsigned)v;
  unsigned e = 63u - (unsigned)__builtin_clzll(v); /* >= 2 */
  unsigned i = 4 * (e - 1) + (unsigned)((v >> (e - 2)) & 3);
  return i < HIST_N ? i : HIST_N - 1;
}

/* The smallest value of bucket i. */
static uint64_t bucket_low(unsigned i) {
  if (i < 4)
    return i;
  unsigned e = i / 4 + 1;
  return (uint64_t)(4 + i % 4) << (e - 2);
}

static void hist_add(struct tp_stats_hist *h, uint64_t v) {
  uint32_t *b = &h->b[bucket(v)];
  __atomic_store_n(b, *b + 1, __ATOMIC_RELAXED);
}

void tp_stats_thread_start(struct tp_thread *self) {
  if (!tp_rt.stats || self->stats)
    return;
  struct tp_stats *s = tp_calloc(1, sizeof *s);
  s->barrier = tp_calloc(1, sizeof *s->barrier);
  s->regions = tp_calloc(REGION_SLOTS, sizeof *s->regions);
  s->uid = self->uid;
  s->papi.set = -1; /* opened by the thread itself (papi_events.h) */
  tp_mutex_lock(&tp_rt.stats_lock);
  s->next = tp_rt.stats_list;
  tp_rt.stats_list = s;
  tp_mutex_unlock(&tp_rt.stats_lock);
  self->stats = s;
}

void tp_stats_barrier(struct tp_thread *self, uint64_t t0) {
  struct tp_stats *s = self->stats;
  if (!s)
    return;
  uint64_t d = tp_now_ns() - t0;
  tp_stat(self, TP_STAT_BARRIERS, 1);
  tp_stat(self, TP_STAT_BARRIER_NS, d);
  hist_add(s->barrier, d);
}

/* The thread's slot for region function fn (open addressing on the
 * function; a full table counts in the last slot, "others"). */
static struct tp_stats_region *region_slot(struct tp_stats *s, const void *fn) {
  unsigned h = (unsigned)(((uintptr_t)fn >> 4) * 0x9e3779b1u) % (REGION_SLOTS - 1);
  struct tp_stats_region *r = NULL;
  for (unsigned k = 0; k < REGION_SLOTS - 1; k++) {
    struct tp_stats_region *x = &s->regions[(h + k) % (REGION_SLOTS - 1)];
    if (x->fn == fn || !x->fn) {
      r = x;
      break;
    }
  }
  if (!r)
    r = &s->regions[REGION_SLOTS - 1], fn = NULL;
  if (!r->used) {
    r->fn = fn;
    __atomic_store_n(&r->used, 1, __ATOMIC_RELEASE);
  }
  return r;
}

void tp_stats_member_end(struct tp_thread *self, const void *site) {
  struct tp_stats *s = self->stats;
  uint64_t d[TP_PAPI_MAX];
  if (!s || !tp_rt.papi_n || !tp_papi_end(&s->papi, d))
    return;
  struct tp_stats_region *r = region_slot(s, site);
  for (unsigned i = 0; i < tp_rt.papi_n; i++) {
    __atomic_store_n(&s->papi_total[i], s->papi_total[i] + d[i], __ATOMIC_RELAXED);
    __atomic_store_n(&r->papi[i], r->papi[i] + d[i], __ATOMIC_RELAXED);
  }
}

void tp_stats_region(struct tp_thread *self, const void *fn, uint64_t t0) {
  struct tp_stats *s = self->stats;
  if (!s)
    return;
  tp_stats_member_end(self, fn);
  uint64_t d = tp_now_ns() - t0;
  tp_stat(self, TP_STAT_REGIONS, 1);
  struct tp_stats_region *r = region_slot(s, fn);
  __atomic_store_n(&r->ns, r->ns + d, __ATOMIC_RELAXED);
  if (d > r->max_ns)
    __atomic_store_n(&r->max_ns, d, __ATOMIC_RELAXED);
  hist_add(&r->hist, d);
  __atomic_store_n(&r->count, r->count + 1, __ATOMIC_RELEASE);
}

void tp_stats_sleep(struct tp_thread *self, bool asleep) {
  struct tp_stats *s = self->stats;
  if (!s)
    return;
  if (asleep) {
    s->sleep_since = tp_now_ns();
    tp_stat(self, TP_STAT_SLEEPS, 1);
  } else if (s->sleep_since) {
    tp_stat(self, TP_STAT_SLEEP_NS, tp_now_ns() - s->sleep_since);
    s->sleep_since = 0;
  }
}

/* --- energy ---------------------------------------------------------------- */

/* The sum of the RAPL package domains' counters (intel-rapl:N, which AMD's
 * parts expose too; sub-domains intel-rapl:N:M are parts of those), in
 * microjoules, and how many were read.  A counter that wrapped since `since`
 * (per domain, in the same order) is unwrapped with its range.
 * TEMPO_TEST_POWERCAP_ROOT stands for /sys/class/powercap in tests. */
static uint64_t energy_read(int *domains, uint64_t since_total, bool unwrap) {
  const char *root = getenv("TEMPO_TEST_POWERCAP_ROOT");
  if (!root || !*root)
    root = "/sys/class/powercap";
  uint64_t total = 0, range = 0;
  *domains = 0;
  for (int d = 0; d < 16; d++) {
    char path[512];
    unsigned long long v = 0, r = 0;
    snprintf(path, sizeof path, "%s/intel-rapl:%d/energy_uj", root, d);
    FILE *f = fopen(path, "r");
    if (!f)
      break;
    int ok = fscanf(f, "%llu", &v) == 1;
    fclose(f);
    if (!ok)
      break;
    snprintf(path, sizeof path, "%s/intel-rapl:%d/max_energy_range_uj", root, d);
    if ((f = fopen(path, "r"))) {
      if (fscanf(f, "%llu", &r) != 1)
        r = 0;
      fclose(f);
    }
    total += v;
    range += r;
    ++*domains;
  }
  if (unwrap && total < since_total)
    total += range; /* one wrap since the start (a run shorter than the range) */
  return total;
}

void tp_stats_start(void) {
  tp_papi_init();
  int n;
  tp_rt.stats_energy0 = energy_read(&n, 0, false);
  tp_rt.stats_energy_domains = n;
}

/* Joules since tp_stats_start, or -1 when not measured here. */
static double energy_joules(void) {
  int n;
  if (!tp_rt.stats_energy_domains)
    return -1;
  uint64_t now = energy_read(&n, tp_rt.stats_energy0, true);
  if (n != tp_rt.stats_energy_domains)
    return -1;
  return (double)(now - tp_rt.stats_energy0) / 1e6;
}

/* --- the report ------------------------------------------------------------ */

static uint64_t hist_pct(const struct tp_stats_hist *h, double p) {
  uint64_t n = 0;
  for (unsigned i = 0; i < HIST_N; i++)
    n += __atomic_load_n(&h->b[i], __ATOMIC_RELAXED);
  if (!n)
    return 0;
  /* Nearest rank: the smallest value with at least p of them at or below. */
  uint64_t rank = (uint64_t)(p * (double)n), seen = 0;
  if ((double)rank < p * (double)n)
    rank++;
  if (!rank)
    rank = 1;
  for (unsigned i = 0; i < HIST_N; i++) {
    seen += __atomic_load_n(&h->b[i], __ATOMIC_RELAXED);
    if (seen >= rank)
      return bucket_low(i);
  }
  return bucket_low(HIST_N - 1);
}

static void hist_merge(struct tp_stats_hist *into, const struct tp_stats_hist *h) {
  for (unsigned i = 0; i < HIST_N; i++)
    into->b[i] += __atomic_load_n(&h->b[i], __ATOMIC_RELAXED);
}

/* Every thread's regions, one entry per function (at most `cap`). */
static unsigned merge_regions(struct tp_stats_region *out, unsigned cap) {
  unsigned n = 0;
  for (struct tp_stats *s = tp_rt.stats_list; s; s = s->next)
    for (unsigned k = 0; k < REGION_SLOTS; k++) {
      const struct tp_stats_region *r = &s->regions[k];
      if (!__atomic_load_n(&r->used, __ATOMIC_ACQUIRE))
        continue;
      uint64_t count = __atomic_load_n(&r->count, __ATOMIC_RELAXED);
      unsigned j = 0;
      while (j < n && out[j].fn != r->fn)
        j++;
      if (j == n) {
        if (n == cap)
          continue;
        memset(&out[n], 0, sizeof out[n]);
        out[n++].fn = r->fn;
      }
      out[j].count += count;
      out[j].ns += __atomic_load_n(&r->ns, __ATOMIC_RELAXED);
      uint64_t mx = __atomic_load_n(&r->max_ns, __ATOMIC_RELAXED);
      if (mx > out[j].max_ns)
        out[j].max_ns = mx;
      hist_merge(&out[j].hist, &r->hist);
      for (unsigned i = 0; i < tp_rt.papi_n; i++)
        out[j].papi[i] += __atomic_load_n(&r->papi[i], __ATOMIC_RELAXED);
    }
  return n;
}

static void region_name(const struct tp_stats_region *r, char *buf, size_t n) {
  if (r->fn)
    tp_symbolise(r->fn, buf, n);
  else
    snprintf(buf, n, "(other regions)");
}

/* The threads' blocks in the order they started. */
struct blocks {
  struct tp_stats **s;
  unsigned n;
};

static int by_uid(const void *a, const void *b) {
  unsigned x = (*(struct tp_stats *const *)a)->uid, y = (*(struct tp_stats *const *)b)->uid;
  return x < y ? -1 : x > y;
}

static struct blocks sorted_blocks(void) {
  struct blocks b = {NULL, 0};
  for (struct tp_stats *s = tp_rt.stats_list; s; s = s->next)
    b.n++;
  b.s = tp_calloc(b.n ? b.n : 1, sizeof *b.s);
  unsigned i = 0;
  for (struct tp_stats *s = tp_rt.stats_list; s; s = s->next)
    b.s[i++] = s;
  qsort(b.s, b.n, sizeof *b.s, by_uid);
  return b;
}

/* ", "papi": {"EVENT": N, ...}" when TEMPO_PAPI counts events.  Event
 * names need no escapes beyond quotes and backslashes. */
static void json_papi(FILE *f, const uint64_t *v) {
  if (!tp_rt.papi_n)
    return;
  fprintf(f, ", \"papi\": {");
  for (unsigned i = 0; i < tp_rt.papi_n; i++) {
    fprintf(f, "%s\"", i ? ", " : "");
    for (const char *p = tp_papi_name(i); *p; p++)
      fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
    fprintf(f, "\": %llu", (unsigned long long)__atomic_load_n(&v[i], __ATOMIC_RELAXED));
  }
  fprintf(f, "}");
}

static void write_json(FILE *f, struct blocks th, const struct tp_stats_region *reg,
                       unsigned nreg, const struct tp_stats_hist *bar, double secs) {
  fprintf(f, "{\n  \"tempo_stats\": 1,\n  \"seconds\": %.6f,\n  \"threads\": [\n", secs);
  bool first = true;
  for (unsigned i = 0; i < th.n; i++) {
    const struct tp_stats *s = th.s[i];
    fprintf(f, "%s    {\"uid\": %u", first ? "" : ",\n", s->uid);
    for (unsigned k = 0; k < TP_STAT_N; k++)
      fprintf(f, ", \"%s\": %llu", names[k],
              (unsigned long long)__atomic_load_n(&s->c[k], __ATOMIC_RELAXED));
    json_papi(f, s->papi_total);
    fprintf(f, "}");
    first = false;
  }
  fprintf(f, "\n  ],\n  \"regions\": [\n");
  for (unsigned j = 0; j < nreg; j++) {
    char name[512];
    region_name(&reg[j], name, sizeof name);
    fprintf(f, "%s    {\"function\": \"", j ? ",\n" : "");
    for (const char *p = name; *p; p++) /* symbol names need no other escapes */
      fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
    fprintf(f, "\", \"count\": %llu, \"total_ns\": %llu, \"p50_ns\": %llu, "
               "\"p99_ns\": %llu, \"max_ns\": %llu",
            (unsigned long long)reg[j].count, (unsigned long long)reg[j].ns,
            (unsigned long long)hist_pct(&reg[j].hist, 0.5),
            (unsigned long long)hist_pct(&reg[j].hist, 0.99),
            (unsigned long long)reg[j].max_ns);
    json_papi(f, reg[j].papi);
    fprintf(f, "}");
  }
  fprintf(f, "\n  ],\n  \"barrier_wait\": {\"p50_ns\": %llu, \"p99_ns\": %llu},\n",
          (unsigned long long)hist_pct(bar, 0.5), (unsigned long long)hist_pct(bar, 0.99));
  double j = energy_joules();
  if (j >= 0)
    fprintf(f, "  \"energy_joules\": %.6f\n}\n", j);
  else
    fprintf(f, "  \"energy_joules\": null\n}\n");
}

static const struct {
  const char *head;
  int k;   /* a count, or -1: steals/tries */
  bool ms; /* nanoseconds shown as milliseconds */
} col[] = {
    {"regions", TP_STAT_REGIONS, false},          {"barriers", TP_STAT_BARRIERS, false},
    {"barrier-ms", TP_STAT_BARRIER_NS, true},     {"chunks", TP_STAT_LOOP_CHUNKS, false},
    {"range-steals", TP_STAT_LOOP_STEALS, false}, {"deferred", TP_STAT_TASKS_DEFERRED, false},
    {"run-now", TP_STAT_TASKS_NOW, false},        {"run", TP_STAT_TASKS_RUN, false},
    {"promoted", TP_STAT_TASKS_PROMOTED, false},  {"stolen", TP_STAT_TASKS_STOLEN, false},
    {"steals/tries", -1, false},                  {"sleeps", TP_STAT_SLEEPS, false},
    {"sleep-ms", TP_STAT_SLEEP_NS, true},
};
enum { NCOL = sizeof col / sizeof col[0] };

static void table_row(FILE *f, const char *label, const uint64_t *v) {
  fprintf(f, "%7s", label);
  for (unsigned i = 0; i < NCOL; i++) {
    char cell[48];
    if (col[i].k < 0)
      snprintf(cell, sizeof cell, "%llu/%llu", (unsigned long long)v[TP_STAT_STEALS],
               (unsigned long long)v[TP_STAT_STEAL_TRIES]);
    else if (col[i].ms)
      snprintf(cell, sizeof cell, "%.3f", (double)v[col[i].k] / 1e6);
    else
      snprintf(cell, sizeof cell, "%llu", (unsigned long long)v[col[i].k]);
    fprintf(f, " %12s", cell);
  }
  fprintf(f, "\n");
}

static void write_table(FILE *f, struct blocks th, const struct tp_stats_region *reg,
                        unsigned nreg, const struct tp_stats_hist *bar, double secs) {
  fprintf(f, "tempo: statistics (TEMPO_STATS) after %.3f s; per thread:\n%7s", secs, "thread");
  for (unsigned i = 0; i < NCOL; i++)
    fprintf(f, " %12s", col[i].head);
  fprintf(f, "\n");
  uint64_t tot[TP_STAT_N] = {0};
  for (unsigned i = 0; i < th.n; i++) {
    const struct tp_stats *s = th.s[i];
    uint64_t v[TP_STAT_N];
    for (unsigned k = 0; k < TP_STAT_N; k++)
      tot[k] += v[k] = __atomic_load_n(&s->c[k], __ATOMIC_RELAXED);
    char label[16];
    snprintf(label, sizeof label, "%u", s->uid);
    table_row(f, label, v);
  }
  table_row(f, "total", tot);
  fprintf(f, "tempo: parallel regions (by outlined function; times of their masters):\n"
             "%10s %12s %10s %10s %10s  %s\n",
          "count", "total-ms", "p50-us", "p99-us", "max-us", "function");
  for (unsigned j = 0; j < nreg; j++) {
    char name[512];
    region_name(&reg[j], name, sizeof name);
    fprintf(f, "%10llu %12.3f %10.2f %10.2f %10.2f  %s\n", (unsigned long long)reg[j].count,
            (double)reg[j].ns / 1e6, (double)hist_pct(&reg[j].hist, 0.5) / 1e3,
            (double)hist_pct(&reg[j].hist, 0.99) / 1e3, (double)reg[j].max_ns / 1e3, name);
  }
  if (tp_rt.papi_n) {
    fprintf(f, "tempo: PAPI events (TEMPO_PAPI) in parallel regions, per thread and per "
               "region:\n%7s", "thread");
    for (unsigned i = 0; i < tp_rt.papi_n; i++)
      fprintf(f, " %20s", tp_papi_name(i));
    fprintf(f, "\n");
    for (unsigned t = 0; t < th.n; t++) {
      fprintf(f, "%7u", th.s[t]->uid);
      for (unsigned i = 0; i < tp_rt.papi_n; i++)
        fprintf(f, " %20llu",
                (unsigned long long)__atomic_load_n(&th.s[t]->papi_total[i], __ATOMIC_RELAXED));
      fprintf(f, "\n");
    }
    for (unsigned j = 0; j < nreg; j++) {
      char name[512];
      region_name(&reg[j], name, sizeof name);
      fprintf(f, "%7s", "region");
      for (unsigned i = 0; i < tp_rt.papi_n; i++)
        fprintf(f, " %20llu", (unsigned long long)reg[j].papi[i]);
      fprintf(f, "  %s\n", name);
    }
  }
  fprintf(f, "tempo: barrier waits: p50 %.2f us, p99 %.2f us (percentiles within 19%%)\n",
          (double)hist_pct(bar, 0.5) / 1e3, (double)hist_pct(bar, 0.99) / 1e3);
  double j = energy_joules();
  if (j >= 0)
    fprintf(f, "tempo: energy: %.3f J since the start (RAPL, %d package domain%s)\n", j,
            tp_rt.stats_energy_domains, tp_rt.stats_energy_domains == 1 ? "" : "s");
  else
    fprintf(f, "tempo: energy: not measured (no RAPL counters readable under "
               "/sys/class/powercap)\n");
}

void tp_stats_report(void) {
  if (!tp_rt.stats)
    return;
  enum { cap = 256 };
  struct tp_stats_region *reg = tp_calloc(cap, sizeof *reg);
  struct tp_stats_hist *bar = tp_calloc(1, sizeof *bar);
  tp_mutex_lock(&tp_rt.stats_lock);
  unsigned nreg = merge_regions(reg, cap);
  for (struct tp_stats *s = tp_rt.stats_list; s; s = s->next)
    hist_merge(bar, s->barrier);
  double secs = (double)(tp_now_ns() - tp_rt.stats_t0) / 1e9;
  struct blocks th = sorted_blocks();
  if (tp_rt.stats_file) {
    FILE *f = fopen(tp_rt.stats_file, "w");
    if (f) {
      write_json(f, th, reg, nreg, bar, secs);
      fclose(f);
    } else {
      tp_warn("TEMPO_STATS: cannot write %s; the statistics go to stderr", tp_rt.stats_file);
      write_table(stderr, th, reg, nreg, bar, secs);
    }
  } else {
    write_table(stderr, th, reg, nreg, bar, secs);
    fflush(stderr);
  }
  tp_mutex_unlock(&tp_rt.stats_lock);
  free(th.s);
  free(reg);
  free(bar);
}
