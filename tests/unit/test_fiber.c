/* test_fiber.c — fibers (runtime/fiber.c): the context switch, run and
 * suspend, continuation stealing across threads, and the stack pool.
 *
 *  - guard page: a fiber recursing without end faults in its guard page
 *    (SIGSEGV with si_addr there; and, without a handler, the child dies
 *    of SIGSEGV — under a sanitizer its report ends the child instead);
 *  - ping-pong: a fiber suspended and resumed many times, also measuring a
 *    switch pair (run + suspend) and new + run + free of an empty fiber;
 *  - registers: rbx, rbp, r12-r15 survive switches on both sides (set by an
 *    asm helper around the call, checked after it);
 *  - floating point: MXCSR and x87 control word are per context (a new
 *    fiber inherits the running worker's; modes set on either side stay
 *    there, also across a migration);
 *  - migration: a fiber suspended on the main thread is resumed on a second
 *    pthread, suspended again and finished on a third; its locals survive
 *    and tp_fiber_suspend returns the new worker each time;
 *  - nesting: a fiber runs another fiber, both suspend and resume;
 *  - pool: 10000 fibers (then 60000 empty ones) one at a time use one
 *    stack; in rounds of 100 live
 *    fibers the stacks are reused and the mappings stay bounded; stacks are
 *    committed lazily (mincore); all are unmapped at pool teardown;
 *  - stress: 3 threads bounce ~64 live fibers through locked queues for
 *    about a second (each suspended fiber goes to another thread's queue),
 *    half of the suspensions publishing the fiber from the `then`
 *    callback, and check every fiber's locals at every step.
 *
 * `unit_fiber bench` only measures, with longer loops. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "check.h"
#include "fiber.h"

/* ---- helpers ----------------------------------------------------------- */

/* ut_regs_call(fn, arg, seed): loads rbx = seed, rbp = seed+1, r12..r15 =
 * seed+2..seed+5, calls fn(arg) and returns a mask of the registers that
 * did not keep their value (bit 0 rbx, 1 rbp, 2..5 r12..r15). */
unsigned ut_regs_call(void (*fn)(void *), void *arg, uint64_t seed);
__asm__(".pushsection .text\n"
        ".p2align 4\n"
        ".globl ut_regs_call\n"
        ".hidden ut_regs_call\n"
        ".type ut_regs_call, @function\n"
        "ut_regs_call:\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  pushq %rdx\n" /* seed; 7 pushes leave rsp 16-byte aligned */
        "  movq %rdx, %rbx\n"
        "  leaq 1(%rdx), %rbp\n"
        "  leaq 2(%rdx), %r12\n"
        "  leaq 3(%rdx), %r13\n"
        "  leaq 4(%rdx), %r14\n"
        "  leaq 5(%rdx), %r15\n"
        "  movq %rdi, %rax\n"
        "  movq %rsi, %rdi\n"
        "  call *%rax\n"
        "  movq (%rsp), %rdx\n"
        "  xorl %eax, %eax\n"
        "  cmpq %rdx, %rbx\n"
        "  je 1f\n"
        "  orl $1, %eax\n"
        "1:leaq 1(%rdx), %rcx\n"
        "  cmpq %rcx, %rbp\n"
        "  je 2f\n"
        "  orl $2, %eax\n"
        "2:leaq 2(%rdx), %rcx\n"
        "  cmpq %rcx, %r12\n"
        "  je 3f\n"
        "  orl $4, %eax\n"
        "3:leaq 3(%rdx), %rcx\n"
        "  cmpq %rcx, %r13\n"
        "  je 4f\n"
        "  orl $8, %eax\n"
        "4:leaq 4(%rdx), %rcx\n"
        "  cmpq %rcx, %r14\n"
        "  je 5f\n"
        "  orl $16, %eax\n"
        "5:leaq 5(%rdx), %rcx\n"
        "  cmpq %rcx, %r15\n"
        "  je 6f\n"
        "  orl $32, %eax\n"
        "6:popq %rdx\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  ret\n"
        ".size ut_regs_call, .-ut_regs_call\n"
        ".popsection\n");

/* Floating-point control, read and set directly (both units).  Rounding
 * control: 0 nearest, 1 down, 2 up, 3 toward zero. */
