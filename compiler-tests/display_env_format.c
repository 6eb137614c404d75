// Exact libgomp 12 format of OMP_DISPLAY_ENV and omp_display_env(), line by
// line (the format was taken from stock libgomp 12; Tempo must reproduce it).
// Verbose adds Tempo's version and TEMPO_* settings after libgomp's lines.
// Every variable is set explicitly so that nothing depends on the machine.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: env OMP_DISPLAY_ENV=true OMP_NUM_THREADS=3,2 OMP_SCHEDULE=monotonic:dynamic,3 OMP_PROC_BIND=spread,close OMP_STACKSIZE=4M OMP_WAIT_POLICY=active OMP_THREAD_LIMIT=7 OMP_MAX_ACTIVE_LEVELS=2 OMP_CANCELLATION=true OMP_MAX_TASK_PRIORITY=5 OMP_DYNAMIC=false %preload %run %t 2>&1 | %FileCheck %s --check-prefix=ENV --strict-whitespace --match-full-lines
// RUN: env OMP_NUM_THREADS=5 OMP_SCHEDULE=static GOMP_SPINCOUNT=1000 %preload %run %t api 2>&1 | %FileCheck %s --check-prefix=API --strict-whitespace --match-full-lines
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=5 OMP_SCHEDULE=static GOMP_SPINCOUNT=1000 %run %t.l api 2>&1 | %FileCheck %s --check-prefix=API --strict-whitespace --match-full-lines
#include <omp.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    printf("before\n");
    fflush(stdout);
    omp_display_env(0);
    fflush(stderr);
    printf("between\n");
    fflush(stdout);
    omp_display_env(1);
    fflush(stderr);
  }
  printf("done\n");
  return 0;
}
// ENV:OPENMP DISPLAY ENVIRONMENT BEGIN
// ENV-NEXT:  _OPENMP = '201511'
// ENV-NEXT:  OMP_DYNAMIC = 'FALSE'
// ENV-NEXT:  OMP_NESTED = 'TRUE'
// ENV-NEXT:  OMP_NUM_THREADS = '3,2'
// ENV-NEXT:  OMP_SCHEDULE = 'MONOTONIC:DYNAMIC,3'
// ENV-NEXT:  OMP_PROC_BIND = 'SPREAD,CLOSE'
// ENV-NEXT:  OMP_PLACES = '{{.*}}'
// ENV-NEXT:  OMP_STACKSIZE = '4194304'
// ENV-NEXT:  OMP_WAIT_POLICY = 'ACTIVE'
// ENV-NEXT:  OMP_THREAD_LIMIT = '7'
// ENV-NEXT:  OMP_MAX_ACTIVE_LEVELS = '2'
// ENV-NEXT:  OMP_NUM_TEAMS = '0'
// ENV-NEXT:  OMP_TEAMS_THREAD_LIMIT = '0'
// ENV-NEXT:  OMP_CANCELLATION = 'TRUE'
// ENV-NEXT:  OMP_DEFAULT_DEVICE = '0'
// ENV-NEXT:  OMP_MAX_TASK_PRIORITY = '5'
// ENV-NEXT:  OMP_DISPLAY_AFFINITY = 'FALSE'
// ENV-NEXT:  OMP_AFFINITY_FORMAT = 'level %L thread %i affinity %A'
// ENV-NEXT:  OMP_ALLOCATOR = 'omp_default_mem_alloc'
// ENV-NEXT:  OMP_TARGET_OFFLOAD = 'DEFAULT'
// ENV-NEXT:OPENMP DISPLAY ENVIRONMENT END
// ENV-NEXT:done

// API:before
// API-EMPTY:
// API-NEXT:OPENMP DISPLAY ENVIRONMENT BEGIN
// API-NEXT:  _OPENMP = '201511'
// API-NEXT:  OMP_DYNAMIC = 'FALSE'
// API-NEXT:  OMP_NESTED = 'FALSE'
// API-NEXT:  OMP_NUM_THREADS = '5'
// API-NEXT:  OMP_SCHEDULE = 'STATIC'
// API-NEXT:  OMP_PROC_BIND = 'FALSE'
// API-NEXT:  OMP_PLACES = ''
// API-NEXT:  OMP_STACKSIZE = '0'
// API-NEXT:  OMP_WAIT_POLICY = 'PASSIVE'
// API-NEXT:  OMP_THREAD_LIMIT = '4294967295'
// API-NEXT:  OMP_MAX_ACTIVE_LEVELS = '1'
// API-NEXT:  OMP_NUM_TEAMS = '0'
// API-NEXT:  OMP_TEAMS_THREAD_LIMIT = '0'
// API-NEXT:  OMP_CANCELLATION = 'FALSE'
// API-NEXT:  OMP_DEFAULT_DEVICE = '0'
// API-NEXT:  OMP_MAX_TASK_PRIORITY = '0'
// API-NEXT:  OMP_DISPLAY_AFFINITY = 'FALSE'
// API-NEXT:  OMP_AFFINITY_FORMAT = 'level %L thread %i affinity %A'
// API-NEXT:  OMP_ALLOCATOR = 'omp_default_mem_alloc'
// API-NEXT:  OMP_TARGET_OFFLOAD = 'DEFAULT'
// API-NEXT:OPENMP DISPLAY ENVIRONMENT END
// API-NEXT:between
// API-EMPTY:
// API-NEXT:OPENMP DISPLAY ENVIRONMENT BEGIN
// API-NEXT:  _OPENMP = '201511'
// API:  OMP_TARGET_OFFLOAD = 'DEFAULT'
// API-NEXT:  GOMP_CPU_AFFINITY = ''
// API-NEXT:  GOMP_STACKSIZE = '0'
// API-NEXT:  GOMP_SPINCOUNT = '1000'
// API-NEXT:  TEMPO_VERSION = '{{[0-9]+\.[0-9]+\.[0-9]+}}'
// API-NEXT:  TEMPO_LOOP_STEAL = 'TRUE'
// API-NEXT:  TEMPO_HEARTBEAT_US = '100'
// API-NEXT:  TEMPO_LAZY_TASKLOOP = 'TRUE'
// API-NEXT:  TEMPO_FIBERS = 'FALSE'
// API-NEXT:  TEMPO_INLINE_SLACK = '4'
// API-NEXT:  TEMPO_DEBUG = 'FALSE'
// API-NEXT:  TEMPO_STATS = 'FALSE'
// API-NEXT:  TEMPO_TRACE = ''
// API-NEXT:  TEMPO_TRACE_EVENTS = '262144'
// API-NEXT:  TEMPO_DEFAULT_THREADS = 'THREADS'
// API-NEXT:  TEMPO_PLACES_KIND = 'ALL'
// API-NEXT:  TEMPO_AUTO_BALANCE = 'TRUE'
// API-NEXT:  TEMPO_STEAL_LOCAL = 'TRUE'
// API-NEXT:  TEMPO_PAPI = ''
// API-NEXT:  TEMPO_DETERMINISTIC = 'FALSE'
// API-NEXT:  TEMPO_SCHEDULE_LOG = ''
// API-NEXT:  TEMPO_REPLAY = ''
// API-NEXT:OPENMP DISPLAY ENVIRONMENT END
// API-NEXT:done
