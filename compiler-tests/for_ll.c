// long long loops near LLONG_MIN and LLONG_MAX, both directions, several
// schedules: every iteration exactly once.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_SCHEDULE=monotonic:dynamic,5 %preload %run %t | %FileCheck %s
#include <limits.h>
#include "loopcheck.h"

typedef long long ll;

int main(void) {
  char what[96];
  static const ll spans[][2] = {{0, 1}, {1, 1}, {2, 1}, {97, 1},
                                {1000, 7}, {4001, 3}, {5, 9}};
  for (unsigned s = 0; s < sizeof spans / sizeof *spans; s++) {
    ll len = spans[s][0], st = spans[s][1];
    long n = (long)((len + st - 1) / st);
    for (int sched = 0; sched < 4; sched++) {
      /* Up to LLONG_MAX (exclusive); i + st never overflows. */
      ll hi = LLONG_MAX - (st - 1), lo = hi - len;
      lc_reset();
      switch (sched) {
      case 0:
#pragma omp parallel for schedule(static) num_threads(3)
        for (ll i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      case 1:
#pragma omp parallel for schedule(dynamic, 4) num_threads(3)
        for (ll i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      case 2:
#pragma omp parallel for schedule(guided, 3) num_threads(3)
        for (ll i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      default:
#pragma omp parallel for schedule(runtime) num_threads(3)
        for (ll i = lo; i < hi; i += st) lc_hit((long)((i - lo) / st));
        break;
      }
      snprintf(what, sizeof what, "ll up to MAX sched %d len %lld step %lld",
               sched, len, st);
      lc_check_once(n, what);
      /* Down to LLONG_MIN (exclusive); i - st never overflows. */
      lo = LLONG_MIN + (st - 1);
      hi = lo + len;
      lc_reset();
      switch (sched) {
      case 0:
#pragma omp parallel for schedule(static, 2) num_threads(3)
        for (ll i = hi; i > lo; i -= st) lc_hit((long)((hi - i) / st));
        break;
      case 1:
#pragma omp parallel for schedule(dynamic) num_threads(3)
        for (ll i = hi; i > lo; i -= st) lc_hit((long)((hi - i) / st));
        break;
      case 2:
#pragma omp parallel for schedule(guided) num_threads(3)
        for (ll i = hi; i > lo; i -= st) lc_hit((long)((hi - i) / st));
        break;
      default:
#pragma omp parallel for schedule(runtime) num_threads(3)
        for (ll i = hi; i > lo; i -= st) lc_hit((long)((hi - i) / st));
        break;
      }
      snprintf(what, sizeof what, "ll down to MIN sched %d len %lld step %lld",
               sched, len, st);
      lc_check_once(n, what);
    }
  }
  /* Crossing zero with a span wider than 2^32. */
  lc_reset();
  const ll big = 3LL << 31;
#pragma omp parallel for schedule(dynamic, 2) num_threads(3)
  for (ll i = -big; i <= big; i += big / 4)
    lc_hit((long)((i + big) / (big / 4)));
  lc_check_once(9, "ll across zero");
  return check_report("for_ll");
}
// CHECK-NOT: FAIL
// CHECK: for_ll: OK
