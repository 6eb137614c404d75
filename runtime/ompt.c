/* ompt.c — tool discovery, the entry points a tool looks up, and the
 * callbacks (ompt.h).  The types are LLVM's omp-tools.h (the OpenMP
 * spec's), found at build time; without it Tempo is built with no tool
 * support and says so if OMP_TOOL_LIBRARIES asks for one. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <sched.h>

#include "ompt.h"
#include "places.h"
#include "task.h"
#include "taskpriv.h"

#ifndef TEMPO_OMPT_HEADER

void tp_ompt_init(void) {
  const char *libs = getenv("OMP_TOOL_LIBRARIES");
  if (libs && *libs)
    tp_warn("OMP_TOOL_LIBRARIES is set, but this Tempo was built without the OMPT "
            "header (omp-tools.h): no tool is loaded");
}
void tp_ompt_fini(void) {}
void tp_ompt_thread_begin(struct tp_thread *self, bool initial) { (void)self, (void)initial; }
void tp_ompt_thread_end(struct tp_thread *self) { (void)self; }
void tp_ompt_parallel(struct tp_thread *self, struct tp_team *team, unsigned requested,
                      bool begin) {
  (void)self, (void)team, (void)requested, (void)begin;
}
void tp_ompt_implicit_task(struct tp_thread *self, struct tp_team *team, struct tp_task *it,
                           unsigned tid, bool begin) {
  (void)self, (void)team, (void)it, (void)tid, (void)begin;
}
void tp_ompt_sync(struct tp_thread *self, enum tp_ompt_sync kind, bool begin) {
  (void)self, (void)kind, (void)begin;
}
void tp_ompt_task_create(struct tp_thread *self, struct tp_task *parent, struct tp_task *t,
                         bool undeferred) {
  (void)self, (void)parent, (void)t, (void)undeferred;
}
void tp_ompt_task_schedule(struct tp_task *prior, bool complete, struct tp_task *next) {
  (void)prior, (void)complete, (void)next;
}
void tp_ompt_mutex(enum tp_ompt_mutex kind, const void *id, bool acquired) {
  (void)kind, (void)id, (void)acquired;
}
void tp_ompt_dependences(struct tp_task *t, const struct tp_dep *deps, unsigned n) {
  (void)t, (void)deps, (void)n;
}

void tp_ompt_work_begin(struct tp_thread *self, enum tp_ompt_work kind, uint64_t count) {
  (void)self, (void)kind, (void)count;
}
void tp_ompt_work(struct tp_thread *self, enum tp_ompt_work kind, bool begin, uint64_t count) {
  (void)self, (void)kind, (void)begin, (void)count;
}
void tp_ompt_work_end(struct tp_thread *self) { (void)self; }
void tp_ompt_single(struct tp_thread *self, bool executor) { (void)self, (void)executor; }
void tp_ompt_dispatch(struct tp_thread *self, bool section, uint64_t instance) {
  (void)self, (void)section, (void)instance;
}
void tp_ompt_cancel(struct tp_thread *self, int which, bool activated) {
  (void)self, (void)which, (void)activated;
}
void tp_ompt_masked(struct tp_thread *self, bool begin) { (void)self, (void)begin; }
void tp_ompt_reduction(struct tp_thread *self, bool begin) { (void)self, (void)begin; }

#else
#include TEMPO_OMPT_HEADER

_Static_assert(sizeof(ompt_data_t) == sizeof(tp_tool_data), "a tool's data word");

static ompt_data_t *data(tp_tool_data *d) { return (ompt_data_t *)d; }

#define CB(name) ((ompt_callback_##name##_t)tp_rt.ompt_cb[ompt_callback_##name])

/* --- entry points a tool looks up ------------------------------------------- */

static ompt_set_result_t set_callback(ompt_callbacks_t which, ompt_callback_t cb) {
  switch (which) {
  case ompt_callback_thread_begin:
  case ompt_callback_thread_end:
  case ompt_callback_parallel_begin:
  case ompt_callback_parallel_end:
  case ompt_callback_implicit_task:
  case ompt_callback_sync_region:
  case ompt_callback_task_create:
  case ompt_callback_task_schedule:
  case ompt_callback_mutex_acquired:
  case ompt_callback_mutex_released:
  case ompt_callback_dependences:
  case ompt_callback_work:
  case ompt_callback_dispatch:
  case ompt_callback_cancel:
  case ompt_callback_masked:
  case ompt_callback_reduction:
    tp_rt.ompt_cb[which] = (void (*)(void))cb;
    return ompt_set_always;
  default:
    return ompt_set_never;
  }
}

