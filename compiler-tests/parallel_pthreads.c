// Several pthreads each start their own parallel regions; each pthread is
// its own initial thread (level 0, thread 0) and teams do not mix.
// RUN: %cc %s -pthread -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s -pthread %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include <pthread.h>
#include "check.h"

#define NPT 3
#define ROUNDS 50
static int errors[NPT];
static long sums[NPT];

static void *body(void *arg) {
  int me = (int)(long)arg;
  if (omp_get_level() != 0 || omp_get_thread_num() != 0 || omp_in_parallel())
    errors[me]++;
  for (int r = 0; r < ROUNDS; r++) {
    int n = 2 + (r + me) % 3;
    long s = 0;
    int size = 0;
#pragma omp parallel num_threads(n) reduction(+ : s)
    {
      if (omp_get_level() != 1 || omp_get_ancestor_thread_num(0) != 0)
#pragma omp atomic
        errors[me]++;
#pragma omp single
      size = omp_get_num_threads();
#pragma omp for
      for (int i = 0; i <= 100 * (me + 1); i++)
        s += i;
    }
    if (size != n)
      errors[me]++;
    sums[me] += s;
  }
  return NULL;
}

int main(void) {
  pthread_t th[NPT];
  for (long i = 0; i < NPT; i++)
    pthread_create(&th[i], NULL, body, (void *)i);
  for (int i = 0; i < NPT; i++)
    pthread_join(th[i], NULL);
  for (int i = 0; i < NPT; i++) {
    long m = 100L * (i + 1);
    EXPECT_EQ_LL(errors[i], 0);
    EXPECT_EQ_LL(sums[i], ROUNDS * m * (m + 1) / 2);
  }
  return check_report("pthreads");
}
// CHECK-NOT: FAIL
// CHECK: pthreads: OK
