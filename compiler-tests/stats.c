// TEMPO_STATS: the counts equal what the program did.  Three regions of one
// function, each with 4 explicit barriers and 100 tasks created by thread 0
// (no construct with an implicit barrier), then one region of another
// function with a dynamic loop of 1000 iterations in chunks of 10.  Every
// task runs once, either at once or deferred; every thread passes every
// barrier; the loop hands out exactly 100 chunks.  TEMPO_STATS=1 prints a
// table on stderr; a file name gets JSON; 0 prints nothing; an unwritable
// file gets a warning and the table.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: rm -f %t.json && env OMP_NUM_THREADS=2 TEMPO_STATS=%t.json %preload %run %t | %FileCheck %s
// RUN: %python %S/Inputs/check_stats.py %t.json regions=3,1 barriers=24 tasks_now+tasks_run=300 same=tasks_deferred,tasks_run loop_chunks=100 | %FileCheck %s --check-prefix=JSON
// RUN: rm -f %t.json && env OMP_NUM_THREADS=3 TEMPO_STATS=%t.json %preload %run %t | %FileCheck %s
// RUN: %python %S/Inputs/check_stats.py %t.json regions=3,1 barriers=36 tasks_now+tasks_run=300 same=tasks_deferred,tasks_run loop_chunks=100 | %FileCheck %s --check-prefix=JSON
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=1 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=TABLE
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=0 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=OFF
// RUN: rm -rf %t.pc && mkdir -p %t.pc/intel-rapl:0 && echo 1000000 > %t.pc/intel-rapl:0/energy_uj && echo 262143328850 > %t.pc/intel-rapl:0/max_energy_range_uj
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=1 TEMPO_TEST_POWERCAP_ROOT=%t.pc %preload %run %t %t.pc/intel-rapl:0/energy_uj 3500000 2>&1 | %FileCheck %s --check-prefix=ENERGY
// RUN: echo 262143000000 > %t.pc/intel-rapl:0/energy_uj
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=1 TEMPO_TEST_POWERCAP_ROOT=%t.pc %preload %run %t %t.pc/intel-rapl:0/energy_uj 500000 2>&1 | %FileCheck %s --check-prefix=WRAP
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=1 TEMPO_TEST_POWERCAP_ROOT=%t.none %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NOENERGY
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=/nonexistent/dir/s.json %preload %run %t 2>&1 | %FileCheck %s --check-prefixes=UNWRITABLE,TABLE
#include <omp.h>
#include <stdio.h>

static int ran[300];

static void region_with_tasks(int r) {
#pragma omp parallel
  {
    for (int b = 0; b < 4; b++) {
      if (omp_get_thread_num() == 0 && b == 0)
        for (int i = 0; i < 100; i++) {
#pragma omp task firstprivate(i)
          __atomic_fetch_add(&ran[r * 100 + i], 1, __ATOMIC_RELAXED);
        }
#pragma omp barrier
    }
  }
}

int main(int argc, char **argv) {
  for (int r = 0; r < 3; r++)
    region_with_tasks(r);
  long sum = 0;
#pragma omp parallel for schedule(dynamic, 10) reduction(+ : sum)
  for (int i = 0; i < 1000; i++)
    sum += i;
  int bad = 0;
  for (int i = 0; i < 300; i++)
    bad += ran[i] != 1;
  printf("sum=%ld tasks-not-run-once=%d\n", sum, bad);
  if (argc > 2) { /* a fake energy counter, advanced as if the run used energy */
    FILE *f = fopen(argv[1], "w");
    if (!f || fprintf(f, "%s\n", argv[2]) < 0 || fclose(f))
      return 2;
  }
  return bad != 0;
}
// CHECK: sum=499500 tasks-not-run-once=0
// JSON: stats ok
// UNWRITABLE: tempo: warning: TEMPO_STATS: cannot write /nonexistent/dir/s.json; the statistics go to stderr
// TABLE: tempo: statistics (TEMPO_STATS) after {{[0-9.]+}} s; per thread:
// TABLE-NEXT: thread regions barriers barrier-ms chunks range-steals deferred run-now run promoted stolen steals/tries sleeps sleep-ms
// TABLE: total 4
// TABLE: tempo: parallel regions (by outlined function; times of their masters):
// TABLE-NEXT: count total-ms p50-us p99-us max-us function
// TABLE-NEXT: {{ +}}{{[13]}} {{.*}}
// TABLE-NEXT: {{ +}}{{[13]}} {{.*}}
// TABLE-NEXT: tempo: barrier waits: p50 {{[0-9.]+}} us, p99 {{[0-9.]+}} us
// OFF-NOT: tempo
// OFF: sum=499500
// OFF-NOT: tempo
// ENERGY: tempo: energy: 2.500 J since the start (RAPL, 1 package domain)
// WRAP: tempo: energy: 0.829 J since the start (RAPL, 1 package domain)
// NOENERGY: tempo: energy: not measured (no RAPL counters readable under /sys/class/powercap)
