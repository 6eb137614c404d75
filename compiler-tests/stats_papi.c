// TEMPO_PAPI: PAPI events per thread and per region in the statistics.
// This VM has no hardware counters, but the kernel's software events
// (PAPI's perf_event component: perf::PAGE-FAULTS) count here, so the test
// counts what the program knows it does: in region `touch` (run twice) each
// of the 2 threads maps PAGES fresh pages and writes one byte in each, so
// the region counts at least 2 * 2 * PAGES page faults and each thread at
// least 2 * PAGES; region `idle` touches no new page.  The serial code
// touches SERIAL pages outside any region, which must not be counted (the
// upper bounds).  perf::CYCLES (a hardware event) and a misspelt event get
// one notice each and are left out; with nothing countable the statistics
// still come out, as they do when libpapi cannot be loaded (a test-only
// variable names a library that is not there); TEMPO_PAPI alone turns the
// statistics on.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: rm -f %t.json && env OMP_NUM_THREADS=2 TEMPO_STATS=%t.json TEMPO_PAPI=perf::PAGE-FAULTS,perf::CYCLES,no_such_event %preload %run %t 2> %t.err | %FileCheck %s
// RUN: %FileCheck %s --check-prefix=NOTICES --implicit-check-not=TEMPO_PAPI < %t.err
// RUN: %python %S/Inputs/check_papi.py %t.json perf::PAGE-FAULTS region:2:perf::PAGE-FAULTS=1200..1800 region:1:perf::PAGE-FAULTS=0..150 thread:perf::PAGE-FAULTS=600..1000 | %FileCheck %s --check-prefix=JSON
// RUN: env OMP_NUM_THREADS=2 TEMPO_PAPI=perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES %preload %run %t 2>&1 | %FileCheck %s --check-prefix=TABLE
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=1 TEMPO_PAPI=perf::CYCLES %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NONE
// RUN: env OMP_NUM_THREADS=2 TEMPO_STATS=1 TEMPO_PAPI=perf::PAGE-FAULTS TEMPO_TEST_PAPI_LIB=%t.nolib/libpapi.so %preload %run %t 2>&1 | %FileCheck %s --check-prefix=NOLIB
#include <omp.h>
#include <stdio.h>
#include <sys/mman.h>

#define PAGES 300
#define SERIAL 3000
#define PAGE 4096L

static void fresh_pages(long n) {
  char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    perror("mmap");
    return;
  }
  for (long i = 0; i < n; i++)
    p[i * PAGE] = 1;
  munmap(p, n * PAGE);
}

static void touch(void) {
#pragma omp parallel num_threads(2)
  fresh_pages(PAGES);
}

static void idle(void) {
  int sum = 0;
#pragma omp parallel num_threads(2) reduction(+ : sum)
  sum += omp_get_thread_num();
  if (sum != 1)
    printf("idle: sum %d\n", sum);
}

int main(void) {
  touch();
  fresh_pages(SERIAL);
  idle();
  fresh_pages(SERIAL);
  touch();
  printf("done\n");
  return 0;
}
// CHECK: done
// NOTICES-DAG: tempo: warning: TEMPO_PAPI: event perf::CYCLES cannot be counted here ({{.+}}); the other statistics still are
// NOTICES-DAG: tempo: warning: TEMPO_PAPI: event no_such_event cannot be counted here ({{.+}}); the other statistics still are
// JSON: papi ok
// TABLE: tempo: statistics (TEMPO_STATS)
// TABLE: tempo: PAPI events (TEMPO_PAPI) in parallel regions, per thread and per region:
// TABLE-NEXT: thread perf::PAGE-FAULTS perf::CONTEXT-SWITCHES
// TABLE-NEXT: {{^ *}}1 {{[6-9][0-9]{2} +[0-9]+$}}
// TABLE-NEXT: {{^ *}}2 {{[6-9][0-9]{2} +[0-9]+$}}
// TABLE-DAG: region {{1[2-7][0-9]{2} +[0-9]+}} {{.+}}
// TABLE-DAG: region {{[0-9]{1,2} +[0-9]+}} {{.+}}
// TABLE: tempo: barrier waits
// TABLE: done
// NONE: tempo: warning: TEMPO_PAPI: event perf::CYCLES cannot be counted here
// NONE: tempo: statistics (TEMPO_STATS)
// NONE-NOT: PAPI events
// NONE: tempo: barrier waits
// NONE: done
// NOLIB: tempo: warning: TEMPO_PAPI: cannot load libpapi ({{.+}}); no events are counted, the other statistics still are
// NOLIB: tempo: statistics (TEMPO_STATS)
// NOLIB-NOT: PAPI events
// NOLIB: tempo: barrier waits
// NOLIB: done
