// The system refuses new threads (pthread_create fails with EAGAIN, as
// under a container's pids limit; CI runs as root, which RLIMIT_NPROC does
// not bind): a region runs with the threads the runtime could start, one
// warning says why, nothing is lost, and a later region, once threads can
// be created again, gets its full team.  libgomp calls exit(1) here.
// The program itself defines pthread_create (exported with -rdynamic, so
// the runtime's calls bind to it): it fails after `allowed` creations.
// REQUIRES: tempo
// RUN: %cc -rdynamic %s -ldl -o %t
// RUN: env OMP_NUM_THREADS=4 %preload %run %t 1 2>%t.err | %FileCheck %s
// RUN: %FileCheck --check-prefix=WARN %s < %t.err
// RUN: env OMP_NUM_THREADS=4 %preload %run %t 0 2>%t.err0 | %FileCheck --check-prefix=NONE %s
// RUN: %FileCheck --check-prefix=WARN %s < %t.err0
// A real limit instead of an injected one: 200 MB of address space and
// 100 MB stacks leave room for a few workers, not for seven.
// RUN: sh -c 'ulimit -v 200000 && exec env OMP_NUM_THREADS=8 OMP_STACKSIZE=100M "$@"' x %preload %run %t rlimit 2>%t.errv | %FileCheck --check-prefix=RLIMIT %s
// RUN: %FileCheck --check-prefix=WARNSTACK %s < %t.errv
// RUN: %cc -rdynamic %s -ldl %link -o %t.l
// RUN: env OMP_NUM_THREADS=4 %run %t.l 1 2>/dev/null | %FileCheck %s
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include "check.h"

static int allowed = 1 << 30; /* creations left before EAGAIN */

int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg) {
  static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
  if (!real)
    real = (int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))dlsym(
        RTLD_NEXT, "pthread_create");
  if (__atomic_fetch_sub(&allowed, 1, __ATOMIC_RELAXED) <= 0)
    return EAGAIN;
  return real(t, a, fn, arg);
}

/* One region: its size, and whether every member did its share of a loop
 * and ran the tasks it created. */
static long tasks;

static int region(const char *what) {
  int size = 0;
  long sum = 0;
  tasks = 0;
#pragma omp parallel reduction(+ : sum)
  {
#pragma omp single
    size = omp_get_num_threads();
#pragma omp for
    for (int i = 1; i <= 1000; i++)
      sum += i;
    for (int k = 0; k < 10; k++) {
#pragma omp task
      {
#pragma omp atomic
        tasks++;
      }
    }
  }
  EXPECT_EQ_LL(sum, 500500);
  EXPECT(tasks == 10L * size, "%s: %ld tasks for a team of %d", what, tasks, size);
  printf("%s: team of %d\n", what, size);
  return size;
}

int main(int argc, char **argv) {
  if (argc > 1 && argv[1][0] == 'r') { /* rlimit: the system's own refusal */
    int size = region("under a memory limit");
    printf("fewer than 8: %s\n", size < 8 ? "yes" : "no");
    return check_report("thread_create_fail");
  }
  allowed = argc > 1 ? atoi(argv[1]) : 1;
  int first = region("limited");
  EXPECT(first == 1 + atoi(argv[1]), "team of %d", first);
  region("limited again");
  allowed = 1 << 30; /* threads can be created again */
  int later = region("unlimited");
  EXPECT(later == 4, "a later region got %d threads, not 4", later);
  return check_report("thread_create_fail");
}
// CHECK: limited: team of 2
// CHECK: limited again: team of 2
// CHECK: unlimited: team of 4
// CHECK-NOT: FAIL
// CHECK: thread_create_fail: OK
// NONE: limited: team of 1
// NONE: limited again: team of 1
// NONE: unlimited: team of 4
// NONE-NOT: FAIL
// NONE: thread_create_fail: OK
// WARN: cannot create a worker thread (Resource temporarily unavailable); parallel regions run with the threads already running, and later regions try again
// WARN-NOT: cannot create
// RLIMIT: under a memory limit: team of
// RLIMIT: fewer than 8: yes
// RLIMIT-NOT: FAIL
// RLIMIT: thread_create_fail: OK
// WARNSTACK: cannot create a worker thread ({{.*}}, with OMP_STACKSIZE's stack size); parallel regions run with the threads already running, and later regions try again
