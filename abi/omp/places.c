/* places.c — omp_* place queries over tp_rt.g.place_list.
 *
 * Until threads are bound, a thread's place is found from its actual CPU
 * mask: the place equal to it, else -1; its partition is the whole list
 * (the initial thread's partition).  Both become exact once binding records
 * them. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>

#include "../../runtime/places.h"
#include "../../runtime/rt.h"

static const struct tp_place_list *list(void) {
  tp_self(); /* the runtime (and the list) is initialised */
  return tp_rt.g.place_list;
}

int omp_get_num_places(void) {
  const struct tp_place_list *l = list();
  return l ? (int)l->n : 0;
}

int omp_get_place_num_procs(int place) {
  const struct tp_place_list *l = list();
  if (!l || place < 0 || (unsigned)place >= l->n)
    return 0;
  return CPU_COUNT(&l->set[place]);
}

void omp_get_place_proc_ids(int place, int *ids) {
  const struct tp_place_list *l = list();
  if (!l || place < 0 || (unsigned)place >= l->n)
    return;
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET(c, &l->set[place]))
      *ids++ = c;
}

/* Fortran's 64-bit variant (fortran.c). */
void tp_get_place_proc_ids_8(int place, int64_t *ids) tp_hidden;
void tp_get_place_proc_ids_8(int place, int64_t *ids) {
  const struct tp_place_list *l = list();
  if (!l || place < 0 || (unsigned)place >= l->n)
    return;
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET(c, &l->set[place]))
      *ids++ = c;
}

int omp_get_place_num(void) {
  const struct tp_place_list *l = list();
  if (!l)
    return -1;
  cpu_set_t set;
  if (pthread_getaffinity_np(pthread_self(), sizeof set, &set) != 0)
    return -1;
  return tp_places_find(l, &set);
}

int omp_get_partition_num_places(void) { return omp_get_num_places(); }

void omp_get_partition_place_nums(int *nums) {
  int n = omp_get_num_places();
  for (int i = 0; i < n; i++)
    nums[i] = i;
}
