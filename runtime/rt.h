/* rt.h — the runtime's core objects: the one global runtime struct, threads
 * and teams.
 *
 * Ownership rules (who may write what):
 *  - struct tp_runtime tp_rt: written only during initialisation (env.c) and
 *    under tp_rt.pool_lock (pool fields); everything else reads it.
 *  - struct tp_thread: written by its own OS thread, except the fields in
 *    the "signal" cache line (go, wake_seq), which other threads write to
 *    hand it work or wake it, and team/tid which the team master writes
 *    *before* publishing go.
 *  - struct tp_team: written by its master between regions; during a region
 *    members write only their own struct tp_member slot and the shared
 *    worksharing/task state through atomics.
 */
#ifndef TEMPO_RT_H
#define TEMPO_RT_H

#include <pthread.h>

#include "cgroup.h"
#include "fiber.h"
#include "icv.h"
#include "sys.h"

#define TP_HOT_LEVELS 4

struct tp_team;
struct tp_task;
struct tp_ws;
struct tp_wq;
struct tp_stats;
struct tp_papi;

#define TP_OMPT_CALLBACKS 40 /* ompt_callbacks_t values stay below this */

/* A tool's word for an OpenMP object (OMPT's ompt_data_t: ompt.h). */
typedef union {
  uint64_t value;
  void *ptr;
} tp_tool_data;
struct tp_trace;

/* Device-wide ICVs and settings read from the environment once. */
struct tp_global_icv {
  size_t stacksize;        /* stacksize-var (bytes; 0 = system default) */
  int wait_policy;         /* TP_WAIT_* */
  unsigned long long spincount; /* pause iterations before sleeping */
  bool spincount_set;
  int max_task_priority;
  bool cancel;
  int display_env;          /* 0 no, 1 true, 2 verbose */
  bool display_affinity;
  char *affinity_format;
  int default_device;
  int target_offload;       /* 0 default, 1 mandatory, 2 disabled */
  int nteams;               /* nteams-var (0 = unset) */
  int teams_thread_limit;   /* 0 = unset */
  unsigned nthreads_list[TP_MAX_LIST];
  unsigned nthreads_list_len;
  int bind_list[TP_MAX_LIST];
  unsigned bind_list_len;
  char *places;             /* OMP_PLACES as given (normalised text) */
  struct tp_place_list *place_list; /* places.h; NULL = no place list */
  unsigned long default_allocator;
  int debug;                /* GOMP_DEBUG */
};

/* Per-thread slot in a team; one cache line each so members never share. */
struct tp_member {
  struct tp_thread *thr;
  uint32_t bar_epoch;  /* barriers this member has passed in this team */
  uint32_t ws_seq;     /* worksharing constructs this member has entered */
  uint32_t single_seq; /* single constructs this member has encountered */
  uint8_t ompt_work;   /* worksharing construct open for an OMPT tool (ompt.h) */
  uint32_t red_mod_seq[2];  /* reduction(task) constructs met (taskred_items.c) */
  struct tp_ws *ws;    /* worksharing construct in progress (loops/sections) */
  struct tp_task *itask; /* implicit task of this member */
  /* Doacross dimensions an ABI announced before the loop that uses them
   * (clang's __kmpc_doacross_init; its own format, read by that shim). */
  const void *abi_doacross;
  unsigned abi_doacross_n;
} tp_cacheline_aligned;

/* A barrier flag word, alone on its cache line. */
struct tp_flag {
  uint32_t v;
} tp_cacheline_aligned;

