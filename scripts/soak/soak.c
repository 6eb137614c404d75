/* soak.c — random mixes of OpenMP constructs, each checked against a
 * sequential model of the same computation.  Seeded and reproducible:
 *   soak SEED [OPS]      runs OPS operations (default 200) drawn from SEED
 * and prints "soak seed=S ops=N ok", or the first failing operation and
 * exits 1.  Operations: worksharing loops under every schedule (clauses
 * and schedule(runtime) with random omp_set_schedule), nested regions,
 * task graphs with random in/out/inout/mutexinoutset dependences (some
 * tasks untied, undeferred or separated by taskwaits), locks and nest
 * locks, reductions, cancellation (when OMP_CANCELLATION is on), taskloops
 * with reductions, sections, single/copyprivate, ordered loops, and fork
 * (the child repeats some of them).  scripts/soak/run drives it with random
 * seeds, team sizes and Tempo switches. */
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t rng;
static uint64_t next(void) { /* splitmix64 */
  uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static int pick(int n) { return (int)(next() % (uint64_t)n); }
static int64_t f(int64_t i) { return (i * 2654435761LL) % 1000003 - 500000; }
static int64_t mix(int64_t a, int64_t b, int64_t c) { return (a * 31 + b * 7 - c) % 1000000007; }

#define FAIL(...)                                                              \
  do {                                                                         \
    printf("  ");                                                              \
    printf(__VA_ARGS__);                                                       \
    printf("\n");                                                              \
    return 1;                                                                  \
  } while (0)

/* Worksharing loop: every iteration once, sum as serial. */
static int op_loop(void) {
  int n = pick(5000), kind = pick(7), chunk = 1 + pick(9);
  char *hit = calloc((size_t)n + 1, 1);
  int64_t sum = 0, want = 0;
  for (int i = 0; i < n; i++)
    want += f(i);
  if (kind == 6)
    omp_set_schedule((omp_sched_t)(1 + pick(4)) |
                         (pick(2) ? (omp_sched_t)0x80000000u : (omp_sched_t)0),
                     pick(3) ? chunk : 0);
#pragma omp parallel reduction(+ : sum)
  switch (kind) {
  case 0:
#pragma omp for schedule(static)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  case 1:
#pragma omp for schedule(static, chunk)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  case 2:
#pragma omp for schedule(dynamic, chunk)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  case 3:
#pragma omp for schedule(guided, chunk)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  case 4:
#pragma omp for schedule(monotonic : dynamic, chunk)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  case 5:
#pragma omp for schedule(nonmonotonic : guided)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  default:
#pragma omp for schedule(runtime)
    for (int i = 0; i < n; i++) { sum += f(i); hit[i]++; }
    break;
  }
  for (int i = 0; i < n; i++)
    if (hit[i] != 1) {
      free(hit);
      FAIL("loop kind %d n %d chunk %d: iteration %d ran %d times", kind, n, chunk, i, hit[i]);
    }
  free(hit);
  if (sum != want)
    FAIL("loop kind %d n %d chunk %d: sum %lld, serial %lld", kind, n, chunk, (long long)sum,
         (long long)want);
  return 0;
}

/* Nested regions: each outer member runs the inner loop once; team sizes
 * are what num_threads asked for (dynamic adjustment is off). */
static int op_nested(void) {
  int a = 1 + pick(3), b = 1 + pick(3), n = pick(200), count = 0, bad_size = 0, outer = 0;
  omp_set_max_active_levels(2);
#pragma omp parallel num_threads(a) reduction(+ : count, bad_size)
  {
#pragma omp single
    outer = omp_get_num_threads();
#pragma omp parallel num_threads(b) reduction(+ : count, bad_size)
    {
#pragma omp for
      for (int i = 0; i < n; i++)
        count++;
#pragma omp single
      bad_size += omp_get_num_threads() != b || omp_get_level() != 2;
    }
  }
  omp_set_max_active_levels(1);
  if (outer != a || bad_size || count != n * a)
    FAIL("nested %dx%d n %d: outer team %d, %d wrong inner teams, %d iterations", a, b, n,
         outer, bad_size, count);
  return 0;
}

/* A random task graph over V variables, against the same operations run
 * in program order (dependences make every conflicting pair ordered;
 * mutexinoutset tasks only add, which commutes). */
#define V 8
static int op_tasks(void) {
  int t = pick(300);
  int64_t x[V], y[V];
  for (int k = 0; k < V; k++)
    x[k] = y[k] = k + 1;
  struct { int kind, o, i1, i2, flags; int64_t c; } *g = malloc(sizeof *g * (size_t)(t + 1));
  for (int j = 0; j < t; j++) {
    g[j].kind = pick(5);
    g[j].o = pick(V), g[j].i1 = pick(V), g[j].i2 = pick(V), g[j].flags = pick(8);
    g[j].c = pick(1000);
    if (g[j].kind == 4) /* mutexinoutset: only adds */
      y[g[j].o] += g[j].c;
    else if (g[j].i1 != g[j].o && g[j].i2 != g[j].o)
      y[g[j].o] = mix(y[g[j].o], y[g[j].i1], y[g[j].i2]);
    else
      y[g[j].o] = mix(y[g[j].o], g[j].c, 1);
  }
#pragma omp parallel
#pragma omp single
  for (int j = 0; j < t; j++) {
    int o = g[j].o, i1 = g[j].i1, i2 = g[j].i2, fl = g[j].flags;
    int64_t c = g[j].c;
    if (g[j].kind == 4) {
#pragma omp task depend(mutexinoutset : x[o]) firstprivate(o, c) shared(x)
      {
#pragma omp atomic
        x[o] += c;
      }
    } else if (i1 != o && i2 != o) {
      if (fl == 0) {
#pragma omp task depend(in : x[i1], x[i2]) depend(inout : x[o]) untied firstprivate(o, i1, i2) shared(x)
        x[o] = mix(x[o], x[i1], x[i2]);
      } else if (fl == 1) {
#pragma omp task depend(in : x[i1], x[i2]) depend(inout : x[o]) if (0) firstprivate(o, i1, i2) shared(x)
        x[o] = mix(x[o], x[i1], x[i2]);
      } else {
#pragma omp task depend(in : x[i1], x[i2]) depend(inout : x[o]) firstprivate(o, i1, i2) shared(x)
        x[o] = mix(x[o], x[i1], x[i2]);
      }
    } else {
#pragma omp task depend(out : x[o]) depend(in : x[o]) firstprivate(o, c) shared(x)
      x[o] = mix(x[o], c, 1);
    }
    if (fl == 7 && pick(4) == 0) {
#pragma omp taskwait
    }
  }
  free(g);
  for (int k = 0; k < V; k++)
    if (x[k] != y[k])
      FAIL("tasks t=%d: x[%d] = %lld, serial %lld", t, k, (long long)x[k], (long long)y[k]);
  return 0;
}

static int op_locks(void) {
  int k = pick(500);
  long plain = 0, nested = 0;
  omp_lock_t l;
  omp_nest_lock_t nl;
  omp_init_lock(&l);
  omp_init_nest_lock(&nl);
  int nt = 0;
#pragma omp parallel
  {
#pragma omp single
    nt = omp_get_num_threads();
    for (int i = 0; i < k; i++) {
      omp_set_lock(&l);
      plain++;
      omp_unset_lock(&l);
      omp_set_nest_lock(&nl);
      omp_set_nest_lock(&nl);
      nested++;
      omp_unset_nest_lock(&nl);
      omp_unset_nest_lock(&nl);
    }
  }
  omp_destroy_lock(&l);
  omp_destroy_nest_lock(&nl);
  if (plain != (long)k * nt || nested != (long)k * nt)
    FAIL("locks k=%d team %d: %ld and %ld", k, nt, plain, nested);
  return 0;
}

static int op_reduce(void) {
  int n = pick(3000);
  int64_t s = 0, ws = 0, mx = INT64_MIN, wmx = INT64_MIN, mn = INT64_MAX, wmn = INT64_MAX;
  uint64_t x = 0, wx = 0;
  for (int i = 0; i < n; i++) {
    ws += f(i), wx ^= (uint64_t)f(i);
    wmx = f(i) > wmx ? f(i) : wmx, wmn = f(i) < wmn ? f(i) : wmn;
  }
#pragma omp parallel for reduction(+ : s) reduction(max : mx) reduction(min : mn) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    s += f(i), x ^= (uint64_t)f(i);
    mx = f(i) > mx ? f(i) : mx, mn = f(i) < mn ? f(i) : mn;
  }
  if (s != ws || x != wx || mx != wmx || mn != wmn)
    FAIL("reduce n=%d", n);
  return 0;
}

