// Hybrid parts (hwloc CPU kinds), on XML machines in Inputs/:
//  topo-hybrid.xml    4 P-cores x 2 PUs (CPUs 0-7, kind IntelCore) and 8
//                     E-cores (CPUs 8-15, IntelAtom, 2 clusters sharing an L2)
//  topo-biglittle.xml 4 LITTLE cores (CPUs 0-3) then 4 big ones (CPUs 4-7),
//                     kinds ranked by efficiency only (no CoreType)
// Tempo knows each place's kind (OMP_DISPLAY_ENV=verbose lists them);
// TEMPO_PLACES_KIND=performance|efficiency keeps only the fastest or slowest
// kind's CPUs for places and binding (an unset OMP_PROC_BIND becomes true).
// Loops: schedule(static) keeps equal shares; nonmonotonic dynamic, guided
// (range stealing) and, on a team spanning kinds, schedule(auto) balance by
// work done (gcc compiles schedule(auto) as static without asking the
// runtime, so with gcc it is tested through schedule(runtime) and
// run-sched-var auto; clang asks the runtime for both): the threads on E-core places hold their first iteration until
// the P-core threads have run all the rest, which only a schedule that hands
// out work as it is done can finish.  Places are computed, not applied, on
// these machines (topology.h), so the "slow" threads are the ones whose place
// is an E-core, whatever CPU they really run on.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml TEMPO_PLACES_KIND=performance OMP_PLACES=cores %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=H-PERF --implicit-check-not=tempo
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml TEMPO_PLACES_KIND=efficiency OMP_PLACES=cores %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=H-EFF --implicit-check-not=tempo
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml TEMPO_PLACES_KIND=all OMP_PLACES=cores %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=H-ALL --implicit-check-not=tempo
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml TEMPO_PLACES_KIND=performance OMP_PLACES="{0:16}" %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=H-EXPLICIT --implicit-check-not=tempo
// RUN: env HWLOC_XMLFILE=%inputs/topo-biglittle.xml TEMPO_PLACES_KIND=performance %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=B-PERF --implicit-check-not=tempo
// RUN: env HWLOC_XMLFILE=%inputs/topo-biglittle.xml TEMPO_PLACES_KIND=" Efficiency " OMP_PLACES=threads %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=B-EFF --implicit-check-not=tempo
// OMP_PROC_BIND=false still wins (no places, no binding).
// RUN: env HWLOC_XMLFILE=%inputs/topo-biglittle.xml TEMPO_PLACES_KIND=performance OMP_PROC_BIND=false %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=NOBIND --implicit-check-not=tempo
// Bad values, and a machine with one kind: one warning, every CPU.
// RUN: env HWLOC_XMLFILE=%inputs/topo-biglittle.xml TEMPO_PLACES_KIND=fast OMP_PLACES=threads %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=BAD
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml TEMPO_PLACES_KIND=performance OMP_PLACES=sockets %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=ONEKIND
// The display: kinds, and each place's kind.
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml OMP_PLACES=cores OMP_DISPLAY_ENV=verbose %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=SHOW-H
// RUN: env HWLOC_XMLFILE=%inputs/topo-biglittle.xml TEMPO_PLACES_KIND=performance OMP_DISPLAY_ENV=verbose %preload %run %t places 2>&1 | %FileCheck %s --check-prefix=SHOW-B
// Loops on a team of 2 P-core and 2 E-core places (spread over the 12 cores).
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml OMP_PLACES=cores OMP_PROC_BIND=spread %preload %run %t loops 2>&1 | %FileCheck %s --check-prefix=LOOPS --implicit-check-not=FAIL
// RUN: env HWLOC_XMLFILE=%inputs/topo-biglittle.xml OMP_PLACES=cores OMP_PROC_BIND=spread %preload %run %t loops 2>&1 | %FileCheck %s --check-prefix=LOOPS --implicit-check-not=FAIL
// TEMPO_AUTO_BALANCE=0, or a team on one kind: auto is static (equal blocks).
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml OMP_PLACES=cores OMP_PROC_BIND=spread TEMPO_AUTO_BALANCE=0 %preload %run %t auto-static 2>&1 | %FileCheck %s --check-prefix=AUTO-STATIC --implicit-check-not=FAIL
// RUN: env HWLOC_XMLFILE=%inputs/topo-hybrid.xml OMP_PLACES=cores OMP_PROC_BIND=spread TEMPO_PLACES_KIND=efficiency %preload %run %t auto-static 2>&1 | %FileCheck %s --check-prefix=AUTO-STATIC --implicit-check-not=FAIL
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES=cores OMP_PROC_BIND=spread %preload %run %t auto-static 2>&1 | %FileCheck %s --check-prefix=AUTO-STATIC --implicit-check-not=FAIL
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "placelist.h"

