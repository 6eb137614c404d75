/* init.c — the runtime struct, process start-up and initial threads. */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include "env.h"
#include "rt.h"
#include "task.h"

struct tp_runtime tp_rt;
__thread struct tp_thread *tp_tls_self __attribute__((tls_model("initial-exec")));

static unsigned count_cpus(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0)
      return (unsigned)n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}

__attribute__((constructor)) void tp_runtime_init(void) {
  static bool done;
  if (done)
    return;
  done = true;
  tp_rt.ncpus = count_cpus();
  tp_env_init();
  (void)tp_self();
  tp_env_display();
}

struct tp_thread *tp_thread_init_initial(void) {
  if (tp_unlikely(!tp_rt.ncpus))
    tp_runtime_init();
  if (tp_tls_self)
    return tp_tls_self;
  struct tp_thread *t = tp_aligned_alloc(TP_CACHELINE, sizeof *t);
  t->uid = __atomic_add_fetch(&tp_rt.next_uid, 1, __ATOMIC_RELAXED) & 0x7fffffffu;
  t->cg_busy_own = 1;
  t->bound_place = -1;
  t->cg_busy = &t->cg_busy_own;
  struct tp_team *solo = tp_team_alloc(1);
  solo->nthreads = 1;
  solo->member[0].thr = t;
  solo->master = t;
  solo->icv = tp_rt.initial_icv;
  tp_task_init_implicit(solo->member[0].itask, NULL, solo, &tp_rt.initial_icv);
  t->solo_team = solo;
  t->team = solo;
  t->tid = 0;
  t->task = solo->member[0].itask;
  t->pthread = pthread_self();
  tp_tls_self = t;
  return t;
}
