// taskloop task counts and sizes. Each generated task is identified by a
// firstprivate token that is -1 in every new task (so no thread identity
// is involved), and counts its own iterations:
//  - grainsize(strict: g): exactly ceil(n/g) tasks, each of g iterations
//    except the one holding the sequentially last iteration (the rest);
//  - grainsize(g): every task has at least min(g, n) and fewer than 2g;
//  - num_tasks(strict: t) and num_tasks(t): exactly min(t, n) tasks, each
//    with at least one iteration;
// also with nogroup (+ taskwait), reduction, if(0) (undeferred tasks are
// still split the same way), a negative step, unsigned long long and
// collapse(2); every iteration runs exactly once.
// clang 14 has no strict modifier:
// UNSUPPORTED: clang
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=3 %run %t.l | %FileCheck %s
#include <string.h>
#include "taskcheck.h"

#define MAXN 4096
#define MAXT 4096

static int ntasks, hits[MAXN], cnt[MAXT], last_owner, bad_index;

static void reset(void) {
  ntasks = 0;
  last_owner = -1;
  bad_index = 0;
  memset(hits, 0, sizeof hits);
  memset(cnt, 0, sizeof cnt);
}

/* Logical iteration k of n, run by the task whose token is *tok. */
static void hit(int *tok, long k, long n) {
  if (*tok < 0)
    *tok = __atomic_fetch_add(&ntasks, 1, __ATOMIC_RELAXED);
  if (*tok >= MAXT || k < 0 || k >= MAXN) {
    __atomic_fetch_add(&bad_index, 1, __ATOMIC_RELAXED);
    return;
  }
  cnt[*tok]++; /* only this task touches its slot */
  __atomic_fetch_add(&hits[k], 1, __ATOMIC_RELAXED);
  if (k == n - 1)
    last_owner = *tok;
}

enum { GRAIN_STRICT, GRAIN, NUM_TASKS };
static const char *kind_name[] = {"grainsize(strict)", "grainsize",
                                  "num_tasks"};

static void check(const char *form, int kind, long n, long p) {
  char what[120];
  snprintf(what, sizeof what, "%s n=%ld %s(%ld)", form, n, kind_name[kind],
           p);
  EXPECT(bad_index == 0, "%s: token or iteration out of range", what);
  check_once(hits, n, what);
  long want = -1;
  if (kind == GRAIN_STRICT)
    want = (n + p - 1) / p;
  else if (kind == NUM_TASKS)
    want = n < p ? n : p;
  if (want >= 0)
    EXPECT(ntasks == want, "%s: %d tasks, want %ld", what, ntasks, want);
  if (ntasks > MAXT)
    return;
  long min = kind == GRAIN ? (p < n ? p : n) : 1;
  for (int t = 0; t < ntasks; t++) {
    if (kind == GRAIN_STRICT) {
      long w = t == last_owner ? n - (want - 1) * p : p;
      EXPECT(cnt[t] == w, "%s: a task ran %d iterations, want %ld%s", what,
             cnt[t], w, t == last_owner ? " (the last task)" : "");
    } else {
      EXPECT(cnt[t] >= min && (kind != GRAIN || cnt[t] < 2 * p),
             "%s: a task ran %d iterations", what, cnt[t]);
    }
  }
}

