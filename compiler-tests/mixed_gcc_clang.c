// One process, two compilers: a gcc-built program (GOMP_* interface) calls a
// clang-built shared library (__kmpc_* interface); both run parallel regions
// and tasks.  On Tempo they share one runtime: one thread pool (the process
// never holds more threads than the largest team), one set of ICVs (a
// num_threads set by gcc code sizes the library's regions), one task
// scheduler (tasks of both complete at either side's taskwait).  Two stock
// runtimes would start a pool each.
// REQUIRES: tempo, gcc, gcc-and-clang
// RUN: %clang -fPIC -shared -DMIXED_LIB %s -o %t-lib.so
// RUN: %gcc -DMIXED_MAIN %s %t-lib.so -Wl,-rpath,%T -o %t && %preload %run %t | %FileCheck %s
// RUN: %clang -fPIC -shared -DMIXED_LIB %s %link -o %t-lib.so
// RUN: %gcc -DMIXED_MAIN %s %t-lib.so %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include <stdio.h>
#include <string.h>

#ifdef MIXED_LIB
/* Sum of 0..n-1 with a task per element, from a parallel region; records the
 * team size the region got and which thread numbers ran it. */
long lib_sum(int n, int *team_size, int *tids_seen) {
  long total = 0;
  *tids_seen = 0;
#pragma omp parallel
  {
#pragma omp atomic
    *tids_seen |= 1 << omp_get_thread_num();
#pragma omp single
    {
      *team_size = omp_get_num_threads();
      for (int i = 0; i < n; i++) {
#pragma omp task firstprivate(i) shared(total)
        {
#pragma omp atomic
          total += i;
        }
      }
#pragma omp taskwait
    }
  }
  return total;
}

/* A task the caller's taskwait must wait for (created in the caller's task). */
void lib_spawn(long *out) {
#pragma omp task firstprivate(out)
  *out = 42;
}
#endif

#ifdef MIXED_MAIN
#include "check.h"
#include "procinfo.h"
long lib_sum(int n, int *team_size, int *tids_seen);
void lib_spawn(long *out);

int main(void) {
  omp_set_dynamic(0);
  omp_set_num_threads(3); /* gcc code sets the ICV, clang code must see it */
  int team = 0, tids = 0;
  long s = lib_sum(1000, &team, &tids);
  EXPECT_EQ_LL(s, 999L * 1000 / 2);
  EXPECT(team == 3, "clang region got %d threads after gcc's omp_set_num_threads(3)", team);
  EXPECT(tids == 7, "thread numbers seen 0x%x, want 0x7", tids);

  long gsum = 0;
#pragma omp parallel reduction(+ : gsum)
  gsum += omp_get_thread_num();
  EXPECT_EQ_LL(gsum, 0 + 1 + 2);

  /* Both sides' regions ran 3-thread teams: one pool holds 2 workers. */
  int nthr = proc_threads();
  EXPECT(nthr == 3, "process has %d threads, want 3 (one pool of 2 workers + main)", nthr);

  long v = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
  {
    lib_spawn(&v);
#pragma omp taskwait
    EXPECT(v == 42, "clang task not complete at gcc taskwait: %ld", v);
  }
  return check_report("mixed_gcc_clang");
}
#endif
// CHECK-NOT: FAIL
// CHECK: mixed_gcc_clang: OK
