/* env.c — parse OMP_* and GOMP_* environment variables (see env.h). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "env.h"
#include "rt.h"

static void bad(const char *name, const char *value, const char *why) {
  tp_warn("ignoring %s='%s': %s; using the default", name, value, why);
}

static const char *skip_ws(const char *s) {
  while (isspace((unsigned char)*s))
    s++;
  return s;
}

static bool at_end(const char *s) { return *skip_ws(s) == 0; }

/* Parses an unsigned decimal number; returns the position after it or NULL. */
static const char *parse_ulong(const char *s, unsigned long *out) {
  s = skip_ws(s);
  if (!isdigit((unsigned char)*s))
    return NULL;
  errno = 0;
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (errno)
    return NULL;
  *out = v;
  return end;
}

/* A positive (or, with allow_zero, non-negative) integer <= max. */
static bool env_uint(const char *name, unsigned long max, bool allow_zero,
                     unsigned long *out) {
  const char *v = getenv(name);
  if (!v)
    return false;
  unsigned long x;
  const char *e = parse_ulong(v, &x);
  if (!e || !at_end(e)) {
    bad(name, v, "expected a non-negative integer");
    return false;
  }
  if ((!allow_zero && x == 0) || x > max) {
    bad(name, v, "value out of range");
    return false;
  }
  *out = x;
  return true;
}

static bool env_bool(const char *name, bool *out) {
  const char *v = getenv(name);
  if (!v)
    return false;
  const char *s = skip_ws(v);
  size_t n = strcspn(s, " \t\n");
  if (n == 4 && !strncasecmp(s, "true", 4) && at_end(s + n))
    *out = true;
  else if (n == 5 && !strncasecmp(s, "false", 5) && at_end(s + n))
    *out = false;
  else {
    bad(name, v, "expected true or false");
    return false;
  }
  return true;
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
    s = parse_ulong(s, &x);
    if (!s || x == 0 || x > INT_MAX) {
      bad("OMP_NUM_THREADS", v, "expected a comma-separated list of positive integers");
      return;
    }
    if (n == TP_MAX_LIST) {
      bad("OMP_NUM_THREADS", v, "too many list entries");
      return;
    }
    list[n++] = (unsigned)x;
    s = skip_ws(s);
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

static bool parse_sched(const char *v, int *kind, long *chunk) {
  const char *s = skip_ws(v);
  int mod = 0;
  if (!strncasecmp(s, "monotonic:", 10)) {
    mod = TP_SCHED_MONOTONIC;
    s += 10;
  } else if (!strncasecmp(s, "nonmonotonic:", 13)) {
    s += 13;
  }
  s = skip_ws(s);
  static const struct { const char *n; int k; } kinds[] = {
      {"static", TP_SCHED_STATIC}, {"dynamic", TP_SCHED_DYNAMIC},
      {"guided", TP_SCHED_GUIDED}, {"auto", TP_SCHED_AUTO}};
  int k = 0;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t l = strlen(kinds[i].n);
    if (!strncasecmp(s, kinds[i].n, l) && !isalpha((unsigned char)s[l])) {
      k = kinds[i].k;
      s += l;
      break;
    }
  }
  if (!k)
    return false;
  long c = 0;
  s = skip_ws(s);
  if (*s == ',') {
    unsigned long x;
    s = parse_ulong(s + 1, &x);
    if (!s || x == 0 || x > INT_MAX)
      return false;
    c = (long)x;
  }
  if (!at_end(s))
    return false;
  if (k == TP_SCHED_AUTO)
    c = 0;
  *kind = k | mod;
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
    bad("OMP_SCHEDULE", v, "expected [modifier:]kind[,chunk] with kind static, "
                           "dynamic, guided or auto");
    return;
  }
  tp_rt.initial_icv.sched_kind = k;
  tp_rt.initial_icv.sched_chunk = c;
}

static const struct { const char *n; int v; } bind_names[] = {
    {"false", TP_BIND_FALSE}, {"true", TP_BIND_TRUE},
    {"master", TP_BIND_MASTER}, {"primary", TP_BIND_MASTER},
    {"close", TP_BIND_CLOSE},   {"spread", TP_BIND_SPREAD}};