/* Forms; `kind` selects the clause where the form allows several. */
static void run(int form, int kind, long n, long p) {
  long sum = 0;
  reset();
#pragma omp parallel
#pragma omp single
  {
    int tok = -1;
    switch (form * 3 + kind) {
    case 0 * 3 + GRAIN_STRICT:
#pragma omp taskloop grainsize(strict : p) firstprivate(tok)
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
      break;
    case 0 * 3 + GRAIN:
#pragma omp taskloop grainsize(p) firstprivate(tok)
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
      break;
    case 0 * 3 + NUM_TASKS:
#pragma omp taskloop num_tasks(p) firstprivate(tok)
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
      break;
    case 1 * 3 + NUM_TASKS: /* strict num_tasks */
#pragma omp taskloop num_tasks(strict : p) firstprivate(tok)
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
      break;
    case 2 * 3 + GRAIN_STRICT: /* nogroup: the taskwait waits instead */
#pragma omp taskloop grainsize(strict : p) firstprivate(tok) nogroup
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
#pragma omp taskwait
      break;
    case 2 * 3 + NUM_TASKS:
#pragma omp taskloop num_tasks(strict : p) firstprivate(tok) nogroup
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
#pragma omp taskwait
      break;
    case 3 * 3 + GRAIN_STRICT:
#pragma omp taskloop grainsize(strict : p) firstprivate(tok) reduction(+ : sum)
      for (long i = 0; i < n; i++) {
        hit(&tok, i, n);
        sum += i;
      }
      break;
    case 3 * 3 + NUM_TASKS:
#pragma omp taskloop num_tasks(strict : p) firstprivate(tok) reduction(+ : sum)
      for (long i = 0; i < n; i++) {
        hit(&tok, i, n);
        sum += i;
      }
      break;
    case 4 * 3 + GRAIN_STRICT: /* undeferred */
#pragma omp taskloop grainsize(strict : p) firstprivate(tok) if (0)
      for (long i = 0; i < n; i++)
        hit(&tok, i, n);
      break;
    case 5 * 3 + GRAIN_STRICT: /* negative step of 3 */
#pragma omp taskloop grainsize(strict : p) firstprivate(tok)
      for (long i = 3 * (n - 1); i >= 0; i -= 3)
        hit(&tok, n - 1 - i / 3, n);
      break;
    case 6 * 3 + GRAIN_STRICT:
#pragma omp taskloop grainsize(strict : p) firstprivate(tok)
      for (unsigned long long u = 18446744073709551615ull - n;
           u < 18446744073709551615ull; u++)
        hit(&tok, (long)(u - (18446744073709551615ull - n)), n);
      break;
    case 6 * 3 + NUM_TASKS:
#pragma omp taskloop num_tasks(strict : p) firstprivate(tok)
      for (unsigned long long u = 18446744073709551615ull - n;
           u < 18446744073709551615ull; u++)
        hit(&tok, (long)(u - (18446744073709551615ull - n)), n);
      break;
    case 7 * 3 + GRAIN_STRICT: /* collapse(2): n = 5 * (n / 5) */
#pragma omp taskloop grainsize(strict : p) firstprivate(tok) collapse(2)
      for (long i = 0; i < n / 5; i++)
        for (int j = 0; j < 5; j++)
          hit(&tok, i * 5 + j, n);
      break;
    default:
      abort();
    }
  }
  static const char *names[] = {"plain",   "strict",  "nogroup",  "reduction",
                                "if(0)",   "step -3", "unsigned", "collapse"};
  check(names[form], kind, n, p);
  if (form == 3)
    EXPECT(sum == n * (n - 1) / 2, "reduction n=%ld p=%ld: sum %ld", n, p,
           sum);
}

int main(void) {
  static const long ns[] = {0, 1, 5, 22, 100, 1001, 4095};
  static const long ps[] = {1, 3, 4, 5, 7, 64, 5000};
  int runs = 0;
  for (unsigned a = 0; a < sizeof ns / sizeof *ns; a++)
    for (unsigned b = 0; b < sizeof ps / sizeof *ps; b++) {
      long n = ns[a], p = ps[b];
      run(0, GRAIN_STRICT, n, p);
      run(0, GRAIN, n, p);
      run(0, NUM_TASKS, n, p);
      run(1, NUM_TASKS, n, p);
      run(2, GRAIN_STRICT, n, p);
      run(2, NUM_TASKS, n, p);
      run(3, GRAIN_STRICT, n, p);
      run(3, NUM_TASKS, n, p);
      run(4, GRAIN_STRICT, n, p);
      run(5, GRAIN_STRICT, n, p);
      run(6, GRAIN_STRICT, n, p);
      run(6, NUM_TASKS, n, p);
      run(7, GRAIN_STRICT, n - n % 5, p);
      runs += 13;
    }
  printf("taskloops checked: %d\n", runs);
  return check_report("taskloop_strict");
}
// CHECK-NOT: FAIL
// CHECK: taskloops checked: 637
// CHECK: taskloop_strict: OK