static unsigned get_mxcsr(void) {
  unsigned v;
  __asm__ volatile("stmxcsr %0" : "=m"(v) : : "memory");
  return v;
}
static void set_mxcsr(unsigned v) {
  __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory");
}
static unsigned get_fcw(void) {
  unsigned short v;
  __asm__ volatile("fnstcw %0" : "=m"(v) : : "memory");
  return v;
}
static void set_fcw(unsigned v) {
  unsigned short s = (unsigned short)v;
  __asm__ volatile("fldcw %0" : : "m"(s) : "memory");
}
static void set_round(unsigned rc) {
  set_mxcsr((get_mxcsr() & ~0x6000u) | rc << 13);
  set_fcw((get_fcw() & ~0xC00u) | rc << 10);
}
#define SSE_RC() ((get_mxcsr() >> 13) & 3)
#define X87_RC() ((get_fcw() >> 10) & 3)
#define CHECK_RC(rc, where)                                                    \
  do {                                                                         \
    unsigned ut_s = SSE_RC(), ut_x = X87_RC();                                 \
    CHECK(ut_s == (rc) && ut_x == (rc),                                        \
          "%s: rounding mode sse %u x87 %u, expected %u", where, ut_s, ut_x,   \
          (unsigned)(rc));                                                     \
  } while (0)
enum { RC_NEAR, RC_DOWN, RC_UP, RC_ZERO };

static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

/* pthread_self() is declared const, so gcc may reuse its value across a
 * tp_fiber_suspend and miss the migration (as for __errno_location and TLS
 * addresses; see fiber.h).  noipa keeps this call opaque. */
__attribute__((noipa)) static pthread_t current_thread(void) { return pthread_self(); }

/* A fiber's argument that lets it find its own descriptor. */
struct job {
  struct tp_fiber *f;
  uint64_t id;
  unsigned steps;
  unsigned migrations;
  uint64_t val;
  void *p;
};

static struct tp_fiber *spawn(struct tp_fiber_worker *w, void (*fn)(void *),
                              struct job *j) {
  j->f = tp_fiber_new(w, fn, j);
  CHECK(j->f->state == TP_FIBER_NEW, "new fiber not NEW");
  return j->f;
}

/* ---- guard page ------------------------------------------------------- */

static volatile uintptr_t guard_lo, guard_hi;

static unsigned recurse(unsigned depth) {
  volatile char buf[512];
  buf[0] = (char)depth;
  buf[511] = (char)depth;
  if (depth == 0xFFFFFFFFu)
    return buf[0];
  return recurse(depth + 1) + (unsigned)buf[511];
}

static void overflow_fiber(void *arg) {
  struct job *j = arg;
  j->val = recurse(0);
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  uintptr_t a = (uintptr_t)si->si_addr;
  _exit(a >= guard_lo && a < guard_hi ? 42 : 43);
}

/* In a forked child: run a fiber that overflows its 64 KB stack.  With
 * `handler`, a SIGSEGV handler on an alternate stack reports whether the
 * fault address is in the guard page. */
static void overflow_child(bool handler) {
  struct tp_fiber_pool pool;
  struct tp_fiber_worker w;
  tp_fiber_pool_init(&pool, 64 * 1024);
  tp_fiber_worker_init(&w, &pool);
  struct job j = {0};
  struct tp_fiber *f = spawn(&w, overflow_fiber, &j);
  guard_lo = (uintptr_t)f->map;
  guard_hi = (uintptr_t)f->ctx.stack_lo;
  if (handler) {
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
  } else {
    /* The crash is expected: no core file, and the sanitizers' report of
     * it kept out of the test's output. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0)
      dup2(fd, 2);
  }
  tp_fiber_run(&w, f);
  _exit(99); /* the recursion returned: no fault */
}

static void test_guard(void) {
  for (int handler = 1; handler >= 0; handler--) {
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0, "fork failed");
    if (pid == 0)
      overflow_child(handler);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid, "waitpid failed");
    if (handler) {
      CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
            "overflow with a handler: status %#x (42: SIGSEGV in the guard "
            "page, 43: SIGSEGV elsewhere, 99: no fault)", status);
    } else if (WIFSIGNALED(status)) {
      CHECK(WTERMSIG(status) == SIGSEGV, "overflow killed the child by "
            "signal %d, expected SIGSEGV", WTERMSIG(status));
    } else {
      /* A sanitizer's SEGV handler reports and exits instead. */
      CHECK(UT_SANITIZED && WIFEXITED(status) && WEXITSTATUS(status) != 0 &&
                WEXITSTATUS(status) != 99,
            "overflow without a handler: status %#x, expected death by "
            "SIGSEGV", status);
    }
  }
}

