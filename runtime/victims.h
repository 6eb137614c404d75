/* victims.h — the order in which a thief looks at its teammates' deques
 * (hierarchical stealing, victims.c): tasksched.c's task thieves follow it,
 * steal.c's loop thieves use it to prefer near ranges.
 *
 * Contract:
 *  - With a known placement (the team is bound to places, the topology is
 *    loaded already, TEMPO_STEAL_LOCAL is on), a thief tries the members on
 *    its own place first, then those sharing its core, its last-level cache,
 *    its NUMA domain, its package, then the others: work and its data stay
 *    near.  Ties go in turn from the thief's own number, so thieves at the
 *    same distance start at different victims.
 *  - The order is computed from the places bind.c assigns (a pure function
 *    of the team's ICVs), once per thread per team shape, and cached in the
 *    thief's struct tp_victims; a thief never waits for another thread.
 *  - Otherwise tp_victims_order() returns NULL: the caller keeps its random
 *    victims.  It never loads hwloc (a thief must not call setenv). */
#ifndef TEMPO_VICTIMS_H
#define TEMPO_VICTIMS_H

#include <stdint.h>

#include "rt.h"

/* Distances between two members' places. */
enum {
  TP_NEAR_PLACE,   /* the same place */
  TP_NEAR_CORE,    /* hardware threads of one core */
  TP_NEAR_CACHE,   /* one last-level cache (in one package) */
  TP_NEAR_NUMA,    /* one NUMA domain (in one package) */
  TP_NEAR_PACKAGE, /* one package */
  TP_NEAR_REMOTE,  /* another package, or unknown */
  TP_NEAR_N
};

/* One thread's cached order (owned by the thief: in its struct tp_wq). */
struct tp_victims {
  const struct tp_team *team; /* the shape it was computed for */
  unsigned nthreads, part_first, part_len;
  int policy, place;
  uint16_t *order; /* [cap]: the others nearest first, then the thief */
  uint8_t *dist;   /* [cap]: order[k]'s distance (TP_NEAR_*) */
  unsigned cap;
  bool none;       /* no known placement for that shape: NULL */
};

/* Member `tid`'s order of team's nthreads members, or NULL (see above);
 * *dist (if dist is not NULL) gets each entry's distance. */
const uint16_t *tp_victims_order(struct tp_victims *v, const struct tp_team *team,
                                 unsigned tid, const uint8_t **dist) tp_hidden;
void tp_victims_fini(struct tp_victims *v) tp_hidden;

/* The distance (TP_NEAR_*) between places a and b of tp_rt.g.place_list,
 * by their first CPUs; TP_NEAR_REMOTE if either is -1. */
int tp_victims_distance(int a, int b) tp_hidden;
/* order[0..n) for member tid of members placed on places[0..n), and each
 * entry's distance in dist[0..n) unless dist is NULL. */
void tp_victims_rank(const int *places, unsigned n, unsigned tid, uint16_t *order,
                     uint8_t *dist) tp_hidden;

#endif
