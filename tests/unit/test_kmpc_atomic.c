/* test_kmpc_atomic.c — every __kmpc_atomic_* entry point (LLVM's atomic
 * ABI), driven by the table abi/kmpc/gen_atomic.py generates into
 * kmpc_atomic_cases.h: the entry points and this test come from the same
 * table, one case per entry point.
 *
 * Each case first checks the hand-written examples of its table entry
 * (12 - 3 = 9, 3 - 12 reversed, 12 && 3 = 1, ...), single-threaded; then
 * 2 or 4 threads hammer one shared location with it, in rounds that start
 * together at a barrier:
 *   seq   every call applies the same rhs, so after k calls the value is
 *         s_k = f^k(s0) in any interleaving: the final value must be s_M
 *         and, for a capture, the captured values exactly {s_1..s_M}
 *         (flag 1, new values) or {s_0..s_M-1} (flag 0, old values), as
 *         multisets.  A lost update changes both.
 *   bits  each call sets/clears/toggles its own bit: every bit ends done;
 *         captures hold their own bit (new) or not (old), and their
 *         popcounts are each of 1..M (new) or 0..M-1 (old) once.
 *   mono  max/min of distinct increasing/decreasing values: the extreme
 *         wins; each thread's captures never go backwards.
 *   wrrd  writers store A or B while readers load: only A or B is seen
 *         (a torn long double or complex would be neither).
 *   swap  every call swaps in a distinct value: the values swapped out and
 *         the final one are exactly the initial one and those swapped in.
 *   cas   each thread increments through compare-and-swap until it has
 *         succeeded N times: the final value is s0 + M and the successful
 *         expected values are each of s0..s0+M-1 once; the captured
 *         values follow libomp's rules (below).
 * Objects of 1..8 bytes are also run at a misaligned address, which takes
 * the address-lock path instead of the lock-free one.  Comparisons are on
 * the bytes that hold the value (bit patterns, so NaN and -0.0 are exact;
 * long double padding left out). */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

struct kt_lanes5 {
  int32_t lane[5];
};
enum kt_cls { KT_INT, KT_FLOAT, KT_CPLX, KT_LANES };
enum kt_plan { KT_SEQ, KT_BITS, KT_MONO, KT_WRRD, KT_SWAP, KT_CAS };
enum kt_form {
  KT_UPD, KT_CPT, KT_RD, KT_WR, KT_SWP,
  KT_CAS_BOOL, KT_CAS_BOOL_CPT, KT_CAS_VAL, KT_CAS_VAL_CPT
};
union kt_val;
struct kt_type {
  const char *name;
  unsigned size;
  int cls, sgn;
  unsigned bits;
  unsigned char sig[2][2]; /* (offset, length) of the value's bytes */
  void (*setf)(union kt_val *, long double re, long double im);
  void (*seti)(union kt_val *, uint64_t bits);  /* integers only */
  uint64_t (*geti)(const union kt_val *);       /* integers only */
  long double (*getf)(const union kt_val *);    /* real part */
};
typedef void kt_call_fn(void *lhs, const union kt_val *rhs, int flag,
                        union kt_val *ret);
typedef bool kt_cas_fn(void *x, const union kt_val *e, const union kt_val *d,
                       union kt_val *pv, union kt_val *ret);
struct kt_case {
  const char *name;
  const struct kt_type *lt, *rt;
  int plan, form;
  kt_call_fn *call;
  void (*ref)(union kt_val *x, const union kt_val *rhs); /* sequential op */
  kt_call_fn *partner; /* wrrd: the other of rd/wr; cas: the type's rd */
  kt_cas_fn *cas;
  long double s0[2], r[2];
  int maxops, mono, bits_s0, bits_inv, nex;
  struct {
    long double x[2], r[2], n[2];
  } ex[3];
};

#include "kmpc_atomic_cases.h"

#define NCASES (sizeof kt_cases / sizeof kt_cases[0])
#define MAXT 4
#define MAXN 1024

/* ---- values --------------------------------------------------------- */
struct kt_key {
  unsigned char b[20];
};

static struct kt_key key_of(const struct kt_type *t, const void *p) {
  struct kt_key k;
  memset(&k, 0, sizeof k);
  const unsigned char *src = p;
  unsigned at = 0;
  for (int i = 0; i < 2 && t->sig[i][1]; i++) {
    memcpy(k.b + at, src + t->sig[i][0], t->sig[i][1]);
    at += t->sig[i][1];
  }
  return k;
}

