// MPI + OpenMP: each rank gets a CPU mask from its launcher (mpirun
// --bind-to core: one core per rank here).  Tempo must size the rank's
// default team to that mask, keep every thread of the team inside it (bound
// or not, and with more threads than CPUs), and so never put two ranks'
// teams on the same CPUs.  Each rank checks itself from inside its regions
// with sched_getaffinity and sched_getcpu; rank 0 gathers what every rank saw
// and checks that no two ranks' threads shared a CPU.  The program links
// against the runtime under test (%link), so mpirun and its daemons stay
// plain processes.  The OMPI_* settings let Open MPI run as root in a
// container without ssh (and without the cross-process memory mapping a
// container may forbid); one rank per core needs a machine with >= 2 cores.
// REQUIRES: mpi
// RUN: %cc %s %mpi_flags %link -o %t
// RUN: env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none %run %mpirun -np 2 --bind-to core %t 2>&1 | %FileCheck %s --implicit-check-not=FAIL
// RUN: env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none OMP_PROC_BIND=true %run %mpirun -np 2 --bind-to core -x OMP_PROC_BIND %t 2>&1 | %FileCheck %s --implicit-check-not=FAIL
// RUN: env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none OMP_PROC_BIND=spread OMP_PLACES=cores %run %mpirun -np 2 --bind-to core -x OMP_PROC_BIND -x OMP_PLACES %t 2>&1 | %FileCheck %s --implicit-check-not=FAIL
#define _GNU_SOURCE
#include <mpi.h>
#include <omp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* What one rank reports to rank 0. */
struct report {
  cpu_set_t mask; /* the rank's mask, from its launcher */
  cpu_set_t used; /* every CPU one of its threads was allowed on or ran on */
  int default_team, mask_cpus, failures;
};

/* Runs a region of `n` threads (0: the default team) and checks each
 * thread's affinity and CPU against the rank's mask; returns the team size. */
static int region(int n, struct report *r) {
  int team = 0;
#pragma omp parallel num_threads(n ? n : omp_get_max_threads())
  {
    cpu_set_t mine;
    int ok = sched_getaffinity(0, sizeof mine, &mine) == 0;
    int cpu = sched_getcpu();
#pragma omp critical
    {
      EXPECT(ok, "sched_getaffinity failed");
      cpu_set_t outside;
      CPU_AND(&outside, &mine, &r->mask);
      EXPECT(CPU_EQUAL(&outside, &mine) && CPU_COUNT(&mine) > 0,
             "thread %d allowed on %d CPUs, %d of them outside the rank's mask",
             omp_get_thread_num(), CPU_COUNT(&mine), CPU_COUNT(&mine) - CPU_COUNT(&outside));
      EXPECT(cpu >= 0 && CPU_ISSET(cpu, &r->mask), "thread %d ran on CPU %d, outside the mask",
             omp_get_thread_num(), cpu);
      CPU_OR(&r->used, &r->used, &mine);
      if (cpu >= 0 && cpu < CPU_SETSIZE)
        CPU_SET(cpu, &r->used);
      if (omp_get_thread_num() == 0)
        team = omp_get_num_threads();
    }
  }
  return team;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  struct report r;
  memset(&r, 0, sizeof r);
  sched_getaffinity(0, sizeof r.mask, &r.mask);
  r.mask_cpus = CPU_COUNT(&r.mask);
  r.default_team = omp_get_max_threads();
  EXPECT(r.default_team == r.mask_cpus, "rank %d: default team %d, mask has %d CPUs", rank,
         r.default_team, r.mask_cpus);
  int team = region(0, &r);
  EXPECT(team == r.mask_cpus, "rank %d: team of %d, mask has %d CPUs", rank, team, r.mask_cpus);
  /* More threads than the mask has CPUs: they share its CPUs, no others. */
  team = region(4, &r);
  EXPECT(team == 4, "rank %d: num_threads(4) gave %d", rank, team);
  /* A nested region: its threads inherit the rank's limits too. */
  omp_set_max_active_levels(2);
#pragma omp parallel num_threads(2)
  region(2, &r);
  r.failures = check_failures;

  struct report all[8];
  if (size > 8) {
    printf("FAIL: %d ranks, the test expects 2\n", size);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Gather(&r, sizeof r, MPI_BYTE, all, sizeof r, MPI_BYTE, 0, MPI_COMM_WORLD);
  int status = 0;
  if (rank == 0) {
    check_failures = 0;
    for (int i = 0; i < size; i++) {
      printf("rank %d: mask %d CPUs, default team %d, failures %d\n", i, all[i].mask_cpus,
             all[i].default_team, all[i].failures);
      check_failures += all[i].failures;
      for (int j = 0; j < i; j++) {
        cpu_set_t both;
        CPU_AND(&both, &all[i].mask, &all[j].mask);
        EXPECT(CPU_COUNT(&both) == 0, "ranks %d and %d have overlapping masks", j, i);
        CPU_AND(&both, &all[i].used, &all[j].used);
        EXPECT(CPU_COUNT(&both) == 0, "ranks %d and %d had threads on %d common CPUs", j, i,
               CPU_COUNT(&both));
      }
    }
    printf("ranks %d\n", size);
    status = check_report("mpi_rank_mask");
  }
  MPI_Finalize();
  return status;
}

// CHECK: rank 0: mask 1 CPUs, default team 1, failures 0
// CHECK-NEXT: rank 1: mask 1 CPUs, default team 1, failures 0
// CHECK-NEXT: ranks 2
// CHECK-NEXT: mpi_rank_mask: OK
