// master and masked [filter(n)]: only the selected thread runs the block.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include "check.h"

int main(void) {
  int m_runs = 0, m_who = -1, f_runs = 0, f_who = -1, none = 0, d_who = -1;
#pragma omp parallel num_threads(4)
  {
#pragma omp master
    {
      m_runs++;
      m_who = omp_get_thread_num();
    }
#pragma omp masked filter(2)
    {
      f_runs++;
      f_who = omp_get_thread_num();
    }
#pragma omp masked filter(7)
    none++; /* no thread 7 in a team of 4 */
#pragma omp masked
    d_who = omp_get_thread_num();
  }
  printf("master runs=%d who=%d\n", m_runs, m_who);
  printf("filter(2) runs=%d who=%d\n", f_runs, f_who);
  printf("filter(7) runs=%d default who=%d\n", none, d_who);
  return 0;
}
// CHECK: master runs=1 who=0
// CHECK: filter(2) runs=1 who=2
// CHECK: filter(7) runs=0 default who=0