static int key_cmp(const void *a, const void *b) {
  return memcmp(a, b, sizeof(struct kt_key));
}

static bool same(const struct kt_type *t, const void *a, const void *b) {
  struct kt_key ka = key_of(t, a), kb = key_of(t, b);
  return memcmp(&ka, &kb, sizeof ka) == 0;
}

static kt_val valf(const struct kt_type *t, const long double v[2]) {
  kt_val x;
  t->setf(&x, v[0], v[1]);
  return x;
}

static kt_val vali(const struct kt_type *t, uint64_t b) {
  kt_val x;
  t->seti(&x, b);
  return x;
}

static uint64_t mask_of(const struct kt_type *t) {
  return t->bits >= 64 ? ~0ull : (1ull << t->bits) - 1;
}

static void show(const struct kt_type *t, const void *p, char *buf, size_t n) {
  kt_val v;
  memcpy(&v, p, t->size);
  if (t->cls == KT_INT)
    snprintf(buf, n, "%llu (0x%llx)", (unsigned long long)t->geti(&v),
             (unsigned long long)t->geti(&v));
  else
    snprintf(buf, n, "%.21Lg", t->getf(&v));
}

#define CHECK_SAME(c, t, a, b, what)                                           \
  do {                                                                         \
    if (!same((t), (a), (b))) {                                                \
      char ba[64], bb[64];                                                     \
      show((t), (a), ba, sizeof ba);                                           \
      show((t), (b), bb, sizeof bb);                                           \
      ut_fail(__FILE__, __LINE__, "%s: %s: got %s, expected %s", (c)->name,    \
              (what), ba, bb);                                                 \
    }                                                                          \
  } while (0)

/* ---- threads and rounds --------------------------------------------- */
static unsigned nthreads;
static unsigned bar_count, bar_gen;

/* Spins (the threads must leave together, or a round's calls barely
 * overlap and a lost update goes unseen), then yields: the machine may
 * have fewer cores than threads, and other tests run beside this one. */
static void barrier(void) {
  unsigned gen = __atomic_load_n(&bar_gen, __ATOMIC_ACQUIRE);
  if (__atomic_add_fetch(&bar_count, 1, __ATOMIC_ACQ_REL) == nthreads) {
    __atomic_store_n(&bar_count, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&bar_gen, gen + 1, __ATOMIC_RELEASE);
    return;
  }
  for (unsigned spins = 0; __atomic_load_n(&bar_gen, __ATOMIC_ACQUIRE) == gen;
       spins++) {
    if (spins < 500)
      __builtin_ia32_pause();
    else
      sched_yield();
  }
}

/* The case being hammered (set by the main thread before the workers
 * start, read-only while they run). */
static struct run {
  const struct kt_case *c;
  unsigned char *loc;
  unsigned n, rounds; /* calls per thread per round, rounds */
  unsigned m;         /* calls per round, all threads */
  kt_val rhs, s0, a, b;
  kt_val *states;          /* seq: s_0..s_M */
  struct kt_key *exp[2];   /* seq: sorted keys of old (0) / new (1) captures */
  struct kt_key *keys;     /* scratch for checks */
} run;

static kt_val caps[MAXT][MAXN];
static unsigned char capbit[MAXT][MAXN]; /* bits: the bit each call used */
static kt_val casok[MAXT][MAXN * 4];       /* cas: successful expected values */

static void reset_loc(void) { memcpy(run.loc, &run.s0, run.c->lt->size); }

/* Sorted keys of all captures of this round. */
static struct kt_key *sorted_caps(const struct kt_type *t, unsigned per) {
  unsigned k = 0;
  for (unsigned id = 0; id < nthreads; id++)
    for (unsigned i = 0; i < per; i++)
      run.keys[k++] = key_of(t, &caps[id][i]);
  qsort(run.keys, k, sizeof run.keys[0], key_cmp);
  return run.keys;
}

/* seq ------------------------------------------------------------------ */
static void seq_ops(unsigned id, int flag) {
  for (unsigned i = 0; i < run.n; i++)
    run.c->call(run.loc, &run.rhs, flag, &caps[id][i]);
}

