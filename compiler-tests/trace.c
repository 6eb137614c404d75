// TEMPO_TRACE: a valid trace-event file whose events are nested per thread
// and match what the program did: two regions (each thread takes part in
// both), 3 explicit barriers per thread in the first, 50 tasks created by
// thread 0 in a flat loop (so all deferred), a dynamic loop in the second.
// With small buffers the file stays well formed and says how many events it
// dropped: recorded + dropped equals what the same one-thread run records
// with room for everything.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: rm -f %t.json && env OMP_NUM_THREADS=2 TEMPO_TRACE=%t.json %preload %run %t | %FileCheck %s
// RUN: %python %S/Inputs/check_trace.py %t.json parallel_region=4 barrier=6 task=50 | %FileCheck %s --check-prefix=TRACE
// RUN: env OMP_NUM_THREADS=3 TEMPO_TRACE=%t.json %preload %run %t | %FileCheck %s
// RUN: %python %S/Inputs/check_trace.py %t.json parallel_region=6 barrier=9 task=50 | %FileCheck %s --check-prefix=TRACE
// RUN: env OMP_NUM_THREADS=1 TEMPO_TRACE=%t.full.json %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 TEMPO_TRACE=%t.small.json TEMPO_TRACE_EVENTS=6 %preload %run %t 2>%t.err | %FileCheck %s
// RUN: %FileCheck %s --check-prefix=DROPPED < %t.err
// RUN: %python %S/Inputs/check_trace.py %t.small.json total-of=%t.full.json max-per-thread=6 | %FileCheck %s --check-prefix=TRACE
// RUN: env OMP_NUM_THREADS=2 TEMPO_TRACE=/nonexistent/dir/t.json %preload %run %t 2>%t.err | %FileCheck %s
// RUN: %FileCheck %s --check-prefix=UNWRITABLE < %t.err
#include <omp.h>
#include <stdio.h>

int main(void) {
  static int ran[50];
#pragma omp parallel
  {
    if (omp_get_thread_num() == 0)
      for (int i = 0; i < 50; i++) {
#pragma omp task firstprivate(i)
        __atomic_fetch_add(&ran[i], 1, __ATOMIC_RELAXED);
      }
    for (int b = 0; b < 3; b++) {
#pragma omp barrier
    }
  }
  long sum = 0;
#pragma omp parallel for schedule(dynamic, 10) reduction(+ : sum)
  for (int i = 0; i < 1000; i++)
    sum += i;
  int bad = 0;
  for (int i = 0; i < 50; i++)
    bad += ran[i] != 1;
  printf("sum=%ld tasks-not-run-once=%d\n", sum, bad);
  return bad != 0;
}
// CHECK: sum=499500 tasks-not-run-once=0
// DROPPED: tempo: warning: TEMPO_TRACE: {{[0-9]+}} events did not fit in the buffers (TEMPO_TRACE_EVENTS=6 a thread)
// UNWRITABLE: tempo: warning: TEMPO_TRACE: cannot write /nonexistent/dir/t.json; no trace written
// TRACE: trace ok
