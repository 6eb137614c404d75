/* parallel.c — __kmpc_fork_call and the entry points around it: the
 * num_threads / proc_bind clauses clang announces beforehand
 * (__kmpc_push_*), serialized regions (if(false): clang runs the body
 * itself between __kmpc_serialized_parallel and its end), and the thread
 * identity calls. */
#include <stdarg.h>
#include <stdlib.h>

#include "kmpc.h"

void kmpc_invoke(kmpc_micro fn, kmp_int32 *gtid, kmp_int32 *btid, int argc,
                 void **argv) tp_hidden;

struct fork {
  kmpc_micro fn;
  int argc;
  void **argv;
};

/* Each member's part of the region: the outlined body with its own
 * gtid/btid (clang reads them through the pointers for the region's whole
 * lifetime, so they live in this frame). */
static void fork_body(void *arg) {
  const struct fork *f = arg;
  struct tp_thread *self = tp_self();
  kmp_int32 gtid = kmpc_gtid(self), btid = (kmp_int32)self->tid;
  kmpc_invoke(f->fn, &gtid, &btid, f->argc, f->argv);
}

/* Takes the clauses pushed for this thread's next region. */
static void take_clauses(struct tp_thread *self, unsigned *n, unsigned *bind) {
  *n = self->next_nthreads;
  *bind = self->next_bind;
  self->next_nthreads = 0;
  self->next_bind = 0;
}

/* The teams construct: the outlined body once per team, each run by this
 * thread as the team's initial thread (btid 0). */
static void teams_body(void *arg) {
  const struct fork *f = arg;
  struct tp_thread *self = tp_self();
  kmp_int32 gtid = kmpc_gtid(self), btid = 0;
  kmpc_invoke(f->fn, &gtid, &btid, f->argc, f->argv);
}

/* __kmpc_fork_call / __kmpc_fork_teams: the shared-variable pointers that
 * follow microtask (in `small` when few), then the region or the teams. */
static void fork_region(kmpc_micro fn, kmp_int32 argc, va_list ap, bool teams) {
  struct tp_thread *self = tp_self();
  void *small[16];
  struct fork f = {fn, argc > 0 ? argc : 0, small};
  if (f.argc > 16)
    f.argv = tp_malloc((size_t)f.argc * sizeof *f.argv);
  for (int i = 0; i < f.argc; i++)
    f.argv[i] = va_arg(ap, void *);
  if (teams) {
    unsigned nteams = self->next_nteams, limit = self->next_thread_limit;
    self->next_nteams = self->next_thread_limit = 0;
    tp_teams_run(self, teams_body, &f, nteams, limit);
  } else {
    unsigned n, bind;
    take_clauses(self, &n, &bind);
    self->next_site = (const void *)fn; /* the region is clang's, not fork_body */
    tp_parallel(self, fork_body, &f, n, bind);
  }
  if (f.argv != small)
    free(f.argv);
}

void __kmpc_fork_call(ident_t *loc, kmp_int32 argc, kmpc_micro microtask, ...) {
  (void)loc;
  va_list ap;
  va_start(ap, microtask);
  fork_region(microtask, argc, ap, false);
  va_end(ap);
}

void __kmpc_fork_teams(ident_t *loc, kmp_int32 argc, kmpc_micro microtask, ...) {
  (void)loc;
  va_list ap;
  va_start(ap, microtask);
  fork_region(microtask, argc, ap, true);
  va_end(ap);
}

void __kmpc_push_num_teams(ident_t *loc, kmp_int32 gtid, kmp_int32 num_teams,
                           kmp_int32 num_threads) {
  (void)loc, (void)gtid;
  struct tp_thread *self = tp_self();
  self->next_nteams = num_teams > 0 ? (unsigned)num_teams : 0;
  self->next_thread_limit = num_threads > 0 ? (unsigned)num_threads : 0;
}

/* num_teams(lb:ub) (OpenMP 5.1): Tempo creates the upper bound's number. */
void __kmpc_push_num_teams_51(ident_t *loc, kmp_int32 gtid, kmp_int32 lb, kmp_int32 ub,
                              kmp_int32 num_threads) {
  (void)lb;
  __kmpc_push_num_teams(loc, gtid, ub, num_threads);
}

void __kmpc_push_num_threads(ident_t *loc, kmp_int32 gtid, kmp_int32 num_threads) {
  (void)loc, (void)gtid;
  /* A non-positive value is the program's error; OpenMP leaves it
   * unspecified, so it is treated as no clause. */
  tp_self()->next_nthreads = num_threads > 0 ? (unsigned)num_threads : 0;
}

/* Drops an announced num_threads clause (libomp's pairing with push). */
void __kmpc_pop_num_threads(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_self()->next_nthreads = 0;
}

void __kmpc_push_proc_bind(ident_t *loc, kmp_int32 gtid, int proc_bind) {
  (void)loc, (void)gtid;
  /* kmp_proc_bind_t values are omp_proc_bind_t's (TP_BIND_*); 0 (false)
   * and anything unknown mean no clause. */
  tp_self()->next_bind = proc_bind >= TP_BIND_TRUE && proc_bind <= TP_BIND_SPREAD
                             ? (unsigned)proc_bind : 0;
}

static void serialized_none(void *arg) { (void)arg; }

void __kmpc_serialized_parallel(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  struct tp_thread *self = tp_self();
  unsigned n, bind;
  take_clauses(self, &n, &bind);
  tp_parallel_begin(self, serialized_none, NULL, 1, 0);
}

void __kmpc_end_serialized_parallel(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_parallel_end(tp_self());
}

kmp_int32 __kmpc_global_thread_num(ident_t *loc) {
  (void)loc;
  return kmpc_gtid(tp_self());
}

kmp_int32 __kmpc_bound_thread_num(ident_t *loc) {
  (void)loc;
  return (kmp_int32)tp_self()->tid;
}

kmp_int32 __kmpc_bound_num_threads(ident_t *loc) {
  (void)loc;
  return (kmp_int32)tp_self()->team->nthreads;
}

kmp_int32 __kmpc_global_num_threads(ident_t *loc) {
  (void)loc;
  return (kmp_int32)tp_load(&tp_rt.next_uid);
}

kmp_int32 __kmpc_in_parallel(ident_t *loc) {
  (void)loc;
  return tp_self()->team->active_level > 0;
}

kmp_int32 __kmpc_ok_to_fork(ident_t *loc) {
  (void)loc;
  return 1;
}

/* Program start and end markers (clang emits them only on request). */
void __kmpc_begin(ident_t *loc, kmp_int32 flags) { (void)loc, (void)flags; }
void __kmpc_end(ident_t *loc) { (void)loc; }

/* libomp's own hook for a thread to run its part of the current region
 * (compilers never call it): the region's body, once more, on this thread. */
int __kmpc_invoke_task_func(int gtid) {
  (void)gtid;
  struct tp_team *team = tp_self()->team;
  if (team->fn)
    team->fn(team->data);
  return 1;
}