/* ---- ping-pong and the costs -------------------------------------------- */

static void pingpong_fiber(void *arg) {
  struct job *j = arg;
  uint64_t local = mix(j->id);
  for (unsigned i = 0; i < j->steps; i++) {
    CHECK(j->val == i, "ping-pong: fiber sees %lu, expected %u",
          (unsigned long)j->val, i);
    j->val++;
    struct tp_fiber_worker *w = tp_fiber_suspend(j->f, NULL, NULL);
    CHECK(w == j->p, "ping-pong: resumed by another worker");
    CHECK(local == mix(j->id), "ping-pong: a local changed");
  }
}

static void empty_fiber(void *arg) { (void)arg; }

/* Costs are the best of batches of BATCH operations (the machine may be
 * shared), in ns per operation. */
#define BATCH 20000

static double bench_pair(struct tp_fiber_worker *w, unsigned n) {
  struct job j = {.id = 7, .steps = n * BATCH + 1, .p = w};
  struct tp_fiber *f = spawn(w, pingpong_fiber, &j);
  CHECK(tp_fiber_run(w, f) == TP_FIBER_SUSPENDED, "first run");
  double best = 1e30;
  for (unsigned b = 0; b < n; b++) {
    double t0 = ut_now();
    for (unsigned i = 0; i < BATCH; i++)
      tp_fiber_run(w, f);
    double t = ut_now() - t0;
    best = t < best ? t : best;
  }
  CHECK(tp_fiber_run(w, f) == TP_FIBER_DONE, "ping-pong fiber did not finish");
  CHECK_EQ_U(j.val, n * BATCH + 1, "ping-pong steps");
  tp_fiber_free(w, f);
  return best / BATCH * 1e9;
}

static double bench_new(struct tp_fiber_worker *w, unsigned n) {
  double best = 1e30;
  for (unsigned b = 0; b < n; b++) {
    double t0 = ut_now();
    for (unsigned i = 0; i < BATCH; i++) {
      struct tp_fiber *f = tp_fiber_new(w, empty_fiber, NULL);
      tp_fiber_run(w, f);
      tp_fiber_free(w, f);
    }
    double t = ut_now() - t0;
    best = t < best ? t : best;
  }
  return best / BATCH * 1e9;
}

static void test_pingpong(bool bench) {
  struct tp_fiber_pool pool;
  struct tp_fiber_worker w;
  tp_fiber_pool_init(&pool, 0);
  tp_fiber_worker_init(&w, &pool);
  unsigned n = bench ? 500 : UT_ITERS(25, 2); /* batches */
  double pair = bench_pair(&w, n);
  double nw = bench_new(&w, n);
  printf("fiber: switch pair (run + suspend) %.1f ns; new + run + free of an "
         "empty fiber %.1f ns%s\n", pair, nw, UT_SANITIZED ? " (sanitized)" : "");
  CHECK_EQ_U(tp_load(&pool.nmapped), 1, "stacks mapped for one fiber at a time");
  tp_fiber_worker_fini(&w);
  tp_fiber_pool_destroy(&pool);
  CHECK_EQ_U(tp_load(&pool.nunmapped), 1, "stacks unmapped");
}

/* ---- registers and floating point -------------------------------------- */

#define SEED_MAIN 0x1234567890abcde0ull
#define SEED_FIBER 0xfedcba9876543210ull

struct regs_ctx {
  struct tp_fiber_worker *w;
  struct tp_fiber *f;
  enum tp_fiber_state st;
};

static void run_thunk(void *arg) {
  struct regs_ctx *c = arg;
  c->st = tp_fiber_run(c->w, c->f);
}
static void suspend_thunk(void *arg) { tp_fiber_suspend(arg, NULL, NULL); }

