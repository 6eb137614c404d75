/* bind.c — place assignment (OpenMP 5.1, "Controlling OpenMP Thread
 * Affinity") and binding.
 *
 * With T threads and a partition of P places starting at the master's
 * place m (positions below are relative to m, modulo P):
 *  - primary/master: every thread on m.
 *  - close: T <= P: thread i on i; T > P: the threads fill the places in
 *    order, each place getting T/P or T/P + 1 consecutive threads (the
 *    larger groups first).
 *  - spread: T <= P: the partition is cut into T sub-partitions of P/T or
 *    P/T + 1 consecutive places (the larger first); thread i goes to the first place of the
 *    i-th and that sub-partition becomes its partition.  T > P: as close,
 *    and each thread's partition is its own place.
 *  - true: as close (libgomp does the same; the spec leaves it open). */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>

#include "bind.h"
#include "places.h"
#include "topology.h"

/* Splits `total` items into `parts` consecutive groups, the first
 * total % parts of them one larger (libgomp's choice); returns the first
 * item of group i and its size. */
static unsigned group_start(unsigned i, unsigned total, unsigned parts,
                            unsigned *len) {
  unsigned q = total / parts, r = total % parts;
  *len = q + (i < r);
  return i * q + (i < r ? i : r);
}

/* The group (of `parts`) that item i of `total` falls in. */
static unsigned group_of(unsigned i, unsigned total, unsigned parts) {
  unsigned q = total / parts, r = total % parts;
  return i < r * (q + 1) ? i / (q + 1) : r + (i - r * (q + 1)) / q;
}

void tp_bind_assign(struct tp_icv *icv, int policy, unsigned tid, unsigned nthreads) {
  const struct tp_place_list *l = tp_rt.g.place_list;
  if (!l || policy == TP_BIND_FALSE || icv->part_len == 0) {
    icv->place = -1;
    return;
  }
  unsigned P = icv->part_len, T = nthreads, n = l->n;
  /* The master's position inside its partition (0 when it is unbound). */
  unsigned m = 0;
  if (icv->place >= 0)
    m = ((unsigned)icv->place + n - icv->part_first % n) % n;
  if (m >= P)
    m = 0;
  unsigned pos, len;
  switch (policy) {
  case TP_BIND_MASTER:
    pos = m;
    break;
  case TP_BIND_SPREAD:
    if (T <= P) {
      unsigned start = group_start(tid, P, T, &len);
      icv->part_first = (icv->part_first + (m + start) % P) % n;
      icv->part_len = len;
      icv->place = (int)icv->part_first;
      return;
    }
    pos = (m + group_of(tid, T, P)) % P;
    icv->part_first = (icv->part_first + pos) % n;
    icv->part_len = 1;
    icv->place = (int)icv->part_first;
    return;
  default: /* close, true */
    pos = (m + (T <= P ? tid : group_of(tid, T, P))) % P;
    break;
  }
  icv->place = (int)((icv->part_first + pos) % n);
}

void tp_bind_self(struct tp_thread *self, const struct tp_icv *icv) {
  if (icv->place < 0 || icv->place == self->bound_place)
    return;
  /* A foreign topology (topology.h): places are computed, never applied. */
  if (!tp_topo_binds()) {
    self->bound_place = icv->place;
    return;
  }
  const struct tp_place_list *l = tp_rt.g.place_list;
  int e = pthread_setaffinity_np(pthread_self(), sizeof(cpu_set_t),
                                 &l->set[icv->place]);
  if (e != 0) {
    /* A place of CPUs this machine lacks (or the mask shrank under us):
     * retrying each region would fail the same way, so the thread keeps
     * its mask and the place counts as its own. */
    static bool warned;
    if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED)) {
      char cpus[256];
      tp_cpuset_format(&l->set[icv->place], cpus, sizeof cpus);
      tp_warn("cannot bind a thread to place %d (CPUs %s): %s; threads that "
              "cannot be bound keep running where they are",
              icv->place, cpus, strerror(e));
    }
  }
  self->bound_place = icv->place;
}
