// schedule(runtime) follows OMP_SCHEDULE (and omp_set_schedule): parsed kind
// and chunk, every iteration exactly once, chunk/monotonic properties.
// RUN: %cc %s -o %t
// RUN: env OMP_SCHEDULE=static %preload %run %t | %FileCheck %s --check-prefix=STATIC
// RUN: env OMP_SCHEDULE=static,5 %preload %run %t | %FileCheck %s --check-prefix=STATIC5
// RUN: env OMP_SCHEDULE=dynamic %preload %run %t | %FileCheck %s --check-prefix=DYN
// RUN: env OMP_SCHEDULE=DYNAMIC,4 %preload %run %t | %FileCheck %s --check-prefix=DYN4
// RUN: env OMP_SCHEDULE=monotonic:dynamic,3 %preload %run %t | %FileCheck %s --check-prefix=MDYN3
// RUN: env OMP_SCHEDULE=nonmonotonic:guided %preload %run %t | %FileCheck %s --check-prefix=NMGUIDED
// RUN: env OMP_SCHEDULE=guided,7 %preload %run %t | %FileCheck %s --check-prefix=GUIDED7
// RUN: env OMP_SCHEDULE=auto %preload %run %t | %FileCheck %s --check-prefix=AUTO
// RUN: %cc %s %link -o %t.l && env OMP_SCHEDULE=monotonic:dynamic,3 %run %t.l | %FileCheck %s --check-prefix=MDYN3
// RUN: %cc %s %link -o %t.l && env OMP_SCHEDULE=static,5 %run %t.l | %FileCheck %s --check-prefix=STATIC5
#include "loopcheck.h"

static const char *kind_name(omp_sched_t k) {
  switch ((int)(k & ~omp_sched_monotonic)) {
  case omp_sched_static: return "static";
  case omp_sched_dynamic: return "dynamic";
  case omp_sched_guided: return "guided";
  case omp_sched_auto: return "auto";
  default: return "?";
  }
}

static void run_all(omp_sched_t kind, int chunk) {
  char what[96];
  int base = (int)(kind & ~omp_sched_monotonic);
  for (unsigned b = 0; b < LC_NBOUNDS; b++) {
    long lo = lc_bounds[b][0], hi = lc_bounds[b][1], st = lc_bounds[b][2];
    long n = lc_trips(lo, hi, st);
    lc_reset();
#pragma omp parallel for schedule(runtime) num_threads(3)
    for (long i = lo; i < hi; i += st)
      lc_hit((i - lo) / st);
    snprintf(what, sizeof what, "runtime %s,%d [%ld,%ld) step %ld",
             kind_name(kind), chunk, lo, hi, st);
    lc_check_once(n, what);
    if (base == omp_sched_static && chunk > 0)
      lc_check_static_chunks(n, chunk, 3, what);
    if (base == omp_sched_static && chunk <= 0)
      lc_check_static_blocks(n, 3, what);
    if (base == omp_sched_dynamic && chunk > 1)
      lc_check_chunks(n, chunk, what);
    if (base == omp_sched_guided && chunk > 1)
      lc_check_min_runs(n, chunk, what);
    if ((kind & omp_sched_monotonic) || base == omp_sched_static)
      lc_check_monotonic(what);
  }
}

int main(void) {
  omp_sched_t kind;
  int chunk;
  omp_get_schedule(&kind, &chunk);
  printf("env schedule: %s chunk=%d monotonic=%d\n", kind_name(kind),
         chunk, (kind & omp_sched_monotonic) != 0);
  run_all(kind, chunk);
  /* omp_set_schedule overrides the environment. */
  omp_set_schedule(omp_sched_dynamic, 6);
  omp_get_schedule(&kind, &chunk);
  EXPECT(kind == omp_sched_dynamic && chunk == 6, "kind %d chunk %d",
         (int)kind, chunk);
  run_all(kind, chunk);
  omp_set_schedule(omp_sched_static, 2);
  omp_get_schedule(&kind, &chunk);
  run_all(kind, chunk);
  omp_set_schedule(omp_sched_guided, 5);
  omp_get_schedule(&kind, &chunk);
  run_all(kind, chunk);
  return check_report("for_runtime");
}
// STATIC: env schedule: static chunk={{(0|-1)}}
// STATIC-NOT: FAIL
// STATIC: for_runtime: OK
// STATIC5: env schedule: static chunk=5
// STATIC5-NOT: FAIL
// STATIC5: for_runtime: OK
// DYN: env schedule: dynamic chunk=1
// DYN-NOT: FAIL
// DYN: for_runtime: OK
// DYN4: env schedule: dynamic chunk=4 monotonic=0
// DYN4-NOT: FAIL
// DYN4: for_runtime: OK
// MDYN3: env schedule: dynamic chunk=3 monotonic=1
// MDYN3-NOT: FAIL
// MDYN3: for_runtime: OK
// NMGUIDED: env schedule: guided chunk=1 monotonic=0
// NMGUIDED-NOT: FAIL
// NMGUIDED: for_runtime: OK
// GUIDED7: env schedule: guided chunk=7 monotonic=0
// GUIDED7-NOT: FAIL
// GUIDED7: for_runtime: OK
// AUTO: env schedule: auto
// AUTO-NOT: FAIL
// AUTO: for_runtime: OK
