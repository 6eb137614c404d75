// Untied tasks on fibers (TEMPO_FIBERS=1): tasks that a thief took run on
// their own stacks and suspend at taskwait and taskyield, to be resumed by
// whichever thread is free.  Results must be exact, every task must run
// once, a tied task's thread never changes, and nested untied/tied mixes
// (tied children run inline on an untied task's stack) must work.
// RUN: %cc %s -o %t
// RUN: env TEMPO_FIBERS=1 OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env TEMPO_FIBERS=1 OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env TEMPO_FIBERS=1 OMP_NUM_THREADS=3 TEMPO_HEARTBEAT_US=0 %preload %run %t | %FileCheck %s
// RUN: env TEMPO_FIBERS=0 OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

static long fib_untied(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a) untied
  a = fib_untied(n - 1);
#pragma omp task shared(b) untied
  b = fib_untied(n - 2);
#pragma omp taskyield
#pragma omp taskwait
  return a + b;
}

static long ran; /* atomic */
static int tied_moved; /* atomic */

/* A tied task under an untied one: its thread must not change across its
 * own taskwait, even though its parent's may. */
static void tied_child(int depth) {
  int me = omp_get_thread_num();
  if (depth > 0) {
#pragma omp task
    tied_child(depth - 1);
#pragma omp task untied
    {
#pragma omp atomic
      ran++;
    }
#pragma omp taskwait
  }
  if (omp_get_thread_num() != me) {
#pragma omp atomic write
    tied_moved = 1;
  }
#pragma omp atomic
  ran++;
}

int main(void) {
  long want[31] = {0, 1};
  for (int i = 2; i <= 30; i++)
    want[i] = want[i - 1] + want[i - 2];
  long r = 0;
#pragma omp parallel
#pragma omp single
  r = fib_untied(23);
  EXPECT_EQ_LL(r, want[23]);

  /* Untied outer tasks, each waiting for a mix of tied and untied work. */
#pragma omp parallel
#pragma omp single
  for (int i = 0; i < 64; i++) {
#pragma omp task untied
    {
      /* In a tied task: code of the untied task itself may move. */
#pragma omp task
      tied_child(4);
#pragma omp taskyield
#pragma omp taskwait
    }
  }
  /* tied_child(d) counts 1 + (d > 0: tied_child(d-1) + 1 untied) */
  long per = 0;
  for (int d = 0; d <= 4; d++)
    per = 1 + (d > 0 ? per + 1 : 0);
  EXPECT_EQ_LL(ran, 64 * per);
  EXPECT_EQ_LL(tied_moved, 0);
  printf("fib=%ld ran=%ld\n", r, ran);
  return check_report("task_untied_fibers");
}
// CHECK: fib=28657 ran=
// CHECK-NOT: FAIL
// CHECK: task_untied_fibers: OK
