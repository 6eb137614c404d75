// OMP_DISPLAY_AFFINITY=true: each thread prints its affinity-format line when
// it starts its first region and again only when what the format shows
// changes (here its team size): two regions of 2 threads print 2 lines, a
// region of 3 then 3 more, a region of 2 again 2 more; 7 in all.  Lines go
// to stderr; sorted, since threads print concurrently.
// RUN: %cc %s -o %t
// RUN: env OMP_DISPLAY_AFFINITY=true OMP_AFFINITY_FORMAT='aff L%%L n%%n N%%N' %preload %run %t 2>&1 >/dev/null | sort | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_DISPLAY_AFFINITY=true OMP_AFFINITY_FORMAT='aff L%%L n%%n N%%N' %run %t.l 2>&1 >/dev/null | sort | %FileCheck %s
// RUN: env OMP_AFFINITY_FORMAT='aff L%%L n%%n N%%N' %preload %run %t 2>&1 >/dev/null | %FileCheck %s --check-prefix=OFF --allow-empty
// CHECK: aff L1 n0 N2
// CHECK-NEXT: aff L1 n0 N2
// CHECK-NEXT: aff L1 n0 N3
// CHECK-NEXT: aff L1 n1 N2
// CHECK-NEXT: aff L1 n1 N2
// CHECK-NEXT: aff L1 n1 N3
// CHECK-NEXT: aff L1 n2 N3
// CHECK-NOT: aff
// OFF-NOT: aff
#include <omp.h>
#include <stdio.h>

int main(void) {
  int sum = 0;
  static const int sizes[] = {2, 2, 3, 2};
  for (int r = 0; r < 4; r++) {
#pragma omp parallel num_threads(sizes[r]) reduction(+ : sum)
    sum += omp_get_thread_num();
  }
  printf("sum %d\n", sum);
  return sum == 1 + 1 + 3 + 1 ? 0 : 1;
}
