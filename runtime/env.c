/* env.c — parse OMP_* and GOMP_* environment variables (see env.h).
 *
 * Accepted syntax and defaults follow libgomp 12 (values are trimmed,
 * keywords are case-insensitive).  Where libgomp accepts a value that would
 * crash or misbehave (OMP_NUM_THREADS=99999999999, a partially parsed
 * OMP_SCHEDULE, places on CPUs the process cannot use) Tempo warns and keeps
 * the default instead. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "env.h"
#include "detsched.h"
#include "lex.h"
#include "places.h"
#include "topology.h"
#include "rt.h"
#include "suggest.h"

#define SUPPORTED_ACTIVE_LEVELS 255
#define DEFAULT_AFFINITY_FORMAT "level %L thread %i affinity %A"
#define MIN_STACKSIZE 16384 /* PTHREAD_STACK_MIN on x86-64 glibc */

static void bad(const char *name, const char *value, const char *why) {
  tp_warn("ignoring %s='%s': %s; using the default", name, value, why);
}


static bool at_end(const char *s) { return *tp_skip_ws(s) == 0; }

/* A whole-value integer in [min, max]. */
static bool env_ulong(const char *name, unsigned long min, unsigned long max,
                      unsigned long *out) {
  const char *v = getenv(name);
  if (!v)
    return false;
  unsigned long x;
  const char *e = tp_parse_ulong(v, &x);
  if (!e || !at_end(e)) {
    bad(name, v, min ? "expected a positive integer" : "expected a non-negative integer");
    return false;
  }
  if (x < min) {
    bad(name, v, "expected a positive integer");
    return false;
  }
  if (x > max) {
    bad(name, v, "value out of range");
    return false;
  }
  *out = x;
  return true;
}

/* Matches a keyword at s (case-insensitive) followed by blanks or `stop`
 * characters; returns the position after the keyword or NULL. */
static const char *keyword(const char *s, const char *kw, const char *stop) {
  size_t n = strlen(kw);
  if (strncasecmp(s, kw, n))
    return NULL;
  char c = s[n];
  if (c && !isspace((unsigned char)c) && !strchr(stop, c))
    return NULL;
  return s + n;
}

/* One of `names` alone (case-insensitive, blanks around); index or -1. */
static int env_choice(const char *name, const char *const *names, int n,
                      const char *expected) {
  const char *v = getenv(name);
  if (!v)
    return -1;
  const char *s = tp_skip_ws(v);
  for (int i = 0; i < n; i++) {
    const char *e = keyword(s, names[i], "");
    if (e && at_end(e))
      return i;
  }
  bad(name, v, expected);
  return -1;
}

static bool env_bool(const char *name, bool *out) {
  static const char *const names[] = {"false", "true"};
  int i = env_choice(name, names, 2, "expected true or false");
  if (i < 0)
    return false;
  *out = i == 1;
  return true;
}

/* Tempo's own switches (TEMPO_*) also take the spellings people type for
 * an on/off switch; OMP_* booleans keep libgomp's true/false. */
static bool env_switch(const char *name, bool *out) {
  static const char *const names[] = {"false", "true", "0", "1",
                                      "off",   "on",   "no", "yes"};
  int i = env_choice(name, names, 8, "expected true/false, 1/0, on/off or yes/no");
  if (i < 0)
    return false;
  *out = i % 2 == 1;
  return true;
}

/* Every TEMPO_* variable Tempo reads, each named once here with the value
 * it left in tp_rt: OMP_DISPLAY_ENV=verbose shows them all, and any other
 * TEMPO_* variable, most likely a misspelt switch that would otherwise be
 * ignored without a word, gets a warning.  TEMPO_TEST_* belong to the test
 * harness. */
#define TEMPO_SETTINGS_MAX 32