struct tp_team {
  /* Set by the master before each region, read-only during it. */
  unsigned nthreads;
  unsigned level;        /* nesting depth, counting inactive regions */
  unsigned active_level; /* nesting depth counting only regions of >1 thread */
  void (*fn)(void *);
  void *data;
  const void *site;            /* names the region: fn, or the ABI's (next_site) */
  bool tasks_hint;             /* site created tasks last time (tp_task_hint) */
  struct tp_team *parent;      /* team of the encountering thread */
  unsigned parent_tid;         /* the master's thread number in parent */
  struct tp_task *parent_task; /* the encountering task */
  struct tp_thread *master;
  struct tp_icv icv;           /* ICVs of the implicit tasks */
  tp_tool_data tool_data;      /* the region's, for an OMPT tool */
  uint64_t stats_t0;           /* when the region began (TEMPO_STATS) */
  int bind_policy;             /* this region's proc_bind policy (bind.h) */
  unsigned capacity;           /* members allocated */
  unsigned nrounds;            /* dissemination barrier rounds */
  struct tp_member *member;    /* [capacity] */
  struct tp_flag *bar_flags;   /* [capacity * nrounds] */
  struct tp_flag *join_flags;  /* [capacity] */

  /* Master-private, on its own line so workers' reads of the fields above
   * stay cache hits from region to region. */
  uint32_t region_epoch tp_cacheline_aligned; /* regions run (join epoch) */
  bool hot;                    /* owned by master as its hot team */

  /* Written by members during the region (single winners), alone on its
   * line so the read-mostly pointers below stay cache hits. */
  uint32_t single_count tp_cacheline_aligned;
  void *copyprivate;

  /* Set at team creation, read by members. */
  struct tp_ws *ws_ring tp_cacheline_aligned;       /* worksharing slots, see ws.h */
  struct tp_team_tasks *tasks; /* task scheduling state, see task.h */
  /* reduction(task) of the current parallel [0] / worksharing [1]
   * construct, item by item (taskred_items.c; atomic). */
  struct tp_red_copies *red_mod[2];

  /* Cancellation (cancel.c; only with OMP_CANCELLATION=true), alone on its
   * line: written by cancelling members, read at cancellation points. */
  uint32_t cancelled tp_cacheline_aligned; /* cancel parallel was activated */
  uint64_t ws_cancelled; /* cancel for/sections: 1 << 32 | the epoch of the
                            barrier that ends the cancelled construct */
};

struct tp_thread {
  /* Hot fields, owned by this thread. */
  struct tp_team *team;
  unsigned tid;
  struct tp_task *task;       /* current task, or the nearest real one below
                                 `lazy` included tasks (tp_task_cur) */
  unsigned lazy;              /* included tasks running on top of `task` with
                                 no descriptor yet (task.c: lazy included tasks) */
  unsigned nested_now;        /* included tasks running inside one another on
                                 this thread's stack (task.c: run_included) */
  struct tp_stats *stats;     /* its counts with TEMPO_STATS, else NULL (stats.h) */
  struct tp_trace *trace;     /* its events with TEMPO_TRACE, else NULL (trace.h) */
  tp_tool_data tool_data;     /* the thread's, for an OMPT tool (ompt.h) */
  int ompt_state;             /* its ompt_state_t, kept only with a tool (ompt.c) */
  int bound_place;            /* place this thread is bound to, -1 if none */
  struct tp_team *hot_team[TP_HOT_LEVELS]; /* teams it masters, per level, kept for reuse */
  struct tp_team *solo_team;  /* team of one for the initial thread's level 0 */
  uint32_t uid;               /* process-unique thread number, from 1, dense */
  bool is_worker;             /* a pool thread (not an initial thread) */
  bool forked_in_region;      /* in a child of fork() made inside a region (fork.c) */
  /* Deterministic mode (detsched.h): barriers this thread arrived at in
   * the region, whether it is in one now (arrived, not yet out), and the
   * word and bits of the task wait it is in (NULL: none). */
  bool det_arrived;
  uint32_t det_arrivals;
  const uint32_t *det_wait_word;
  uint32_t det_wait_bits;
  /* A worker's stack and its alternate signal stack (stackguard.c). */
  uintptr_t stack_lo;
  size_t stack_size;
  void *altstack;
  unsigned *cg_busy;          /* threads busy in this contention group */
  unsigned cg_busy_own;       /* the counter, when this is an initial thread */
  uint32_t go_seen;
  struct tp_thread *pool_next;
  pthread_t pthread;
  void *free_teams;           /* cache of teams of one (serialized regions) */
  struct tp_wq *wq;           /* task queues (tasksched.h), created with the thread */
  void *task_cache;           /* task descriptor pool (taskpool.c) */
  /* num_threads / proc_bind clauses announced for this thread's next
   * parallel region by an ABI that passes them separately (kmpc's
   * __kmpc_push_*); 0 = none.  The next region takes and clears them. */
  unsigned next_nthreads;
  unsigned next_bind;
  unsigned next_nteams, next_thread_limit; /* same for a teams construct */
  /* The code that names the next region (the compiler's outlined
   * function) when the ABI passes the core a trampoline of its own (kmpc);
   * NULL: the region's function names it.  Taken and cleared like those. */
  const void *next_site;
  void *tpvars;                /* its threadprivate copies (threadprivate.c) */
  /* What OMP_DISPLAY_AFFINITY last showed for this thread (affinity.c). */
  struct { int shown, level, tid, nthreads, ancestor, place; } aff_shown;

