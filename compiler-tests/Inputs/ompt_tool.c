/* A test tool for the OMPT interface: registers the callbacks Tempo
 * reports, gives every parallel region and task an id in its data word,
 * checks the pairings as events arrive (each end closes a begin of the
 * same object; a task is created once and completes once, on the thread
 * that runs it; work constructs nest properly per thread, and a dispatch
 * comes inside a loop or sections of its thread), and prints a summary
 * when the runtime finalizes it.  With OMPT_TOOL_LOG set it also prints
 * each worksharing, barrier, masked and cancel event as it comes, as "T<n> ..."
 * (n: the thread's number in its innermost region), so a test can sort
 * the lines by thread and check each thread's sequence.
 * Built as a shared library and named by OMP_TOOL_LIBRARIES. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include OMPT_HEADER

static ompt_get_thread_data_t get_thread_data;
static ompt_get_state_t get_state;
static ompt_get_parallel_info_t get_parallel_info;
static ompt_get_task_info_t get_task_info;
static const char *runtime_name;
static long nthread_begin, nparallel[2], nimplicit[2], nsync[16][2], ncreate, nundeferred,
    ncomplete, nswitch, errors;
static unsigned long next_id = 1;
static long nwork[16][2], ndispatch[3], dispatch_sum[3], ncancel[2], nmasked[2], nreduction[2];
static int log_events;
static __thread unsigned my_index; /* thread number in the innermost region */
static __thread int work_stack[8], work_depth;
static const char *const work_names[] = {"?",      "loop",     "sections",   "single-executor",
                                         "single-other", "workshare", "distribute", "taskloop",
                                         "scope"};

#define COUNT(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
#define FAIL(...)                                                                        \
  do {                                                                                   \
    if (COUNT(errors) < 5)                                                               \
      fprintf(stderr, "ompt tool: " __VA_ARGS__);                                        \
  } while (0)

#define LOG(...)                                                                         \
  do {                                                                                   \
    if (log_events) {                                                                    \
      char line_[160];                                                                   \
      snprintf(line_, sizeof line_, __VA_ARGS__);                                        \
      printf("T%u %s\n", my_index, line_);                                              \
    }                                                                                    \
  } while (0)

static void on_thread_begin(ompt_thread_t type, ompt_data_t *d) {
  COUNT(nthread_begin);
  d->value = type;
}

static void on_parallel_begin(ompt_data_t *task, const ompt_frame_t *frame, ompt_data_t *par,
                              unsigned int requested, int flags, const void *codeptr) {
  (void)task, (void)frame, (void)codeptr, (void)flags;
  COUNT(nparallel[0]);
  if (requested < 1)
    FAIL("parallel_begin: requested %u\n", requested);
  par->value = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
}

static void on_parallel_end(ompt_data_t *par, ompt_data_t *task, int flags,
                            const void *codeptr) {
  (void)task, (void)flags, (void)codeptr;
  COUNT(nparallel[1]);
  if (!par->value)
    FAIL("parallel_end of a region that did not begin\n");
}

static void on_implicit_task(ompt_scope_endpoint_t ep, ompt_data_t *par, ompt_data_t *task,
                             unsigned int n, unsigned int index, int flags) {
  (void)flags;
  if (ep == ompt_scope_begin) {
    COUNT(nimplicit[0]);
    if (!par || !par->value || index >= n)
      FAIL("implicit_task begin: region %lu, index %u of %u\n",
           par ? (unsigned long)par->value : 0UL, index, n);
    task->value = 1000000 + index;
    my_index = index;
  } else {
    COUNT(nimplicit[1]);
    if (task->value != 1000000 + index)
      FAIL("implicit_task end: not the task that began (%lu, index %u)\n",
           (unsigned long)task->value, index);
  }
}

static void on_sync_region(ompt_sync_region_t kind, ompt_scope_endpoint_t ep,
                           ompt_data_t *par, ompt_data_t *task, const void *codeptr) {
  (void)par, (void)task, (void)codeptr;
  COUNT(nsync[kind & 15][ep == ompt_scope_end]);
  int want = kind == ompt_sync_region_taskwait ? ompt_state_wait_taskwait
             : kind == ompt_sync_region_barrier_implicit_parallel
                 ? ompt_state_wait_barrier_implicit_parallel
                 : ompt_state_wait_barrier_implementation;
  int state = get_state(NULL);
  if (ep == ompt_scope_begin && kind != ompt_sync_region_taskwait)
    LOG("%s", kind == ompt_sync_region_barrier_implicit_parallel ? "region-end barrier"
                                                                  : "barrier");
  if (ep == ompt_scope_begin && state != want)
    FAIL("sync_region %d begins in state %#x\n", (int)kind, state);
}