/* With OMP_CANCELLATION on: a search that cancels when it finds. */
static int op_cancel(void) {
  int n = 1 + pick(20000), target = pick(n), found = -1;
#pragma omp parallel
  {
#pragma omp for schedule(dynamic, 16)
    for (int i = 0; i < n; i++) {
      if (f(i) == f(target)) {
#pragma omp atomic write
        found = i;
#pragma omp cancel for
      }
#pragma omp cancellation point for
    }
  }
  if (found < 0 || f(found) != f(target))
    FAIL("cancel n=%d target %d: found %d", n, target, found);
  return 0;
}

static int op_taskloop(void) {
  int n = pick(4000), g = 1 + pick(64);
  int64_t s = 0, want = 0;
  for (int i = 0; i < n; i++)
    want += f(i);
#pragma omp parallel
#pragma omp single
#pragma omp taskloop grainsize(g) reduction(+ : s)
  for (int i = 0; i < n; i++)
    s += f(i);
  if (s != want)
    FAIL("taskloop n=%d grainsize %d: %lld, serial %lld", n, g, (long long)s, (long long)want);
  return 0;
}

static int op_misc(void) {
  int secs = 0, copied = -1, order_ok = 1, next_i = 0, n = pick(300);
#pragma omp parallel
  {
#pragma omp sections reduction(+ : secs)
    {
#pragma omp section
      secs += 1;
#pragma omp section
      secs += 10;
#pragma omp section
      secs += 100;
    }
    int v;
#pragma omp single copyprivate(v)
    v = 42;
#pragma omp critical
    if (v != 42)
      copied = v;
#pragma omp for ordered schedule(dynamic, 3)
    for (int i = 0; i < n; i++) {
#pragma omp ordered
      {
        if (i != next_i)
          order_ok = 0;
        next_i = i + 1;
      }
    }
  }
  if (secs != 111 || copied != -1 || !order_ok || next_i != n)
    FAIL("misc: sections %d copyprivate %d ordered %d/%d", secs, copied, order_ok, next_i);
  return 0;
}

