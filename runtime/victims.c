/* victims.c — hierarchical victim order (victims.h). */
#define _GNU_SOURCE
#include <stdlib.h>

#include "bind.h"
#include "places.h"
#include "topology.h"
#include "victims.h"

static int first_cpu(const cpu_set_t *s) {
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET(c, s))
      return c;
  return -1;
}

/* Whether CPUs a and b fall in one group of level lv. */
static bool together(enum tp_topo_level lv, int a, int b) {
  const cpu_set_t *g;
  unsigned n = tp_topo_level(lv, &g);
  for (unsigned i = 0; i < n; i++)
    if (CPU_ISSET(a, &g[i]))
      return CPU_ISSET(b, &g[i]);
  return false;
}

int tp_victims_distance(int a, int b) {
  const struct tp_place_list *l = tp_rt.g.place_list;
  if (a < 0 || b < 0 || !l || (unsigned)a >= l->n || (unsigned)b >= l->n)
    return TP_NEAR_REMOTE;
  if (a == b)
    return TP_NEAR_PLACE;
  int ca = first_cpu(&l->set[a]), cb = first_cpu(&l->set[b]);
  if (ca < 0 || cb < 0)
    return TP_NEAR_REMOTE;
  if (together(TP_TOPO_CORE, ca, cb))
    return TP_NEAR_CORE;
  /* A cache or NUMA domain counts only inside a package: one NUMA domain
   * over two packages (a machine, or a synthetic one, without NUMA) must
   * not make the other package look near. */
  if (!together(TP_TOPO_PACKAGE, ca, cb))
    return TP_NEAR_REMOTE;
  if (together(TP_TOPO_LLC, ca, cb))
    return TP_NEAR_CACHE;
  return together(TP_TOPO_NUMA, ca, cb) ? TP_NEAR_NUMA : TP_NEAR_PACKAGE;
}

void tp_victims_rank(const int *places, unsigned n, unsigned tid, uint16_t *order,
                     uint8_t *dist) {
  /* Members counted per distance, then placed: a counting sort, stable in
   * the turn order tid + 1, tid + 2, ... */
  unsigned start[TP_NEAR_N + 1] = {0};
  for (unsigned j = 1; j < n; j++) {
    unsigned i = tid + j < n ? tid + j : tid + j - n;
    start[tp_victims_distance(places[tid], places[i]) + 1]++;
  }
  for (int d = 0; d < TP_NEAR_N; d++)
    start[d + 1] += start[d];
  for (unsigned j = 1; j < n; j++) {
    unsigned i = tid + j < n ? tid + j : tid + j - n;
    int d = tp_victims_distance(places[tid], places[i]);
    if (dist)
      dist[start[d]] = (uint8_t)d;
    order[start[d]++] = (uint16_t)i;
  }
  order[n - 1] = (uint16_t)tid;
  if (dist)
    dist[n - 1] = TP_NEAR_PLACE;
}

/* Whether v was computed for this team's shape. */
static bool same_shape(const struct tp_victims *v, const struct tp_team *team) {
  return v->team == team && v->nthreads == team->nthreads && v->policy == team->bind_policy &&
         v->place == team->icv.place && v->part_first == team->icv.part_first &&
         v->part_len == team->icv.part_len;
}

const uint16_t *tp_victims_order(struct tp_victims *v, const struct tp_team *team,
                                 unsigned tid, const uint8_t **dist) {
  if (!tp_rt.steal_local)
    return NULL;
  if (dist)
    *dist = v->dist;
  if (same_shape(v, team))
    return v->none ? NULL : v->order;
  v->team = team;
  v->nthreads = team->nthreads;
  v->policy = team->bind_policy;
  v->place = team->icv.place;
  v->part_first = team->icv.part_first;
  v->part_len = team->icv.part_len;
  unsigned n = team->nthreads;
  v->none = true;
  /* Only a known placement, and a topology loaded already (loading it
   * here would setenv while other threads run). */
  if (n < 2 || n > UINT16_MAX || team->bind_policy == TP_BIND_FALSE ||
      !tp_rt.g.place_list || !tp_topo_loaded())
    return NULL;
  int *places = malloc(sizeof *places * n);
  if (n > v->cap) {
    uint16_t *o = realloc(v->order, sizeof *o * n);
    if (o)
      v->order = o;
    uint8_t *d = realloc(v->dist, n);
    if (d)
      v->dist = d;
    if (o && d)
      v->cap = n;
  }
  if (!places || n > v->cap) {
    free(places);
    return NULL;
  }
  for (unsigned i = 0; i < n; i++) {
    struct tp_icv icv = team->icv;
    tp_bind_assign(&icv, team->bind_policy, i, n);
    places[i] = icv.place;
  }
  bool known = places[tid] >= 0;
  if (known)
    tp_victims_rank(places, n, tid, v->order, v->dist);
  if (dist)
    *dist = v->dist;
  free(places);
  v->none = !known;
  return known ? v->order : NULL;
}

void tp_victims_fini(struct tp_victims *v) {
  free(v->order);
  free(v->dist);
  v->order = NULL;
  v->dist = NULL;
  v->cap = 0;
  v->team = NULL;
}