static void on_task_create(ompt_data_t *parent, const ompt_frame_t *frame, ompt_data_t *t,
                           int flags, int has_deps, const void *codeptr) {
  (void)parent, (void)frame, (void)has_deps, (void)codeptr;
  COUNT(ncreate);
  if (flags & ompt_task_undeferred)
    COUNT(nundeferred);
  if (!(flags & ompt_task_explicit))
    FAIL("task_create: flags %#x lack ompt_task_explicit\n", flags);
  if (t->value)
    FAIL("task_create: the new task's data word is not zero\n");
  t->value = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
}

static void on_task_schedule(ompt_data_t *prior, ompt_task_status_t status,
                             ompt_data_t *next) {
  (void)next;
  if (status == ompt_task_complete) {
    COUNT(ncomplete);
    if (!prior->value || prior->value >= 1000000)
      FAIL("task_schedule: a task that was never created completes (%lu)\n",
           (unsigned long)prior->value);
    prior->value = 0; /* completing it twice is caught above */
  } else {
    COUNT(nswitch);
  }
}

static void on_work(ompt_work_t type, ompt_scope_endpoint_t ep, ompt_data_t *par,
                    ompt_data_t *task, uint64_t count, const void *codeptr) {
  (void)par, (void)codeptr;
  if (type < 1 || type > 8) {
    FAIL("work: type %d\n", (int)type);
    return;
  }
  if (!task)
    FAIL("work: no task data\n");
  COUNT(nwork[type][ep == ompt_scope_end]);
  ompt_data_t *p = NULL, *t = NULL;
  int size = 0, state = get_state(NULL);
  /* Host teams are not regions a tool is told of: distribute has none. */
  if (type != ompt_work_taskloop && type != ompt_work_distribute &&
      (get_parallel_info(0, &p, &size) != 2 || p != par || size < 1 ||
       get_task_info(0, NULL, &t, NULL, NULL, NULL) != 2 || t != task))
    FAIL("work: the inquiry functions disagree with the callback's arguments\n");
  if (type != ompt_work_distribute && state != ompt_state_work_parallel)
    FAIL("work: in state %#x\n", state);
  if (ep == ompt_scope_begin) {
    LOG("work %s begin %lu", work_names[type], (unsigned long)count);
    if (work_depth < 8)
      work_stack[work_depth] = type;
    work_depth++;
  } else {
    LOG("work %s end", work_names[type]);
    if (work_depth == 0 || (work_depth <= 8 && work_stack[work_depth - 1] != (int)type))
      FAIL("work end of %s does not close the construct that began last\n",
           work_names[type]);
    else
      work_depth--;
  }
}

static void on_dispatch(ompt_data_t *par, ompt_data_t *task, ompt_dispatch_t kind,
                        ompt_data_t instance) {
  (void)par, (void)task;
  int want = kind == ompt_dispatch_section ? ompt_work_sections : ompt_work_loop;
  if ((kind != ompt_dispatch_iteration && kind != ompt_dispatch_section) || work_depth == 0 ||
      work_depth > 8 || work_stack[work_depth - 1] != want)
    FAIL("dispatch %d outside its construct\n", (int)kind);
  COUNT(ndispatch[kind & 1 ? 1 : 2]);
  __atomic_fetch_add(&dispatch_sum[kind & 1 ? 1 : 2], (long)instance.value, __ATOMIC_RELAXED);
}

static void on_cancel(ompt_data_t *task, int flags, const void *codeptr) {
  (void)task, (void)codeptr;
  const char *what = flags & ompt_cancel_parallel    ? "parallel"
                     : flags & ompt_cancel_loop      ? "loop"
                     : flags & ompt_cancel_sections  ? "sections"
                     : flags & ompt_cancel_taskgroup ? "taskgroup"
                                                     : "?";
  int activated = (flags & ompt_cancel_activated) != 0;
  COUNT(ncancel[!activated]);
  LOG("cancel %s %s", what, activated ? "activated" : "detected");
}

static void on_masked(ompt_scope_endpoint_t ep, ompt_data_t *par, ompt_data_t *task,
                      const void *codeptr) {
  (void)par, (void)task, (void)codeptr;
  COUNT(nmasked[ep == ompt_scope_end]);
  LOG("masked %s", ep == ompt_scope_begin ? "begin" : "end");
}

static void on_reduction(ompt_sync_region_t kind, ompt_scope_endpoint_t ep, ompt_data_t *par,
                         ompt_data_t *task, const void *codeptr) {
  (void)par, (void)task, (void)codeptr;
  COUNT(nreduction[ep == ompt_scope_end]);
  int state = get_state(NULL);
  if (kind != ompt_sync_region_reduction ||
      (ep == ompt_scope_begin && state != ompt_state_work_reduction))
    FAIL("reduction: kind %d, state %#x\n", (int)kind, state);
}

