/* ws.h — worksharing constructs' shared state (loops, sections, scope,
 * ordered, doacross).
 *
 * The team owns a ring of TP_WS_RING slots (team->ws_ring).  Every member
 * counts the worksharing constructs it entered (member[tid].ws_seq,
 * monotonic across the team's regions: all members encounter the same
 * constructs, so the counts stay in step).  Construct s uses slot
 * s % TP_WS_RING:
 *   - the first member to arrive claims it (CAS claim: s -> s + RING),
 *     waits until the slot's previous user (s - RING) has been left by every
 *     member (free reaches s), initialises it and publishes ready = s;
 *   - the others wait for ready = s, then read the description;
 *   - leaving (loop_end / end_nowait / sections_end ...) counts the member
 *     out; the last one resets the count and publishes free = s + RING.
 * So up to TP_WS_RING constructs can be in flight (nowait) at once, and a
 * member entering a construct pays one CAS or one load of the ready word;
 * there is no lock and no allocation on that path (per-construct memory is
 * kept in the slot and reused).
 *
 * Team of one: the slot is used without any atomics (nobody to share with).
 *
 * Iteration spaces are kept as logical iteration numbers 0 .. n-1 in 64-bit
 * unsigned arithmetic; value(i) = start + i * incr (mod 2^64) serves both the
 * signed long and the unsigned long long entry points.
 *
 * Files: ws.c (slots, entering/leaving, waiting), loop.c (schedules),
 * ordered.c (ordered regions), doacross.c (ordered(n) depend(sink/source)).
 */
#ifndef TEMPO_WS_H
#define TEMPO_WS_H

#include "rt.h"

#define TP_WS_RING 8 /* constructs in flight per team; a power of two */

/* Schedule of a construct, as stored in the slot. */
enum { TP_WS_STATIC = 1, TP_WS_DYNAMIC = 2, TP_WS_GUIDED = 3, TP_WS_SCOPE = 5 };
/* Schedule requests only (tp_loop.kind, never a slot's kind): dynamic or
 * guided whose chunks need not be handed out in increasing order
 * (nonmonotonic), so range stealing (steal.c) may run it; where it cannot,
 * it runs as TP_WS_DYNAMIC or TP_WS_GUIDED. */
enum { TP_WS_STEAL = 4, TP_WS_STEAL_GUIDED = 6 };

/* A member's state in a loop run by range stealing (steal.c): the loop's
 * description (every member has its own copy, from its own call) and the
 * member's position.  Owner-private. */
struct tp_steal {
  bool on;             /* the member's current loop is a stealing one */
  bool done;           /* took the loop's final chunk: gets no more */
  bool guided;         /* takes shrinking pieces, not single chunks */
  bool fin_private;    /* the final chunk is this member's to run (steal.c) */
  uint32_t nchunks;    /* chunks in the loop (< 2^32 by construction) */
  unsigned nthreads;
  uint64_t chunk, n, start, end, incr;
  uint64_t gen;        /* this loop's number in the team's stealing loops */
  tp_u128 mine;        /* last value seen in the member's own range word */
  uint32_t priv_lo, priv_hi; /* chunks to run that nobody can steal */
};

/* A member's range word for stealing, alone on its line (thieves CAS it). */
struct tp_steal_word {
  tp_u128 w;
} tp_cacheline_aligned;

/* One member's position in its current construct.  A member is in at most
 * one construct at a time, so one cursor per member suffices; it lives
 * right after the slots in the team's ring allocation (then come the
 * members' steal words), cache-line aligned, written only by its member. */
struct tp_ws_cursor {
  uint64_t next_chunk; /* static: next chunk index this member takes */
  uint64_t lo, hi;     /* current chunk (logical iterations) */
  bool held;           /* ordered: [lo, hi) not yet handed on */
  const void *wait_word; /* word this member sleeps on (ws.c), or NULL */
  uint32_t wake;       /* its futex word, bumped by wakers */
  struct tp_steal steal;
} tp_cacheline_aligned;

struct tp_ws {
  /* Line 1, everything a small loop touches: the slot protocol words (ws.c,
   * atomics), the schedule and the dynamic/guided counter.  One line means
   * a member entering, taking chunks and leaving pulls one line, not three
   * (measured: a nowait dynamic loop at 2 threads cost ~1 us spread over
   * separate lines). */
  uint32_t claim;    /* next construct number that may claim this slot */
  uint32_t ready;    /* construct number the description is valid for */
  uint32_t free;     /* construct number the slot is free for */
  uint32_t left;     /* members that left the current construct */
  uint64_t next;     /* dynamic/guided: next logical iteration to hand out */
  /* Description: written by the initialising member before `ready`,
   * read-only while the construct runs. */
  uint64_t n;        /* logical iterations */
  uint64_t chunk;    /* iterations per chunk (static: 0 = one block each) */
  int kind;          /* TP_WS_* */
  unsigned nthreads;
  bool ordered;      /* ordered clause: chunks complete in iteration order */
  bool dyn_cas;      /* dynamic: fetch_add could overflow; claim with CAS */
  bool steal;        /* members copy the description and steal (steal.c) */
  bool sections;     /* a sections construct (for an OMPT tool) */

  /* Line 2: read-mostly. */
  uint64_t start tp_cacheline_aligned; /* values, as given (two's complement) */
  uint64_t end, incr;
  uint32_t sleepers; /* members asleep in tp_ws_wait* on this slot */
  void *hook_word;   /* the construct's `shared` word for its tp_ws_hook */
  void *mem;         /* zeroed team-shared memory (the `mem` argument) */
  size_t mem_cap;

  /* Doacross (doacross.c). */
  unsigned dx_ncounts tp_cacheline_aligned; /* 0: post/wait do nothing */
  uint64_t *dx_counts;  /* [dx_ncounts] iterations per dimension */
  uint64_t *dx_ents;    /* last posted flat index + 1, per entry */
  size_t dx_cap;        /* bytes allocated at dx_counts */
  unsigned dx_stride;   /* entry stride in uint64_t */
  uint64_t dx_q, dx_t;  /* static block: owner computation */

  /* Ordered: the logical iteration whose chunk may run ordered regions. */
  uint64_t ord_next tp_cacheline_aligned;
};

void tp_ws_team_init(struct tp_team *team) tp_hidden;
void tp_ws_team_fini(struct tp_team *team) tp_hidden;

static inline struct tp_ws_cursor *tp_ws_cursor(struct tp_team *team,
                                                unsigned tid) {
  return (struct tp_ws_cursor *)(team->ws_ring + TP_WS_RING) + tid;
}
static inline struct tp_steal_word *tp_steal_word(struct tp_team *team,
                                                  unsigned tid) {
  return (struct tp_steal_word *)tp_ws_cursor(team, team->capacity) + tid;
}

/* Entering and leaving (ws.c).  tp_ws_enter returns the construct's slot
 * (also stored in member[tid].ws) and whether the caller is the member that
 * must initialise it; that member then calls tp_ws_publish.  The others
 * return after the initialisation is visible. */
struct tp_ws *tp_ws_enter(struct tp_thread *self, bool *first) tp_hidden;
void tp_ws_publish(struct tp_thread *self, struct tp_ws *ws) tp_hidden;
/* A worker's first call in a combined parallel loop/sections: the master
 * initialises the construct, the worker only waits for it. */
struct tp_ws *tp_ws_attach(struct tp_thread *self) tp_hidden;
/* Leave the current construct (no barrier). */
void tp_ws_leave(struct tp_thread *self) tp_hidden;
/* What an ABI runs in every member entering a worksharing construct
 * (gcc's task reductions on loops, sections and scope): enter(self, arg,
 * shared, first), `shared` pointing to a word of the construct that is NULL
 * before the first call.  `first` is true for the one member that
 * initialises the construct; its call completes before any other member's
 * starts (they call once the construct is published), so it may leave in
 * *shared what the others need. */
struct tp_ws_hook {
  void (*enter)(struct tp_thread *self, void *arg, void **shared, bool first);
  void *arg;
};
/* Run by the starts below (hook may be NULL): the initialising member
 * before tp_ws_publish, the others after tp_ws_enter. */
static inline void tp_ws_hook_run(struct tp_thread *self, struct tp_ws *ws,
                                  const struct tp_ws_hook *hook, bool first) {
  if (first)
    ws->hook_word = NULL;
  if (hook)
    hook->enter(self, hook->arg, &ws->hook_word, first);
}
/* The scope construct with a hook (gcc calls GOMP_scope_start only for
 * task reductions): no work, entered only to pick the member that
 * initialises. */
void tp_scope_start(struct tp_thread *self, const struct tp_ws_hook *hook) tp_hidden;
/* Zeroed, team-shared memory of `size` bytes for the construct (the first
 * member's call allocates it; everyone gets the same pointer). */
void *tp_ws_mem(struct tp_ws *ws, size_t size) tp_hidden;

/* Waiting on a slot's word (ws.c): spin, then sleep until the word reaches
 * the target; whoever advances such a word stores it with a seq_cst store
 * and then calls tp_ws_wake for it. */
void tp_ws_wait32(struct tp_thread *self, struct tp_ws *ws, uint32_t *word,
                  uint32_t target) tp_hidden;  /* tp_reached(*word, target) */
void tp_ws_wait64(struct tp_thread *self, struct tp_ws *ws, uint64_t *word,
                  uint64_t target) tp_hidden;  /* *word >= target */
void tp_ws_wake(struct tp_thread *self, struct tp_ws *ws,
                const void *word) tp_hidden;

/* Loops (loop.c). */
struct tp_loop {
  int kind;             /* TP_WS_STATIC / DYNAMIC / GUIDED / STEAL */
  uint64_t chunk;       /* normalised: >= 1 except static block (0) */
  uint64_t start, end, incr, n;
  bool ordered;
  bool sections;        /* a sections construct, not a loop (OMPT tools) */
  unsigned ncounts;     /* doacross: dimensions (0 = not doacross) */
  const uint64_t *counts;
};
/* Trip counts (0 when the loop is empty or incr is 0). */
uint64_t tp_loop_count(long start, long end, long incr) tp_hidden;
uint64_t tp_loop_count_ull(bool up, uint64_t start, uint64_t end,
                           uint64_t incr) tp_hidden;