static void regs_fiber(void *arg) {
  struct job *j = arg;
  for (unsigned i = 0; i < 3; i++) {
    unsigned bad = ut_regs_call(suspend_thunk, j->f, SEED_FIBER + 16 * i);
    CHECK(bad == 0, "fiber side: callee-saved registers lost (mask %#x)", bad);
  }
}

static void fp_fiber(void *arg) {
  struct job *j = arg;
  CHECK_RC(RC_DOWN, "new fiber (inherits the worker's mode)");
  set_round(RC_UP);
  set_mxcsr(get_mxcsr() | 0x8000); /* flush-to-zero too */
  unsigned mx = get_mxcsr() & 0xffc0, cw = get_fcw();
  tp_fiber_suspend(j->f, NULL, NULL);
  CHECK_EQ_U(get_mxcsr() & 0xffc0, mx, "fiber's MXCSR control after resume");
  CHECK_EQ_U(get_fcw(), cw, "fiber's x87 control word after resume");
  /* volatile stores: the divisions cannot move across the mode changes */
  volatile double one = 1, three = 3;
  volatile double up = one / three;
  set_round(RC_DOWN);
  volatile double down = one / three;
  set_round(RC_UP);
  CHECK(up > down, "rounding up did not round up in the fiber");
  j->val = 1;
}

static void test_regs_fp(void) {
  struct tp_fiber_pool pool;
  struct tp_fiber_worker w;
  tp_fiber_pool_init(&pool, 0);
  tp_fiber_worker_init(&w, &pool);

  struct job j = {0};
  struct regs_ctx c = {.w = &w, .f = spawn(&w, regs_fiber, &j)};
  for (unsigned i = 0; i < 4; i++) {
    unsigned bad = ut_regs_call(run_thunk, &c, SEED_MAIN + 16 * i);
    CHECK(bad == 0, "worker side: callee-saved registers lost (mask %#x)", bad);
    CHECK(c.st == (i < 3 ? TP_FIBER_SUSPENDED : TP_FIBER_DONE), "regs fiber state %d",
          c.st);
  }
  tp_fiber_free(&w, c.f);

  unsigned mx0 = get_mxcsr(), cw0 = get_fcw();
  set_round(RC_DOWN);
  struct job k = {0};
  struct tp_fiber *f = spawn(&w, fp_fiber, &k);
  CHECK(tp_fiber_run(&w, f) == TP_FIBER_SUSPENDED, "fp fiber did not suspend");
  CHECK_RC(RC_DOWN, "worker after the fiber set round-up");
  CHECK((get_mxcsr() & 0x8000) == 0, "fiber's flush-to-zero leaked to the worker");
  set_round(RC_ZERO);
  CHECK(tp_fiber_run(&w, f) == TP_FIBER_DONE, "fp fiber did not finish");
  CHECK(k.val == 1, "fp fiber did not get to its end");
  CHECK_RC(RC_ZERO, "worker after the fiber finished");
  tp_fiber_free(&w, f);
  set_mxcsr(mx0);
  set_fcw(cw0);

  tp_fiber_worker_fini(&w);
  tp_fiber_pool_destroy(&pool);
}

/* ---- migration across threads ------------------------------------------- */

struct mig {
  struct job j;
  struct tp_fiber_worker *wk[3];
  pthread_t th[3];
};

static void mig_fiber(void *arg) {
  struct mig *m = arg;
  uint64_t loc[32];
  for (unsigned i = 0; i < 32; i++)
    loc[i] = mix(i + 100);
  double d = 1.0 / 7.0;
  CHECK(pthread_equal(current_thread(), m->th[0]), "segment 0 not on thread 0");
  set_round(RC_UP); /* travels with the fiber */
  for (unsigned seg = 1; seg < 3; seg++) {
    struct tp_fiber_worker *w = tp_fiber_suspend(m->j.f, NULL, NULL);
    CHECK(w == m->wk[seg], "segment %u: suspend returned worker %p, expected %p",
          seg, (void *)w, (void *)m->wk[seg]);
    CHECK(m->j.f->worker == w, "segment %u: fiber's worker", seg);
    CHECK(pthread_equal(current_thread(), m->th[seg]), "segment %u: wrong thread", seg);
    CHECK_RC(RC_UP, "migrated fiber's rounding mode");
    for (unsigned i = 0; i < 32; i++)
      CHECK(loc[i] == mix(i + 100), "segment %u: local %u changed", seg, i);
    CHECK(d == 1.0 / 7.0, "segment %u: double local changed", seg);
    loc[seg] ^= 1;
    loc[seg] ^= 1;
  }
  m->j.val = 3;
}