static int initialize(ompt_function_lookup_t lookup, int device, ompt_data_t *data) {
  (void)device, (void)data;
  ompt_set_callback_t set = (ompt_set_callback_t)lookup("ompt_set_callback");
  get_thread_data = (ompt_get_thread_data_t)lookup("ompt_get_thread_data");
  get_state = (ompt_get_state_t)lookup("ompt_get_state");
  get_parallel_info = (ompt_get_parallel_info_t)lookup("ompt_get_parallel_info");
  get_task_info = (ompt_get_task_info_t)lookup("ompt_get_task_info");
  ompt_enumerate_states_t states = (ompt_enumerate_states_t)lookup("ompt_enumerate_states");
  ompt_get_proc_id_t proc_id = (ompt_get_proc_id_t)lookup("ompt_get_proc_id");
  if (!set || !get_thread_data || !get_task_info || !get_parallel_info || !get_state ||
      !states || !proc_id || lookup("ompt_no_such_entry_point"))
    FAIL("lookup gives the wrong entry points\n");
  int nstates = 0, st = ompt_state_undefined, parallel_named = 0;
  const char *name;
  while (states && nstates < 100 && states(st, &st, &name)) {
    nstates++;
    parallel_named |= st == ompt_state_work_parallel && !strcmp(name, "ompt_state_work_parallel");
  }
  if (nstates < 4 || nstates >= 100 || !parallel_named || (proc_id && proc_id() < 0))
    FAIL("inquiry: %d states, work_parallel named %d\n", nstates, parallel_named);
  set(ompt_callback_thread_begin, (ompt_callback_t)on_thread_begin);
  set(ompt_callback_parallel_begin, (ompt_callback_t)on_parallel_begin);
  set(ompt_callback_parallel_end, (ompt_callback_t)on_parallel_end);
  set(ompt_callback_implicit_task, (ompt_callback_t)on_implicit_task);
  set(ompt_callback_sync_region, (ompt_callback_t)on_sync_region);
  set(ompt_callback_task_create, (ompt_callback_t)on_task_create);
  set(ompt_callback_task_schedule, (ompt_callback_t)on_task_schedule);
  set(ompt_callback_work, (ompt_callback_t)on_work);
  set(ompt_callback_dispatch, (ompt_callback_t)on_dispatch);
  set(ompt_callback_cancel, (ompt_callback_t)on_cancel);
  set(ompt_callback_masked, (ompt_callback_t)on_masked);
  set(ompt_callback_reduction, (ompt_callback_t)on_reduction);
  log_events = getenv("OMPT_TOOL_LOG") != NULL;
  printf("ompt: initialized by %s\n", runtime_name);
  fflush(stdout);
  return 1;
}

static void finalize(ompt_data_t *data) {
  (void)data;
  printf("ompt: threads begun %ld\n", nthread_begin);
  printf("ompt: parallel regions %ld/%ld\n", nparallel[0], nparallel[1]);
  printf("ompt: implicit tasks %ld/%ld\n", nimplicit[0], nimplicit[1]);
  printf("ompt: barriers %ld/%ld\n", nsync[ompt_sync_region_barrier_implementation][0],
         nsync[ompt_sync_region_barrier_implementation][1]);
  printf("ompt: end-of-region barriers %ld/%ld\n",
         nsync[ompt_sync_region_barrier_implicit_parallel][0],
         nsync[ompt_sync_region_barrier_implicit_parallel][1]);
  printf("ompt: taskwaits %ld/%ld\n", nsync[ompt_sync_region_taskwait][0],
         nsync[ompt_sync_region_taskwait][1]);
  printf("ompt: tasks created %ld (undeferred %ld), completed %ld\n", ncreate, nundeferred,
         ncomplete);
  for (int w = 1; w <= 8; w++)
    if (nwork[w][0] || nwork[w][1])
      printf("ompt: work %s %ld/%ld\n", work_names[w], nwork[w][0], nwork[w][1]);
  printf("ompt: dispatch iterations %ld (first values sum %ld), sections %ld (sum %ld)\n",
         ndispatch[1], dispatch_sum[1], ndispatch[2], dispatch_sum[2]);
  printf("ompt: cancel activated %ld, detected %ld\n", ncancel[0], ncancel[1]);
  printf("ompt: masked %ld/%ld\n", nmasked[0], nmasked[1]);
  printf("ompt: reductions %ld/%ld\n", nreduction[0], nreduction[1]);
  printf("ompt: errors %ld\n", errors);
  fflush(stdout);
}

ompt_start_tool_result_t *ompt_start_tool(unsigned int version, const char *runtime) {
  static ompt_start_tool_result_t result = {initialize, finalize, {0}};
  (void)version;
  runtime_name = runtime;
  return &result;
}
