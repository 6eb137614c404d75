// A chain of nested tasks: each level creates one child task and waits for
// it in taskwait, down to the given depth. Every level runs once, and when
// a taskwait returns its whole sub-chain is complete.
// With default stacks (8 MB main thread) the chain is 10000 deep: stock
// libgomp runs a waited-for child on the waiting thread's stack (about
// 440 bytes a level) and overflows at about 18700 levels, so a runtime
// needs no more stack per level than half of that budget (800 bytes).
// The 100000-deep chain runs in a pthread with a 256 MB stack as the
// team's primary thread, with OMP_STACKSIZE=256M for the other threads: it
// fits in 2.6 KB a level and checks that nothing else (task bookkeeping,
// a depth limit) breaks at that depth.
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t 10000 | %FileCheck %s --check-prefix=D10K
// RUN: env OMP_NUM_THREADS=8 %preload %run %t 10000 | %FileCheck %s --check-prefix=D10K
// RUN: env OMP_NUM_THREADS=1 OMP_STACKSIZE=256M %preload %run %t 100000 big | %FileCheck %s --check-prefix=D100K
// RUN: env OMP_NUM_THREADS=8 OMP_STACKSIZE=256M %preload %run %t 100000 big | %FileCheck %s --check-prefix=D100K
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=2 %run %t.l 10000 | %FileCheck %s --check-prefix=D10K
// RUN: env OMP_NUM_THREADS=2 OMP_STACKSIZE=256M %run %t.l 100000 big | %FileCheck %s --check-prefix=D100K
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "taskcheck.h"

#define MAX_DEPTH 100000
static unsigned char done[MAX_DEPTH + 1];
static long depth;

static void level(long d) {
  done[d]++;
  if (d == depth)
    return;
#pragma omp task firstprivate(d)
  level(d + 1);
#pragma omp taskwait
  /* The child finished, and it waited for its own child, and so on. */
  if (done[d + 1] != 1 || done[depth] != 1)
    tc_fail("level %ld: after taskwait, level %ld ran %d times and the "
            "last level %d times", d, d + 1, done[d + 1], done[depth]);
}

static void *run_chain(void *arg) {
  (void)arg;
#pragma omp parallel
#pragma omp single
  level(0);
  return NULL;
}

int main(int argc, char **argv) {
  depth = argc > 1 ? atol(argv[1]) : 1000;
  if (depth < 1 || depth > MAX_DEPTH)
    return 2;
  if (argc > 2 && strcmp(argv[2], "big") == 0) {
    pthread_attr_t attr;
    pthread_t th;
    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, (size_t)256 << 20) != 0 ||
        pthread_create(&th, &attr, run_chain, NULL) != 0) {
      printf("FAIL cannot start a thread with a 256 MB stack\n");
      return 1;
    }
    pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
  } else {
    run_chain(NULL);
  }
  tc_flush();
  long bad = 0;
  for (long d = 0; d <= depth; d++)
    bad += done[d] != 1;
  EXPECT(bad == 0, "%ld of %ld levels did not run exactly once", bad,
         depth + 1);
  printf("chain depth %ld complete\n", depth);
  return check_report("task_deep_chain");
}
// D10K-NOT: FAIL
// D10K: chain depth 10000 complete
// D10K: task_deep_chain: OK
// D100K-NOT: FAIL
// D100K: chain depth 100000 complete
// D100K: task_deep_chain: OK
