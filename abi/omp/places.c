/* places.c — omp_* place queries over tp_rt.g.place_list; a thread's
 * place and partition are the ICVs bind.c assigns. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>

#include "../../runtime/places.h"
#include "../../runtime/rt.h"
#include "../../runtime/task.h"

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

int omp_get_place_num(void) { return tp_self()->task->icv.place; }

int omp_get_partition_num_places(void) {
  return (int)tp_self()->task->icv.part_len;
}

void omp_get_partition_place_nums(int *nums) {
  const struct tp_icv *icv = &tp_self()->task->icv;
  unsigned n = tp_rt.g.place_list ? tp_rt.g.place_list->n : 1;
  for (unsigned i = 0; i < icv->part_len; i++)
    nums[i] = (int)((icv->part_first + i) % n);
}
