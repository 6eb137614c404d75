/* test_victims.c — the hierarchical victim order (runtime/victims.c), on
 * the synthetic machine "pack:2 numa:2 l3:2 core:2 pu:2" (set by ctest):
 * PUs 2k and 2k+1 share a core, 4 PUs an L3, 8 a NUMA domain, 16 a package.
 * Distances between places, the order of one member of a team placed one
 * per place, and the order tp_victims_order() derives from a bound team's
 * ICVs (spread), its cache, and NULL whenever the placement is unknown or
 * TEMPO_STEAL_LOCAL is off. */
#define _GNU_SOURCE
#include <sched.h>

#include "check.h"
#include "places.h"
#include "topology.h"
#include "victims.h"

static void check_order(const uint16_t *got, const unsigned *want, unsigned n, const char *what) {
  CHECK(got != NULL, "%s: no order", what);
  for (unsigned i = 0; i < n; i++)
    CHECK(got[i] == want[i], "%s: position %u is member %u, expected %u", what, i,
          (unsigned)got[i], want[i]);
}

int main(void) {
  double t0 = ut_now();
  cpu_set_t usable;
  tp_topo_usable(&usable);
  CHECK_EQ_U(CPU_COUNT(&usable), 32, "usable CPUs (HWLOC_SYNTHETIC not set?)");
  tp_places_free(tp_rt.g.place_list);
  tp_rt.g.place_list = tp_places_level(TP_PLACES_THREADS, (unsigned long)-1, &usable);
  CHECK_EQ_U(tp_rt.g.place_list->n, 32, "places");

  CHECK_EQ_U(tp_victims_distance(0, 0), TP_NEAR_PLACE, "0-0");
  CHECK_EQ_U(tp_victims_distance(0, 1), TP_NEAR_CORE, "0-1");
  CHECK_EQ_U(tp_victims_distance(0, 3), TP_NEAR_CACHE, "0-3");
  CHECK_EQ_U(tp_victims_distance(6, 1), TP_NEAR_NUMA, "6-1");
  CHECK_EQ_U(tp_victims_distance(0, 15), TP_NEAR_PACKAGE, "0-15");
  CHECK_EQ_U(tp_victims_distance(15, 16), TP_NEAR_REMOTE, "15-16");
  CHECK_EQ_U(tp_victims_distance(-1, 0), TP_NEAR_REMOTE, "unbound");

  /* 16 members on places 0..15; member 5 (core {4,5}, L3 {4..7}, NUMA
   * {0..7}): its core, its cache, its node, its package; ties in turn from 6. */
  int places[16];
  for (int i = 0; i < 16; i++)
    places[i] = i;
  uint16_t order[16];
  tp_victims_rank(places, 16, 5, order, NULL);
  static const unsigned want5[16] = {4, 6, 7, 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 5};
  check_order(order, want5, 16, "rank member 5");
  uint8_t dist[16];
  tp_victims_rank(places, 16, 5, order, dist);
  static const unsigned dist5[16] = {TP_NEAR_CORE,    TP_NEAR_CACHE,   TP_NEAR_CACHE,
                                     TP_NEAR_NUMA,    TP_NEAR_NUMA,    TP_NEAR_NUMA,
                                     TP_NEAR_NUMA,    TP_NEAR_PACKAGE, TP_NEAR_PACKAGE,
                                     TP_NEAR_PACKAGE, TP_NEAR_PACKAGE, TP_NEAR_PACKAGE,
                                     TP_NEAR_PACKAGE, TP_NEAR_PACKAGE, TP_NEAR_PACKAGE,
                                     TP_NEAR_PLACE};
  for (int i = 0; i < 16; i++)
    CHECK(dist[i] == dist5[i], "member 5: distance %d of position %d, expected %u", dist[i], i,
          dist5[i]);
  /* Two members on one place come first. */
  places[9] = 5;
  tp_victims_rank(places, 16, 5, order, NULL);
  CHECK_EQ_U(order[0], 9, "the member on the same place first");
  CHECK_EQ_U(order[1], 4, "then the core");

  /* A team of 8 spread over the 32 places: members on places 0, 4, ..., 28. */
  struct tp_team team = {0};
  team.nthreads = 8;
  team.bind_policy = TP_BIND_SPREAD;
  team.icv.place = 0;
  team.icv.part_first = 0;
  team.icv.part_len = 32;
  struct tp_victims v = {0}, w = {0};
  tp_rt.steal_local = true;
  const uint16_t *o0 = tp_victims_order(&v, &team, 0, NULL);
  static const unsigned want0[8] = {1, 2, 3, 4, 5, 6, 7, 0};
  check_order(o0, want0, 8, "spread member 0");
  CHECK(tp_victims_order(&v, &team, 0, NULL) == o0, "the order is cached");
  const uint16_t *o3 = tp_victims_order(&w, &team, 3, NULL); /* place 12 */
  static const unsigned want3[8] = {2, 0, 1, 4, 5, 6, 7, 3};
  check_order(o3, want3, 8, "spread member 3");
  /* Close: 8 members on places 0..7. */
  team.bind_policy = TP_BIND_CLOSE;
  const uint16_t *c3 = tp_victims_order(&w, &team, 3, NULL);
  static const unsigned wantc3[8] = {2, 0, 1, 4, 5, 6, 7, 3};
  check_order(c3, wantc3, 8, "close member 3");
  team.icv.place = 6; /* the master on place 6: members on 6, 7, 8, ... */
  const uint16_t *m0 = tp_victims_order(&w, &team, 0, NULL);
  CHECK(m0 && m0[0] == 1, "shape change recomputes: member 1 (place 7) shares member 0's core");
  CHECK(m0[1] == 2 && m0[2] == 3 && m0[3] == 4, "then its node's members (places 8-10) in turn");
  /* Unknown placement, or the switch off: no order. */
  team.bind_policy = TP_BIND_FALSE;
  CHECK(tp_victims_order(&w, &team, 0, NULL) == NULL, "unbound team: random victims");
  team.bind_policy = TP_BIND_CLOSE;
  tp_rt.steal_local = false;
  CHECK(tp_victims_order(&w, &team, 0, NULL) == NULL, "TEMPO_STEAL_LOCAL=0: random victims");
  tp_rt.steal_local = true;
  CHECK(tp_victims_order(&w, &team, 0, NULL) != NULL, "back on");
  tp_victims_fini(&v);
  tp_victims_fini(&w);
  UT_PASS("victims", t0);
  return 0;
}
