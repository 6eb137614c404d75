// OMP_DISPLAY_ENV=verbose: after libgomp's lines, in the same form, Tempo's
// version and every TEMPO_* setting with its value; after the block, where
// Tempo was loaded from, the CPUs allowed and the default team size.  With
// true the block stays libgomp's (display_env_format.c checks it line by line).
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_DISPLAY_ENV=verbose OMP_NUM_THREADS=2 TEMPO_LOOP_STEAL=off TEMPO_HEARTBEAT_US=250 TEMPO_INLINE_SLACK=0 TEMPO_FIBERS=yes TEMPO_TRACE_EVENTS=100 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=SET -DBUILD=%tempo_build
// RUN: env OMP_DISPLAY_ENV=verbose %preload %run %t 2>&1 | %FileCheck %s --check-prefix=DEFAULT
// RUN: %cc %s %link -o %t.l && env OMP_DISPLAY_ENV=verbose OMP_NUM_THREADS=2 %run %t.l 2>&1 | %FileCheck %s --check-prefix=LINKED -DBUILD=%tempo_build
// RUN: env OMP_DISPLAY_ENV=true TEMPO_FIBERS=1 %preload %run %t 2>&1 | %FileCheck %s --check-prefix=TRUE
#include <omp.h>
#include <stdio.h>

int main(void) {
  int n = 0;
#pragma omp parallel
#pragma omp single
  n = omp_get_num_threads();
  printf("team of %d\n", n);
  return 0;
}
// SET: GOMP_SPINCOUNT = '{{[0-9]+}}'
// SET-NEXT: TEMPO_VERSION = '{{[0-9]+\.[0-9]+\.[0-9]+}}'
// SET-NEXT: TEMPO_LOOP_STEAL = 'FALSE'
// SET-NEXT: TEMPO_HEARTBEAT_US = '250'
// SET-NEXT: TEMPO_LAZY_TASKLOOP = 'TRUE'
// SET-NEXT: TEMPO_FIBERS = 'TRUE'
// SET-NEXT: TEMPO_INLINE_SLACK = '0'
// SET-NEXT: TEMPO_DEBUG = 'FALSE'
// SET-NEXT: TEMPO_STATS = 'FALSE'
// SET-NEXT: TEMPO_TRACE = ''
// SET-NEXT: TEMPO_TRACE_EVENTS = '100'
// SET-NEXT: TEMPO_DEFAULT_THREADS = 'THREADS'
// SET-NEXT: TEMPO_PLACES_KIND = 'ALL'
// SET-NEXT: TEMPO_AUTO_BALANCE = 'TRUE'
// SET-NEXT: TEMPO_STEAL_LOCAL = 'TRUE'
// SET-NEXT: TEMPO_PAPI = ''
// SET-NEXT: TEMPO_DETERMINISTIC = 'FALSE'
// SET-NEXT: TEMPO_SCHEDULE_LOG = ''
// SET-NEXT: TEMPO_REPLAY = ''
// SET-NEXT: OPENMP DISPLAY ENVIRONMENT END
// SET: tempo: version {{[0-9.]+}}, library [[BUILD]]/libtempo.so
// SET-NEXT: tempo: CPUs allowed {{[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*}} ({{[0-9]+}} CPU{{s?}})
// SET-NEXT: tempo: machine {{[0-9]+}} package{{s?}}, {{[0-9]+}} NUMA domain{{s?}}, {{[0-9]+}} core{{s?}}, {{[0-9]+}} hardware thread{{s?}} ({{[0-9]+}} per core)
// SET-NEXT: tempo: caches
// SET-NEXT: tempo: CPU kinds
// SET: tempo: default team size
// SET: team of 2

// DEFAULT: TEMPO_VERSION = '{{[0-9]+\.[0-9]+\.[0-9]+}}'
// DEFAULT-NEXT: TEMPO_LOOP_STEAL = 'TRUE'
// DEFAULT-NEXT: TEMPO_HEARTBEAT_US = '100'
// DEFAULT-NEXT: TEMPO_LAZY_TASKLOOP = 'TRUE'
// DEFAULT-NEXT: TEMPO_FIBERS = 'FALSE'
// DEFAULT-NEXT: TEMPO_INLINE_SLACK = '4'
// DEFAULT-NEXT: TEMPO_DEBUG = 'FALSE'
// DEFAULT-NEXT: TEMPO_STATS = 'FALSE'
// DEFAULT-NEXT: TEMPO_TRACE = ''
// DEFAULT-NEXT: TEMPO_TRACE_EVENTS = '262144'
// DEFAULT-NEXT: TEMPO_DEFAULT_THREADS = 'THREADS'
// DEFAULT-NEXT: TEMPO_PLACES_KIND = 'ALL'
// DEFAULT-NEXT: TEMPO_AUTO_BALANCE = 'TRUE'
// DEFAULT-NEXT: TEMPO_STEAL_LOCAL = 'TRUE'
// DEFAULT-NEXT: TEMPO_PAPI = ''
// DEFAULT-NEXT: TEMPO_DETERMINISTIC = 'FALSE'
// DEFAULT-NEXT: TEMPO_SCHEDULE_LOG = ''
// DEFAULT-NEXT: TEMPO_REPLAY = ''
// DEFAULT-NEXT: OPENMP DISPLAY ENVIRONMENT END

// The loader found Tempo through the rpath, under the name it asked for.
// LINKED: TEMPO_VERSION
// LINKED: tempo: version {{[0-9.]+}}, library [[BUILD]]/{{libgomp.so.1|libtempo.so}}
// LINKED: team of 2

// TRUE-NOT: TEMPO_
// TRUE: OPENMP DISPLAY ENVIRONMENT END
// TRUE-NOT: tempo:
// TRUE: team of
