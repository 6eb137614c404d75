// omp_set_schedule / omp_get_schedule round trip for every kind, with the
// monotonic modifier, chunk <= 0 meaning the default, and per-task
// (per-thread) scope of the setting inside a parallel region.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  omp_sched_t k;
  int c;
  static const omp_sched_t kinds[] = {omp_sched_static, omp_sched_dynamic,
                                      omp_sched_guided, omp_sched_auto};
  for (int i = 0; i < 4; i++) {
    omp_set_schedule(kinds[i], 9);
    omp_get_schedule(&k, &c);
    EXPECT((k & ~omp_sched_monotonic) == kinds[i], "kind %d got %d",
           (int)kinds[i], (int)k);
    if (kinds[i] != omp_sched_auto)
      EXPECT(c == 9, "kind %d chunk %d", (int)kinds[i], c);
  }
  omp_set_schedule(omp_sched_dynamic | omp_sched_monotonic, 4);
  omp_get_schedule(&k, &c);
  printf("monotonic dynamic: base=%d mono=%d chunk=%d\n",
         (int)(k & ~omp_sched_monotonic), (k & omp_sched_monotonic) != 0, c);
  /* chunk < 1 selects the default chunk: 1 for dynamic/guided. */
  omp_set_schedule(omp_sched_guided, 0);
  omp_get_schedule(&k, &c);
  printf("guided default chunk=%d\n", c);
  omp_set_schedule(omp_sched_dynamic, -5);
  omp_get_schedule(&k, &c);
  printf("dynamic negative chunk=%d\n", c);
  /* A setting made inside a region does not leak to the initial thread. */
  omp_set_schedule(omp_sched_static, 3);
  int inner_kind = -1, inner_chunk = -1;
#pragma omp parallel num_threads(2)
  {
    omp_sched_t ik;
    int ic;
    omp_get_schedule(&ik, &ic); /* inherited */
    if (omp_get_thread_num() == 1) {
      inner_kind = (int)(ik & ~omp_sched_monotonic);
      inner_chunk = ic;
      omp_set_schedule(omp_sched_guided, 77);
    }
  }
  omp_get_schedule(&k, &c);
  printf("inherited kind=%d chunk=%d; outer after=%d,%d\n", inner_kind,
         inner_chunk, (int)(k & ~omp_sched_monotonic), c);
  return check_report("api_schedule");
}
// CHECK-NOT: FAIL
// CHECK: monotonic dynamic: base=2 mono=1 chunk=4
// CHECK: guided default chunk=1
// CHECK: dynamic negative chunk=1
// CHECK: inherited kind=1 chunk=3; outer after=1,3
// CHECK: api_schedule: OK