const char *tp_tempo_setting(unsigned i, char *value, size_t size) {
  const char *name;
  int flag = -1; /* a switch's value, or -1 for a number or a string */
  unsigned long long number = 0;
  const char *string = NULL;
  switch (i) {
  case 0: name = "TEMPO_LOOP_STEAL"; flag = tp_rt.loop_steal; break;
  case 1: name = "TEMPO_HEARTBEAT_US"; number = tp_rt.heartbeat_ns / 1000; break;
  case 2: name = "TEMPO_LAZY_TASKLOOP"; flag = tp_rt.lazy_taskloop; break;
  case 3: name = "TEMPO_FIBERS"; flag = tp_rt.fibers; break;
  case 4: name = "TEMPO_INLINE_SLACK"; number = tp_rt.inline_slack; break;
  case 5: name = "TEMPO_DEBUG"; flag = tp_rt.debug; break;
  case 6:
    name = "TEMPO_STATS";
    string = tp_rt.stats_file ? tp_rt.stats_file : tp_rt.stats ? "TRUE" : "FALSE";
    break;
  case 7: name = "TEMPO_TRACE"; string = tp_rt.trace_file ? tp_rt.trace_file : ""; break;
  case 8: name = "TEMPO_TRACE_EVENTS"; number = tp_rt.trace_events; break;
  case 9: name = "TEMPO_DEFAULT_THREADS"; string = tp_rt.default_cores ? "CORES" : "THREADS"; break;
  case 10: {
    static const char *const kinds[] = {"ALL", "PERFORMANCE", "EFFICIENCY"};
    name = "TEMPO_PLACES_KIND";
    string = kinds[tp_rt.places_kind];
    break;
  }
  case 11: name = "TEMPO_AUTO_BALANCE"; flag = tp_rt.auto_balance; break;
  case 12: name = "TEMPO_STEAL_LOCAL"; flag = tp_rt.steal_local; break;
  case 13: name = "TEMPO_PAPI"; string = tp_rt.papi_events ? tp_rt.papi_events : ""; break;
  case 14:
    name = "TEMPO_DETERMINISTIC";
    if (!tp_rt.det)
      string = "FALSE";
    else
      number = tp_rt.det_seed;
    break;
  case 15: name = "TEMPO_SCHEDULE_LOG"; string = tp_rt.det_log_file ? tp_rt.det_log_file : ""; break;
  case 16: name = "TEMPO_REPLAY"; string = tp_rt.det_replay_file ? tp_rt.det_replay_file : ""; break;
  default: return NULL;
  }
  if (string)
    snprintf(value, size, "%s", string);
  else if (flag >= 0)
    snprintf(value, size, "%s", flag ? "TRUE" : "FALSE");
  else
    snprintf(value, size, "%llu", number);
  return name;
}

static void env_unknown_switches(void) {
  extern char **environ;
  const char *names[TEMPO_SETTINGS_MAX];
  char value[32];
  size_t n = 0;
  while (n < TEMPO_SETTINGS_MAX && (names[n] = tp_tempo_setting((unsigned)n, value, sizeof value)))
    n++;
  for (char **e = environ; e && *e; e++) {
    if (strncmp(*e, "TEMPO_", 6) != 0 || strncmp(*e, "TEMPO_TEST_", 11) == 0)
      continue;
    size_t len = strcspn(*e, "=");
    bool known = false;
    for (size_t i = 0; i < n; i++)
      known |= strlen(names[i]) == len && strncmp(*e, names[i], len) == 0;
    if (known)
      continue;
    const char *near = tp_closest_name(*e, len, names, n, 6);
    tp_warn("ignoring %s: not a Tempo setting%s%s%s (see the README's "
            "\"Scheduling features and their switches\")", *e,
            near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
  }
}

static void env_num_threads(void) {
  const char *v = getenv("OMP_NUM_THREADS");
  if (!v)
    return;
  unsigned list[TP_MAX_LIST];
  unsigned n = 0;
  const char *s = v;
  for (;;) {
    unsigned long x;
    s = tp_parse_ulong(s, &x);
    if (!s || x == 0) {
      bad("OMP_NUM_THREADS", v, "expected a comma-separated list of positive integers");
      return;
    }
    if (x > INT_MAX) {
      bad("OMP_NUM_THREADS", v, "value out of range");
      return;
    }
    if (n == TP_MAX_LIST) {
      bad("OMP_NUM_THREADS", v, "too many list entries (at most 16)");
      return;
    }
    list[n++] = (unsigned)x;
    s = tp_skip_ws(s);
    if (*s == 0)
      break;
    if (*s != ',') {
      bad("OMP_NUM_THREADS", v, "expected a comma-separated list of positive integers");
      return;
    }
    s++;
  }
  memcpy(tp_rt.g.nthreads_list, list, sizeof list);
  tp_rt.g.nthreads_list_len = n;
  tp_rt.initial_icv.nthreads = list[0];
}

/* [monotonic|nonmonotonic:]kind[,chunk].  As in libgomp, static without a
 * modifier is monotonic, a chunk of 0 means the default (1 for dynamic and
 * guided, unspecified for static). */
static bool parse_sched(const char *v, int *kind, long *chunk) {
  const char *s = tp_skip_ws(v);
  int mod = -1; /* -1 none, 0 nonmonotonic, 1 monotonic */
  const char *e;
  if ((e = keyword(s, "monotonic", ":")))
    mod = 1;
  else if ((e = keyword(s, "nonmonotonic", ":")))
    mod = 0;
  if (mod >= 0) {
    s = tp_skip_ws(e);
    if (*s != ':')
      return false;
    s = tp_skip_ws(s + 1);
  }
  static const struct { const char *n; int k; } kinds[] = {
      {"static", TP_SCHED_STATIC}, {"dynamic", TP_SCHED_DYNAMIC},
      {"guided", TP_SCHED_GUIDED}, {"auto", TP_SCHED_AUTO}};
  int k = 0;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !k; i++)
    if ((e = keyword(s, kinds[i].n, ","))) {
      k = kinds[i].k;
      s = tp_skip_ws(e);
    }
  if (!k)
    return false;
  long c = k == TP_SCHED_STATIC ? 0 : 1;
  if (*s == ',') {
    unsigned long x;
    s = tp_parse_ulong(s + 1, &x);
    if (!s || x > INT_MAX)
      return false;
    c = x ? (long)x : c;
  }
  if (!at_end(s))
    return false;
  if (mod == 1 || (mod < 0 && k == TP_SCHED_STATIC))
    k |= TP_SCHED_MONOTONIC;
  *kind = k;
  *chunk = c;
  return true;
}

