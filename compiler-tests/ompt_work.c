// OMPT worksharing, masked and cancellation events (Inputs/ompt_tool.c logs
// them per thread with OMPT_TOOL_LOG; `sort -s -k1,1` keeps each thread's
// lines in order and groups them by thread).  Built by gcc and by clang:
// gcc compiles static loops, master and masked inline (no runtime call, so
// no event), clang calls __kmpc_for_static_init/_fini and __kmpc_master;
// dynamic and guided loops, sections, single and taskloop are reported for
// both.  Two threads.  The totals at the end check what no thread's order
// shows: one single executor, 100 + 10 + 3 dispatches covering every
// iteration and section (the chunks' first values: 0..99 for the
// schedule(dynamic,1) loop, run by range stealing; 0, 5, 9 for the
// monotonic guided one, whose chunks do not depend on who takes them).
// REQUIRES: tempo, ompt, gcc-and-clang
// RUN: %cc -shared -fPIC %ompt_header %S/Inputs/ompt_tool.c -o %t.tool.so
// RUN: %gcc %s -o %t.gcc && %clang %s -o %t.clang
// RUN: env OMP_NUM_THREADS=2 OMP_CANCELLATION=true OMPT_TOOL_LOG=1 OMP_TOOL_LIBRARIES=%t.tool.so %preload %run %t.gcc > %t.gcc.out
// RUN: grep '^T' %t.gcc.out | sort -s -k1,1 | %FileCheck %s --check-prefixes=SEQ,SEQ-GCC
// RUN: %FileCheck %s --check-prefixes=SUM,SUM-GCC < %t.gcc.out
// RUN: env OMP_NUM_THREADS=2 OMP_CANCELLATION=true OMPT_TOOL_LOG=1 OMP_TOOL_LIBRARIES=%t.tool.so %preload %run %t.clang > %t.clang.out
// RUN: grep '^T' %t.clang.out | sort -s -k1,1 | %FileCheck %s --check-prefixes=SEQ,SEQ-CLANG
// RUN: %FileCheck %s --check-prefixes=SUM,SUM-CLANG < %t.clang.out
#include <omp.h>
#include <stdio.h>

static long in_tasks, in_loop, in_teams;