static void seq_check(int flag) {
  const struct kt_case *c = run.c;
  CHECK_SAME(c, c->lt, run.loc, &run.states[run.m], "final value");
  if (c->form != KT_CPT)
    return;
  struct kt_key *got = sorted_caps(c->lt, run.n);
  for (unsigned i = 0; i < run.m; i++)
    CHECK(memcmp(&got[i], &run.exp[flag][i], sizeof got[i]) == 0,
          "%s: the captured %s values are not the sequence of states "
          "(capture %u of %u differs)",
          c->name, flag ? "new" : "old", i, run.m);
}

/* bits ----------------------------------------------------------------- */
static uint64_t gains(const void *p) {
  const struct kt_type *t = run.c->lt;
  kt_val v;
  memcpy(&v, p, t->size);
  uint64_t x = t->geti(&v);
  return (run.c->bits_s0 ? ~x : x) & mask_of(t);
}

static void bits_ops(unsigned id, int flag) {
  for (unsigned i = 0; i < run.n; i++) {
    unsigned j = i * nthreads + id;
    uint64_t b = 1ull << j;
    kt_val rhs = vali(run.c->lt, run.c->bits_inv ? ~b : b);
    capbit[id][i] = (unsigned char)j;
    run.c->call(run.loc, &rhs, flag, &caps[id][i]);
  }
}

static void bits_check(int flag) {
  const struct kt_case *c = run.c;
  uint64_t all = mask_of(c->lt);
  CHECK(gains(run.loc) == all, "%s: final value has bits 0x%llx of 0x%llx done",
        c->name, (unsigned long long)gains(run.loc), (unsigned long long)all);
  if (c->form != KT_CPT)
    return;
  unsigned seen[65] = {0};
  for (unsigned id = 0; id < nthreads; id++)
    for (unsigned i = 0; i < run.n; i++) {
      uint64_t g = gains(&caps[id][i]);
      bool own = (g >> capbit[id][i]) & 1;
      CHECK(own == (flag == 1), "%s: a captured %s value %s its own bit",
            c->name, flag ? "new" : "old", own ? "has" : "lacks");
      seen[__builtin_popcountll(g)]++;
    }
  for (unsigned p = 0; p <= run.m; p++) {
    unsigned want = flag ? (p >= 1) : (p < run.m);
    CHECK(seen[p] == want, "%s: %u captured %s values with %u bits done, expected %u",
          c->name, seen[p], flag ? "new" : "old", p, want);
  }
}

/* mono ----------------------------------------------------------------- */
static long double mono_value(unsigned j) {
  return run.c->mono > 0 ? (long double)(j + 1) : (long double)(run.m - j);
}

static void mono_ops(unsigned id, int flag) {
  const struct kt_case *c = run.c;
  for (unsigned i = 0; i < run.n; i++) {
    unsigned j = i * nthreads + id;
    long double v[2] = {mono_value(j), 0};
    kt_val rhs = valf(c->rt, v);
    run.c->call(run.loc, &rhs, flag, &caps[id][i]);
    if (c->form != KT_CPT)
      continue;
    long double got = c->lt->getf(&caps[id][i]);
    if (flag)
      CHECK(c->mono > 0 ? got >= v[0] : got <= v[0],
            "%s: captured new value %Lg does not include rhs %Lg", c->name, got, v[0]);
    if (i > 0) {
      long double prev = c->lt->getf(&caps[id][i - 1]);
      CHECK(c->mono > 0 ? got >= prev : got <= prev,
            "%s: captured values went backwards (%Lg after %Lg)", c->name, got, prev);
    }
  }
}

static void mono_check(int flag) {
  (void)flag;
  const struct kt_case *c = run.c;
  long double want = c->mono > 0 ? (long double)run.m : 1;
  kt_val v;
  memcpy(&v, run.loc, c->lt->size);
  CHECK(c->lt->getf(&v) == want, "%s: final value %Lg, expected %Lg", c->name,
        c->lt->getf(&v), want);
}