#define N 1000
#define T 4

/* A thread is slow when its place holds an E-core / LITTLE CPU: 8-15 on
 * topo-hybrid.xml, 0-3 on topo-biglittle.xml. */
static int slow_place(int place) {
  const char *xml = getenv("HWLOC_XMLFILE");
  int big_little = xml && strstr(xml, "biglittle");
  int n = omp_get_place_num_procs(place), ids[64], slow = 0;
  if (place < 0 || n <= 0 || n > 64)
    return 0;
  omp_get_place_proc_ids(place, ids);
  for (int k = 0; k < n; k++)
    slow |= big_little ? ids[k] < 4 : ids[k] >= 8;
  return slow;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int ran[N], done, nslow, stuck;
static int per_thread[T];

/* One iteration.  A slow thread, on its first, waits until the fast ones
 * have run all but `hold` iterations per slow thread (what a slow thread
 * may have taken at once); it gives up after 20 s and counts as stuck. */
static void iteration(int i, int slow, int *first, int hold) {
  if (slow && *first && hold > 0) {
    double end = now() + 20;
    while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) < N - nslow * hold) {
      if (now() > end) {
        __atomic_fetch_add(&stuck, 1, __ATOMIC_RELAXED);
        break;
      }
      sched_yield();
    }
  }
  *first = 0;
  __atomic_fetch_add(&ran[i], 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&per_thread[omp_get_thread_num()], 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
}

enum { STATIC, DYNAMIC, GUIDED, AUTO, AUTO_CLAUSE };
static const char *const names[] = {"static", "nonmonotonic:dynamic", "guided", "runtime auto",
                                    "auto"};

/* Runs one loop; hold = 0: nobody waits (static shares are checked). */
static void run(int sched, int hold) {
  memset(ran, 0, sizeof ran);
  memset(per_thread, 0, sizeof per_thread);
  done = stuck = nslow = 0;
  int slow_threads = 0;
#pragma omp parallel num_threads(T)
  {
    int slow = slow_place(omp_get_place_num()), first = 1;
    if (slow)
      __atomic_fetch_add(&nslow, 1, __ATOMIC_RELAXED);
    /* Every member enters one stealing loop first: a member's range can be
     * stolen before it arrives only once it has been in one (steal.c). */
#pragma omp for schedule(nonmonotonic : dynamic)
    for (int i = 0; i < 64; i++)
      (void)i;
    if (sched == STATIC) {
#pragma omp for schedule(static)
      for (int i = 0; i < N; i++)
        iteration(i, slow, &first, hold);
    } else if (sched == DYNAMIC) {
#pragma omp for schedule(nonmonotonic : dynamic)
      for (int i = 0; i < N; i++)
        iteration(i, slow, &first, hold);
    } else if (sched == GUIDED) {
#pragma omp for schedule(guided)
      for (int i = 0; i < N; i++)
        iteration(i, slow, &first, hold);
    } else if (sched == AUTO) {
      /* gcc compiles schedule(auto) as static itself, without asking the
       * runtime; schedule(runtime) with run-sched-var auto asks it. */
#pragma omp for schedule(runtime)
      for (int i = 0; i < N; i++)
        iteration(i, slow, &first, hold);
    } else {
      /* clang asks the runtime for schedule(auto) (kmp_sch_auto). */
#pragma omp for schedule(auto)
      for (int i = 0; i < N; i++)
        iteration(i, slow, &first, hold);
    }
#pragma omp atomic
    slow_threads += slow;
  }
  check_once(ran, N, names[sched]);
  EXPECT(hold == 0 || slow_threads == 2, "%s: %d threads on slow places, expected 2", names[sched], slow_threads);
  EXPECT(stuck == 0, "%s: %d slow thread(s) still held work after 20 s: not balanced by work done",
         names[sched], stuck);
  if (hold == 0)
    for (int t = 0; t < T; t++)
      EXPECT(per_thread[t] == N / T, "%s: thread %d ran %d iterations, not an equal share %d",
             names[sched], t, per_thread[t], N / T);
  printf("%s: ok\n", names[sched]);
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  omp_set_schedule(omp_sched_auto, 0);
  if (strcmp(argv[1], "places") == 0) {
    print_place_list();
    printf("proc_bind %d\n", (int)omp_get_proc_bind());
    return 0;
  }
  if (strcmp(argv[1], "loops") == 0) {
    run(STATIC, 0);
    run(DYNAMIC, 1);
    /* Guided pieces are at most a 1/2T-th of the range a thread holds,
     * which is at most half the loop. */
    run(GUIDED, N / (4 * T) + 1);
    run(AUTO, 1);
#ifdef __clang__
    run(AUTO_CLAUSE, 1);
#else
    printf("auto: ok\n"); /* gcc: static, chosen by the compiler */
#endif
  } else {
    run(AUTO, 0);
#ifdef __clang__
    run(AUTO_CLAUSE, 0);
#else
    printf("auto: ok\n");
#endif
  }
  return check_report("hybrid");
}