  /* Signal line: written by other threads. */
  uint32_t go tp_cacheline_aligned; /* bumped to hand this thread a region */
  uint32_t wake_seq;                /* futex word for sleeping */
  uint32_t sleeping;                /* 1 while (about to be) asleep */
  uint32_t job_epoch;               /* join epoch of the region handed over */
  void (*job_fn)(void *);           /* region body, written before go */
  void *job_data;
};

enum { TP_KIND_ALL, TP_KIND_PERFORMANCE, TP_KIND_EFFICIENCY };

struct tp_runtime {
  struct tp_global_icv g;
  struct tp_icv initial_icv;  /* ICVs of every initial task */
  unsigned ncpus;              /* the affinity mask's CPUs: omp_get_num_procs() */
  /* The CPUs to use (env.c): ncpus, fewer if the cgroup CPU quota allows
   * fewer.  The default nthreads-var, and what OMP_DYNAMIC and the
   * oversubscription test count; cgroup_quota is what limited it, if any. */
  unsigned cpu_budget;
  struct tp_cgroup_quota cgroup_quota;
  /* TEMPO_DEFAULT_THREADS=cores (env.c): the allowed CPUs' cores, which cap
   * the default nthreads-var (one thread per core); 0 = one per CPU. */
  unsigned default_cores;
  /* TEMPO_PLACES_KIND (env.c): 0 = every CPU, else only the CPUs of the
   * fastest (TP_KIND_PERFORMANCE) or slowest (TP_KIND_EFFICIENCY) CPU kind
   * of a hybrid part make places, binding and the default team size. */
  int places_kind;
  /* schedule(auto) loops balance by work done (dynamic, by range stealing
   * when allowed; loop.c) rather than static blocks: auto_steal when
   * auto_balance (TEMPO_AUTO_BALANCE) and the initial team may run on CPUs
   * of different kinds (env.c). */
  bool auto_balance, auto_steal;
  bool steal_local;       /* TEMPO_STEAL_LOCAL: thieves try near members first (victims.h) */
  unsigned long long spin_iters;     /* pause iterations before sleeping */
  unsigned long long spin_throttled; /* same, when oversubscribed */
  bool loop_steal;        /* TEMPO_LOOP_STEAL: nonmonotonic dynamic loops steal ranges */
  bool lazy_taskloop;     /* TEMPO_LAZY_TASKLOOP: taskloops split on demand (taskloop.c) */
  bool fibers;            /* TEMPO_FIBERS: published untied tasks run on fibers and
                             suspend at taskwait/taskyield (task.c); off by default */
  struct tp_fiber_pool fiber_pool; /* their stacks (fiber.h) */
  uint32_t fibers_live;   /* untied tasks on fibers now (atomic; task.c caps it) */
  bool debug;             /* TEMPO_DEBUG: API misuse reported where it happens (tp_misuse) */
  /* Messages of the library's start (environment warnings) are held until
   * the program first uses the runtime (init.c: runtime_used), so that a
   * process that never does (ls, make, a shell under LD_PRELOAD) prints
   * nothing: while hold_messages is set, sys.c keeps them here. */
  bool hold_messages;
  uint32_t used;          /* the runtime was used (tp_runtime_used ran; atomic) */
  char *held;
  size_t held_len;
  uint64_t heartbeat_ns;  /* TEMPO_HEARTBEAT_US: least interval between promotions asked
                             of one thread (tasksched.h); 0 = publish every task */
  unsigned inline_slack;  /* TEMPO_INLINE_SLACK: older private tasks that let a new one
                             run at once (tp_sched_run_now); 0 = never */
  /* TEMPO_DETERMINISTIC (detsched.c): the seed of the turn order, the
   * schedule log (TEMPO_SCHEDULE_LOG) and the log replayed (TEMPO_REPLAY);
   * the log's records, under det_lock. */
  bool det;
  uint64_t det_seed;
  char *det_log_file, *det_replay_file;
  uint32_t det_lock;
  uint32_t det_regions;   /* regions begun in deterministic mode (atomic) */
  struct tp_det_rec *det_recs, *det_replay;
  size_t det_n, det_cap, det_replay_n;
  uint32_t det_warned;    /* the replay diverged, or a turn was given up (atomic) */
  /* TEMPO_STATS (stats.c): every thread's block, under stats_lock; the
   * report goes to stderr, or to stats_file (JSON) if set. */
  bool stats;
  char *stats_file;
  uint32_t stats_lock;
  struct tp_stats *stats_list;
  uint64_t stats_t0;
  uint64_t stats_energy0;  /* RAPL energy at the start, microjoules (stats.c) */
  int stats_energy_domains; /* package domains read; 0 = energy not measured */
  /* TEMPO_PAPI (papi.c): the events asked for (NULL: none), libpapi's
   * functions and the events kept, how many. */
  char *papi_events;
  char *papi_lib;          /* TEMPO_TEST_PAPI_LIB: the library to load instead */
  struct tp_papi *papi;
  unsigned papi_n;
  /* TEMPO_TRACE (trace.c): the file, events a thread keeps, every
   * thread's buffer (under trace_lock), the time 0 of the trace. */
  char *trace_file;
  unsigned trace_events;
  uint32_t trace_lock;
  struct tp_trace *trace_list;
  uint64_t trace_t0;
  /* An OMPT tool (ompt.c): attached, its start result, its callbacks
   * (indexed by ompt_callbacks_t), finalized yet (atomic), the last id
   * ompt_get_unique_id gave (atomic). */
  bool ompt;
  void *ompt_tool;
  void (*ompt_cb[TP_OMPT_CALLBACKS])(void);
  uint32_t ompt_finalized;
  uint64_t ompt_next_id;

