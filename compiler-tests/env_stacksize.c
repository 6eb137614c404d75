// OMP_STACKSIZE / GOMP_STACKSIZE with units (B, K, M, G; no unit = K): the
// stack of a worker thread (measured with pthread_getattr_np) is at least
// the requested size and not wildly larger.
// RUN: %cc %s -pthread -o %t
// RUN: env OMP_STACKSIZE=4M %preload %run %t 4194304 | %FileCheck %s
// RUN: env OMP_STACKSIZE=3000K %preload %run %t 3072000 | %FileCheck %s
// RUN: env OMP_STACKSIZE=6144 %preload %run %t 6291456 | %FileCheck %s
// RUN: env "OMP_STACKSIZE= 12 m " %preload %run %t 12582912 | %FileCheck %s
// RUN: env OMP_STACKSIZE=1G %preload %run %t 1073741824 | %FileCheck %s
// RUN: env OMP_STACKSIZE=2500000B %preload %run %t 2500000 | %FileCheck %s
// RUN: env GOMP_STACKSIZE=5000 %preload %run %t 5120000 | %FileCheck %s
// RUN: %cc %s -pthread %link -o %t.l && env OMP_STACKSIZE=7M %run %t.l 7340032 | %FileCheck %s
#define _GNU_SOURCE
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include "check.h"

static size_t my_stack_size(void) {
  pthread_attr_t a;
  size_t sz = 0;
  if (pthread_getattr_np(pthread_self(), &a) == 0) {
    pthread_attr_getstacksize(&a, &sz);
    pthread_attr_destroy(&a);
  }
  return sz;
}

/* Touch most of the requested stack to prove it is usable. */
static long deep(char *base, size_t depth) {
  volatile char buf[4096];
  buf[0] = (char)depth;
  buf[4095] = 1;
  if (depth == 0)
    return buf[0] + buf[4095];
  return deep(base, depth - 1) + buf[0] * 0 + 1;
}

int main(int argc, char **argv) {
  size_t want = strtoull(argv[1], NULL, 10);
  size_t sizes[8] = {0};
  long used[8] = {0};
  int nth = 0;
#pragma omp parallel num_threads(3)
  {
    int me = omp_get_thread_num();
    sizes[me] = my_stack_size();
#pragma omp single
    nth = omp_get_num_threads();
    if (me != 0 && want <= (64u << 20))
      used[me] = deep(NULL, want * 3 / 4 / 4200);
  }
  for (int t = 1; t < nth; t++) {
    /* the C library may round the size down to its stack alignment */
    EXPECT(sizes[t] + 4096 > want, "thread %d stack %zu < requested %zu", t,
           sizes[t], want);
    EXPECT(sizes[t] <= want + (want / 4) + (1 << 20),
           "thread %d stack %zu much larger than requested %zu", t, sizes[t],
           want);
    if (want <= (64u << 20))
      EXPECT(used[t] > 0, "thread %d deep recursion result %ld", t, used[t]);
  }
  printf("workers checked: %d\n", nth - 1);
  return check_report("stacksize");
}
// CHECK-NOT: FAIL
// CHECK: workers checked: 2
// CHECK: stacksize: OK