struct mig_thread {
  struct mig *m;
  unsigned seg;
  struct tp_fiber_pool *pool;
  enum tp_fiber_state st;
};

static void *mig_thread(void *arg) {
  struct mig_thread *t = arg;
  struct tp_fiber_worker w;
  tp_fiber_worker_init(&w, t->pool);
  t->m->wk[t->seg] = &w;
  t->m->th[t->seg] = pthread_self();
  unsigned mx = get_mxcsr(), cw = get_fcw();
  t->st = tp_fiber_run(&w, t->m->j.f);
  CHECK(get_mxcsr() == mx && get_fcw() == cw,
        "thread %u: the fiber's FP mode leaked into the thread", t->seg);
  tp_fiber_worker_fini(&w);
  return NULL;
}

static void test_migration(void) {
  struct tp_fiber_pool pool;
  struct tp_fiber_worker w;
  tp_fiber_pool_init(&pool, 0);
  tp_fiber_worker_init(&w, &pool);
  struct mig m = {0};
  m.wk[0] = &w;
  m.th[0] = pthread_self();
  spawn(&w, mig_fiber, &m.j);
  unsigned mx = get_mxcsr(), cw = get_fcw();
  CHECK(tp_fiber_run(&w, m.j.f) == TP_FIBER_SUSPENDED, "segment 0 did not suspend");
  CHECK(get_mxcsr() == mx && get_fcw() == cw, "the fiber's FP mode leaked");
  for (unsigned seg = 1; seg < 3; seg++) {
    struct mig_thread t = {.m = &m, .seg = seg, .pool = &pool};
    pthread_t th;
    CHECK(pthread_create(&th, NULL, mig_thread, &t) == 0, "pthread_create");
    pthread_join(th, NULL);
    CHECK(t.st == (seg < 2 ? TP_FIBER_SUSPENDED : TP_FIBER_DONE),
          "segment %u: state %d", seg, t.st);
  }
  CHECK(m.j.val == 3, "migrated fiber did not finish");
  tp_fiber_free(&w, m.j.f); /* freed by a third worker */
  tp_fiber_worker_fini(&w);
  tp_fiber_pool_destroy(&pool);
  CHECK_EQ_U(tp_load(&pool.nunmapped), tp_load(&pool.nmapped), "stacks unmapped");
}

/* ---- nested runs --------------------------------------------------------- */

static void inner_fiber(void *arg) {
  struct job *j = arg;
  j->val = 1;
  tp_fiber_suspend(j->f, NULL, NULL);
  j->val = 2;
}

static void outer_fiber(void *arg) {
  struct job *j = arg;
  struct job *in = j->p;
  struct tp_fiber_worker *w = j->f->worker;
  CHECK(tp_fiber_run(w, in->f) == TP_FIBER_SUSPENDED, "inner did not suspend");
  CHECK(w->current == j->f, "worker's current fiber not restored after a nested run");
  CHECK(in->val == 1, "inner fiber value");
  w = tp_fiber_suspend(j->f, NULL, NULL);
  CHECK(tp_fiber_run(w, in->f) == TP_FIBER_DONE, "inner did not finish");
  CHECK(in->val == 2, "inner fiber value at its end");
  j->val = 1;
}

static void test_nested(void) {
  struct tp_fiber_pool pool;
  struct tp_fiber_worker w;
  tp_fiber_pool_init(&pool, 0);
  tp_fiber_worker_init(&w, &pool);
  struct job in = {0}, out = {.p = &in};
  spawn(&w, inner_fiber, &in);
  spawn(&w, outer_fiber, &out);
  CHECK(tp_fiber_run(&w, out.f) == TP_FIBER_SUSPENDED, "outer did not suspend");
  CHECK(w.current == NULL, "worker's current fiber after a run");
  CHECK(tp_fiber_run(&w, out.f) == TP_FIBER_DONE, "outer did not finish");
  CHECK(out.val == 1, "outer fiber did not get to its end");
  tp_fiber_free(&w, in.f);
  tp_fiber_free(&w, out.f);
  tp_fiber_worker_fini(&w);
  tp_fiber_pool_destroy(&pool);
}

