// Nonmonotonic dynamic and guided loops (Tempo runs them by range stealing): every
// iteration exactly once through orphaned nowait chains, uneven costs and
// unsigned long long bounds; lastprivate takes the sequentially last value
// even when threads steal; a slow block gets shared out (load balance); the
// same through schedule(runtime), and with stealing switched off.
// RUN: %cc %s -o %t
// RUN: %preload %run %t | %FileCheck %s
// RUN: env OMP_SCHEDULE=dynamic,3 %preload %run %t runtime | %FileCheck %s
// RUN: env OMP_SCHEDULE=nonmonotonic:dynamic %preload %run %t runtime | %FileCheck %s
// RUN: env OMP_SCHEDULE=guided,2 %preload %run %t runtime | %FileCheck %s
// RUN: env TEMPO_LOOP_STEAL=false %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// CHECK-NOT: FAIL
// CHECK: for_nonmonotonic: OK
#include <omp.h>
#include <string.h>
#include "check.h"

#define N 2003
static int cnt[6][N];
static int use_runtime;

static void spin(int k) {
  for (volatile int i = 0; i < k; i++)
    ;
}

/* One orphaned nowait loop: schedule(runtime), or nonmonotonic:dynamic,c
 * for even l and guided,c (nonmonotonic by default) for odd l. */
static void loop(int l, long n, long c, int slow) {
  if (use_runtime) {
#pragma omp for schedule(runtime) nowait
    for (long i = 0; i < n; i++) {
      if (slow && i % slow == 0)
        spin(3000);
      __atomic_fetch_add(&cnt[l][i], 1, __ATOMIC_RELAXED);
    }
  } else if (l % 2) {
#pragma omp for schedule(guided, c) nowait
    for (long i = 0; i < n; i++) {
      if (slow && i % slow == 0)
        spin(3000);
      __atomic_fetch_add(&cnt[l][i], 1, __ATOMIC_RELAXED);
    }
  } else {
#pragma omp for schedule(nonmonotonic : dynamic, c) nowait
    for (long i = 0; i < n; i++) {
      if (slow && i % slow == 0)
        spin(3000);
      __atomic_fetch_add(&cnt[l][i], 1, __ATOMIC_RELAXED);
    }
  }
}

static void chains(void) {
  static const long ns[] = {0, 1, 5, 64, 999, N};
  for (int rep = 0; rep < 30; rep++) {
    memset(cnt, 0, sizeof cnt);
    int nthr = 2 + rep % 4;
#pragma omp parallel num_threads(nthr)
    {
      /* Members race ahead through nowait loops into later ones, some with
       * a static loop between (no stealing there). */
      for (int l = 0; l < 6; l++) {
        if (l == 3) {
#pragma omp for schedule(static) nowait
          for (long i = 0; i < N; i++)
            __atomic_fetch_add(&cnt[l][i], 1, __ATOMIC_RELAXED);
        } else {
          loop(l, ns[(rep + l) % 6], 1 + (rep + l) % 7, rep % 3 ? 5 + l : 0);
        }
      }
    }
    for (int l = 0; l < 6; l++) {
      long n = l == 3 ? N : ns[(rep + l) % 6];
      char what[64];
      snprintf(what, sizeof what, "rep %d loop %d (%d threads)", rep, l, nthr);
      check_once(cnt[l], n, what);
    }
  }
}

static void lastprivate(void) {
  for (long n = 1; n < 400; n += 41) {
    long x = -1, idx = -1, g = -1;
    unsigned long long u = 0;
#pragma omp parallel for lastprivate(x) schedule(nonmonotonic : dynamic) num_threads(3)
    for (long i = 0; i < n; i++) {
      if (i < n / 3)
        spin(2000); /* the first block is slow: others steal from it */
      x = i * 7 + 1;
    }
#pragma omp parallel for lastprivate(idx) schedule(dynamic, 2) num_threads(2)
    for (idx = 0; idx < n; idx++)
      if (idx % 5 == 0)
        spin(1000);
#pragma omp parallel for lastprivate(g) schedule(guided, 3) num_threads(3)
    for (long i = n - 1; i >= 0; i--) {
      if (i > n / 2)
        spin(2000); /* the first pieces are slow: others steal */
      g = i;
    }
    /* unsigned long long bounds at the top of the range, stepping down */
    unsigned long long top = ~0ULL, ui;
#pragma omp parallel for lastprivate(u) schedule(nonmonotonic : dynamic, 3) num_threads(4)
    for (ui = top; ui > top - (unsigned long long)n; ui--)
      u = ui;
    unsigned long long ug = 0;
#pragma omp parallel for lastprivate(ug) schedule(guided, 2) num_threads(3)
    for (ui = top - (unsigned long long)n; ui < top; ui++)
      ug = ui;
    EXPECT(ug == top - 1, "n=%ld: ull guided lastprivate %llu", n, ug);
    EXPECT(x == (n - 1) * 7 + 1, "n=%ld: lastprivate x=%ld", n, x);
    EXPECT(idx == n, "n=%ld: lastprivate loop variable %ld", n, idx);
    EXPECT(g == 0, "n=%ld: guided lastprivate g=%ld", n, g);
    EXPECT(u == top - (unsigned long long)n + 1, "n=%ld: ull lastprivate %llu",
           n, u);
  }
}

/* Load balance: whichever thread runs iteration 0 stalls there until
 * another thread has run one of iterations 1..31 (20 s timeout).  A dynamic
 * schedule lets the other thread get there; a static split would not. */
static void balance(void) {
  int helped = 0, first = -1;
#pragma omp parallel for schedule(dynamic) num_threads(2)
  for (int i = 0; i < 64; i++) {
    if (i == 0) {
      __atomic_store_n(&first, omp_get_thread_num(), __ATOMIC_RELEASE);
      double t0 = omp_get_wtime();
      while (!__atomic_load_n(&helped, __ATOMIC_ACQUIRE) && omp_get_wtime() - t0 < 20)
        spin(100);
    } else if (i < 32) {
      int f;
      double t0 = omp_get_wtime();
      while ((f = __atomic_load_n(&first, __ATOMIC_ACQUIRE)) < 0 &&
             omp_get_wtime() - t0 < 20)
        spin(100);
      if (f != omp_get_thread_num())
        __atomic_store_n(&helped, 1, __ATOMIC_RELEASE);
    }
  }
  EXPECT(helped, "no thread helped while iteration 0 stalled");
}

int main(int argc, char **argv) {
  use_runtime = argc > 1 && !strcmp(argv[1], "runtime");
  chains();
  lastprivate();
  balance();
  return check_report("for_nonmonotonic");
}
