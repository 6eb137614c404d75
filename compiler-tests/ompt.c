// OMPT: a tool named by OMP_TOOL_LIBRARIES is started, looks up the entry
// points, and hears of every region, implicit task, barrier, taskwait and
// explicit task, each end matching its begin (Inputs/ompt_tool.c checks the
// pairings as they come and prints counts when finalized at exit).  Two
// threads: one region; thread 0 creates 10 deferred tasks and waits for
// them; both meet at an explicit barrier, and each runs one if(0) task.
// REQUIRES: tempo, ompt
// RUN: %cc %s -o %t && %cc -shared -fPIC %ompt_header %S/Inputs/ompt_tool.c -o %t.tool.so
// RUN: env OMP_NUM_THREADS=2 OMP_TOOL_LIBRARIES=%t.tool.so %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s --check-prefix=NOTOOL
// RUN: env OMP_NUM_THREADS=2 OMP_TOOL_LIBRARIES=/nonexistent/tool.so %preload %run %t 2>&1 | %FileCheck %s --check-prefix=MISSING
#include <omp.h>
#include <stdio.h>

int main(void) {
  int ran[10] = {0}, undeferred = 0;
#pragma omp parallel num_threads(2)
  {
    if (omp_get_thread_num() == 0) {
      for (int i = 0; i < 10; i++) {
#pragma omp task shared(ran) firstprivate(i)
        ran[i]++;
      }
#pragma omp taskwait
    }
#pragma omp barrier
#pragma omp task if (0) shared(undeferred)
    __atomic_fetch_add(&undeferred, 1, __ATOMIC_RELAXED);
  }
  int sum = 0;
  for (int i = 0; i < 10; i++)
    sum += ran[i];
  printf("tasks ran %d, undeferred %d\n", sum, undeferred);
  return 0;
}
// CHECK: ompt: initialized by Tempo {{[0-9.]+}}
// CHECK: tasks ran 10, undeferred 2
// CHECK: ompt: threads begun 2
// CHECK: ompt: parallel regions 1/1
// CHECK: ompt: implicit tasks 2/2
// CHECK: ompt: barriers 2/2
// CHECK: ompt: end-of-region barriers 2/2
// CHECK: ompt: taskwaits 1/1
// CHECK: ompt: tasks created 12 (undeferred 2), completed 12
// CHECK: ompt: errors 0
// NOTOOL-NOT: ompt:
// NOTOOL: tasks ran 10, undeferred 2
// NOTOOL-NOT: ompt:
// MISSING: tempo: warning: OMP_TOOL_LIBRARIES: cannot load /nonexistent/tool.so
// MISSING: tasks ran 10, undeferred 2