static void env_proc_bind(void) {
  const char *v = getenv("OMP_PROC_BIND");
  if (!v)
    return;
  int list[TP_MAX_LIST];
  unsigned n = 0;
  const char *s = v;
  for (;;) {
    s = skip_ws(s);
    int k = -1;
    for (size_t i = 0; i < sizeof bind_names / sizeof bind_names[0]; i++) {
      size_t l = strlen(bind_names[i].n);
      if (!strncasecmp(s, bind_names[i].n, l) && !isalpha((unsigned char)s[l])) {
        k = bind_names[i].v;
        s += l;
        break;
      }
    }
    /* true/false are only allowed alone. */
    if (k < 0 || n == TP_MAX_LIST || (n > 0 && k <= TP_BIND_TRUE)) {
      bad("OMP_PROC_BIND", v, "expected true, false, or a list of primary, master, close, spread");
      return;
    }
    list[n++] = k;
    s = skip_ws(s);
    if (!*s)
      break;
    if (*s != ',' || k <= TP_BIND_TRUE) {
      bad("OMP_PROC_BIND", v, "expected true, false, or a list of primary, master, close, spread");
      return;
    }
    s++;
  }
  memcpy(tp_rt.g.bind_list, list, sizeof list);
  tp_rt.g.bind_list_len = n;
  tp_rt.initial_icv.bind = list[0];
}

/* OMP_STACKSIZE / GOMP_STACKSIZE: number with optional B/K/M/G suffix,
 * default unit K. */
static bool env_stacksize(const char *name) {
  const char *v = getenv(name);
  if (!v)
    return false;
  unsigned long x;
  const char *s = parse_ulong(v, &x);
  unsigned long long mul = 1024;
  if (s) {
    s = skip_ws(s);
    switch (toupper((unsigned char)*s)) {
    case 'B': mul = 1; s++; break;
    case 'K': mul = 1024; s++; break;
    case 'M': mul = 1024 * 1024; s++; break;
    case 'G': mul = 1024ull * 1024 * 1024; s++; break;
    default: break;
    }
  }
  if (!s || !at_end(s) || x == 0 || x > (~0ull) / mul) {
    bad(name, v, "expected a positive size with optional unit B, K, M or G");
    return false;
  }
  tp_rt.g.stacksize = (size_t)(x * mul);
  return true;
}

static void env_wait_policy(void) {
  const char *v = getenv("OMP_WAIT_POLICY");
  if (!v)
    return;
  const char *s = skip_ws(v);
  size_t n = strcspn(s, " \t\n");
  if (n == 6 && !strncasecmp(s, "active", 6) && at_end(s + n))
    tp_rt.g.wait_policy = TP_WAIT_ACTIVE;
  else if (n == 7 && !strncasecmp(s, "passive", 7) && at_end(s + n))
    tp_rt.g.wait_policy = TP_WAIT_PASSIVE;
  else
    bad("OMP_WAIT_POLICY", v, "expected active or passive");
}

static void env_spincount(void) {
  const char *v = getenv("GOMP_SPINCOUNT");
  if (!v)
    return;
  const char *s = skip_ws(v);
  if (!strncasecmp(s, "infinite", 8) && at_end(s + 8)) {
    tp_rt.g.spincount = ~0ull;
    tp_rt.g.spincount_set = true;
    return;
  }
  if (!strncasecmp(s, "infinity", 8) && at_end(s + 8)) {
    tp_rt.g.spincount = ~0ull;
    tp_rt.g.spincount_set = true;
    return;
  }
  unsigned long x;
  s = parse_ulong(s, &x);
  unsigned long long mul = 1;
  if (s) {
    switch (toupper((unsigned char)*s)) {
    case 'K': mul = 1000; s++; break;
    case 'M': mul = 1000000; s++; break;
    case 'G': mul = 1000000000; s++; break;
    case 'T': mul = 1000000000000ull; s++; break;
    default: break;
    }
  }
  if (!s || !at_end(s)) {
    bad("GOMP_SPINCOUNT", v, "expected a non-negative number (suffix k, M, G, T) or infinite");
    return;
  }
  tp_rt.g.spincount = x * mul;
  tp_rt.g.spincount_set = true;
}

