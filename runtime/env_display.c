/* env_display.c — the OMP_DISPLAY_ENV block (see env.h): libgomp 12's
 * layout, line for line, showing Tempo's values of the initial ICVs. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#include "env.h"
#include "rt.h"
#include "topo_display.h"

static void show_foreign(const char *path, void *arg) {
  (void)arg;
  fprintf(stderr, "tempo: another OpenMP runtime is loaded, unused (its entry points bind "
                  "to Tempo): %s\n", path);
}

/* Where the default team size (tp_rt.cpu_budget, env.c) came from: the
 * machine, the affinity mask or the cgroup CPU quota, with the numbers, or
 * the number of cores (TEMPO_DEFAULT_THREADS=cores) when that is fewer. */
static void show_team_default(void) {
  const struct tp_cgroup_quota *q = &tp_rt.cgroup_quota;
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  FILE *f = stderr;
  flockfile(f);
  unsigned cores = tp_rt.default_cores;
  if (cores && cores < tp_rt.cpu_budget)
    fprintf(f, "tempo: default team size %u from TEMPO_DEFAULT_THREADS=cores (%u core%s); "
            "without it %u from ", cores, cores, cores == 1 ? "" : "s", tp_rt.cpu_budget);
  else
    fprintf(f, "tempo: default team size %u from ", tp_rt.cpu_budget);
  if (q->cpus && q->cpus < tp_rt.ncpus)
    fprintf(f, "the cgroup v%d CPU quota %lld/%lld (%u CPU%s%s; the affinity mask has %u)",
            q->version, q->quota, q->period, q->cpus, q->cpus == 1 ? "" : "s",
            q->quota % q->period ? ", rounded up" : "", tp_rt.ncpus);
  else if (online > 0 && tp_rt.ncpus < (unsigned long)online)
    fprintf(f, "the affinity mask (%u of %ld online CPUs)", tp_rt.ncpus, online);
  else
    fprintf(f, "the machine (%u CPUs)", tp_rt.ncpus);
  if (tp_rt.places_kind)
    fprintf(f, "; TEMPO_PLACES_KIND=%s: only those CPUs",
            tp_rt.places_kind == TP_KIND_PERFORMANCE ? "performance" : "efficiency");
  if (cores && cores >= tp_rt.cpu_budget)
    fprintf(f, "; TEMPO_DEFAULT_THREADS=cores allows %u (one per core)", cores);
  if (!q->cpus)
    fputs("; no cgroup CPU quota", f);
  else if (q->cpus >= tp_rt.ncpus)
    fprintf(f, "; the cgroup v%d CPU quota %lld/%lld allows %u", q->version, q->quota,
            q->period, q->cpus);
  if (tp_rt.g.nthreads_list_len)
    fputs("; OMP_NUM_THREADS overrides it", f);
  fputc('\n', f);
  funlockfile(f);
}

/* Which file the loader mapped Tempo from: with several copies around
 * (a build tree, an install, a package) this says which one a program got. */
static void show_library(void) {
  Dl_info info;
  if (dladdr((void *)tp_env_display, &info) && info.dli_fname && *info.dli_fname)
    fprintf(stderr, "tempo: version %s, library %s\n", TEMPO_VERSION, info.dli_fname);
  else
    fprintf(stderr, "tempo: version %s\n", TEMPO_VERSION);
}

/* The CPUs the affinity mask allows, as ranges ("0-3,8"). */
static void show_cpus(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0)
    return;
  FILE *f = stderr;
  flockfile(f);
  fputs("tempo: CPUs allowed ", f);
  const char *sep = "";
  for (int c = 0; c < CPU_SETSIZE; c++) {
    if (!CPU_ISSET(c, &set))
      continue;
    int last = c;
    while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &set))
      last++;
    if (last > c)
      fprintf(f, "%s%d-%d", sep, c, last);
    else
      fprintf(f, "%s%d", sep, c);
    sep = ",";
    c = last;
  }
  fprintf(f, " (%d CPU%s)\n", CPU_COUNT(&set), CPU_COUNT(&set) == 1 ? "" : "s");
  funlockfile(f);
}

/* At start-up; verbose also names the other OpenMP runtimes mapped in the
 * process, Tempo's version and file, the CPUs allowed and where the default
 * team size came from, after the block (whose lines are libgomp's, then
 * Tempo's settings in the same form). */
const char *tp_version(void) { return TEMPO_VERSION; }

void tp_env_display(void) {
  if (!tp_rt.g.display_env)
    return;
  tp_env_print(tp_rt.g.display_env == 2);
  if (tp_rt.g.display_env == 2) {
    tp_foreign_each(show_foreign, NULL);
    show_library();
    show_cpus();
    tp_topo_print(stderr);
    tp_topo_print_places(stderr, tp_rt.g.place_list);
    show_team_default();
  }
}

static const char *bind_name(int b) {
  switch (b) {
  case TP_BIND_FALSE: return "FALSE";
  case TP_BIND_TRUE: return "TRUE";
  case TP_BIND_MASTER: return "MASTER"; /* libgomp 12 still says MASTER */
  case TP_BIND_CLOSE: return "CLOSE";
  case TP_BIND_SPREAD: return "SPREAD";
  default: return "";
  }
}