  /* Thread pool: idle workers, protected by pool_lock. */
  uint32_t pool_lock;
  struct tp_thread *pool_idle;
  unsigned workers_total;
  uint32_t thread_create_warned; /* a worker's thread could not be created (atomic) */
  uint32_t membind_warned; /* an omp_atk_partition placement failed (atomic), alloc.c */
  uint32_t next_uid;      /* last thread uid handed out (atomic), tp_thread_uid() */
  uint32_t next_lock_id;  /* last nest-lock owner id handed out (atomic), lock.c */
  unsigned threads_busy;  /* workers bound to teams, all groups (atomic); see team.c */

  struct tp_thread *initial_free; /* state of ended initial threads, for reuse (pool_lock) */
  pthread_key_t initial_key;   /* destructor recycles an initial thread's state */

  /* Full batches of free task descriptors (taskpool.c), linked through
   * each batch's first descriptor, under depot_lock. */
  uint32_t task_depot_lock;
  unsigned task_depot_n;       /* batches in it (read unlocked: atomic) */
  struct tp_task *task_depot;

  /* Which region functions created tasks the last time they ran
   * (tp_task_hint; racy by design: a wrong entry costs only speed). */
  struct { const void *fn; uint32_t tasks; } task_hint[256];

  uint32_t foreign_checked;    /* other runtimes' threads looked for (team.c, atomic) */