/* ---- the pool ------------------------------------------------------------ */

static void once_fiber(void *arg) {
  struct job *j = arg;
  volatile char buf[256];
  buf[0] = (char)j->id;
  tp_fiber_suspend(j->f, NULL, NULL);
  j->val = mix(j->id) + (unsigned char)buf[0] - (unsigned char)j->id;
}

static void test_pool(void) {
  struct tp_fiber_pool pool;
  struct tp_fiber_worker w;
  tp_fiber_pool_init(&pool, 0);
  CHECK_EQ_U(pool.stack_size, TP_FIBER_DEFAULT_STACK, "default stack size");
  tp_fiber_worker_init(&w, &pool);

  /* One after another: one stack.  10000 that suspend once, then empty
   * ones up to more than TSan's 64 K-frame shadow call stack, which a
   * frame leaked per fiber by the final switch would overflow (the
   * stack's TSan context is reused). */
  enum { SEQ = 70000 };
  for (unsigned i = 0; i < SEQ; i++) {
    struct job j = {.id = i};
    if (i < 10000) {
      spawn(&w, once_fiber, &j);
      CHECK(tp_fiber_run(&w, j.f) == TP_FIBER_SUSPENDED, "fiber %u did not suspend", i);
      CHECK(tp_fiber_run(&w, j.f) == TP_FIBER_DONE, "fiber %u did not finish", i);
      CHECK(j.val == mix(i), "fiber %u: wrong result", i);
    } else {
      j.f = tp_fiber_new(&w, empty_fiber, NULL);
      CHECK(tp_fiber_run(&w, j.f) == TP_FIBER_DONE, "fiber %u did not finish", i);
    }
    tp_fiber_free(&w, j.f);
  }
  CHECK_EQ_U(tp_load(&pool.nmapped), 1, "stacks mapped for sequential fibers");
  CHECK_EQ_U(w.nnew, SEQ, "fibers created");
  CHECK_EQ_U(w.nreused, SEQ - 1, "stacks reused");

  /* Lazily committed: after an empty fiber ran, a few pages at the top. */
  {
    struct tp_fiber *f = tp_fiber_new(&w, empty_fiber, NULL);
    tp_fiber_run(&w, f);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t npages = pool.map_size / page;
    unsigned char vec[1024];
    CHECK(npages <= sizeof vec, "stack too large for the mincore check");
    CHECK(mincore(f->map, pool.map_size, vec) == 0, "mincore");
    unsigned resident = 0;
    for (size_t i = 0; i < npages; i++)
      resident += vec[i] & 1;
    CHECK(resident <= 4, "%u of %zu stack pages resident after an empty fiber",
          resident, npages);
    CHECK(!(vec[0] & 1), "guard page resident");
    tp_fiber_free(&w, f);
  }

  /* 10000 more, 100 live at a time: reuse, bounded mappings. */
  enum { LIVE = 100, ROUNDS = 100 };
  static struct job jobs[LIVE];
  unsigned long mapped0 = tp_load(&pool.nmapped), reused0 = w.nreused;
  for (unsigned r = 0; r < ROUNDS; r++) {
    for (unsigned i = 0; i < LIVE; i++) {
      jobs[i] = (struct job){.id = r * LIVE + i};
      spawn(&w, once_fiber, &jobs[i]);
      CHECK(tp_fiber_run(&w, jobs[i].f) == TP_FIBER_SUSPENDED, "round %u: suspend", r);
    }
    /* No two live fibers share a stack. */
    for (unsigned i = 1; i < LIVE; i++)
      CHECK(jobs[i].f != jobs[i - 1].f, "round %u: a stack handed out twice", r);
    for (unsigned i = 0; i < LIVE; i++) {
      CHECK(tp_fiber_run(&w, jobs[i].f) == TP_FIBER_DONE, "round %u: finish", r);
      CHECK(jobs[i].val == mix(jobs[i].id), "round %u: fiber %u result", r, i);
      tp_fiber_free(&w, jobs[i].f);
    }
    unsigned long live = tp_load(&pool.nmapped) - tp_load(&pool.nunmapped);
    CHECK(live <= TP_FIBER_CACHE_MAX + TP_FIBER_POOL_MAX,
          "round %u: %lu stacks mapped while none is in use", r, live);
    CHECK(w.ncache <= TP_FIBER_CACHE_MAX, "worker cache over its bound");
  }
  unsigned long mapped = tp_load(&pool.nmapped) - mapped0;
  unsigned long reused = w.nreused - reused0;
  CHECK(reused + mapped == (unsigned long)LIVE * ROUNDS, "every fiber got a stack: "
        "%lu reused + %lu mapped", reused, mapped);
  CHECK(reused >= (unsigned long)LIVE * ROUNDS / 2, "only %lu of %u stacks reused",
        reused, LIVE * ROUNDS);
  tp_fiber_worker_fini(&w);
  CHECK_EQ_U(w.ncache, 0, "cache after fini");
  tp_fiber_pool_destroy(&pool);
  CHECK_EQ_U(tp_load(&pool.nunmapped), tp_load(&pool.nmapped),
             "stacks unmapped at teardown");
}

