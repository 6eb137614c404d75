// Nested and concurrent use: several pthreads, each an initial thread
// opening nested regions at once; a parallel region inside a task inside a
// parallel region; omp_pause_resource_all from one thread while others run
// regions, then reuse; and exit() called inside a region while the other
// members are busy (the process must end with that status, not hang).
// RUN: %cc %s -pthread -o %t
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=3 OMP_WAIT_POLICY=passive %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t exit > %t.exit || echo "exit status $?" >> %t.exit
// RUN: %FileCheck --check-prefix=EXIT %s < %t.exit
#include <omp.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static long nested_sum(void) {
  long sum = 0;
#pragma omp parallel num_threads(2) reduction(+ : sum)
  {
#pragma omp parallel for num_threads(2) reduction(+ : sum)
    for (int i = 0; i < 1000; i++)
      sum += i;
  }
  return sum; /* 2 outer members x 499500 */
}

static void *user_thread(void *arg) {
  long bad = 0;
  omp_set_max_active_levels(2);
  for (int k = 0; k < 40; k++)
    bad += nested_sum() != 2 * 499500;
  *(long *)arg = bad;
  return NULL;
}

static volatile int stop;
static void *busy_thread(void *arg) {
  long *runs = arg;
  while (!stop) {
    long s = 0;
#pragma omp parallel reduction(+ : s)
    s += 1;
    __atomic_add_fetch(runs, s > 0, __ATOMIC_RELAXED);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "exit")) {
    printf("before exit\n");
    fflush(stdout);
#pragma omp parallel
    {
      if (omp_get_thread_num() == 1) {
        usleep(20000);
        exit(7);
      }
      for (;;) {
#pragma omp barrier
      }
    }
    return 0;
  }

  /* 1. four initial threads, nested regions each. */
  pthread_t t[4];
  long bad[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, user_thread, &bad[i]);
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    EXPECT(bad[i] == 0, "user thread %d: %ld wrong sums", i, bad[i]);
  }

  /* 2. a region inside a task inside a region. */
  omp_set_max_active_levels(2);
  long inner = 0;
  int inner_size = 0;
#pragma omp parallel
#pragma omp single
  {
#pragma omp task shared(inner, inner_size)
    {
#pragma omp parallel num_threads(2) reduction(+ : inner)
      {
#pragma omp single
        inner_size = omp_get_num_threads();
#pragma omp for
        for (int i = 0; i < 1000; i++)
          inner += i;
      }
    }
  }
  EXPECT(inner == 499500 && inner_size == 2, "region in a task: %ld, team of %d", inner,
         inner_size);

  /* 3. pause while other initial threads run regions, then reuse. */
  pthread_t b[2];
  long runs[2] = {0, 0};
  for (int i = 0; i < 2; i++)
    pthread_create(&b[i], NULL, busy_thread, &runs[i]);
  int paused = 0;
  /* Until both have run regions while this thread pauses (10 s at most). */
  for (int k = 0; k < 20 || ((__atomic_load_n(&runs[0], __ATOMIC_RELAXED) < 20 ||
                              __atomic_load_n(&runs[1], __ATOMIC_RELAXED) < 20) &&
                             k < 10000); k++) {
    if (k >= 20)
      usleep(1000);
    paused += omp_pause_resource_all(omp_pause_soft) == 0;
    long s = 0;
#pragma omp parallel reduction(+ : s)
    s += 1;
    EXPECT(s == omp_get_max_threads(), "after pause: team of %ld", s);
  }
  stop = 1;
  for (int i = 0; i < 2; i++) {
    pthread_join(b[i], NULL);
    EXPECT(runs[i] > 0, "busy thread %d ran no region", i);
  }
  EXPECT(paused > 0, "omp_pause_resource_all never succeeded");
  return check_report("concurrent_nested");
}
// CHECK-NOT: FAIL
// CHECK: concurrent_nested: OK
// EXIT: before exit
// EXIT-NEXT: exit status 7
