// taskgroup waits for all descendant tasks (grandchildren included), nested
// taskgroups, taskgroup inside a task.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static int done_count;

static void spawn_tree(int depth) {
  if (depth == 0) {
    for (volatile int k = 0; k < 2000; k++)
      ;
#pragma omp atomic
    done_count++;
    return;
  }
  for (int c = 0; c < 3; c++)
#pragma omp task
    spawn_tree(depth - 1);
}

int main(void) {
  int seen = -1, seen_inner = -1, seen_outer = -1;
#pragma omp parallel num_threads(4)
#pragma omp single
  {
#pragma omp taskgroup
    spawn_tree(5); /* 3^5 leaves, created by descendants */
#pragma omp atomic read
    seen = done_count;

    done_count = 0;
#pragma omp taskgroup
    {
#pragma omp task
      {
#pragma omp taskgroup
        spawn_tree(3);
#pragma omp atomic read
        seen_inner = done_count;
        spawn_tree(2);
      }
    }
#pragma omp atomic read
    seen_outer = done_count;
  }
  printf("tree leaves=%d\n", seen);
  printf("nested inner=%d outer=%d\n", seen_inner, seen_outer);
  return 0;
}
// CHECK: tree leaves=243
// inner must see all 27 leaves of its own group; the outer group also waits
// for the 9 spawned after it: 27 + 9.
// CHECK: nested inner={{(2[7-9]|3[0-6])}} outer=36