void tp_env_init(void) {
  struct tp_icv *icv = &tp_rt.initial_icv;
  icv->nthreads = tp_rt.ncpus;
  icv->dyn = false;
  icv->sched_kind = TP_SCHED_DYNAMIC;
  icv->sched_chunk = 1;
  icv->max_active_levels = 1;
  icv->thread_limit = UINT_MAX;
  icv->bind = TP_BIND_FALSE;
  tp_rt.g.max_task_priority = 0;

  env_num_threads();
  env_schedule();
  env_proc_bind();

  bool b;
  if (env_bool("OMP_DYNAMIC", &b))
    icv->dyn = b;

  /* max-active-levels: OMP_MAX_ACTIVE_LEVELS wins; else OMP_NESTED; else
   * nested lists (OMP_NUM_THREADS / OMP_PROC_BIND with several entries)
   * enable nesting, as in libgomp. */
  unsigned long x;
  bool nested_set = env_bool("OMP_NESTED", &b);
  if (env_uint("OMP_MAX_ACTIVE_LEVELS", INT_MAX, true, &x))
    icv->max_active_levels = x > 255 ? 255 : (unsigned)x;
  else if (nested_set)
    icv->max_active_levels = b ? 255 : 1;
  else if (tp_rt.g.nthreads_list_len > 1 || tp_rt.g.bind_list_len > 1)
    icv->max_active_levels = 255;

  if (env_uint("OMP_THREAD_LIMIT", INT_MAX, false, &x))
    icv->thread_limit = (unsigned)x;
  if (env_uint("OMP_MAX_TASK_PRIORITY", INT_MAX, true, &x))
    tp_rt.g.max_task_priority = (int)x;
  if (env_uint("OMP_DEFAULT_DEVICE", INT_MAX, true, &x))
    icv->default_device = (int)x;
  if (env_bool("OMP_CANCELLATION", &b))
    tp_rt.g.cancel = b;
  if (env_bool("OMP_DISPLAY_AFFINITY", &b))
    tp_rt.g.display_affinity = b;

  if (!env_stacksize("OMP_STACKSIZE"))
    env_stacksize("GOMP_STACKSIZE");
  env_wait_policy();
  env_spincount();

  /* Spin budget, in pause iterations (libgomp's defaults). */
  if (tp_rt.g.spincount_set)
    tp_rt.spin_iters = tp_rt.g.spincount;
  else if (tp_rt.g.wait_policy == TP_WAIT_ACTIVE)
    tp_rt.spin_iters = ~0ull;
  else if (tp_rt.g.wait_policy == TP_WAIT_PASSIVE)
    tp_rt.spin_iters = 0;
  else
    tp_rt.spin_iters = 300000;
  tp_rt.spin_throttled = tp_rt.spin_iters < 1000 ? tp_rt.spin_iters : 1000;

  const char *d = getenv("OMP_DISPLAY_ENV");
  if (d) {
    const char *s = skip_ws(d);
    if (!strncasecmp(s, "verbose", 7) && at_end(s + 7))
      tp_rt.g.display_env = 2;
    else if (!strncasecmp(s, "true", 4) && at_end(s + 4))
      tp_rt.g.display_env = 1;
    else if (!(!strncasecmp(s, "false", 5) && at_end(s + 5)))
      bad("OMP_DISPLAY_ENV", d, "expected true, false or verbose");
  }
}

void tp_env_display(void) {
  if (tp_rt.g.display_env)
    tp_env_print(tp_rt.g.display_env == 2);
}

void tp_env_print(bool verbose) {
  (void)verbose;
  const struct tp_icv *icv = &tp_rt.initial_icv;
  fprintf(stderr, "\nOPENMP DISPLAY ENVIRONMENT BEGIN\n");
  fprintf(stderr, "  _OPENMP = '201511'\n");
  fprintf(stderr, "  OMP_DYNAMIC = '%s'\n", icv->dyn ? "TRUE" : "FALSE");
  fprintf(stderr, "  OMP_NUM_THREADS = '%u'\n", icv->nthreads);
  fprintf(stderr, "OPENMP DISPLAY ENVIRONMENT END\n");
}