  /* threadprivate variables' registered constructors (threadprivate.c). */
  uint32_t tpvar_lock;
  struct tp_tpreg *tpvar_regs;
  struct tp_tpvar *tpvar_list;  /* described at first use */

  uint32_t critical_lock;      /* unnamed critical */
  uint32_t atomic_lock;        /* GOMP_atomic_start/end */
  uint32_t named_critical_lock;/* guards lazily created named locks */
};

extern struct tp_runtime tp_rt tp_hidden;
extern __thread struct tp_thread *tp_tls_self
    __attribute__((tls_model("initial-exec"))) tp_hidden;

struct tp_thread *tp_thread_init_initial(void) tp_hidden;
/* A new thread's uid (never 0). */
uint32_t tp_thread_uid(void) tp_hidden;

/* The calling thread's Tempo state, created on first use (any pthread that
 * calls into Tempo becomes an initial thread with its own level-0 team). */
static inline struct tp_thread *tp_self(void) {
  struct tp_thread *t = tp_tls_self;
  if (tp_unlikely(!t))
    t = tp_thread_init_initial();
  return t;
}

/* The current task as a descriptor of its own.  Included tasks that
 * nothing has asked about run without one (self->lazy counts them; they
 * share `task`'s ICVs, taskgroup and final flag, and have no children);
 * code that needs the task itself - to create a child, change an ICV,
 * own a lock, start a taskgroup or a region - asks here, which gives
 * each of them its descriptor (task.c). */
void tp_task_materialize(struct tp_thread *self) tp_hidden;
static inline struct tp_task *tp_task_cur(struct tp_thread *self) {
  if (tp_unlikely(self->lazy))
    tp_task_materialize(self);
  return self->task;
}

void tp_runtime_init(void) tp_hidden;

/* Team lifecycle (team.c). */
struct tp_team *tp_team_alloc(unsigned capacity) tp_hidden;
/* A team of one led by thr (serialized regions, an initial thread's level 0). */
struct tp_team *tp_team_solo(struct tp_thread *thr) tp_hidden;
/* Frees a team that no thread uses (its workers already left it). */
void tp_team_free(struct tp_team *team) tp_hidden;
/* Gives the workers of every hot team `t` leads back to the pool. */
void tp_thread_release_teams(struct tp_thread *t) tp_hidden;
void tp_parallel_begin(struct tp_thread *self, void (*fn)(void *), void *data,
                       unsigned nthreads, unsigned proc_bind) tp_hidden;
void tp_parallel_end(struct tp_thread *self) tp_hidden;
/* The team request of a combined parallel sections with `count` sections:
 * under dyn-var no more threads than sections (the rest would find no work;
 * libgomp does the same); otherwise `requested` unchanged. */
unsigned tp_sections_request(struct tp_thread *self, unsigned requested,
                             unsigned count) tp_hidden;
/* Cancellation (cancel.c).  `which` is a mask of TP_CANCEL_* (each shim
 * translates its ABI's kinds: gcc's GOMP_CANCEL_* bits are the same).  tp_cancel activates it and
 * says whether the caller must leave the construct; tp_cancellation_point
 * says whether the construct is cancelled (the end_cancel entry points of
 * loops and sections are tp_barrier_cancel); tp_cancel_region_end is the
 * master's clean-up after the join of a region that saw cancellation. */
enum { TP_CANCEL_PARALLEL = 1, TP_CANCEL_LOOP = 2, TP_CANCEL_SECTIONS = 4,
       TP_CANCEL_TASKGROUP = 8 };
bool tp_cancel(struct tp_thread *self, int which) tp_hidden;
bool tp_cancellation_point(struct tp_thread *self, int which) tp_hidden;
void tp_cancel_region_end(struct tp_team *team) tp_hidden;

/* The teams construct on the host (teams.c): fn(data) once per team, on
 * this thread, with team_num / num_teams / thread_limit set in the current
 * task's ICVs (0: the defaults). */
void tp_teams_run(struct tp_thread *self, void (*fn)(void *), void *data,
                  unsigned num_teams, unsigned thread_limit) tp_hidden;