static int get_callback(ompt_callbacks_t which, ompt_callback_t *cb) {
  if ((unsigned)which >= TP_OMPT_CALLBACKS || !tp_rt.ompt_cb[which])
    return 0;
  *cb = (ompt_callback_t)tp_rt.ompt_cb[which];
  return 1;
}

static ompt_data_t *get_thread_data(void) {
  struct tp_thread *self = tp_tls_self;
  return self ? data(&self->tool_data) : NULL;
}

static int get_num_procs(void) { return (int)tp_rt.ncpus; }

static int get_parallel_info(int level, ompt_data_t **parallel_data, int *team_size) {
  struct tp_thread *self = tp_tls_self;
  if (!self)
    return 0;
  struct tp_team *team = self->team;
  for (int l = 0; l < level && team; l++)
    team = team->parent;
  if (!team || team->level == 0)
    return 0; /* no such region (level 0 is the implicit one around the program) */
  if (parallel_data)
    *parallel_data = data(&team->tool_data);
  if (team_size)
    *team_size = (int)team->nthreads;
  return 2; /* the region exists and is described */
}

static int get_task_info(int level, int *flags, ompt_data_t **task_data,
                         ompt_frame_t **task_frame, ompt_data_t **parallel_data,
                         int *thread_num) {
  struct tp_thread *self = tp_tls_self;
  if (!self)
    return 0;
  struct tp_task *t = self->task;
  for (int l = 0; l < level && t; l++)
    t = t->parent;
  if (!t)
    return 0;
  static ompt_frame_t no_frame; /* frames are not reported */
  if (flags)
    *flags = t->implicit ? (t->parent ? ompt_task_implicit : ompt_task_initial)
                         : ompt_task_explicit;
  if (task_data)
    *task_data = data(&t->tool_data);
  if (task_frame)
    *task_frame = &no_frame;
  if (parallel_data)
    *parallel_data = data(&t->team->tool_data);
  if (thread_num)
    *thread_num = level == 0 ? (int)self->tid : 0;
  return 2;
}

/* The state is kept coarsely, by the hooks a tool turns on (thread,
 * implicit task, barrier, taskwait): serial, parallel, waiting in a barrier
 * or taskwait (tasks run there count as waiting), idle in the pool; lock
 * and critical waits are not told apart from work, and no wait id is given. */
static int get_state(ompt_wait_id_t *wait_id) {
  struct tp_thread *self = tp_tls_self;
  if (wait_id)
    *wait_id = 0;
  return self ? self->ompt_state : ompt_state_undefined;
}

static const struct {
  int state;
  const char *name;
} states[] = {
    {ompt_state_work_serial, "ompt_state_work_serial"},
    {ompt_state_work_parallel, "ompt_state_work_parallel"},
    {ompt_state_work_reduction, "ompt_state_work_reduction"},
    {ompt_state_wait_barrier_implicit_parallel, "ompt_state_wait_barrier_implicit_parallel"},
    {ompt_state_wait_barrier_implementation, "ompt_state_wait_barrier_implementation"},
    {ompt_state_wait_taskwait, "ompt_state_wait_taskwait"},
    {ompt_state_idle, "ompt_state_idle"},
};

/* current: ompt_state_undefined to start (so it is not listed); returns 0
 * after the last. */
static int enumerate_states(int current, int *next, const char **name) {
  size_t n = sizeof states / sizeof *states, i = 0;
  if (current != ompt_state_undefined || !next) {
    while (i < n && states[i].state != current)
      i++;
    i++;
  }
  if (i >= n || !next || !name) {
    return 0;
  }
  *next = states[i].state;
  *name = states[i].name;
  return 1;
}

/* One implementation serves every lock kind: a futex word (sys.h). */
static int enumerate_mutex_impls(int current, int *next, const char **name) {
  if (current != ompt_mutex_impl_none || !next || !name)
    return 0;
  *next = 1;
  *name = "futex";
  return 1;
}

static int get_num_places(void) {
  const struct tp_place_list *l = tp_rt.g.place_list;
  return l ? (int)l->n : 0;
}

static int get_place_proc_ids(int place, int ids_size, int *ids) {
  const struct tp_place_list *l = tp_rt.g.place_list;
  if (!l || place < 0 || (unsigned)place >= l->n)
    return 0;
  int count = 0;
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET(c, &l->set[place])) {
      if (ids && count < ids_size)
        ids[count] = c;
      count++;
    }
  return count;
}

static int get_place_num(void) {
  struct tp_thread *self = tp_tls_self;
  return self && tp_rt.g.place_list ? self->bound_place : -1;
}

