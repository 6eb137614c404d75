/* icv.h — Internal control variables: the single place they live.
 *
 * Data-environment ICVs (nthreads-var, dyn-var, run-sched-var, bind-var,
 * thread-limit-var, max-active-levels-var, default-device-var) travel with
 * each task (struct tp_icv inside the task); implicit tasks of a new team
 * inherit them from the encountering task.  Device-wide ICVs live in
 * tp_rt.g (see rt.h).  env.c fills both from OMP_* variables once. */
#ifndef TEMPO_ICV_H
#define TEMPO_ICV_H

#include <stdbool.h>
#include <stddef.h>

/* omp_sched_t values, shared by both ABIs. */
enum {
  TP_SCHED_STATIC = 1,
  TP_SCHED_DYNAMIC = 2,
  TP_SCHED_GUIDED = 3,
  TP_SCHED_AUTO = 4,
  TP_SCHED_MONOTONIC = (int)0x80000000u,
};

/* omp_proc_bind_t values. */
enum {
  TP_BIND_FALSE = 0,
  TP_BIND_TRUE = 1,
  TP_BIND_MASTER = 2, /* == primary */
  TP_BIND_CLOSE = 3,
  TP_BIND_SPREAD = 4,
};

enum { TP_WAIT_DEFAULT = 0, TP_WAIT_ACTIVE = 1, TP_WAIT_PASSIVE = 2 };

#define TP_MAX_LIST 16 /* OMP_NUM_THREADS / OMP_PROC_BIND list entries */

struct tp_icv {
  unsigned nthreads;          /* nthreads-var at this level */
  unsigned char nthreads_pos; /* index of this level's entry in the env list */
  unsigned char bind_pos;
  bool dyn;
  int bind;                   /* bind-var at this level */
  int sched_kind;             /* run-sched-var (kind | TP_SCHED_MONOTONIC) */
  long sched_chunk;
  unsigned max_active_levels;
  unsigned thread_limit;
  int default_device;
  unsigned long def_allocator; /* def-allocator-var; 0 = tp_rt.g.default_allocator */
  /* Host teams context (not ICVs, but inherited the same way, so nested
   * regions and tasks inside a teams region see it): GOMP_teams_reg sets
   * them on the initial task for each team it runs. */
  unsigned team_num;
  unsigned num_teams;          /* 0 outside teams regions (reads as 1) */
  /* place-partition-var: places [part_first, part_first + part_len) of
   * tp_rt.g.place_list, taken modulo its length; part_len 0 = no list.
   * place: the place this implicit task's thread is bound to, -1 if none. */
  unsigned part_first, part_len;
  int place;
};

/* ICVs of a child implicit task: the next entry of the OMP_NUM_THREADS and
 * OMP_PROC_BIND lists applies one nesting level down. */
void tp_icv_for_child(const struct tp_icv *parent, struct tp_icv *child)
    __attribute__((visibility("hidden")));

#endif