static void env_schedule(void) {
  const char *v = getenv("OMP_SCHEDULE");
  if (!v)
    return;
  int k;
  long c;
  if (!parse_sched(v, &k, &c)) {
    bad("OMP_SCHEDULE", v, "expected [monotonic:|nonmonotonic:]kind[,chunk] with "
                           "kind static, dynamic, guided or auto");
    return;
  }
  tp_rt.initial_icv.sched_kind = k;
  tp_rt.initial_icv.sched_chunk = c;
}

/* OMP_PROC_BIND: true, false, or a list of primary/master/close/spread.
 * Returns true if it was set (validly). */
static bool env_proc_bind(void) {
  static const struct { const char *n; int v; } names[] = {
      {"false", TP_BIND_FALSE}, {"true", TP_BIND_TRUE},
      {"master", TP_BIND_MASTER}, {"primary", TP_BIND_MASTER},
      {"close", TP_BIND_CLOSE},   {"spread", TP_BIND_SPREAD}};
  const char *v = getenv("OMP_PROC_BIND");
  if (!v)
    return false;
  int list[TP_MAX_LIST];
  unsigned n = 0;
  const char *s = v;
  for (;;) {
    s = tp_skip_ws(s);
    int k = -1;
    const char *e;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && k < 0; i++)
      if ((e = keyword(s, names[i].n, ","))) {
        k = names[i].v;
        s = tp_skip_ws(e);
      }
    /* true/false are only allowed alone. */
    if (k < 0 || (k <= TP_BIND_TRUE && (n > 0 || *s == ','))) {
      bad("OMP_PROC_BIND", v, "expected true, false, or a list of primary, master, close, spread");
      return false;
    }
    if (n == TP_MAX_LIST) {
      bad("OMP_PROC_BIND", v, "too many list entries (at most 16)");
      return false;
    }
    list[n++] = k;
    if (!*s)
      break;
    if (*s != ',') {
      bad("OMP_PROC_BIND", v, "expected true, false, or a list of primary, master, close, spread");
      return false;
    }
    s++;
  }
  memcpy(tp_rt.g.bind_list, list, sizeof list);
  tp_rt.g.bind_list_len = n;
  tp_rt.initial_icv.bind = list[0];
  return true;
}

/* OMP_STACKSIZE / GOMP_STACKSIZE: number with optional B/K/M/G suffix,
 * default unit K. */
static bool env_stacksize(const char *name) {
  const char *v = getenv(name);
  if (!v)
    return false;
  unsigned long x;
  const char *s = tp_parse_ulong(v, &x);
  unsigned shift = 10;
  if (s) {
    s = tp_skip_ws(s);
    switch (tolower((unsigned char)*s)) {
    case 'b': shift = 0; s++; break;
    case 'k': shift = 10; s++; break;
    case 'm': shift = 20; s++; break;
    case 'g': shift = 30; s++; break;
    default: break;
    }
  }
  if (!s || !at_end(s)) {
    bad(name, v, "expected a size with optional unit B, K, M or G");
    return false;
  }
  if (((x << shift) >> shift) != x) {
    bad(name, v, "value out of range");
    return false;
  }
  if ((x << shift) < MIN_STACKSIZE) {
    bad(name, v, "below the minimum thread stack size of 16K");
    return false;
  }
  tp_rt.g.stacksize = (size_t)(x << shift);
  return true;
}

