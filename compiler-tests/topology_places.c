// OMP_PLACES abstract names on machines this one is not: hwloc builds a
// synthetic topology (HWLOC_SYNTHETIC) or reads one (HWLOC_XMLFILE, small
// XML files in Inputs/), Tempo computes the places from it (its PUs are the
// usable CPUs; threads are not bound to them).
// REQUIRES: tempo
// RUN: %cc %s -o %t
// 2 packages x 2 NUMA nodes x 2 L3 x 2 cores x 2 threads = PUs 0..31.
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES=threads %preload %run %t | %FileCheck %s --check-prefix=S-THREADS
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES=cores %preload %run %t | %FileCheck %s --check-prefix=S-CORES
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES=ll_caches %preload %run %t | %FileCheck %s --check-prefix=S-LLC
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES=numa_domains %preload %run %t | %FileCheck %s --check-prefix=S-NUMA
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES=sockets %preload %run %t | %FileCheck %s --check-prefix=S-SOCKETS
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES="cores(4)" %preload %run %t | %FileCheck %s --check-prefix=S-CORES4
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES="threads(3)" %preload %run %t | %FileCheck %s --check-prefix=S-THREADS3
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES="sockets(1)" %preload %run %t | %FileCheck %s --check-prefix=S-SOCKETS1
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES="numa_domains(9)" %preload %run %t | %FileCheck %s --check-prefix=S-NUMA
// RUN: env HWLOC_SYNTHETIC="pack:2 numa:2 l3:2 core:2 pu:2" OMP_PLACES="{4:4},{40},{30:4}" %preload %run %t 2>&1 | %FileCheck %s --check-prefix=S-EXPLICIT
// No cache level at all: each thread is its own last-level cache.
// RUN: env HWLOC_SYNTHETIC="pack:1 core:2 pu:2" OMP_PLACES=ll_caches %preload %run %t | %FileCheck %s --check-prefix=S-NOCACHE
// A 2-socket server, hyperthreads numbered after the cores (0-3,8-11 on socket 0).
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES=threads %preload %run %t | %FileCheck %s --check-prefix=X2-THREADS
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES=cores %preload %run %t | %FileCheck %s --check-prefix=X2-CORES
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES=sockets %preload %run %t | %FileCheck %s --check-prefix=X2-SOCKETS
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES=numa_domains %preload %run %t | %FileCheck %s --check-prefix=X2-SOCKETS
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES=ll_caches %preload %run %t | %FileCheck %s --check-prefix=X2-SOCKETS
// RUN: env HWLOC_XMLFILE=%inputs/topo-2socket.xml OMP_PLACES="cores(3)" %preload %run %t | %FileCheck %s --check-prefix=X2-CORES3
// A chiplet part: one package, 2 NUMA domains of 2 L3 domains of 2 cores.
// RUN: env HWLOC_XMLFILE=%inputs/topo-chiplet.xml OMP_PLACES=ll_caches %preload %run %t | %FileCheck %s --check-prefix=XC-LLC
// RUN: env HWLOC_XMLFILE=%inputs/topo-chiplet.xml OMP_PLACES=numa_domains %preload %run %t | %FileCheck %s --check-prefix=XC-NUMA
// RUN: env HWLOC_XMLFILE=%inputs/topo-chiplet.xml OMP_PLACES=sockets %preload %run %t | %FileCheck %s --check-prefix=XC-SOCKETS
// RUN: env HWLOC_XMLFILE=%inputs/topo-chiplet.xml OMP_PLACES="ll_caches(3)" %preload %run %t | %FileCheck %s --check-prefix=XC-LLC3
// OMP_DISPLAY_ENV shows the list as libgomp does (first:length runs).
// RUN: env HWLOC_XMLFILE=%inputs/topo-chiplet.xml OMP_PLACES=ll_caches OMP_DISPLAY_ENV=true %preload %run %t 2>&1 | %FileCheck %s --check-prefix=XC-DISPLAY
#include "placelist.h"

int main(void) {
  print_place_list();
  int n = 0;
#pragma omp parallel num_threads(4) reduction(+ : n)
  n++;
  printf("team %d\n", n);
  return 0;
}

// S-THREADS: places 32: {0} {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} {11} {12} {13} {14} {15} {16} {17} {18} {19} {20} {21} {22} {23} {24} {25} {26} {27} {28} {29} {30} {31}
// S-THREADS-NEXT: team 4
// S-CORES: places 16: {0,1} {2,3} {4,5} {6,7} {8,9} {10,11} {12,13} {14,15} {16,17} {18,19} {20,21} {22,23} {24,25} {26,27} {28,29} {30,31}
// S-LLC: places 8: {0,1,2,3} {4,5,6,7} {8,9,10,11} {12,13,14,15} {16,17,18,19} {20,21,22,23} {24,25,26,27} {28,29,30,31}
// S-NUMA: places 4: {0,1,2,3,4,5,6,7} {8,9,10,11,12,13,14,15} {16,17,18,19,20,21,22,23} {24,25,26,27,28,29,30,31}
// S-SOCKETS: places 2: {0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15} {16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31}
// S-CORES4: places 4: {0,1} {2,3} {4,5} {6,7}
// S-THREADS3: places 3: {0} {1} {2}
// S-SOCKETS1: places 1: {0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15}
// S-EXPLICIT: tempo: warning: OMP_PLACES='{4:4},{40},{30:4}': places without a usable CPU were dropped
// S-EXPLICIT-NOT: dropped
// S-EXPLICIT: places 2: {4,5,6,7} {30,31}
// S-NOCACHE: places 4: {0} {1} {2} {3}
// X2-THREADS: places 16: {0} {8} {1} {9} {2} {10} {3} {11} {4} {12} {5} {13} {6} {14} {7} {15}
// X2-CORES: places 8: {0,8} {1,9} {2,10} {3,11} {4,12} {5,13} {6,14} {7,15}
// X2-SOCKETS: places 2: {0,1,2,3,8,9,10,11} {4,5,6,7,12,13,14,15}
// X2-CORES3: places 3: {0,8} {1,9} {2,10}
// XC-LLC: places 4: {0,1,8,9} {2,3,10,11} {4,5,12,13} {6,7,14,15}
// XC-NUMA: places 2: {0,1,2,3,8,9,10,11} {4,5,6,7,12,13,14,15}
// XC-SOCKETS: places 1: {0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15}
// XC-LLC3: places 3: {0,1,8,9} {2,3,10,11} {4,5,12,13}
// XC-DISPLAY: OMP_PLACES = '{0:2,8:2},{2:2,10:2},{4:2,12:2},{6:2,14:2}'
// XC-DISPLAY: places 4:
