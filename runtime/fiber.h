/* fiber.h — user-space execution contexts with their own stacks, for untied
 * tasks: a task that reaches a scheduling point can suspend its whole call
 * chain (its continuation) and any worker can resume it later.
 *
 * Pieces:
 *  - tp_fiber_ctx: a saved execution context (stack pointer; everything
 *    else lives on the suspended stack).  tp_fiber_switch saves the caller
 *    into one and resumes another; x86-64 SysV only.
 *  - tp_fiber_pool: stacks (mmap'd, guard page below, committed lazily)
 *    shared by all workers; tp_fiber_worker: one per thread, owned by the
 *    caller (e.g. embedded in tp_thread): a private cache of free stacks.
 *    The context a fiber returns to is saved by each tp_fiber_run on its
 *    caller's stack, so no thread-local or global state is needed, and a
 *    fiber may itself run other fibers (nested runs).
 *  - tp_fiber: a fiber; its descriptor lives at the top of its stack, so
 *    new/free are a pop/push on the worker's cache.
 *
 * Life of a fiber:  tp_fiber_new -> tp_fiber_run (any worker) ->
 *   fn calls tp_fiber_suspend -> tp_fiber_run returns TP_FIBER_SUSPENDED ->
 *   the worker hands f to whoever will resume it -> tp_fiber_run on ANY
 *   worker continues after tp_fiber_suspend -> ... -> fn returns ->
 *   tp_fiber_run returns TP_FIBER_DONE -> tp_fiber_free (any worker).
 *
 * Threading contract: a worker and its cache are used by their own thread
 * only.  A fiber runs on at most one worker at a time; handing a suspended
 * fiber to another thread must be a release/acquire pair (a lock, a
 * queue, an atomic flag) as for any other data: its saved registers are
 * ordinary memory on its stack.  Never make a fiber reachable by other
 * threads from INSIDE it before it has suspended (it would be resumed while
 * still running): publish it after tp_fiber_run returns, or from the
 * `then` callback of tp_fiber_suspend, which runs on the worker's stack
 * once the fiber's context is saved.
 *
 * Floating point: MXCSR and the x87 control word are callee-saved in the
 * ABI, so each context keeps its own (saved and restored on every switch,
 * status flags included).  A new fiber starts with those of the worker
 * that first runs it, like a task that runs on that worker's own stack;
 * after that, a mode set inside the fiber travels with it across workers
 * and never leaks into a worker (and vice versa).
 *
 * Thread-local storage: a fiber resumed on another worker sees that
 * worker's TLS (%fs).  But gcc treats the thread pointer as constant in a
 * function, so it may keep the address of a __thread variable, or the
 * result of a function declared const (pthread_self, __errno_location),
 * in a register across tp_fiber_suspend.  Code inside a fiber must not
 * rely on those across a suspension: take the thread's state from the
 * worker tp_fiber_suspend returns, or read TLS through a noipa function
 * (test_fiber.c saw a cached pthread_self() at -O2).
 *
 * Sanitizers: every switch tells TSan (__tsan_switch_to_fiber) and ASan
 * (__sanitizer_{start,finish}_switch_fiber) about the new stack when built
 * with them.  Not compatible with CET (shadow stack, indirect-branch
 * tracking): the switch resumes another stack with an indirect jump;
 * Tempo is not built with -fcf-protection. */
#ifndef TEMPO_FIBER_H
#define TEMPO_FIBER_H

#include "sys.h"

/* A saved context.  `sp` must stay the first member: the switch code
 * stores through the context pointer.  The other fields are used only by
 * sanitizer builds but exist in all so the layout never depends on them. */
struct tp_fiber_ctx {
  void *sp;              /* saved stack pointer while not running */
  void *tsan;            /* TSan fiber handle of this context */
  void *asan_fake;       /* ASan fake-stack slot for this context */
  const void *stack_lo;  /* ASan: lowest address of this context's stack */
  size_t stack_size;     /*       and its size (learned on first switch out) */
};

/* Saves the running context into *from and resumes *to (which must have
 * been saved by a switch or made by tp_fiber_new, and not be running);
 * returns when something switches back to *from.  Low level: run/suspend
 * below are what a scheduler uses (a fiber entered only this way must not
 * return from fn: it finishes into f->ret, set by tp_fiber_run). */
void tp_fiber_switch(struct tp_fiber_ctx *from, struct tp_fiber_ctx *to) tp_hidden;

enum tp_fiber_state {
  TP_FIBER_NEW,       /* created, never run */
  TP_FIBER_RUNNING,
  TP_FIBER_SUSPENDED, /* in tp_fiber_suspend; may be resumed by any worker */
  TP_FIBER_DONE,      /* fn returned; only tp_fiber_free is allowed */
};

struct tp_fiber_worker;

struct tp_fiber {
  struct tp_fiber_ctx ctx;         /* the fiber's own saved context */
  struct tp_fiber_ctx *ret;        /* where it goes on suspend/finish: saved
                                      by the tp_fiber_run running it */
  struct tp_fiber_worker *worker;  /* worker running it (or that last ran it) */
  enum tp_fiber_state state;
  void (*fn)(void *);
  void *arg;
  void *data;                      /* free for the scheduler (e.g. its task) */
  /* Set by tp_fiber_suspend, run by the worker after the switch. */
  void (*then)(struct tp_fiber *, void *);
  void *then_arg;
  void *map;                       /* the mapping: guard page, stack, this */
  struct tp_fiber *next;           /* free-list link */
};

#define TP_FIBER_DEFAULT_STACK (256u * 1024)
#define TP_FIBER_CACHE_MAX 16    /* stacks a worker keeps for itself */
#define TP_FIBER_POOL_MAX 64     /* stacks on the pool's list; more are unmapped */

/* Stacks shared by the workers: a small locked overflow list behind the
 * workers' private caches.  stack_size and the statistics may be read;
 * the rest is private.  Each stack is one mapping with a PROT_NONE page
 * below it: an overflow faults (SIGSEGV) unless a single frame is larger
 * than a page and jumps it (gcc without -fstack-clash-protection).  Each
 * live stack costs two VMAs, so vm.max_map_count (65530 by default) caps
 * live fibers at about 32000. */
struct tp_fiber_pool {
  size_t stack_size;      /* bytes per stack, page multiple, without guard */
  size_t map_size;        /* stack_size + guard page */
  uint32_t lock;          /* tp_mutex: free, nfree */
  unsigned nfree;
  struct tp_fiber *free;
  /* Statistics (atomic): stacks mapped and unmapped over the pool's life. */
  unsigned long nmapped, nunmapped;
  /* TSan builds: contexts of unmapped stacks kept for the next mapped one
   * (creating one costs ~0.5 ms); under lock. */
  unsigned ntsan_spare;
  void *tsan_spare[TP_FIBER_POOL_MAX];
};

/* stack_size 0 means TP_FIBER_DEFAULT_STACK; others are rounded up to
 * whole pages (at least 16 KB).  The descriptor (128 bytes) uses the top
 * of the stack. */
void tp_fiber_pool_init(struct tp_fiber_pool *pool, size_t stack_size) tp_hidden;
/* Unmaps the pooled stacks.  Every fiber must have been freed and every
 * worker finalized (tp_fiber_worker_fini) first; warns otherwise. */
void tp_fiber_pool_destroy(struct tp_fiber_pool *pool) tp_hidden;

struct tp_fiber_worker {
  struct tp_fiber_pool *pool;
  struct tp_fiber *current;      /* fiber being run, or NULL */
  struct tp_fiber *cache;        /* private free stacks */
  unsigned ncache;
  unsigned long nnew, nreused;   /* statistics of this worker */
};

void tp_fiber_worker_init(struct tp_fiber_worker *w,
                          struct tp_fiber_pool *pool) tp_hidden;
/* Returns the worker's cached stacks to the pool; no fiber may be running
 * on it.  Any thread may call it once the owner is done with it. */
void tp_fiber_worker_fini(struct tp_fiber_worker *w) tp_hidden;

/* A fiber that will run fn(arg) on a pooled stack (TP_FIBER_NEW). */
struct tp_fiber *tp_fiber_new(struct tp_fiber_worker *w, void (*fn)(void *),
                              void *arg) tp_hidden;
/* Runs or resumes f (NEW or SUSPENDED) on the calling thread's worker w
 * until it suspends or finishes; returns TP_FIBER_SUSPENDED or
 * TP_FIBER_DONE.  If the fiber suspended with a `then` callback, that has
 * run before this returns, and it may have handed f to another thread: the
 * caller must then not touch f. */
enum tp_fiber_state tp_fiber_run(struct tp_fiber_worker *w,
                                 struct tp_fiber *f) tp_hidden;
/* Called inside fiber f: saves its context and returns to the worker
 * running it (tp_fiber_run returns TP_FIBER_SUSPENDED there).  If `then` is
 * not NULL, the worker calls then(f, then_arg) on its own stack right
 * after the switch, which is the safe place to publish f (see top).
 * Returns when some worker resumes f: that worker, which may be another
 * thread than before (re-read anything thread-local). */
struct tp_fiber_worker *tp_fiber_suspend(struct tp_fiber *f,
                                         void (*then)(struct tp_fiber *, void *),
                                         void *then_arg) tp_hidden;
/* Returns a NEW or DONE fiber's stack to w's cache (w: the caller's
 * worker, which need not be the one that created or ran f, but must use
 * the same pool).  A suspended fiber cannot be freed: its frames would
 * never unwind. */
void tp_fiber_free(struct tp_fiber_worker *w, struct tp_fiber *f) tp_hidden;

#endif