/* The schedule a loop's schedule clause selects, whatever the ABI (each
 * shim translates its compiler's encoding into these): `kind` is an
 * omp_sched_t kind (TP_SCHED_STATIC, _DYNAMIC, _GUIDED, _AUTO; icv.h) and
 * *chunk the clause's chunk (0: none); with TP_LOOP_SCHED_RUNTIME both come
 * from run-sched-var instead (kind is ignored).  TP_LOOP_SCHED_MONOTONIC:
 * the monotonic modifier, or an entry point that implies it.  Returns the
 * TP_WS_* kind, *chunk normalised.  Dynamic or guided that is monotonic
 * neither by the flag nor (runtime) by the ICV gives TP_WS_STEAL or
 * TP_WS_STEAL_GUIDED unless TEMPO_LOOP_STEAL is off.  There is no
 * nonmonotonic flag: without a modifier dynamic and guided are already
 * nonmonotonic (OpenMP 5), and static and ordered loops run in order. */
enum { TP_LOOP_SCHED_RUNTIME = 1u << 0, TP_LOOP_SCHED_MONOTONIC = 1u << 1 };
int tp_loop_sched(struct tp_thread *self, int kind, unsigned flags,
                  uint64_t *chunk) tp_hidden;
/* Enter a loop construct, running hook (may be NULL; such a loop never
 * runs by range stealing, which has no shared construct); *mem, if mem is
 * not NULL, is a size turned into team-shared zeroed memory; with istart
 * NULL no chunk is taken (returns true). */
bool tp_loop_start(struct tp_thread *self, const struct tp_loop *l,
                   const struct tp_ws_hook *hook, void **mem, uint64_t *istart,
                   uint64_t *iend) tp_hidden;
/* Next chunk of the current construct, as values [istart, iend). */
bool tp_loop_next(struct tp_thread *self, uint64_t *istart,
                  uint64_t *iend) tp_hidden;
/* The dispatch form (clang's __kmpc_dispatch_*): enter without taking a
 * chunk; each next gives a chunk's first and last values (inclusive), the
 * loop's increment and whether the chunk holds the loop's last iteration;
 * the call that finds no more leaves the construct (no barrier). */
void tp_loop_dispatch_init(struct tp_thread *self, const struct tp_loop *l) tp_hidden;
bool tp_loop_dispatch_next(struct tp_thread *self, uint64_t *first, uint64_t *last,
                           uint64_t *incr, bool *is_last) tp_hidden;
/* Next chunk as logical iterations (sections). */
bool tp_loop_next_logical(struct tp_thread *self, uint64_t *lo,
                          uint64_t *hi) tp_hidden;
/* Leave the loop/sections construct, then a barrier unless nowait. */
void tp_loop_end(struct tp_thread *self, bool nowait) tp_hidden;
/* Combined parallel loop: form the team (proc_bind: TP_BIND_*, 0 = no
 * clause, as tp_parallel_begin), initialise the construct, run fn on the
 * master (if run) and end the region (if run). */
void tp_parallel_loop(void (*fn)(void *), void *data, unsigned nthreads,
                      unsigned proc_bind, const struct tp_loop *l, bool run) tp_hidden;

/* Range stealing (steal.c).  tp_steal_eligible: whether a loop (already
 * known to be TP_WS_STEAL or _GUIDED, unordered, not doacross) can run that way in the
 * caller's team.  tp_steal_begin enters it (no slot, no shared state);
 * tp_steal_next hands out its chunks as logical iterations. */
bool tp_steal_eligible(struct tp_thread *self, uint64_t n, uint64_t chunk) tp_hidden;
void tp_steal_begin(struct tp_thread *self, bool guided, uint64_t n,
                    uint64_t chunk, uint64_t start, uint64_t end,
                    uint64_t incr) tp_hidden;
bool tp_steal_next(struct tp_thread *self, uint64_t *lo, uint64_t *hi) tp_hidden;

/* Ordered (ordered.c). */
void tp_ordered_start(struct tp_thread *self) tp_hidden;
/* Chunk [cur->lo, cur->hi) is finished: wait for its turn, pass it on. */
void tp_ordered_pass(struct tp_thread *self, struct tp_ws *ws,
                     struct tp_ws_cursor *cur) tp_hidden;

/* Doacross (doacross.c). */
void tp_doacross_init(struct tp_ws *ws, unsigned ncounts,
                      const uint64_t *counts) tp_hidden;
unsigned tp_doacross_ncounts(struct tp_thread *self) tp_hidden;
void tp_doacross_post(struct tp_thread *self, const uint64_t *v) tp_hidden;
void tp_doacross_wait(struct tp_thread *self, const uint64_t *v) tp_hidden;

#endif