/* ---- stress: continuation stealing through a locked queue ---------------- */

#define S_THREADS 3
#define S_LIVE 64
#define S_QCAP 128

/* One locked queue per thread.  A suspended fiber goes to the next
 * thread's queue, so nearly every resumption is on another thread; a
 * thread whose queue stays empty takes from the others (with 3 threads on
 * fewer cores, a descheduled thread's fibers must not wait for it). */
struct queue {
  uint32_t lock;
  unsigned head, tail;
  struct tp_fiber *q[S_QCAP];
};

static struct {
  struct tp_fiber_pool pool;
  struct queue q[S_THREADS];
  unsigned stop, live;
  unsigned long created, finished, steps_expected, steps_done, migrations, hops;
} S;

struct sthr {
  struct tp_fiber_worker w; /* first: the fiber finds its thread through it */
  bool published;
  unsigned idx;
  unsigned idle; /* polls since the last fiber found */
  unsigned long runs;
};

/* Hands f on from thread t: to the next thread's queue. */
static void q_push(struct sthr *t, struct tp_fiber *f) {
  struct queue *q = &S.q[(t->idx + 1) % S_THREADS];
  tp_mutex_lock(&q->lock);
  CHECK(q->tail - q->head < S_QCAP, "queue overflow");
  q->q[q->tail++ % S_QCAP] = f;
  tp_mutex_unlock(&q->lock);
}

/* Own queue first; the others' only after a while without work. */
static struct tp_fiber *q_pop(struct sthr *t) {
  struct tp_fiber *f = NULL;
  unsigned nq = t->idle > 20 ? S_THREADS : 1;
  for (unsigned i = 0; i < nq && !f; i++) {
    struct queue *q = &S.q[(t->idx + i) % S_THREADS];
    tp_mutex_lock(&q->lock);
    if (q->head != q->tail)
      f = q->q[q->head++ % S_QCAP];
    tp_mutex_unlock(&q->lock);
  }
  t->idle = f ? 0 : t->idle + 1;
  return f;
}

/* `then` callback: runs on the worker's stack once f is saved. */
static void publish(struct tp_fiber *f, void *arg) {
  struct sthr *t = arg;
  t->published = true;
  q_push(t, f);
}

static void stress_fiber(void *arg) {
  struct job *j = arg;
  uint64_t v[8];
  for (unsigned i = 0; i < 8; i++)
    v[i] = mix(j->id * 8 + i);
  double d = (double)j->id * 0.25;
  struct sthr *t = (struct sthr *)j->f->worker;
  for (unsigned s = 0; s < j->steps; s++) {
    bool via_then = (s + j->id) & 1;
    struct sthr *now = (struct sthr *)tp_fiber_suspend(
        j->f, via_then ? publish : NULL, via_then ? t : NULL);
    CHECK(now == (struct sthr *)j->f->worker, "suspend returned a stale worker");
    if (now != t)
      j->migrations++;
    t = now;
    for (unsigned i = 0; i < 8; i++)
      CHECK(v[i] == mix(j->id * 8 + i), "fiber %lu step %u: local %u changed",
            (unsigned long)j->id, s, i);
    CHECK(d == (double)j->id * 0.25, "fiber %lu: double local changed",
          (unsigned long)j->id);
    v[s & 7] ^= s;
    v[s & 7] ^= s;
  }
  j->val = j->steps;
}