static void env_spincount(void) {
  const char *v = getenv("GOMP_SPINCOUNT");
  if (!v)
    return;
  const char *s = tp_skip_ws(v);
  const char *e;
  if (((e = keyword(s, "infinite", "")) || (e = keyword(s, "infinity", ""))) &&
      at_end(e)) {
    tp_rt.g.spincount = ~0ull;
    tp_rt.g.spincount_set = true;
    return;
  }
  unsigned long long x = 0, mul = 1;
  bool ok = isdigit((unsigned char)*s);
  if (ok) {
    char *end;
    errno = 0;
    x = strtoull(s, &end, 10);
    ok = !errno;
    s = tp_skip_ws(end);
    switch (tolower((unsigned char)*s)) {
    case 'k': mul = 1000ull; s++; break;
    case 'm': mul = 1000000ull; s++; break;
    case 'g': mul = 1000000000ull; s++; break;
    case 't': mul = 1000000000000ull; s++; break;
    default: break;
    }
  }
  if (!ok || !at_end(s)) {
    bad("GOMP_SPINCOUNT", v, "expected a non-negative number (suffix k, M, G, T) or infinite");
    return;
  }
  tp_rt.g.spincount = x > ~0ull / mul ? ~0ull : x * mul;
  tp_rt.g.spincount_set = true;
}

/* LLVM libomp's KMP_* variables, which clang users set: honoured where
 * Tempo has the same setting and the OpenMP/GOMP variable for it is not
 * set (that one wins), otherwise named in a warning.  Called after the
 * OMP_/GOMP_ variables are read. */
#define KMP_SPIN_PER_MS 100000ull /* pause iterations (the 300000 default is ~3 ms) */

static unsigned long long spin_of_ms(unsigned long ms) {
  return ms > ~0ull / KMP_SPIN_PER_MS ? ~0ull : ms * KMP_SPIN_PER_MS;
}

static void env_kmp(bool stacksize_set) {
  if (!stacksize_set)
    env_stacksize("KMP_STACKSIZE");
  const char *v = getenv("KMP_BLOCKTIME");
  if (v && !tp_rt.g.spincount_set && tp_rt.g.wait_policy == TP_WAIT_DEFAULT) {
    const char *s = tp_skip_ws(v), *e;
    unsigned long ms;
    if (((e = keyword(s, "infinite", "")) || (e = keyword(s, "infinity", ""))) && at_end(e)) {
      tp_rt.g.spincount = ~0ull;
      tp_rt.g.spincount_set = true;
    } else if ((e = tp_parse_ulong(s, &ms)) && (at_end(e) || ((e = keyword(tp_skip_ws(e), "ms", "")) && at_end(e)))) {
      tp_rt.g.spincount = spin_of_ms(ms);
      tp_rt.g.spincount_set = true;
    } else {
      bad("KMP_BLOCKTIME", v, "expected milliseconds or infinite");
    }
  }
  static const char *const library[] = {"serial", "turnaround", "throughput"};
  int i = env_choice("KMP_LIBRARY", library, 3, "expected serial, turnaround or throughput");
  if (i == 0 && !getenv("OMP_NUM_THREADS"))
    tp_rt.initial_icv.nthreads = 1;
  else if (i == 1 && tp_rt.g.wait_policy == TP_WAIT_DEFAULT && !tp_rt.g.spincount_set)
    tp_rt.g.wait_policy = TP_WAIT_ACTIVE;
  /* libomp's booleans: 1/0, true/false, yes/no, on/off. */
  static const char *const truth[] = {"0", "false", "no", "off", "1", "true", "yes", "on"};
  i = env_choice("KMP_SETTINGS", truth, 8, "expected true or false");
  if (i >= 4 && !getenv("OMP_DISPLAY_ENV"))
    tp_rt.g.display_env = 1;
  extern char **environ;
  static const char *const honoured[] = {"KMP_STACKSIZE", "KMP_BLOCKTIME", "KMP_LIBRARY",
                                         "KMP_SETTINGS", "KMP_DUPLICATE_LIB_OK"};
  for (char **e = environ; e && *e; e++) {
    if (strncmp(*e, "KMP_", 4) != 0)
      continue;
    size_t len = strcspn(*e, "=");
    bool known = false;
    for (size_t k = 0; k < sizeof honoured / sizeof *honoured; k++)
      known |= strlen(honoured[k]) == len && strncmp(*e, honoured[k], len) == 0;
    if (known)
      continue;
    if (len == 12 && strncmp(*e, "KMP_AFFINITY", 12) == 0)
      tp_warn("ignoring %s: LLVM libomp's; Tempo places threads by OMP_PROC_BIND and "
              "OMP_PLACES (compact: OMP_PROC_BIND=close, scatter: spread)", *e);
    else
      tp_warn("ignoring %s: LLVM libomp's, no Tempo setting corresponds", *e);
  }
}

/* The spin budget, and the shorter one of oversubscribed waits. */
static void spin_set(unsigned long long it) {
  tp_store(&tp_rt.spin_iters, it);
  tp_store(&tp_rt.spin_throttled, it < 1000 ? it : 1000);
}

