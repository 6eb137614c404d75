// OMP_PROC_BIND and OMP_PLACES parsing, observed through omp_get_proc_bind,
// omp_get_num_places, omp_get_place_num_procs, omp_get_place_proc_ids and
// omp_get_partition_num_places. The available CPUs are read from the parent
// process's affinity (the runtime may already have bound this process's
// initial thread to one place).
// RUN: %cc %s -o %t
// RUN: %preload %run %t | %FileCheck %s --check-prefix=UNSET
// RUN: env OMP_PROC_BIND=false %preload %run %t | %FileCheck %s --check-prefix=FALSE
// RUN: env OMP_PROC_BIND=true %preload %run %t | %FileCheck %s --check-prefix=TRUE
// RUN: env OMP_PROC_BIND=spread,close %preload %run %t | %FileCheck %s --check-prefix=SC
// RUN: env OMP_PROC_BIND=MASTER %preload %run %t | %FileCheck %s --check-prefix=MASTER
// RUN: env OMP_PLACES=threads %preload %run %t | %FileCheck %s --check-prefix=THREADS
// RUN: env OMP_PLACES=cores OMP_PROC_BIND=close %preload %run %t | %FileCheck %s --check-prefix=CORES
// RUN: %cc %s %link -o %t.l && env OMP_PROC_BIND=spread,close %run %t.l | %FileCheck %s --check-prefix=SC
#define _GNU_SOURCE
#include <omp.h>
#include <sched.h>
#include <unistd.h>
#include "check.h"

int main(void) {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(getppid(), sizeof set, &set) != 0)
    sched_getaffinity(0, sizeof set, &set);
  int ncpu = CPU_COUNT(&set);
  int np = omp_get_num_places();
  printf("bind=%d\n", (int)omp_get_proc_bind());
  int total = 0, bad_ids = 0;
  for (int p = 0; p < np; p++) {
    int n = omp_get_place_num_procs(p);
    int ids[256];
    total += n;
    if (n > 0 && n <= 256) {
      omp_get_place_proc_ids(p, ids);
      for (int k = 0; k < n; k++)
        bad_ids += !CPU_ISSET(ids[k], &set);
    }
  }
  EXPECT_EQ_LL(bad_ids, 0);
  if (np > 0)
    EXPECT(total == ncpu, "places cover %d procs, %d available", total, ncpu);
  printf("places: %s\n", np == 0 ? "none" : np == ncpu ? "one per cpu" : "other");
  int inner_bind = -1, part = -1, place = -2;
#pragma omp parallel num_threads(2)
#pragma omp master
  {
    inner_bind = (int)omp_get_proc_bind();
    part = omp_get_partition_num_places();
    place = omp_get_place_num();
  }
  printf("inner bind=%d\n", inner_bind);
  if (np > 0)
    EXPECT(place >= 0 && place < np && part >= 1 && part <= np,
           "place %d partition %d of %d", place, part, np);
  else
    EXPECT(place == -1 && part == 0, "place %d partition %d", place, part);
  return check_report("proc_bind_places");
}
// omp_proc_bind_false=0 true=1 master=2 close=3 spread=4
// UNSET: bind=0
// UNSET: places: none
// UNSET: proc_bind_places: OK
// FALSE: bind=0
// FALSE: places: none
// FALSE: inner bind=0
// FALSE: proc_bind_places: OK
// TRUE: bind=1
// TRUE: proc_bind_places: OK
// SC: bind=4
// SC: inner bind=3
// SC: proc_bind_places: OK
// MASTER: bind=2
// MASTER: inner bind=2
// MASTER: proc_bind_places: OK
// THREADS: places: one per cpu
// THREADS: proc_bind_places: OK
// CORES: bind=3
// CORES: places: {{one per cpu|other}}
// CORES: proc_bind_places: OK