/* wrrd ----------------------------------------------------------------- */
static void wrrd_ops(unsigned id, int flag) {
  const struct kt_case *c = run.c;
  kt_call_fn *rd = c->form == KT_RD ? c->call : c->partner;
  kt_call_fn *wr = c->form == KT_WR ? c->call : c->partner;
  for (unsigned i = 0; i < run.n; i++) {
    if (id % 2 == 0) {
      wr(run.loc, i % 2 ? &run.a : &run.b, flag, NULL);
    } else {
      kt_val got;
      rd(run.loc, NULL, flag, &got);
      CHECK(same(c->lt, &got, &run.a) || same(c->lt, &got, &run.b),
            "%s: read a value that was never written (torn?)", c->name);
    }
  }
}

static void wrrd_check(int flag) {
  (void)flag;
  const struct kt_case *c = run.c;
  CHECK(same(c->lt, run.loc, &run.a) || same(c->lt, run.loc, &run.b),
        "%s: final value was never written", c->name);
}

/* swap ----------------------------------------------------------------- */
static kt_val swap_value(unsigned j) {
  long double v[2] = {(long double)(j + 1), (long double)(j + 2)};
  return valf(run.c->lt, v);
}

static void swap_ops(unsigned id, int flag) {
  for (unsigned i = 0; i < run.n; i++) {
    kt_val v = swap_value(i * nthreads + id);
    run.c->call(run.loc, &v, flag, &caps[id][i]);
  }
}

static void swap_check(int flag) {
  (void)flag;
  const struct kt_case *c = run.c;
  const struct kt_type *t = c->lt;
  struct kt_key *got = run.keys, *want = malloc((run.m + 1) * sizeof *want);
  unsigned k = 0;
  for (unsigned id = 0; id < nthreads; id++)
    for (unsigned i = 0; i < run.n; i++)
      got[k++] = key_of(t, &caps[id][i]);
  got[k++] = key_of(t, run.loc);
  want[0] = key_of(t, &run.s0);
  for (unsigned j = 0; j < run.m; j++) {
    kt_val v = swap_value(j);
    want[j + 1] = key_of(t, &v);
  }
  qsort(got, k, sizeof got[0], key_cmp);
  qsort(want, k, sizeof want[0], key_cmp);
  for (unsigned i = 0; i < k; i++)
    CHECK(memcmp(&got[i], &want[i], sizeof got[i]) == 0,
          "%s: the values swapped out (and the final one) are not the values "
          "swapped in (and the initial one)", c->name);
  free(want);
}

/* cas ------------------------------------------------------------------ */
static void cas_ops(unsigned id, int flag) {
  (void)flag;
  const struct kt_case *c = run.c;
  const struct kt_type *t = c->lt;
  unsigned done = 0;
  while (done < run.n) {
    kt_val cur, d, pv, ret;
    c->partner(run.loc, NULL, 0, &cur);
    d = vali(t, t->geti(&cur) + 1);
    kt_val sentinel = vali(t, t->geti(&cur) + 77);
    pv = sentinel;
    bool ok = c->cas(run.loc, &cur, &d, &pv, &ret);
    switch (c->form) {
    case KT_CAS_BOOL_CPT: /* v = x only when the comparison failed */
      if (ok)
        CHECK(same(t, &pv, &sentinel), "%s: succeeded but wrote *pv", c->name);
      else
        CHECK(!same(t, &pv, &cur), "%s: failed but *pv is the expected value", c->name);
      break;
    case KT_CAS_VAL_CPT: /* v = the new value of x (d on success) */
      CHECK(same(t, &pv, ok ? &d : &ret), "%s: *pv is not x's new value", c->name);
      break;
    }
    if (ok)
      casok[id][done++] = cur;
  }
}

static void cas_check(int flag) {
  (void)flag;
  const struct kt_case *c = run.c;
  const struct kt_type *t = c->lt;
  kt_val want = vali(t, t->geti(&run.s0) + run.m);
  CHECK_SAME(c, t, run.loc, &want, "final value after all increments");
  unsigned k = 0;
  for (unsigned id = 0; id < nthreads; id++)
    for (unsigned i = 0; i < run.n; i++)
      run.keys[k++] = key_of(t, &casok[id][i]);
  qsort(run.keys, k, sizeof run.keys[0], key_cmp);
  struct kt_key *exp = malloc(k * sizeof *exp);
  for (unsigned i = 0; i < k; i++) {
    kt_val v = vali(t, t->geti(&run.s0) + i);
    exp[i] = key_of(t, &v);
  }
  qsort(exp, k, sizeof exp[0], key_cmp);
  for (unsigned i = 0; i < k; i++)
    CHECK(memcmp(&run.keys[i], &exp[i], sizeof exp[i]) == 0,
          "%s: two compare-and-swaps succeeded from the same value", c->name);
  free(exp);
}

