// SMT: Tempo reports hardware threads per core (OMP_DISPLAY_ENV=verbose, and
// so tempo-run --info), and TEMPO_DEFAULT_THREADS=cores makes the default
// team one thread per core of the allowed CPUs (threads, the default: one per
// CPU).  Synthetic topologies with 2 and 4 hardware threads per core stand
// for an SMT machine; expectations are min(omp_get_num_procs(), N) so that
// the test holds on any number of CPUs (the default is still capped by the
// real CPUs: a foreign topology's threads are not bound).
// REQUIRES: tempo
// RUN: %cc %s -o %t
// One core of 2 PUs: cores gives 1 thread, threads (or nothing) one per CPU.
// RUN: env HWLOC_SYNTHETIC="pack:1 core:1 pu:2" TEMPO_DEFAULT_THREADS=cores %preload %run %t 1 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env HWLOC_SYNTHETIC="pack:1 core:1 pu:2" TEMPO_DEFAULT_THREADS=threads %preload %run %t 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env HWLOC_SYNTHETIC="pack:1 core:1 pu:2" %preload %run %t 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env HWLOC_SYNTHETIC="pack:2 core:1 pu:4" TEMPO_DEFAULT_THREADS=" Cores " %preload %run %t 2 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// OMP_NUM_THREADS still wins; a bad value: one warning, the default.
// RUN: env HWLOC_SYNTHETIC="pack:1 core:1 pu:2" TEMPO_DEFAULT_THREADS=cores OMP_NUM_THREADS=3 %preload %run %t exact 3 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env HWLOC_SYNTHETIC="pack:1 core:1 pu:2" TEMPO_DEFAULT_THREADS=sockets %preload %run %t 0 2>&1 | %FileCheck %s --check-prefix=BAD
// The display: the machine, threads per core, where the default came from.
// RUN: env HWLOC_SYNTHETIC="pack:1 core:1 pu:2" TEMPO_DEFAULT_THREADS=cores OMP_DISPLAY_ENV=verbose %preload %run %t 1 2>&1 | %FileCheck %s --check-prefix=SHOW1
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_DISPLAY_ENV=verbose %preload %run %t 0 2>&1 | %FileCheck %s --check-prefix=SHOW2
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:1 l3:1 l2:2 l1d:1 core:1 pu:4" %tempo_build/tempo-run --info 2>&1 | %FileCheck %s --check-prefix=INFO
// This machine: whatever it has, one line says it and the run is sane.
// RUN: env TEMPO_DEFAULT_THREADS=cores OMP_DISPLAY_ENV=verbose %preload %run %t any 0 2>&1 | %FileCheck %s --check-prefix=REAL
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int procs = omp_get_num_procs(), max = omp_get_max_threads(), team = 0;
#pragma omp parallel
#pragma omp single
  team = omp_get_num_threads();
  /* N: min(procs, N), 0 = procs; exact N: N; any: between 1 and procs. */
  int n = atoi(argv[argc - 1]), expect = n == 0 || n > procs ? procs : n;
  if (argc == 3 && strcmp(argv[1], "exact") == 0)
    expect = n;
  int ok = argc == 3 && strcmp(argv[1], "any") == 0 ? max >= 1 && max <= procs && team == max
                                                    : max == expect && team == expect;
  if (!ok)
    printf("BAD max_threads %d team %d, expected %d (procs %d)\n", max, team, expect, procs);
  else
    printf("OK\n");
  return !ok;
}

// OK: OK
// BAD: tempo: warning: ignoring TEMPO_DEFAULT_THREADS='sockets': expected threads or cores; using the default
// BAD-NOT: tempo
// BAD: OK
// SHOW1: TEMPO_DEFAULT_THREADS = 'CORES'
// SHOW1: tempo: machine 1 package, 1 NUMA domain, 1 core, 2 hardware threads (2 per core); not this machine
// SHOW1: tempo: caches unknown
// SHOW1-NEXT: tempo: CPU kinds 1 (not a hybrid part)
// SHOW1-NEXT: tempo: default team size 1 from TEMPO_DEFAULT_THREADS=cores (1 core); without it {{[0-9]+}} from
// SHOW1: OK
// SHOW2: TEMPO_DEFAULT_THREADS = 'THREADS'
// SHOW2: tempo: machine 2 packages, 2 NUMA domains, 8 cores, 16 hardware threads (2 per core); not this machine
// SHOW2-NEXT: tempo: caches L3 2 x 16 MiB
// SHOW2-NEXT: tempo: CPU kinds 1 (not a hybrid part)
// SHOW2-NEXT: tempo: default team size {{[0-9]+}} from
// SHOW2-NOT: TEMPO_DEFAULT_THREADS=cores
// SHOW2: OK
// INFO: TEMPO_DEFAULT_THREADS = 'THREADS'
// INFO: tempo: machine 2 packages, 2 NUMA domains, 4 cores, 16 hardware threads (4 per core)
// INFO-NEXT: tempo: caches L1 4 x{{.*}}, L2 4 x{{.*}}, L3 2 x
// REAL: TEMPO_DEFAULT_THREADS = 'CORES'
// REAL: tempo: machine {{[0-9]+}} package{{s?}}, {{[0-9]+}} NUMA domain{{s?}}, [[CORES:[0-9]+]] core{{s?}}, {{[0-9]+}} hardware thread{{s?}} ({{[0-9]+}} per core)
// REAL: tempo: default team size {{.*}}TEMPO_DEFAULT_THREADS=cores{{.*}}[[CORES]]
// REAL: OK