static int get_proc_id(void) { return sched_getcpu(); }

static uint64_t get_unique_id(void) {
  return __atomic_add_fetch(&tp_rt.ompt_next_id, 1, __ATOMIC_RELAXED);
}

static void finalize_tool(void) { tp_ompt_fini(); }

static ompt_interface_fn_t lookup(const char *name) {
  static const struct {
    const char *name;
    ompt_interface_fn_t fn;
  } entries[] = {
      {"ompt_set_callback", (ompt_interface_fn_t)set_callback},
      {"ompt_get_callback", (ompt_interface_fn_t)get_callback},
      {"ompt_get_thread_data", (ompt_interface_fn_t)get_thread_data},
      {"ompt_get_num_procs", (ompt_interface_fn_t)get_num_procs},
      {"ompt_get_parallel_info", (ompt_interface_fn_t)get_parallel_info},
      {"ompt_get_task_info", (ompt_interface_fn_t)get_task_info},
      {"ompt_get_unique_id", (ompt_interface_fn_t)get_unique_id},
      {"ompt_finalize_tool", (ompt_interface_fn_t)finalize_tool},
      {"ompt_get_state", (ompt_interface_fn_t)get_state},
      {"ompt_enumerate_states", (ompt_interface_fn_t)enumerate_states},
      {"ompt_enumerate_mutex_impls", (ompt_interface_fn_t)enumerate_mutex_impls},
      {"ompt_get_num_places", (ompt_interface_fn_t)get_num_places},
      {"ompt_get_place_proc_ids", (ompt_interface_fn_t)get_place_proc_ids},
      {"ompt_get_place_num", (ompt_interface_fn_t)get_place_num},
      {"ompt_get_proc_id", (ompt_interface_fn_t)get_proc_id},
  };
  for (size_t i = 0; i < sizeof entries / sizeof *entries; i++)
    if (strcmp(name, entries[i].name) == 0)
      return entries[i].fn;
  return NULL;
}

/* --- discovery -------------------------------------------------------------- */

typedef ompt_start_tool_result_t *(*start_tool_fn)(unsigned int, const char *);

static ompt_start_tool_result_t *try_start(start_tool_fn start) {
  return start ? start(201811 /* OpenMP 5.0's _OPENMP */, "Tempo " TEMPO_VERSION_STRING)
               : NULL;
}

void tp_ompt_init(void) {
  ompt_start_tool_result_t *r = try_start((start_tool_fn)dlsym(RTLD_DEFAULT, "ompt_start_tool"));
  const char *libs = getenv("OMP_TOOL_LIBRARIES");
  if (!r && libs && *libs) {
    char *list = strdup(libs), *save = NULL;
    for (char *lib = strtok_r(list, ":", &save); lib && !r; lib = strtok_r(NULL, ":", &save)) {
      void *h = dlopen(lib, RTLD_NOW | RTLD_GLOBAL);
      if (!h) {
        tp_warn("OMP_TOOL_LIBRARIES: cannot load %s (%s)", lib, dlerror());
        continue;
      }
      r = try_start((start_tool_fn)dlsym(h, "ompt_start_tool"));
    }
    free(list);
  }
  if (!r || !r->initialize)
    return;
  tp_rt.ompt_tool = r;
  /* Before initialize: a tool may call back into the runtime from it. */
  tp_rt.inline_slack = 0; /* every task with a descriptor (ompt.h) */
  if (r->initialize(lookup, 0, &r->tool_data))
    tp_rt.ompt = true;
  else
    tp_rt.ompt_tool = NULL;
}

void tp_ompt_fini(void) {
  ompt_start_tool_result_t *r = tp_rt.ompt_tool;
  if (!r || tp_xchg(&tp_rt.ompt_finalized, 1))
    return;
  tp_rt.ompt = false;
  if (r->finalize)
    r->finalize(&r->tool_data);
}

/* --- callbacks -------------------------------------------------------------- */

static void close_single(struct tp_thread *self);

/* The state of a thread working in `team` (NULL: none). */
static int working(const struct tp_team *team) {
  return team && team->level > 0 ? ompt_state_work_parallel : ompt_state_work_serial;
}

void tp_ompt_thread_begin(struct tp_thread *self, bool initial) {
  self->ompt_state = initial ? ompt_state_work_serial : ompt_state_idle;
  if (CB(thread_begin))
    CB(thread_begin)(initial ? ompt_thread_initial : ompt_thread_worker,
                     data(&self->tool_data));
}

void tp_ompt_thread_end(struct tp_thread *self) {
  if (CB(thread_end))
    CB(thread_end)(data(&self->tool_data));
}