/* ---- driver ----------------------------------------------------------- */
static const struct {
  void (*ops)(unsigned id, int flag);
  void (*check)(int flag);
} plans[] = {
    [KT_SEQ] = {seq_ops, seq_check},    [KT_BITS] = {bits_ops, bits_check},
    [KT_MONO] = {mono_ops, mono_check}, [KT_WRRD] = {wrrd_ops, wrrd_check},
    [KT_SWAP] = {swap_ops, swap_check}, [KT_CAS] = {cas_ops, cas_check},
};

static void *worker(void *arg) {
  unsigned id = (unsigned)(uintptr_t)arg;
  int plan = run.c->plan;
  for (unsigned r = 0; r < run.rounds; r++) {
    int flag = r & 1;
    barrier();
    plans[plan].ops(id, flag);
    barrier();
    if (id == 0) {
      plans[plan].check(flag);
      reset_loc();
    }
  }
  return NULL;
}

static void examples(const struct kt_case *c, unsigned char *loc) {
  const struct kt_type *t = c->lt;
  for (int i = 0; i < c->nex; i++) {
    kt_val x = valf(t, c->ex[i].x), r = valf(c->rt, c->ex[i].r),
           n = valf(t, c->ex[i].n), ret;
    memcpy(loc, &x, t->size);
    c->call(loc, &r, 1, &ret);
    switch (c->form) {
    case KT_UPD:
    case KT_WR:
      CHECK_SAME(c, t, loc, &n, "example");
      break;
    case KT_RD:
      CHECK_SAME(c, t, &ret, &n, "example");
      break;
    case KT_SWP:
      CHECK_SAME(c, t, &ret, &x, "example: swapped-out value");
      CHECK_SAME(c, t, loc, &n, "example: swapped-in value");
      break;
    case KT_CPT:
      CHECK_SAME(c, t, loc, &n, "example");
      CHECK_SAME(c, t, &ret, &n, "example: captured new value (flag 1)");
      memcpy(loc, &x, t->size);
      c->call(loc, &r, 0, &ret);
      CHECK_SAME(c, t, loc, &n, "example");
      CHECK_SAME(c, t, &ret, &x, "example: captured old value (flag 0)");
      break;
    }
  }
  if (c->plan != KT_CAS)
    return;
  /* OpenMP 5.1 compare, x = 12: (e 3, d 5) fails, (e 12, d 5) succeeds. */
  for (int pass = 0; pass < 2; pass++) {
    kt_val x = vali(t, 12), e = vali(t, pass ? 12 : 3), d = vali(t, 5),
           sentinel = vali(t, 99), pv = sentinel, ret;
    memcpy(loc, &x, t->size);
    bool ok = c->cas(loc, &e, &d, &pv, &ret);
    CHECK(ok == (pass == 1), "%s: example: comparison result %d", c->name, ok);
    CHECK_SAME(c, t, loc, pass ? &d : &x, "example: x after");
    if (c->form == KT_CAS_VAL || c->form == KT_CAS_VAL_CPT)
      CHECK_SAME(c, t, &ret, &x, "example: returned old value");
    if (c->form == KT_CAS_BOOL_CPT)
      CHECK_SAME(c, t, &pv, pass ? &sentinel : &x, "example: v");
    if (c->form == KT_CAS_VAL_CPT)
      CHECK_SAME(c, t, &pv, pass ? &d : &x, "example: v");
  }
}

static unsigned umin(unsigned a, unsigned b) { return a < b ? a : b; }

