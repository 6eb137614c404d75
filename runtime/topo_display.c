/* topo_display.c — the machine as Tempo sees it, for OMP_DISPLAY_ENV=verbose
 * (and so tempo-run --info): packages, NUMA domains, cores, hardware threads
 * per core, caches and CPU kinds, from topology.h.  Asking loads hwloc
 * (about a millisecond, once): verbose is a diagnostic, the plain
 * OMP_DISPLAY_ENV=true block never asks. */
#include <stdio.h>

#include "places.h"
#include "topo_display.h"
#include "topology.h"

static unsigned count(enum tp_topo_level lv) {
  const cpu_set_t *sets;
  return tp_topo_level(lv, &sets);
}

static void size_of(unsigned long long b, char *out, size_t n) {
  if (b >= (1ull << 20) && b % (1ull << 20) == 0)
    snprintf(out, n, " %llu MiB", b >> 20);
  else if (b >= 1024 && b % 1024 == 0)
    snprintf(out, n, " %llu KiB", b >> 10);
  else if (b)
    snprintf(out, n, " %llu B", b);
  else
    out[0] = 0;
}

void tp_topo_print_places(FILE *f, const struct tp_place_list *l) {
  const struct tp_topo_kind *k;
  if (!l || tp_topo_kinds(&k) < 2)
    return;
  flockfile(f);
  fputs("tempo: place kinds", f);
  for (unsigned i = 0; i < l->n; i++) {
    int kind = tp_topo_kind_of(&l->set[i]);
    fprintf(f, " %d", kind);
  }
  fputs(" (0 = the slowest)\n", f);
  funlockfile(f);
}

void tp_topo_print(FILE *f) {
  unsigned pkg = count(TP_TOPO_PACKAGE), numa = count(TP_TOPO_NUMA);
  unsigned cores = count(TP_TOPO_CORE), pus = count(TP_TOPO_PU);
  unsigned smt = tp_topo_threads_per_core();
  flockfile(f);
  fprintf(f, "tempo: machine %u package%s, %u NUMA domain%s, %u core%s, %u hardware "
          "thread%s (%u per core)%s\n", pkg, pkg == 1 ? "" : "s", numa, numa == 1 ? "" : "s",
          cores, cores == 1 ? "" : "s", pus, pus == 1 ? "" : "s", smt,
          tp_topo_binds() ? "" : "; not this machine: places are computed, threads not bound");
  const struct tp_topo_cache *c;
  unsigned nc = tp_topo_caches(&c);
  fputs("tempo: caches", f);
  for (unsigned i = 0; i < nc; i++) {
    char lo[32], hi[32];
    size_of(c[i].min, lo, sizeof lo);
    size_of(c[i].max, hi, sizeof hi);
    if (c[i].min != c[i].max)
      fprintf(f, "%s L%u %u x%s to%s", i ? "," : "", c[i].level, c[i].n, lo, hi);
    else
      fprintf(f, "%s L%u %u x%s", i ? "," : "", c[i].level, c[i].n, hi);
  }
  fputs(nc ? "\n" : " unknown\n", f);
  const struct tp_topo_kind *k;
  unsigned nk = tp_topo_kinds(&k);
  if (nk) {
    fprintf(f, "tempo: CPU kinds %u, slowest first:", nk);
    for (unsigned i = 0; i < nk; i++) {
      char cpus[256];
      tp_cpuset_format(&k[i].cpus, cpus, sizeof cpus);
      fprintf(f, "%s %s CPUs %s (efficiency %d)", i ? ";" : "",
              k[i].name[0] ? k[i].name : "unnamed", cpus, k[i].efficiency);
    }
    fputc('\n', f);
  } else {
    fputs("tempo: CPU kinds 1 (not a hybrid part)\n", f);
  }
  funlockfile(f);
}
