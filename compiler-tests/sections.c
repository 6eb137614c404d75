// sections: each section runs exactly once, with more sections than
// threads, lastprivate from the lexically last section, nowait; under
// dyn-var a combined parallel sections gets no more threads than sections.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

static int ran[8];

int main(void) {
  for (int rep = 0; rep < 50; rep++) {
    int last = -1;
#pragma omp parallel sections num_threads(3) lastprivate(last)
    {
#pragma omp section
      { ran[0]++; last = 0; }
#pragma omp section
      { ran[1]++; last = 1; }
#pragma omp section
      { ran[2]++; last = 2; }
#pragma omp section
      { ran[3]++; last = 3; }
#pragma omp section
      { ran[4]++; last = 4; }
#pragma omp section
      { ran[5]++; last = 5; }
#pragma omp section
      { ran[6]++; last = 6; }
    }
    EXPECT_EQ_LL(last, 6);
  }
  for (int s = 0; s < 7; s++)
    EXPECT(ran[s] == 50, "section %d ran %d times", s, ran[s]);
  /* Orphaned sections with nowait followed by a second sections construct. */
  int a = 0, b = 0, c = 0, who[3] = {-1, -1, -1};
#pragma omp parallel num_threads(2)
  {
#pragma omp sections nowait
    {
#pragma omp section
      { a += 10; who[0] = omp_get_thread_num(); }
#pragma omp section
      { b += 20; who[1] = omp_get_thread_num(); }
    }
#pragma omp sections
    {
#pragma omp section
      { c += 30; who[2] = omp_get_thread_num(); }
    }
  }
  printf("a=%d b=%d c=%d\n", a, b, c);
  for (int s = 0; s < 3; s++)
    EXPECT(who[s] == 0 || who[s] == 1, "section %d ran on thread %d", s, who[s]);
  /* dyn-var: one section gets a team of one (this machine's idle CPUs would
   * allow more); without dyn-var, the three threads asked for. */
  for (int dyn = 1; dyn >= 0; dyn--) {
    omp_set_dynamic(dyn);
    int nt = 0;
#pragma omp parallel sections num_threads(3)
    {
#pragma omp section
      nt = omp_get_num_threads();
    }
#ifdef __clang__
    /* clang's parallel sections is a plain parallel region (the runtime is
     * not told the section count): any team size dyn-var allows. */
    EXPECT(dyn ? nt >= 1 && nt <= 3 : nt == 3, "dyn-var %d: 1 section ran in a team of %d",
           dyn, nt);
#else
    EXPECT(nt == (dyn ? 1 : 3), "dyn-var %d: 1 section ran in a team of %d",
           dyn, nt);
#endif
  }
  return check_report("sections");
}
// CHECK-NOT: FAIL
// CHECK: a=10 b=20 c=30
// CHECK: sections: OK