void tp_spin_set_ms(unsigned long ms) { spin_set(spin_of_ms(ms)); }

unsigned long tp_spin_get_ms(void) {
  unsigned long long it = tp_load(&tp_rt.spin_iters);
  return it / KMP_SPIN_PER_MS > ~0ul ? ~0ul : (unsigned long)(it / KMP_SPIN_PER_MS);
}

static void env_allocator(void) {
  static const char *const names[] = {
      "omp_default_mem_alloc", "omp_large_cap_mem_alloc", "omp_const_mem_alloc",
      "omp_high_bw_mem_alloc", "omp_low_lat_mem_alloc",   "omp_cgroup_mem_alloc",
      "omp_pteam_mem_alloc",   "omp_thread_mem_alloc"};
  int i = env_choice("OMP_ALLOCATOR", names, 8, "expected a predefined allocator "
                     "name such as omp_default_mem_alloc");
  if (i >= 0)
    tp_rt.g.default_allocator = (unsigned long)i + 1; /* omp_*_mem_alloc values */
}

/* TEMPO_PLACES_KIND: on a hybrid part (hwloc's CPU kinds), use only the
 * fastest or the slowest kind's CPUs, as if the affinity mask held only
 * them.  A machine with one kind: one warning, every CPU. */
static void env_places_kind(void) {
  static const char *const kinds[] = {"all", "performance", "efficiency"};
  tp_rt.places_kind = TP_KIND_ALL;
  int i = env_choice("TEMPO_PLACES_KIND", kinds, 3, "expected all, performance or efficiency");
  if (i <= 0)
    return;
  const struct tp_topo_kind *k;
  if (tp_topo_kinds(&k) < 2) {
    tp_warn("ignoring TEMPO_PLACES_KIND='%s': this machine has one kind of CPU; "
            "using them all", getenv("TEMPO_PLACES_KIND"));
    return;
  }
  tp_rt.places_kind = i;
}

/* The CPUs TEMPO_PLACES_KIND keeps, or NULL for all of them. */
static const cpu_set_t *kind_cpus(void) {
  if (tp_rt.places_kind == TP_KIND_ALL)
    return NULL;
  const struct tp_topo_kind *k;
  unsigned n = tp_topo_kinds(&k);
  return &k[tp_rt.places_kind == TP_KIND_PERFORMANCE ? n - 1 : 0].cpus;
}

/* The cores with a CPU in `only` (NULL: all of them). */
static unsigned count_cores(const cpu_set_t *only) {
  const cpu_set_t *cores;
  unsigned n = tp_topo_level(TP_TOPO_CORE, &cores), k = 0;
  for (unsigned i = 0; i < n; i++) {
    cpu_set_t both;
    if (only)
      CPU_AND(&both, &cores[i], only);
    k += !only || CPU_COUNT(&both) > 0;
  }
  return k;
}

/* OMP_PLACES, then GOMP_CPU_AFFINITY, as in libgomp: both are checked when
 * present; the first valid one provides the place list unless OMP_PROC_BIND
 * was set to false; a place list turns an unset OMP_PROC_BIND into true; a
 * binding policy without a list gets one place per hardware thread. */
static void env_places(bool bind_set) {
  bool ignore = bind_set && tp_rt.initial_icv.bind == TP_BIND_FALSE;
  cpu_set_t avail;
  tp_topo_usable(&avail); /* the affinity mask at start-up */
  const cpu_set_t *only = kind_cpus();
  if (only) {
    /* Only one kind's CPUs: places, and threads bound to them (an unbound
     * thread would wander onto the other kind). */
    CPU_AND(&avail, &avail, only);
    if (!bind_set)
      tp_rt.initial_icv.bind = TP_BIND_TRUE;
  }
  static const struct {
    const char *name;
    struct tp_place_list *(*parse)(const char *, const cpu_set_t *,
                                   const char **, const char **);
  } vars[] = {{"OMP_PLACES", tp_places_parse},
              {"GOMP_CPU_AFFINITY", tp_places_parse_gomp}};
  for (int i = 0; i < 2; i++) {
    const char *v = getenv(vars[i].name);
    if (!v)
      continue;
    const char *why, *note;
    struct tp_place_list *l = vars[i].parse(v, &avail, &why, &note);
    if (!l) {
      bad(vars[i].name, v, why);
      continue;
    }
    if (ignore) {
      tp_places_free(l);
      continue;
    }
    if (note)
      tp_warn("%s='%s': %s", vars[i].name, v, note);
    tp_rt.g.place_list = l;
    if (tp_rt.initial_icv.bind == TP_BIND_FALSE)
      tp_rt.initial_icv.bind = TP_BIND_TRUE;
    ignore = true;
  }
  if (!tp_rt.g.place_list && tp_rt.initial_icv.bind != TP_BIND_FALSE)
    tp_rt.g.place_list = tp_places_level(TP_PLACES_THREADS, (unsigned long)-1, &avail);
  /* The initial task's place partition is the whole list; its thread is
   * not bound until it first leads a team (bind.c). */
  tp_rt.initial_icv.part_first = 0;
  tp_rt.initial_icv.part_len = tp_rt.g.place_list ? tp_rt.g.place_list->n : 0;
  tp_rt.initial_icv.place = -1;
  if (tp_rt.g.place_list) {
    size_t n = tp_places_format(tp_rt.g.place_list, NULL, 0);
    tp_rt.g.places = tp_malloc(n + 1);
    tp_places_format(tp_rt.g.place_list, tp_rt.g.places, n + 1);
  }
}