int main(void) {
  long sum[4] = {0};
#pragma omp parallel num_threads(2) reduction(+ : sum[:4])
  {
#pragma omp for schedule(static)
    for (int i = 0; i < 100; i++)
      sum[0] += i;
#pragma omp for schedule(dynamic, 1)
    for (int i = 0; i < 100; i++)
      sum[1] += i;
#pragma omp for schedule(monotonic : guided, 4) nowait
    for (int i = 0; i < 10; i++)
      sum[2] += i;
#pragma omp sections
    {
#pragma omp section
      sum[3] += 1;
#pragma omp section
      sum[3] += 2;
#pragma omp section
      sum[3] += 3;
    }
#pragma omp single
    {
#pragma omp taskloop grainsize(5)
      for (int i = 0; i < 20; i++)
#pragma omp atomic
        in_tasks += 10;
    }
#pragma omp master
    sum[3] += 100;
  }
  /* A combined parallel loop: gcc's workers join the construct the master
   * set up (their begin is reported where they attach). */
#pragma omp parallel for schedule(dynamic, 5) num_threads(2)
  for (int i = 0; i < 20; i++)
#pragma omp atomic
    in_loop += i;
  /* Cancellation: thread 0 activates it; thread 1 polls a cancellation
   * point until it sees it (so it is detected exactly once). */
#pragma omp parallel num_threads(2)
  {
    if (omp_get_thread_num() == 0) {
#pragma omp cancel parallel
    } else {
      for (;;) {
#pragma omp cancellation point parallel
      }
    }
  }
  /* distribute: clang's only (gcc computes each team's block inline); host
   * teams run one after another on the initial thread. */
#pragma omp teams distribute num_teams(2)
  for (int i = 0; i < 10; i++)
#pragma omp atomic
    in_teams += i;
  printf("sums %ld %ld %ld %ld %ld %ld %ld\n", sum[0], sum[1], sum[2], sum[3], in_tasks, in_loop,
         in_teams);
  return 0;
}
// Thread 0, then thread 1 (each: the same constructs in program order; which
// thread runs the single varies, so either kind matches there; the
// executor's end comes before the single's barrier, also for gcc, which
// calls nothing at the end of a single).
// SEQ-CLANG:      T0 work loop begin 100
// SEQ-CLANG-NEXT: T0 work loop end
// SEQ-CLANG-NEXT: T0 barrier
// SEQ-GCC:        T0 barrier
// SEQ-NEXT:       T0 work loop begin 100
// SEQ-NEXT:       T0 work loop end
// SEQ-NEXT:       T0 barrier
// SEQ-NEXT:       T0 work loop begin 10
// SEQ-NEXT:       T0 work loop end
// SEQ-NEXT:       T0 work sections begin 3
// SEQ-NEXT:       T0 work sections end
// SEQ-NEXT:       T0 barrier
// SEQ-NEXT:       T0 work single-{{executor|other}} begin 1
// SEQ:            T0 work single-{{executor|other}} end
// SEQ-NEXT:       T0 barrier
// SEQ-CLANG-NEXT: T0 masked begin
// SEQ-CLANG-NEXT: T0 masked end
// SEQ-NEXT:       T0 region-end barrier
// SEQ-NEXT:       T0 work loop begin 20
// SEQ-NEXT:       T0 work loop end
// SEQ-NEXT:       T0 region-end barrier
// SEQ-NEXT:       T0 cancel parallel activated
// SEQ-NEXT:       T0 region-end barrier
// SEQ-CLANG-NEXT: T0 work distribute begin {{[0-9]+}}
// SEQ-CLANG-NEXT: T0 work distribute end
// SEQ-CLANG-NEXT: T0 work distribute begin {{[0-9]+}}
// SEQ-CLANG-NEXT: T0 work distribute end
// SEQ-CLANG-NEXT: T1 work loop begin 100
// SEQ-CLANG-NEXT: T1 work loop end
// SEQ-CLANG-NEXT: T1 barrier
// SEQ-GCC-NEXT:   T1 barrier
// SEQ-NEXT:       T1 work loop begin 100
// SEQ-NEXT:       T1 work loop end
// SEQ-NEXT:       T1 barrier
// SEQ-NEXT:       T1 work loop begin 10
// SEQ-NEXT:       T1 work loop end
// SEQ-NEXT:       T1 work sections begin 3
// SEQ-NEXT:       T1 work sections end
// SEQ-NEXT:       T1 barrier
// SEQ-NEXT:       T1 work single-{{executor|other}} begin 1
// SEQ:            T1 work single-{{executor|other}} end
// SEQ-NEXT:       T1 barrier
// SEQ-NEXT:       T1 region-end barrier
// SEQ-NEXT:       T1 work loop begin 20
// SEQ-NEXT:       T1 work loop end
// SEQ-NEXT:       T1 region-end barrier
// SEQ-NEXT:       T1 cancel parallel detected
// SEQ-NEXT:       T1 region-end barrier
// SEQ-NOT:        T
// SUM:       sums 4950 4950 45 106 200 190 45
// SUM-CLANG: ompt: work loop 8/8
// SUM-GCC:   ompt: work loop 6/6
// SUM:       ompt: work sections 2/2
// SUM:       ompt: work single-executor 1/1
// SUM:       ompt: work single-other 1/1
// SUM-CLANG: ompt: work distribute 2/2
// SUM:       ompt: work taskloop 1/1
// SUM-GCC:   ompt: dispatch iterations 107 (first values sum 4994), sections 3 (sum 3)
// SUM-CLANG: ompt: dispatch iterations 107 (first values sum 4994), sections 0 (sum 0)
// SUM:       ompt: cancel activated 1, detected 1
// SUM-GCC:   ompt: masked 0/0
// SUM-CLANG: ompt: masked 1/1
// SUM-GCC:   ompt: reductions 0/0
// SUM-CLANG: ompt: reductions 2/2
// SUM:       ompt: errors 0