void tp_ompt_parallel(struct tp_thread *self, struct tp_team *team, unsigned requested,
                      bool begin) {
  struct tp_task *enc = team->parent_task;
  int flags = ompt_parallel_invoker_program | ompt_parallel_team;
  (void)self;
  if (begin && CB(parallel_begin)) {
    static const ompt_frame_t no_frame;
    CB(parallel_begin)(data(&enc->tool_data), &no_frame, data(&team->tool_data), requested,
                       flags, team->site);
  } else if (!begin && CB(parallel_end)) {
    CB(parallel_end)(data(&team->tool_data), data(&enc->tool_data), flags, team->site);
  }
}

void tp_ompt_implicit_task(struct tp_thread *self, struct tp_team *team, struct tp_task *it,
                           unsigned tid, bool begin) {
  if (begin) {
    team->member[tid].ompt_work = 0; /* whatever an earlier region left open */
    self->ompt_state = ompt_state_work_parallel;
  } else {
    close_single(self);
    self->ompt_state = self->is_worker ? ompt_state_idle : working(team->parent);
  }
  if (CB(implicit_task))
    CB(implicit_task)(begin ? ompt_scope_begin : ompt_scope_end,
                      begin ? data(&team->tool_data) : NULL, data(&it->tool_data),
                      team->nthreads, tid, ompt_task_implicit);
}

void tp_ompt_sync(struct tp_thread *self, enum tp_ompt_sync kind, bool begin) {
  if (begin && kind != TP_OMPT_TASKWAIT)
    close_single(self); /* gcc's single ends at its barrier (ompt.h) */
  self->ompt_state = !begin                          ? working(self->team)
                     : kind == TP_OMPT_TASKWAIT      ? ompt_state_wait_taskwait
                     : kind == TP_OMPT_BARRIER       ? ompt_state_wait_barrier_implementation
                                                     : ompt_state_wait_barrier_implicit_parallel;
  if (!CB(sync_region))
    return;
  static const ompt_sync_region_t kinds[] = {
      [TP_OMPT_BARRIER] = ompt_sync_region_barrier_implementation,
      [TP_OMPT_BARRIER_END_OF_REGION] = ompt_sync_region_barrier_implicit_parallel,
      [TP_OMPT_TASKWAIT] = ompt_sync_region_taskwait,
  };
  struct tp_task *t = self->task;
  CB(sync_region)(kinds[kind], begin ? ompt_scope_begin : ompt_scope_end,
                  data(&self->team->tool_data), data(&t->tool_data), self->team->site);
}

void tp_ompt_task_create(struct tp_thread *self, struct tp_task *parent, struct tp_task *t,
                         bool undeferred) {
  (void)self;
  if (!CB(task_create))
    return;
  static const ompt_frame_t no_frame;
  int flags = ompt_task_explicit | (undeferred ? ompt_task_undeferred : 0) |
              (t->untied ? ompt_task_untied : 0) | (t->final ? ompt_task_final : 0);
  CB(task_create)(data(&parent->tool_data), &no_frame, data(&t->tool_data), flags,
                  t->ndeps != 0, t->fn);
}

void tp_ompt_task_schedule(struct tp_task *prior, bool complete, struct tp_task *next) {
  if (CB(task_schedule))
    CB(task_schedule)(data(&prior->tool_data), complete ? ompt_task_complete : ompt_task_switch,
                      data(&next->tool_data));
}

void tp_ompt_mutex(enum tp_ompt_mutex kind, const void *id, bool acquired) {
  static const ompt_mutex_t kinds[] = {
      [TP_OMPT_LOCK] = ompt_mutex_lock,
      [TP_OMPT_NEST_LOCK] = ompt_mutex_nest_lock,
      [TP_OMPT_CRITICAL] = ompt_mutex_critical,
      [TP_OMPT_ATOMIC] = ompt_mutex_atomic,
  };
  ompt_callback_mutex_t cb = (ompt_callback_mutex_t)
      tp_rt.ompt_cb[acquired ? ompt_callback_mutex_acquired : ompt_callback_mutex_released];
  if (cb)
    cb(kinds[kind], (ompt_wait_id_t)(uintptr_t)id, __builtin_return_address(0));
}