typedef int (*op_fn)(void);
static const struct { const char *name; op_fn fn; } ops[] = {
    {"loop", op_loop},       {"nested", op_nested}, {"tasks", op_tasks},
    {"locks", op_locks},     {"reduce", op_reduce}, {"cancel", op_cancel},
    {"taskloop", op_taskloop}, {"misc", op_misc},
};
enum { NOPS = sizeof ops / sizeof ops[0] };

static int op_fork(void) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    int bad = op_loop() | op_tasks() | op_taskloop();
    fflush(stdout);
    _exit(bad);
  }
  int st;
  if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
    FAIL("fork: child failed (status %d)", st);
  return 0;
}

int main(int argc, char **argv) {
  uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
  int nops = argc > 2 ? atoi(argv[2]) : 200;
  rng = seed;
  int cancel = omp_get_cancellation();
  for (int k = 0; k < nops; k++) {
    int which = pick(NOPS + 1);
    if (which == NOPS) {
      if (pick(10) == 0 && op_fork()) {
        printf("soak seed=%llu op=%d fork FAILED\n", (unsigned long long)seed, k);
        return 1;
      }
      continue;
    }
    if (ops[which].fn == op_cancel && !cancel)
      continue;
    if (ops[which].fn()) {
      printf("soak seed=%llu op=%d %s FAILED\n", (unsigned long long)seed, k, ops[which].name);
      return 1;
    }
  }
  printf("soak seed=%llu ops=%d ok\n", (unsigned long long)seed, nops);
  return 0;
}