// H-PERF: places 4: {0,1} {2,3} {4,5} {6,7}
// H-EFF: places 8: {8} {9} {10} {11} {12} {13} {14} {15}
// H-ALL: places 12: {0,1} {2,3} {4,5} {6,7} {8} {9} {10} {11} {12} {13} {14} {15}
// H-EXPLICIT: places 1: {0,1,2,3,4,5,6,7}
// B-PERF: places 4: {4} {5} {6} {7}
// B-PERF-NEXT: proc_bind 1
// B-EFF: places 4: {0} {1} {2} {3}
// NOBIND: places 0:
// NOBIND-NEXT: proc_bind 0
// BAD: tempo: warning: ignoring TEMPO_PLACES_KIND='fast': expected all, performance or efficiency; using the default
// BAD-NOT: tempo
// BAD: places 8: {0} {1} {2} {3} {4} {5} {6} {7}
// ONEKIND: tempo: warning: ignoring TEMPO_PLACES_KIND='performance': this machine has one kind of CPU; using them all
// ONEKIND-NOT: tempo
// ONEKIND: places 2:
// SHOW-H: TEMPO_PLACES_KIND = 'ALL'
// SHOW-H: tempo: machine 1 package, 1 NUMA domain, 12 cores, 16 hardware threads (2 per core); not this machine
// SHOW-H-NEXT: tempo: caches L1 12 x 32 KiB to 48 KiB, L2 6 x 1280 KiB to 2 MiB, L3 1 x 12 MiB
// SHOW-H-NEXT: tempo: CPU kinds 2, slowest first: IntelAtom CPUs 8-15 (efficiency 0); IntelCore CPUs 0-7 (efficiency 1)
// SHOW-H-NEXT: tempo: place kinds 1 1 1 1 0 0 0 0 0 0 0 0 (0 = the slowest)
// SHOW-B: OMP_PROC_BIND = 'TRUE'
// SHOW-B: OMP_PLACES = '{4},{5},{6},{7}'
// SHOW-B: TEMPO_PLACES_KIND = 'PERFORMANCE'
// SHOW-B: tempo: CPU kinds 2, slowest first: unnamed CPUs 0-3 (efficiency 0); unnamed CPUs 4-7 (efficiency 1)
// SHOW-B-NEXT: tempo: place kinds 1 1 1 1 (0 = the slowest)
// SHOW-B-NEXT: tempo: default team size {{[0-9]+}} from {{.*}}; TEMPO_PLACES_KIND=performance: only those CPUs
// LOOPS: static: ok
// LOOPS-NEXT: nonmonotonic:dynamic: ok
// LOOPS-NEXT: guided: ok
// LOOPS-NEXT: runtime auto: ok
// LOOPS-NEXT: auto: ok
// LOOPS-NEXT: hybrid: OK
// AUTO-STATIC: runtime auto: ok
// AUTO-STATIC-NEXT: auto: ok
// AUTO-STATIC-NEXT: hybrid: OK
