// final, mergeable, untied and if(0) tasks: correct results, omp_in_final
// inside final tasks and their descendants, if(0) tasks run immediately
// (undeferred) by the encountering thread.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static int fin_seen, fin_child_seen, not_final_seen;

static long sum_tree(int depth, int final_depth) {
  if (depth == 0)
    return 1;
  long a = 0, b = 0;
#pragma omp task shared(a) final(depth <= final_depth) mergeable
  {
    if (omp_in_final())
#pragma omp atomic
      fin_seen++;
    a = sum_tree(depth - 1, final_depth);
  }
#pragma omp task shared(b) untied
  b = sum_tree(depth - 1, final_depth);
#pragma omp taskwait
  return a + b;
}

int main(int argc, char **argv) {
  long total = -1;
  int undeferred_ok = 0, order_ok = 0, in_final_child = -1, outside = -1;
#pragma omp parallel num_threads(3)
#pragma omp single
  {
    outside = omp_in_final();
    total = sum_tree(10, 3);

    /* if(0): the task completes before the encountering thread continues,
       on the encountering thread. */
    int me = omp_get_thread_num(), flag = 0, runner = -1;
#pragma omp task if (argc > 100) shared(flag, runner)
    {
      runner = omp_get_thread_num();
      flag = 1;
    }
    undeferred_ok = flag == 1 && runner == me;

    /* final(1): descendants are included tasks and also final. */
    int seq = 0;
#pragma omp task final(1) shared(seq, in_final_child, order_ok)
    {
#pragma omp task shared(seq, in_final_child)
      {
        in_final_child = omp_in_final();
        seq = 1;
      }
      order_ok = seq == 1; /* included child already finished */
    }
#pragma omp taskwait
    /* Not final: omp_in_final is false in an ordinary task. */
#pragma omp task
    {
      if (!omp_in_final())
#pragma omp atomic
        not_final_seen++;
    }
#pragma omp taskwait
  }
  printf("tree=%ld\n", total);
  printf("outside=%d undeferred=%d included_order=%d final_child=%d "
         "not_final=%d\n",
         outside, undeferred_ok, order_ok, in_final_child, not_final_seen);
  EXPECT(fin_seen > 0, "no task saw omp_in_final()");
  return check_report("task_final_mergeable");
}
// CHECK: tree=1024
// CHECK: outside=0 undeferred=1 included_order=1 final_child=1 not_final=1
// CHECK-NOT: FAIL
// CHECK: task_final_mergeable: OK