static void print_schedule(FILE *f, int kind, long chunk) {
  int base = kind & ~TP_SCHED_MONOTONIC;
  bool mono = (kind & TP_SCHED_MONOTONIC) != 0;
  /* static is monotonic unless said otherwise; the others the reverse. */
  if (mono && base != TP_SCHED_STATIC)
    fputs("MONOTONIC:", f);
  else if (!mono && base == TP_SCHED_STATIC)
    fputs("NONMONOTONIC:", f);
  static const char *const names[] = {"", "STATIC", "DYNAMIC", "GUIDED", "AUTO"};
  fputs(base >= 1 && base <= 4 ? names[base] : "", f);
  long dflt = base == TP_SCHED_STATIC ? 0 : 1;
  if (base != TP_SCHED_AUTO && chunk != dflt)
    fprintf(f, ",%ld", chunk);
}


void tp_env_print(bool verbose) {
  static const char *const allocators[] = {
      "", "omp_default_mem_alloc", "omp_large_cap_mem_alloc", "omp_const_mem_alloc",
      "omp_high_bw_mem_alloc", "omp_low_lat_mem_alloc", "omp_cgroup_mem_alloc",
      "omp_pteam_mem_alloc", "omp_thread_mem_alloc"};
  static const char *const offload[] = {"DEFAULT", "MANDATORY", "DISABLED"};
  const struct tp_icv *icv = &tp_rt.initial_icv;
  const struct tp_global_icv *g = &tp_rt.g;
  FILE *f = stderr;

  flockfile(f);
  fputs("\nOPENMP DISPLAY ENVIRONMENT BEGIN\n", f);
  fputs("  _OPENMP = '201511'\n", f);
  fprintf(f, "  OMP_DYNAMIC = '%s'\n", icv->dyn ? "TRUE" : "FALSE");
  fprintf(f, "  OMP_NESTED = '%s'\n", icv->max_active_levels > 1 ? "TRUE" : "FALSE");
  fprintf(f, "  OMP_NUM_THREADS = '%u", icv->nthreads);
  for (unsigned i = 1; i < g->nthreads_list_len; i++)
    fprintf(f, ",%u", g->nthreads_list[i]);
  fputs("'\n  OMP_SCHEDULE = '", f);
  print_schedule(f, icv->sched_kind, icv->sched_chunk);
  fprintf(f, "'\n  OMP_PROC_BIND = '%s", bind_name(icv->bind));
  for (unsigned i = 1; i < g->bind_list_len; i++)
    fprintf(f, ",%s", bind_name(g->bind_list[i]));
  fprintf(f, "'\n  OMP_PLACES = '%s'\n", g->places ? g->places : "");
  fprintf(f, "  OMP_STACKSIZE = '%zu'\n", g->stacksize);
  fprintf(f, "  OMP_WAIT_POLICY = '%s'\n",
          g->wait_policy == TP_WAIT_ACTIVE ? "ACTIVE" : "PASSIVE");
  fprintf(f, "  OMP_THREAD_LIMIT = '%u'\n", icv->thread_limit);
  fprintf(f, "  OMP_MAX_ACTIVE_LEVELS = '%u'\n", icv->max_active_levels);
  fprintf(f, "  OMP_NUM_TEAMS = '%d'\n", g->nteams);
  fprintf(f, "  OMP_TEAMS_THREAD_LIMIT = '%d'\n", g->teams_thread_limit);
  fprintf(f, "  OMP_CANCELLATION = '%s'\n", g->cancel ? "TRUE" : "FALSE");
  fprintf(f, "  OMP_DEFAULT_DEVICE = '%d'\n", icv->default_device);
  fprintf(f, "  OMP_MAX_TASK_PRIORITY = '%d'\n", g->max_task_priority);
  fprintf(f, "  OMP_DISPLAY_AFFINITY = '%s'\n", g->display_affinity ? "TRUE" : "FALSE");
  fprintf(f, "  OMP_AFFINITY_FORMAT = '%s'\n", tp_load_acq(&g->affinity_format));
  fprintf(f, "  OMP_ALLOCATOR = '%s'\n",
          g->default_allocator < 9 ? allocators[g->default_allocator] : "");
  fprintf(f, "  OMP_TARGET_OFFLOAD = '%s'\n",
          g->target_offload >= 0 && g->target_offload < 3 ? offload[g->target_offload] : "");
  if (verbose) {
    fputs("  GOMP_CPU_AFFINITY = ''\n", f); /* libgomp 12 always shows it empty */
    fprintf(f, "  GOMP_STACKSIZE = '%zu'\n", g->stacksize);
    fprintf(f, "  GOMP_SPINCOUNT = '%llu'\n", tp_rt.spin_iters);
    /* Tempo's own, after libgomp's (a parser of libgomp's lines still
     * finds them all): the version, then every TEMPO_* setting. */
    fprintf(f, "  TEMPO_VERSION = '%s'\n", TEMPO_VERSION);
    char value[32];
    const char *name;
    for (unsigned i = 0; (name = tp_tempo_setting(i, value, sizeof value)); i++)
      fprintf(f, "  %s = '%s'\n", name, value);
  }
  fputs("OPENMP DISPLAY ENVIRONMENT END\n", f);
  funlockfile(f);
}