static void run_case(const struct kt_case *c, unsigned offset, unsigned total) {
  static unsigned char buf[128] __attribute__((aligned(64)));
  const struct kt_type *t = c->lt;
  unsigned big = UT_ITERS(MAXN, 150);
  memset(&run, 0, sizeof run);
  run.c = c;
  run.loc = buf + offset;
  examples(c, run.loc);

  unsigned n = big;
  switch (c->plan) {
  case KT_SEQ:
    if (c->maxops)
      n = c->maxops / nthreads ? c->maxops / nthreads : 1;
    break;
  case KT_BITS:
    n = t->bits / nthreads;
    break;
  case KT_MONO:
    n = 100 / nthreads;
    break;
  case KT_SWAP:
    n = 120 / nthreads;
    break;
  case KT_CAS:
    n = big / 4;
    break;
  }
  n = umin(n, big);
  run.n = n;
  run.m = n * nthreads;
  run.rounds = total / n;
  if (run.rounds < 2)
    run.rounds = 2;
  if (run.rounds > UT_ITERS(1000u, 100u))
    run.rounds = UT_ITERS(1000u, 100u);
  run.keys = malloc((run.m + 1) * sizeof *run.keys);
  run.rhs = valf(c->rt, c->r);
  run.s0 = valf(t, c->s0);
  if (c->plan == KT_BITS)
    run.s0 = vali(t, (uint64_t)(int64_t)c->bits_s0);
  if (c->plan == KT_MONO) {
    long double s0[2] = {c->mono > 0 ? 0 : (long double)run.m + 1, 0};
    run.s0 = valf(t, s0);
  }
  if (c->plan == KT_SWAP)
    run.s0 = valf(t, (long double[2]){0, 0});
  if (c->plan == KT_WRRD) {
    if (t->cls == KT_INT) {
      run.a = vali(t, 0x5555555555555555ull);
      run.b = vali(t, 0xaaaaaaaaaaaaaaaaull);
    } else {
      run.a = valf(t, (long double[2]){1.5L, 2.5L});
      run.b = valf(t, (long double[2]){-3e30L, -7e-30L});
    }
    run.s0 = run.a;
  }
  if (c->plan == KT_SEQ) {
    run.states = malloc((run.m + 1) * sizeof *run.states);
    run.states[0] = run.s0;
    for (unsigned k = 1; k <= run.m; k++) {
      run.states[k] = run.states[k - 1];
      c->ref(&run.states[k], &run.rhs);
    }
    for (int f = 0; f < 2; f++) {
      run.exp[f] = malloc(run.m * sizeof *run.exp[f]);
      for (unsigned k = 0; k < run.m; k++)
        run.exp[f][k] = key_of(t, &run.states[k + f]);
      qsort(run.exp[f], run.m, sizeof run.exp[f][0], key_cmp);
    }
  }
  reset_loc();

  pthread_t th[MAXT];
  for (unsigned id = 0; id < nthreads; id++)
    CHECK(pthread_create(&th[id], NULL, worker, (void *)(uintptr_t)id) == 0,
          "pthread_create");
  for (unsigned id = 0; id < nthreads; id++)
    pthread_join(th[id], NULL);
  free(run.keys);
  free(run.states);
  free(run.exp[0]);
  free(run.exp[1]);
}

/* Every generated name has a case (start/end share one). */
static void check_coverage(void) {
  for (size_t i = 0; i < sizeof kt_names / sizeof kt_names[0]; i++) {
    const char *nm = kt_names[i];
    size_t len = strlen(nm);
    bool found = false;
    for (size_t k = 0; k < NCASES && !found; k++) {
      const char *cn = kt_cases[k].name, *p = strstr(cn, nm);
      found = p && (p == cn || p[-1] == '/') && (p[len] == 0 || p[len] == '/');
    }
    CHECK(found, "%s has no test case", nm);
  }
}

int main(int argc, char **argv) {
  double t0 = ut_now();
  ut_watchdog(600);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  nthreads = cpus >= 4 ? 4 : 2; /* 2 or 4: divides every bit width */
  const char *only = argc > 1 ? argv[1] : NULL;
  check_coverage();
  unsigned total = UT_ITERS(8000, 600), ran = 0;
  for (size_t k = 0; k < NCASES; k++) {
    const struct kt_case *c = &kt_cases[k];
    if (only && strcmp(c->name, only) != 0)
      continue;
    run_case(c, 0, total);
    /* Misaligned: the address-lock path of the small types. */
    if (c->lt->size <= 8)
      run_case(c, 1, total / 4);
    ran++;
  }
  CHECK(ran > 0, "no case named %s", only);
  printf("%u of %zu cases, %u threads\n", ran, NCASES, nthreads);
  UT_PASS("kmpc_atomic", t0);
  return 0;
}