/* The default team size, tp_rt.cpu_budget: the affinity mask's CPUs, fewer
 * if the cgroup CPU quota (cgroup.h) allows fewer -- a container limited to
 * 2 CPUs on a 64-core host gets 2 threads.  OMP_NUM_THREADS still wins.
 * omp_get_num_procs() deliberately stays the affinity count (tp_rt.ncpus),
 * as in libgomp: the spec's "processors available to the device" are the
 * ones the process may run on, whatever share of their time it may use.
 * TEMPO_PLACES_KIND counts only its kind's CPUs. */
static unsigned default_team_size(void) {
  unsigned n = tp_rt.ncpus ? tp_rt.ncpus : 1;
  env_places_kind();
  const cpu_set_t *only = kind_cpus();
  if (only && (unsigned)CPU_COUNT(only) < n)
    n = (unsigned)CPU_COUNT(only);
  tp_cgroup_cpu_quota(&tp_rt.cgroup_quota);
  if (tp_rt.cgroup_quota.cpus && tp_rt.cgroup_quota.cpus < n)
    n = tp_rt.cgroup_quota.cpus;
  tp_rt.cpu_budget = n;
  /* TEMPO_DEFAULT_THREADS=cores: one thread per core, for compute-bound
   * codes that lose with SMT siblings.  Only the default team size changes
   * (cpu_budget, what oversubscription is measured against, stays the CPU
   * count); only then does the default need hwloc. */
  static const char *const per[] = {"threads", "cores"};
  tp_rt.default_cores = 0;
  if (env_choice("TEMPO_DEFAULT_THREADS", per, 2, "expected threads or cores") == 1) {
    tp_rt.default_cores = count_cores(only);
    if (tp_rt.default_cores < n)
      n = tp_rt.default_cores;
  }
  return n;
}

/* Whether the initial team may run on CPUs of different kinds: its place
 * list's places (or, unbound, the usable CPUs) span two kinds.  Asked only
 * when hwloc is loaded already (places, TEMPO_PLACES_KIND,
 * TEMPO_DEFAULT_THREADS=cores): a program that never needed the topology
 * keeps its start-up, and its auto loops stay static. */
static bool mixed_kinds(void) {
  if (!tp_topo_loaded())
    return false;
  const struct tp_place_list *l = tp_rt.g.place_list;
  if (!l || tp_rt.initial_icv.bind == TP_BIND_FALSE) {
    cpu_set_t all;
    tp_topo_usable(&all);
    const cpu_set_t *only = kind_cpus();
    if (only)
      CPU_AND(&all, &all, only);
    const struct tp_topo_kind *k;
    unsigned n = tp_topo_kinds(&k), seen = 0;
    for (unsigned i = 0; i < n; i++) {
      cpu_set_t both;
      CPU_AND(&both, &k[i].cpus, &all);
      seen += CPU_COUNT(&both) > 0;
    }
    return seen > 1;
  }
  int first = tp_topo_kind_of(&l->set[0]);
  for (unsigned i = 0; i < l->n; i++)
    if (tp_topo_kind_of(&l->set[i]) != first)
      return true;
  return false;
}

/* TEMPO_AUTO_BALANCE: on a team spanning CPU kinds (hybrid parts), equal
 * static blocks wait on the slow cores; schedule(auto) balances by work
 * done instead.  On by default there; off leaves auto static everywhere. */
static void env_auto_balance(void) {
  bool b = true;
  env_switch("TEMPO_AUTO_BALANCE", &b);
  tp_rt.auto_balance = b;
  tp_rt.auto_steal = b && mixed_kinds();
}