static void *stress_thread(void *arg) {
  struct sthr *t = arg;
  tp_fiber_worker_init(&t->w, &S.pool);
  for (;;) {
    struct tp_fiber *f = q_pop(t);
    if (!f) {
      unsigned live = tp_load(&S.live);
      if (!tp_load_acq(&S.stop)) {
        if (live < S_LIVE && tp_cas(&S.live, &live, live + 1)) {
          struct job *j = malloc(sizeof *j);
          CHECK(j, "malloc");
          unsigned long id = tp_fetch_add(&S.created, 1);
          *j = (struct job){.id = id, .steps = 1 + (unsigned)(mix(id) % 40)};
          tp_fetch_add(&S.steps_expected, j->steps);
          f = spawn(&t->w, stress_fiber, j);
        } else {
          sched_yield();
          continue;
        }
      } else if (live == 0) {
        break;
      } else {
        sched_yield();
        continue;
      }
    }
    t->published = false;
    t->runs++;
    enum tp_fiber_state st = tp_fiber_run(&t->w, f);
    if (st == TP_FIBER_DONE) {
      struct job *j = f->arg;
      CHECK(!t->published, "a finished fiber was published");
      CHECK(j->val == j->steps, "fiber %lu ended early", (unsigned long)j->id);
      tp_fetch_add(&S.steps_done, j->val);
      tp_fetch_add(&S.migrations, j->migrations);
      tp_fiber_free(&t->w, f);
      free(j);
      tp_fetch_add(&S.finished, 1);
      tp_fetch_sub(&S.live, 1);
    } else {
      CHECK(st == TP_FIBER_SUSPENDED, "run returned state %d", st);
      if (!t->published)
        q_push(t, f);
    }
  }
  tp_fiber_worker_fini(&t->w);
  return NULL;
}

static void test_stress(double seconds) {
  memset(&S, 0, sizeof S);
  tp_fiber_pool_init(&S.pool, 64 * 1024);
  static struct sthr th[S_THREADS];
  pthread_t pt[S_THREADS];
  for (unsigned i = 0; i < S_THREADS; i++) {
    th[i] = (struct sthr){.idx = i};
    CHECK(pthread_create(&pt[i], NULL, stress_thread, &th[i]) == 0, "pthread_create");
  }
  struct timespec ts = {.tv_sec = (time_t)seconds,
                        .tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9)};
  nanosleep(&ts, NULL);
  tp_store_rel(&S.stop, 1);
  unsigned long runs = 0;
  for (unsigned i = 0; i < S_THREADS; i++) {
    pthread_join(pt[i], NULL);
    runs += th[i].runs;
  }
  CHECK(S.created > 0, "no fiber was created");
  CHECK_EQ_U(S.finished, S.created, "fibers finished");
  CHECK_EQ_U(S.steps_done, S.steps_expected, "suspensions");
  CHECK_EQ_U(runs, S.steps_expected + S.created, "runs (one per step + the first)");
  tp_fiber_pool_destroy(&S.pool);
  CHECK_EQ_U(tp_load(&S.pool.nunmapped), tp_load(&S.pool.nmapped), "stacks unmapped");
  printf("fiber stress: %u threads, %lu fibers, %lu runs, %lu migrations, "
         "%lu stacks mapped\n", S_THREADS, S.created, runs, S.migrations,
         tp_load(&S.pool.nmapped));
  CHECK(S.migrations > 0, "no fiber was resumed by another thread");
}

int main(int argc, char **argv) {
  bool bench = argc > 1 && strcmp(argv[1], "bench") == 0;
  double t0 = ut_now();
  ut_watchdog(60);
  if (bench) {
    test_pingpong(true);
    return 0;
  }
  test_guard(); /* first: fork while single-threaded */
  test_pingpong(false);
  test_regs_fp();
  test_migration();
  test_nested();
  test_pool();
  test_stress(1.0);
  UT_PASS("test_fiber", t0);
  return 0;
}
