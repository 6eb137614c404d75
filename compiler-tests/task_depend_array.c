// depend on array sections and elements: a blocked pipeline where each
// block task depends on a[b*B : B] (out), then readers of overlapping
// element dependences; also dependences on distinct elements are
// independent yet each element's chain stays ordered.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define NB 8
#define B 16
static long a[NB * B];

int main(void) {
  long blocksum[NB] = {0};
  long elem_chain[NB] = {0}, want_chain[NB] = {0};
  for (int e = 0; e < NB; e++)
    for (int r = 0; r < 30; r++)
      want_chain[e] = want_chain[e] * 2 % 1000003 + r;
#pragma omp parallel num_threads(4)
#pragma omp single
  {
    for (int rep = 1; rep <= 5; rep++) {
      for (int b = 0; b < NB; b++) {
#pragma omp task depend(out : a[b * B : B]) firstprivate(b, rep)
        {
          for (volatile int s = 0; s < (b % 3) * 2000; s++)
            ;
          for (int i = 0; i < B; i++)
            a[b * B + i] = rep * 1000 + b * B + i;
        }
#pragma omp task depend(in : a[b * B : B]) firstprivate(b, rep) shared(blocksum)
        {
          long s = 0;
          for (int i = 0; i < B; i++)
            s += a[b * B + i] - rep * 1000;
          blocksum[b] += s; /* same block's tasks are serialised */
        }
      }
    }
    for (int r = 0; r < 30; r++)
      for (int e = 0; e < NB; e++)
#pragma omp task depend(inout : elem_chain[e]) firstprivate(e, r)
        elem_chain[e] = elem_chain[e] * 2 % 1000003 + r;
#pragma omp taskwait
  }
  for (int b = 0; b < NB; b++) {
    long want = 0;
    for (int i = 0; i < B; i++)
      want += b * B + i;
    EXPECT(blocksum[b] == 5 * want, "block %d: %ld want %ld", b, blocksum[b],
           5 * want);
  }
  for (int e = 0; e < NB; e++)
    EXPECT_EQ_LL(elem_chain[e], want_chain[e]);
  printf("last element %ld\n", a[NB * B - 1]);
  return check_report("task_depend_array");
}
// 5*1000 + 127
// CHECK-NOT: FAIL
// CHECK: last element 5127
// CHECK: task_depend_array: OK
