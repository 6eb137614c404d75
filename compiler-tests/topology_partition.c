// Place partitions of proc_bind spread/close at two nesting levels, computed
// on a synthetic machine (hwloc's HWLOC_SYNTHETIC) with 16 cores: binding is
// computed, not applied (the CPUs do not exist here), so the program sees
// the places and partitions OpenMP assigns (bind.c's rules).
// REQUIRES: tempo
// RUN: %cc %s -o %t
// 16 core places; outer spread over 4: partitions of 4; inner spread over 2:
// halves of those; inner close over 3: consecutive places, same partition.
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 core:4 pu:2" OMP_PLACES=cores OMP_MAX_ACTIVE_LEVELS=2 OMP_PROC_BIND=spread,spread OMP_NUM_THREADS=4,2 %preload %run %t | %FileCheck %s --check-prefix=SS
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 core:4 pu:2" OMP_PLACES=cores OMP_MAX_ACTIVE_LEVELS=2 OMP_PROC_BIND=spread,close OMP_NUM_THREADS=4,3 %preload %run %t | %FileCheck %s --check-prefix=SC
// More threads than places: 2 socket places, spread 4 (two per place, each
// its own partition), then close 3 inside one place.
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 core:4 pu:2" OMP_PLACES=sockets OMP_MAX_ACTIVE_LEVELS=2 OMP_PROC_BIND=spread,close OMP_NUM_THREADS=4,3 %preload %run %t | %FileCheck %s --check-prefix=OVER
// Close at both levels on the 8 core places of the chiplet XML part:
// outer close 2 keeps the whole partition, inner close 2 from each master.
// RUN: env HWLOC_XMLFILE=%inputs/topo-chiplet.xml OMP_PLACES=cores OMP_MAX_ACTIVE_LEVELS=2 OMP_PROC_BIND=close,close OMP_NUM_THREADS=2,2 %preload %run %t | %FileCheck %s --check-prefix=CC
#include <omp.h>
#include <stdio.h>

struct rec {
  int place, first, len, set;
};

static int first_of_partition(void) {
  int n = omp_get_partition_num_places(), nums[64];
  if (n <= 0 || n > 64)
    return -1;
  omp_get_partition_place_nums(nums);
  return nums[0];
}

static void record(struct rec *r) {
  r->place = omp_get_place_num();
  r->first = first_of_partition();
  r->len = omp_get_partition_num_places();
  r->set = 1;
}

int main(void) {
  static struct rec outer[8], inner[8][8];
#pragma omp parallel
  {
    int o = omp_get_thread_num();
    if (o < 8)
      record(&outer[o]);
#pragma omp parallel
    {
      int i = omp_get_thread_num();
      if (o < 8 && i < 8)
        record(&inner[o][i]);
    }
  }
  printf("places %d\n", omp_get_num_places());
  for (int o = 0; o < 8; o++) {
    if (!outer[o].set)
      continue;
    printf("L1 t%d place %d part %d+%d\n", o, outer[o].place, outer[o].first, outer[o].len);
    for (int i = 0; i < 8; i++)
      if (inner[o][i].set)
        printf("L2 t%d.%d place %d part %d+%d\n", o, i, inner[o][i].place,
               inner[o][i].first, inner[o][i].len);
  }
  return 0;
}

// SS: places 16
// SS-NEXT: L1 t0 place 0 part 0+4
// SS-NEXT: L2 t0.0 place 0 part 0+2
// SS-NEXT: L2 t0.1 place 2 part 2+2
// SS-NEXT: L1 t1 place 4 part 4+4
// SS-NEXT: L2 t1.0 place 4 part 4+2
// SS-NEXT: L2 t1.1 place 6 part 6+2
// SS-NEXT: L1 t2 place 8 part 8+4
// SS-NEXT: L2 t2.0 place 8 part 8+2
// SS-NEXT: L2 t2.1 place 10 part 10+2
// SS-NEXT: L1 t3 place 12 part 12+4
// SS-NEXT: L2 t3.0 place 12 part 12+2
// SS-NEXT: L2 t3.1 place 14 part 14+2
// SS-NOT: L{{[12]}}

// SC: places 16
// SC-NEXT: L1 t0 place 0 part 0+4
// SC-NEXT: L2 t0.0 place 0 part 0+4
// SC-NEXT: L2 t0.1 place 1 part 0+4
// SC-NEXT: L2 t0.2 place 2 part 0+4
// SC-NEXT: L1 t1 place 4 part 4+4
// SC-NEXT: L2 t1.0 place 4 part 4+4
// SC-NEXT: L2 t1.1 place 5 part 4+4
// SC-NEXT: L2 t1.2 place 6 part 4+4
// SC-NEXT: L1 t2 place 8 part 8+4
// SC-NEXT: L2 t2.0 place 8 part 8+4
// SC-NEXT: L2 t2.1 place 9 part 8+4
// SC-NEXT: L2 t2.2 place 10 part 8+4
// SC-NEXT: L1 t3 place 12 part 12+4
// SC-NEXT: L2 t3.0 place 12 part 12+4
// SC-NEXT: L2 t3.1 place 13 part 12+4
// SC-NEXT: L2 t3.2 place 14 part 12+4

// OVER: places 2
// OVER-NEXT: L1 t0 place 0 part 0+1
// OVER-NEXT: L2 t0.0 place 0 part 0+1
// OVER-NEXT: L2 t0.1 place 0 part 0+1
// OVER-NEXT: L2 t0.2 place 0 part 0+1
// OVER-NEXT: L1 t1 place 0 part 0+1
// OVER:      L1 t2 place 1 part 1+1
// OVER:      L1 t3 place 1 part 1+1
// OVER-NEXT: L2 t3.0 place 1 part 1+1

// CC: places 8
// CC-NEXT: L1 t0 place 0 part 0+8
// CC-NEXT: L2 t0.0 place 0 part 0+8
// CC-NEXT: L2 t0.1 place 1 part 0+8
// CC-NEXT: L1 t1 place 1 part 0+8
// CC-NEXT: L2 t1.0 place 1 part 0+8
// CC-NEXT: L2 t1.1 place 2 part 0+8
