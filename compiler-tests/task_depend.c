// depend(in/out/inout) orders sibling tasks: a chain of inout updates
// applied in program order, readers see the preceding writer's value,
// independent chains do not interfere.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

#define CHAINS 4
#define LEN 200

int main(void) {
  long x[CHAINS] = {0};
  long want[CHAINS] = {0};
  for (int c = 0; c < CHAINS; c++)
    for (int k = 0; k < LEN; k++)
      want[c] = (want[c] * 3 + k + c) % 1000003; /* order-sensitive */
  int bad_reads = 0;
#pragma omp parallel num_threads(4)
#pragma omp single
  {
    for (int k = 0; k < LEN; k++)
      for (int c = 0; c < CHAINS; c++) {
#pragma omp task depend(inout : x[c]) firstprivate(k, c) shared(x)
        x[c] = (x[c] * 3 + k + c) % 1000003;
      }
    /* out then several in: all readers see the written value. */
    long v = 0;
    for (int r = 0; r < 20; r++) {
#pragma omp task depend(out : v) firstprivate(r) shared(v)
      {
        for (volatile int s = 0; s < 3000; s++)
          ;
        v = r * 7;
      }
      for (int q = 0; q < 3; q++)
#pragma omp task depend(in : v) firstprivate(r) shared(v, bad_reads)
        if (v != r * 7)
#pragma omp atomic
          bad_reads++;
    }
#pragma omp taskwait
  }
  for (int c = 0; c < CHAINS; c++)
    EXPECT(x[c] == want[c], "chain %d: %ld want %ld", c, x[c], want[c]);
  EXPECT_EQ_LL(bad_reads, 0);
  printf("chain0 matches serial: %d\n", x[0] == want[0]);
  return check_report("task_depend");
}
// CHECK-NOT: FAIL
// CHECK: chain0 matches serial: 1
// CHECK: task_depend: OK