/* Teams of a target region run on the host, one call per team: first
 * starts them (low teams, at least one), each later call moves to the next
 * team; false when all ran.  tp_teams_set_limit: thread_limit of the
 * current team (0: unchanged). */
bool tp_teams_next(struct tp_thread *self, unsigned low, unsigned thread_limit,
                   bool first) tp_hidden;
void tp_teams_set_limit(struct tp_thread *self, unsigned thread_limit) tp_hidden;

/* threadprivate variables kept by the runtime (threadprivate.c).  How a
 * thread's copy starts: ctor(copy), or cctor(copy, original), or (neither)
 * a copy of the original's bytes at its first use; dtor(copy) when the
 * thread leaves.  vec != 0: arrays of vec objects, the _vec forms. */
struct tp_tpctors {
  void *(*ctor)(void *);
  void *(*cctor)(void *, void *);
  void (*dtor)(void *);
  void *(*ctor_vec)(void *, size_t);
  void *(*cctor_vec)(void *, void *, size_t);
  void (*dtor_vec)(void *, size_t);
  size_t vec;
};
void tp_threadprivate_register(void *orig, const struct tp_tpctors *f) tp_hidden;
/* The calling thread's copy of the variable at orig (size bytes); *cache
 * is a word the caller keeps per variable, NULL at first (cache NULL: the
 * variable is looked up, slowly). */
void *tp_threadprivate(struct tp_thread *self, void *orig, size_t size, void **cache) tp_hidden;
void tp_threadprivate_thread_fini(struct tp_thread *self) tp_hidden;

/* The spin budget before a waiting thread sleeps, in milliseconds
 * (env.c; kmp_set_blocktime).  ~0: never sleep.  Without a setting it is
 * TP_SPIN_DEFAULT_MS (libgomp's 300000 pauses). */
#define TP_SPIN_DEFAULT_MS 3
void tp_spin_set_ms(unsigned long ms) tp_hidden;
unsigned long tp_spin_get_ms(void) tp_hidden;

/* Other OpenMP runtimes mapped in the process (foreign.c): fn(path) for
 * each; a warning if one of them has started threads. */
void tp_foreign_each(void (*fn)(const char *path, void *arg), void *arg) tp_hidden;
void tp_foreign_check_threads(void) tp_hidden;
/* Was the program itself linked against an OpenMP runtime (its DT_NEEDED)?
 * If not, Tempo was preloaded into it, or arrived with a library. */
bool tp_program_needs_openmp(void) tp_hidden;

/* single (single.c): whether the caller runs the team's next single
 * region.  copyprivate: the winner passes mine = true and its data; after
 * a barrier every member gets the winner's pointer, and must pass another
 * barrier (tp_barrier) once it has copied, before the winner goes on. */
bool tp_single_start(struct tp_thread *self) tp_hidden;
void *tp_copyprivate_exchange(struct tp_thread *self, void *data, bool mine) tp_hidden;

/* Host fallback of a target region (target.c): runs fn(data) on the calling
 * thread as the initial thread of a new contention group (level 0, team of
 * one, the initial ICVs with thread-limit-var `thread_limit` if nonzero),
 * waits for the tasks it created, and restores the caller's state. */
void tp_target_run(struct tp_thread *self, void (*fn)(void *), void *data,
                   unsigned thread_limit) tp_hidden;
/* Whole region: begin, run fn on the master, end. */
void tp_parallel(struct tp_thread *self, void (*fn)(void *), void *data, unsigned nthreads,
                 unsigned proc_bind) tp_hidden;
/* The same, the implicit tasks starting in one taskgroup that carries
 * abi_red (struct tp_taskgroup, task.h) instead of in none: the ABI's
 * task reductions that all the region's tasks share (reduction(task, ...)
 * on parallel).  Returns the team size. */
unsigned tp_parallel_in_taskgroup(struct tp_thread *self, void (*fn)(void *), void *data,
                                  unsigned nthreads, unsigned proc_bind,
                                  void *abi_red) tp_hidden;

/* A worker's stack overflow reported by name (stackguard.c): called by
 * each worker on its own thread, first and last. */