/* Everything back to the defaults, freeing what a previous run allocated. */
static void reset_defaults(void) {
  tp_places_free(tp_rt.g.place_list);
  free(tp_rt.g.places);
  free(tp_rt.g.affinity_format);
  memset(&tp_rt.g, 0, sizeof tp_rt.g);
  tp_rt.g.affinity_format = tp_malloc(sizeof DEFAULT_AFFINITY_FORMAT);
  memcpy(tp_rt.g.affinity_format, DEFAULT_AFFINITY_FORMAT, sizeof DEFAULT_AFFINITY_FORMAT);
  tp_rt.g.default_allocator = 1; /* omp_default_mem_alloc */

  struct tp_icv *icv = &tp_rt.initial_icv;
  memset(icv, 0, sizeof *icv);
  icv->nthreads = default_team_size();
  icv->dyn = false;
  icv->sched_kind = TP_SCHED_DYNAMIC;
  icv->sched_chunk = 1;
  icv->max_active_levels = 1;
  icv->thread_limit = UINT_MAX;
  icv->bind = TP_BIND_FALSE;
}

void tp_env_init(void) {
  reset_defaults();
  struct tp_icv *icv = &tp_rt.initial_icv;
  unsigned long x;
  bool b;

  env_num_threads();
  env_schedule();
  bool bind_set = env_proc_bind();
  if (env_bool("OMP_DYNAMIC", &b))
    icv->dyn = b;

  /* max-active-levels: OMP_MAX_ACTIVE_LEVELS wins; else OMP_NESTED; else
   * nested lists (OMP_NUM_THREADS / OMP_PROC_BIND with several entries)
   * enable nesting, as in libgomp.  OMP_NESTED is checked either way. */
  bool nested_set = env_bool("OMP_NESTED", &b);
  if (env_ulong("OMP_MAX_ACTIVE_LEVELS", 0, ULONG_MAX, &x))
    icv->max_active_levels = x > SUPPORTED_ACTIVE_LEVELS ? SUPPORTED_ACTIVE_LEVELS : (unsigned)x;
  else if (nested_set)
    icv->max_active_levels = b ? SUPPORTED_ACTIVE_LEVELS : 1;
  else if (tp_rt.g.nthreads_list_len > 1 || tp_rt.g.bind_list_len > 1)
    icv->max_active_levels = SUPPORTED_ACTIVE_LEVELS;

  if (env_ulong("OMP_THREAD_LIMIT", 1, ULONG_MAX, &x))
    icv->thread_limit = x > INT_MAX ? UINT_MAX : (unsigned)x;
  if (env_ulong("OMP_MAX_TASK_PRIORITY", 0, INT_MAX, &x))
    tp_rt.g.max_task_priority = (int)x;
  if (env_ulong("OMP_DEFAULT_DEVICE", 0, INT_MAX, &x))
    icv->default_device = (int)x;
  if (env_ulong("OMP_NUM_TEAMS", 1, INT_MAX, &x))
    tp_rt.g.nteams = (int)x;
  if (env_ulong("OMP_TEAMS_THREAD_LIMIT", 1, INT_MAX, &x))
    tp_rt.g.teams_thread_limit = (int)x;
  if (env_ulong("GOMP_DEBUG", 0, INT_MAX, &x))
    tp_rt.g.debug = (int)x;
  if (env_bool("OMP_CANCELLATION", &b))
    tp_rt.g.cancel = b;
  if (env_bool("OMP_DISPLAY_AFFINITY", &b))
    tp_rt.g.display_affinity = b;

  static const char *const offload[] = {"default", "mandatory", "disabled"};
  int i = env_choice("OMP_TARGET_OFFLOAD", offload, 3,
                     "expected default, mandatory or disabled");
  if (i >= 0)
    tp_rt.g.target_offload = i;
  env_allocator();

  const char *f = getenv("OMP_AFFINITY_FORMAT");
  if (f)
    tp_set_affinity_format(f, strlen(f));

  env_places(bind_set);

  bool stacksize_set = env_stacksize("OMP_STACKSIZE") || env_stacksize("GOMP_STACKSIZE");

  static const char *const policies[] = {"passive", "active"};
  i = env_choice("OMP_WAIT_POLICY", policies, 2, "expected active or passive");
  if (i >= 0)
    tp_rt.g.wait_policy = i ? TP_WAIT_ACTIVE : TP_WAIT_PASSIVE;
  env_spincount();
  env_kmp(stacksize_set);

  /* Spin budget, in pause iterations (libgomp's defaults: about 5 minutes
   * for active, 3 ms by default, none for passive). */
  if (tp_rt.g.spincount_set)
    spin_set(tp_rt.g.spincount);
  else if (tp_rt.g.wait_policy == TP_WAIT_ACTIVE)
    spin_set(30000000000ull);
  else if (tp_rt.g.wait_policy == TP_WAIT_PASSIVE)
    spin_set(0);
  else
    spin_set(spin_of_ms(TP_SPIN_DEFAULT_MS));

  /* Tempo's own switches: each scheduling feature can be turned off. */
  tp_rt.loop_steal = true;
  if (env_switch("TEMPO_LOOP_STEAL", &b))
    tp_rt.loop_steal = b;
  tp_rt.fibers = false; /* no benchmark shows a win yet (README) */
  if (env_switch("TEMPO_FIBERS", &b))
    tp_rt.fibers = b;
  tp_fiber_pool_init(&tp_rt.fiber_pool, 0);
  env_auto_balance();
  tp_rt.steal_local = true; /* only with a known placement (victims.h) */
  if (env_switch("TEMPO_STEAL_LOCAL", &b))
    tp_rt.steal_local = b;
  tp_rt.lazy_taskloop = true;
  if (env_switch("TEMPO_LAZY_TASKLOOP", &b))
    tp_rt.lazy_taskloop = b;
  tp_rt.heartbeat_ns = 100000;
  if (env_ulong("TEMPO_HEARTBEAT_US", 0, 10000000, &x))
    tp_rt.heartbeat_ns = (uint64_t)x * 1000;
  tp_rt.inline_slack = 4; /* README: fib, uts, health, task_tree at 2 and 4 threads */
  if (env_ulong("TEMPO_INLINE_SLACK", 0, 1024, &x))
    tp_rt.inline_slack = (unsigned)x;
  /* Statistics (stats.h): a yes/no, or the JSON file to write them to. */
  const char *st = getenv("TEMPO_STATS");
  if (st && *st) {
    static const char *const no[] = {"0", "false", "off", "no"}, *const yes[] = {"1", "true", "on", "yes"};
    bool off = false, on = false;
    for (int i = 0; i < 4; i++) {
      off |= strcasecmp(st, no[i]) == 0;
      on |= strcasecmp(st, yes[i]) == 0;
    }
    if (!off) {
      tp_rt.stats = true;
      tp_rt.stats_t0 = tp_now_ns();
      if (!on)
        tp_rt.stats_file = strdup(st);
    }
  }
  /* PAPI events per thread and region (papi_events.h), in the statistics: asking
   * for them turns the statistics on. */
  const char *papi = getenv("TEMPO_PAPI");
  if (papi && *papi) {
    tp_rt.papi_events = strdup(papi);
    /* Tests name a library that is not there (the notice when libpapi is
     * missing); "" or unset: the system's. */
    const char *lib = getenv("TEMPO_TEST_PAPI_LIB");
    if (lib && *lib)
      tp_rt.papi_lib = strdup(lib);
    if (!tp_rt.stats) {
      tp_rt.stats = true;
      tp_rt.stats_t0 = tp_now_ns();
    }
  }
  /* A timeline (trace.h): the file, and how many events a thread keeps. */
  const char *tr = getenv("TEMPO_TRACE");
  if (tr && *tr) {
    tp_rt.trace_file = strdup(tr);
    tp_rt.trace_t0 = tp_now_ns();
  }
  tp_rt.trace_events = 262144;
  if (env_ulong("TEMPO_TRACE_EVENTS", 1, 1u << 26, &x))
    tp_rt.trace_events = (unsigned)x;
  /* API misuse reported with the caller's location (sys.h: tp_misuse). */
  if (env_switch("TEMPO_DEBUG", &b))
    tp_rt.debug = b;
  /* Deterministic mode (detsched.h): a seed, or the log to replay (whose
   * seed it runs with); it overrides the scheduling switches above. */
  unsigned long seed;
  if (env_ulong("TEMPO_DETERMINISTIC", 0, ~0ul, &seed)) {
    tp_rt.det = true;
    tp_rt.det_seed = seed;
  }
  const char *log = getenv("TEMPO_SCHEDULE_LOG"), *replay = getenv("TEMPO_REPLAY");
  if (log && *log)
    tp_rt.det_log_file = strdup(log);
  if (replay && *replay)
    tp_rt.det_replay_file = strdup(replay);
  if (tp_rt.det || tp_rt.det_replay_file)
    tp_det_init();
  else if (tp_rt.det_log_file)
    tp_warn("TEMPO_SCHEDULE_LOG is set without TEMPO_DETERMINISTIC or TEMPO_REPLAY: no "
            "schedule is logged");
  env_unknown_switches();

  static const char *const display[] = {"false", "true", "verbose"};
  i = env_choice("OMP_DISPLAY_ENV", display, 3, "expected true, false or verbose");
  if (i >= 0)
    tp_rt.g.display_env = i;
}

void tp_set_affinity_format(const char *s, size_t len) {
  char *p = tp_malloc(len + 1);
  memcpy(p, s, len);
  p[len] = 0;
  /* Replaced, never freed: another thread may be formatting with the old
   * one (omp_set_affinity_format is rare; the leak is bounded by calls). */
  tp_store_rel(&tp_rt.g.affinity_format, p);
}