void tp_ompt_dependences(struct tp_task *t, const struct tp_dep *deps, unsigned n) {
  if (!CB(dependences) || !n)
    return;
  ompt_dependence_t buf[16], *d = n <= 16 ? buf : tp_malloc(n * sizeof *d);
  for (unsigned i = 0; i < n; i++) {
    static const ompt_dependence_type_t kinds[] = {
        [TP_DEP_IN] = ompt_dependence_type_in,
        [TP_DEP_OUT] = ompt_dependence_type_out,
        [TP_DEP_INOUT] = ompt_dependence_type_inout,
        [TP_DEP_MUTEXINOUTSET] = ompt_dependence_type_mutexinoutset,
        [TP_DEP_INOUTSET] = ompt_dependence_type_inoutset,
    };
    d[i].variable.ptr = deps[i].addr;
    d[i].dependence_type = kinds[deps[i].kind];
  }
  CB(dependences)(data(&t->tool_data), d, (int)n);
  if (d != buf)
    free(d);
}

/* --- worksharing ------------------------------------------------------------- */

static void work(struct tp_thread *self, int kind, ompt_scope_endpoint_t ep, uint64_t count) {
  if (CB(work))
    CB(work)((ompt_work_t)kind, ep, data(&self->team->tool_data), data(&self->task->tool_data),
             count, NULL);
}

static void close_single(struct tp_thread *self) {
  struct tp_member *m = &self->team->member[self->tid];
  if (m->ompt_work == TP_OMPT_WORK_SINGLE_EXECUTOR) {
    m->ompt_work = 0;
    work(self, TP_OMPT_WORK_SINGLE_EXECUTOR, ompt_scope_end, 1);
  }
}

void tp_ompt_work_begin(struct tp_thread *self, enum tp_ompt_work kind, uint64_t count) {
  close_single(self); /* a gcc single nowait before this construct */
  struct tp_member *m = &self->team->member[self->tid];
  if (m->ompt_work)
    return; /* reported already (ompt.h) */
  m->ompt_work = (uint8_t)kind;
  work(self, kind, ompt_scope_begin, count);
}

void tp_ompt_work_end(struct tp_thread *self) {
  struct tp_member *m = &self->team->member[self->tid];
  int kind = m->ompt_work;
  if (!kind)
    return;
  m->ompt_work = 0;
  work(self, kind, ompt_scope_end, kind == TP_OMPT_WORK_SINGLE_EXECUTOR);
}

void tp_ompt_work(struct tp_thread *self, enum tp_ompt_work kind, bool begin, uint64_t count) {
  work(self, kind, begin ? ompt_scope_begin : ompt_scope_end, count);
}

void tp_ompt_single(struct tp_thread *self, bool executor) {
  if (executor) {
    tp_ompt_work_begin(self, TP_OMPT_WORK_SINGLE_EXECUTOR, 1);
    return;
  }
  close_single(self);
  work(self, TP_OMPT_WORK_SINGLE_OTHER, ompt_scope_begin, 1);
  work(self, TP_OMPT_WORK_SINGLE_OTHER, ompt_scope_end, 1);
}

void tp_ompt_dispatch(struct tp_thread *self, bool section, uint64_t instance) {
  if (!CB(dispatch))
    return;
  ompt_data_t inst = {.value = instance};
  CB(dispatch)(data(&self->team->tool_data), data(&self->task->tool_data),
               section ? ompt_dispatch_section : ompt_dispatch_iteration, inst);
}

void tp_ompt_cancel(struct tp_thread *self, int which, bool activated) {
  if (!CB(cancel))
    return;
  int flags = activated ? ompt_cancel_activated : ompt_cancel_detected;
  if (which & TP_CANCEL_PARALLEL)
    flags |= ompt_cancel_parallel;
  if (which & TP_CANCEL_LOOP)
    flags |= ompt_cancel_loop;
  if (which & TP_CANCEL_SECTIONS)
    flags |= ompt_cancel_sections;
  if (which & TP_CANCEL_TASKGROUP)
    flags |= ompt_cancel_taskgroup;
  CB(cancel)(data(&self->task->tool_data), flags, NULL);
}

void tp_ompt_masked(struct tp_thread *self, bool begin) {
  if (CB(masked))
    CB(masked)(begin ? ompt_scope_begin : ompt_scope_end, data(&self->team->tool_data),
               data(&self->task->tool_data), NULL);
}

void tp_ompt_reduction(struct tp_thread *self, bool begin) {
  self->ompt_state = begin ? ompt_state_work_reduction : working(self->team);
  ompt_callback_sync_region_t cb =
      (ompt_callback_sync_region_t)tp_rt.ompt_cb[ompt_callback_reduction];
  if (cb)
    cb(ompt_sync_region_reduction, begin ? ompt_scope_begin : ompt_scope_end,
       data(&self->team->tool_data), data(&self->task->tool_data), NULL);
}

#endif