void tp_stackguard_thread_start(struct tp_thread *self) tp_hidden;
void tp_stackguard_thread_end(struct tp_thread *self) tp_hidden;

/* fork() handlers (fork.c): a child of fork gets a working runtime. */
void tp_fork_init(void) tp_hidden;

/* Worker threads (pool.c). */
/* Up to n workers into out (idle ones first, then new threads); fewer
 * when the system refuses new threads (warned once).  Returns how many. */
unsigned tp_pool_acquire(struct tp_thread **out, unsigned n) tp_hidden;
void tp_pool_release(struct tp_thread **thr, unsigned n) tp_hidden;
/* An idle worker taken out of the pool for good (NULL: none), and the end
 * of such a worker's thread; it must hold no hot team any more. */
struct tp_thread *tp_pool_take_idle(void) tp_hidden;
void tp_pool_end(struct tp_thread *w) tp_hidden;
/* omp_pause_resource (team.c): ends every idle worker thread (and self's
 * hot teams'). */
void tp_pool_pause(struct tp_thread *self) tp_hidden;

/* Waiting (wait.c).  Epoch words count up and wrap; "reached" compares them
 * modulo 2^32. */
static inline bool tp_reached(uint32_t v, uint32_t target) {
  return (int32_t)(v - target) >= 0;
}
/* What a waiting thread does besides waiting (wait.c knows nothing of
 * tasks): `work` runs one piece of work and says whether it found any;
 * `sleep`, if not NULL, is told just before the thread sleeps (asleep =
 * true, after `sleeping` is published seq_cst and before the last check
 * for work) and after it wakes. */
struct tp_idle {
  bool (*work)(struct tp_thread *self, void *arg);
  void (*sleep)(struct tp_thread *self, void *arg, bool asleep);
  void *arg;
};
/* Spin (doing idle's work, if idle is not NULL), then sleep, until *word
 * reaches target (true), or until *abort, if abort is not NULL, is nonzero
 * (false).  Whoever sets *abort stores it seq_cst and then wakes the
 * waiters that sleep, as tp_signal does. */
void tp_wait_word(struct tp_thread *self, uint32_t *word, uint32_t target,
                  const struct tp_idle *idle) tp_hidden;
bool tp_wait_word_or(struct tp_thread *self, uint32_t *word, uint32_t target,
                     const uint32_t *abort, const struct tp_idle *idle) tp_hidden;
/* The same, until *word == 0 / until *word & bits. */
void tp_wait_zero(struct tp_thread *self, uint32_t *word, const struct tp_idle *idle) tp_hidden;
void tp_wait_bits(struct tp_thread *self, uint32_t *word, uint32_t bits,
                  const struct tp_idle *idle) tp_hidden;
/* Spin/yield/sleep budget helpers for other waiting loops. */
bool tp_oversubscribed(void) tp_hidden;
void tp_wake(struct tp_thread *t) tp_hidden;
/* After a seq_cst store that members of team may be waiting for: wakes
 * every member but self that sleeps. */
void tp_wake_sleepers(struct tp_thread *self, struct tp_team *team) tp_hidden;
/* Publish *word = v and wake thread t if it sleeps waiting for it. */
static inline void tp_signal(uint32_t *word, uint32_t v, struct tp_thread *t) {
  tp_store_sc(word, v); /* seq_cst: orders the store before reading t->sleeping */
  if (tp_unlikely(tp_load(&t->sleeping)))
    tp_wake(t);
}

/* Barriers (barrier.c).  tp_barrier_cancel: a barrier that is also a
 * cancellation point of the parallel region: true (at once, or releasing
 * the members waiting in it) when the region is cancelled. */
void tp_barrier(struct tp_thread *self) tp_hidden;
bool tp_barrier_cancel(struct tp_thread *self) tp_hidden;
void tp_barrier_setup(struct tp_team *team) tp_hidden;
/* End-of-region join: workers arrive, the master waits for all. */
void tp_join(struct tp_thread *self, struct tp_team *team, unsigned tid,
             uint32_t epoch) tp_hidden;

#endif
