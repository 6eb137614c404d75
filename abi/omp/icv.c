/* icv.c — omp_* routines reading or setting ICVs that team.c does not
 * cover: device-wide ones (tp_rt.g) and omp_display_env. */
#include <limits.h>

#include "../../runtime/env.h"
#include "../../runtime/rt.h"
#include "../../runtime/task.h"
#include "misuse.h"

int omp_get_cancellation(void) { return tp_rt.g.cancel; }
int omp_get_max_task_priority(void) { return tp_rt.g.max_task_priority; }

/* nteams-var and teams-thread-limit-var are device-wide, as in libgomp;
 * negative values are ignored. */
void omp_set_num_teams(int n) {
  if (n >= 0)
    tp_store(&tp_rt.g.nteams, n);
  else
    API_MISUSE("omp_set_num_teams(%d): negative; ignored", n);
}
int omp_get_max_teams(void) { return tp_load(&tp_rt.g.nteams); }

void omp_set_teams_thread_limit(int n) {
  if (n >= 0)
    tp_store(&tp_rt.g.teams_thread_limit, n);
  else
    API_MISUSE("omp_set_teams_thread_limit(%d): negative; ignored", n);
}
int omp_get_teams_thread_limit(void) { return tp_load(&tp_rt.g.teams_thread_limit); }

void omp_display_env(int verbose) {
  tp_self(); /* the runtime is initialised */
  tp_env_print(verbose != 0);
}

/* Tempo keeps no resources that pausing would release safely while other
 * initial threads may be running regions; report success outside parallel
 * regions (libgomp fails inside one) for the host device. */
/* Soft and hard pause both end the idle worker threads (they are created
 * again by the next parallel region).  Not allowed inside a region. */
int omp_pause_resource(int kind, int device) {
  if (device != 0 /* the initial device: omp_get_initial_device() */)
    return -1;
  if (kind != 1 /* omp_pause_soft */ && kind != 2 /* omp_pause_hard */)
    return -1;
  struct tp_thread *self = tp_self();
  if (self->team->level)
    return -1;
  tp_pool_pause(self);
  return 0;
}

int omp_pause_resource_all(int kind) { return omp_pause_resource(kind, 0); }
