/* test_topology.c — the topology module (runtime/topology.c).
 *
 * `test_topology` (this machine): every level's groups are non-empty,
 * disjoint, inside the allowed CPUs and together cover them; PU groups are
 * single CPUs; threads are bound for real.
 * `test_topology synthetic` (run with HWLOC_SYNTHETIC="pack:2 numa:2 l3:2
 * core:2 pu:2", set by ctest before the runtime starts): the same, plus
 * the exact counts, 2 threads per core, PUs 0..31 usable, nothing bound. */
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>

#include "check.h"
#include "topology.h"

static void check_level(enum tp_topo_level lv, const cpu_set_t *usable) {
  const cpu_set_t *g;
  unsigned n = tp_topo_level(lv, &g);
  CHECK(n >= 1, "level %d has no group", (int)lv);
  cpu_set_t all;
  CPU_ZERO(&all);
  for (unsigned i = 0; i < n; i++) {
    cpu_set_t both, out;
    CHECK(CPU_COUNT(&g[i]) > 0, "level %d group %u is empty", (int)lv, i);
    CPU_AND(&both, &all, &g[i]);
    CHECK(CPU_COUNT(&both) == 0, "level %d group %u overlaps another", (int)lv, i);
    CPU_OR(&all, &all, &g[i]);
    CPU_XOR(&out, &g[i], usable);
    CPU_AND(&out, &out, &g[i]);
    CHECK(CPU_COUNT(&out) == 0, "level %d group %u has unusable CPUs", (int)lv, i);
    if (lv == TP_TOPO_PU)
      CHECK(CPU_COUNT(&g[i]) == 1, "PU group %u has %d CPUs", i, CPU_COUNT(&g[i]));
  }
  CHECK(CPU_EQUAL(&all, usable), "level %d does not cover the usable CPUs", (int)lv);
}

int main(int argc, char **argv) {
  double t0 = ut_now();
  bool synthetic = argc > 1 && !strcmp(argv[1], "synthetic");
  cpu_set_t mask, usable;
  CHECK(sched_getaffinity(0, sizeof mask, &mask) == 0, "sched_getaffinity");
  CHECK(CPU_EQUAL(&mask, tp_topo_allowed()), "allowed is not the affinity mask");
  tp_topo_usable(&usable);
  for (int lv = 0; lv < TP_TOPO_NLEVELS; lv++)
    check_level((enum tp_topo_level)lv, &usable);
  if (!synthetic) {
    CHECK(CPU_EQUAL(&usable, &mask), "usable is not the affinity mask");
    CHECK(tp_topo_binds(), "this machine's topology must bind");
    CHECK(tp_topo_threads_per_core() >= 1, "threads per core");
    UT_PASS("topology", t0);
    return 0;
  }
  static const unsigned want[TP_TOPO_NLEVELS] = {
      [TP_TOPO_PU] = 32, [TP_TOPO_CORE] = 16, [TP_TOPO_LLC] = 8,
      [TP_TOPO_NUMA] = 4, [TP_TOPO_PACKAGE] = 2};
  for (int lv = 0; lv < TP_TOPO_NLEVELS; lv++) {
    const cpu_set_t *g;
    CHECK_EQ_U(tp_topo_level((enum tp_topo_level)lv, &g), want[lv], "groups");
  }
  CHECK_EQ_U(CPU_COUNT(&usable), 32, "usable CPUs");
  CHECK_EQ_U(tp_topo_threads_per_core(), 2, "threads per core");
  CHECK(!tp_topo_binds(), "a synthetic topology must not bind");
  const cpu_set_t *cores;
  tp_topo_level(TP_TOPO_CORE, &cores);
  CHECK(CPU_ISSET(30, &cores[15]) && CPU_ISSET(31, &cores[15]), "last core is {30,31}");
  UT_PASS("topology-synthetic", t0);
  return 0;
}
