// fork() in a process that has run parallel regions: the child gets a
// working runtime (new workers, full team size, tasks) and the parent is
// unaffected.  Also fork from inside a region (by the master: the region
// goes on as a team of one in the child; by a worker: the child ends after
// the region), and fork from one pthread while another runs regions, which
// exercises the runtime's locks around fork.  Stock libgomp hangs in the
// child of the first case (GCC bug 60035).
// REQUIRES: tempo
// RUN: %cc %s -pthread -o %t
// RUN: env OMP_NUM_THREADS=4 %preload %run %t outside | %FileCheck --check-prefix=OUT %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t master | %FileCheck --check-prefix=MASTER %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t worker 2>%t.err | %FileCheck --check-prefix=WORKER %s
// RUN: %FileCheck --check-prefix=WORKER-ERR %s < %t.err
// RUN: env OMP_NUM_THREADS=3 %preload %run %t concurrent | %FileCheck --check-prefix=CONC %s
// RUN: %cc %s -pthread %link -o %t.l
// RUN: env OMP_NUM_THREADS=4 %run %t.l outside | %FileCheck --check-prefix=OUT %s
#include <omp.h>
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

/* A region, a loop and 1000 tasks: the team size and whether all ran. */
static int work(long *sum_out) {
  int size = 0;
  long sum = 0;
#pragma omp parallel reduction(+ : sum)
  {
#pragma omp single
    size = omp_get_num_threads();
#pragma omp for
    for (int i = 0; i < 1000; i++)
      sum += i;
#pragma omp single
    for (int i = 0; i < 1000; i++) {
#pragma omp task
      {
#pragma omp atomic
        (*sum_out) += i;
      }
    }
  }
  *sum_out += sum;
  return size;
}

/* Waits for the child; its exit status, or -1 if it did not exit. */
static int reap(pid_t p) {
  int st;
  if (waitpid(p, &st, 0) != p || !WIFEXITED(st))
    return -1;
  return WEXITSTATUS(st);
}

static void outside(void) {
  long s = 0;
  EXPECT(work(&s) == 4 && s == 2 * 499500, "parent before: %ld", s);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    long c = 0;
    int n = work(&c);
    printf("child: team of %d, sum %ld\n", n, c);
    fflush(stdout);
    _exit(n == 4 && c == 2 * 499500 ? 0 : 1);
  }
  printf("child exit %d\n", reap(p));
  s = 0;
  int n = work(&s);
  printf("parent after: team of %d, sum %ld\n", n, s);
}

static void inside(int forker) {
  int bad = 0;
  pid_t p = -1;
#pragma omp parallel num_threads(4) reduction(+ : bad)
  {
    int me = omp_get_thread_num();
#pragma omp barrier
    if (me == forker) {
      fflush(stdout);
      p = fork();
    }
    if (p == 0 && me == forker) {
      /* The child: this thread alone in the region from here on (a
       * dynamic loop hands it every iteration; a static one, whose
       * shares compiled code computes, only its own). */
      long sum = 0;
#pragma omp for schedule(dynamic, 7)
      for (int i = 0; i < 100; i++)
        sum += i;
#pragma omp barrier
      printf("child in region: %d thread(s), loop sum %ld\n", omp_get_num_threads(), sum);
      fflush(stdout);
    }
  }
  if (p == 0) {
    /* Only the master's child gets here: regions run at full size. */
    long c = 0;
    int n = work(&c);
    printf("child after region: team of %d, sum %ld\n", n, c);
    fflush(stdout);
    _exit(0);
  }
  printf("child exit %d\n", reap(p));
  long s = 0;
  int n = work(&s);
  printf("parent after: team of %d, sum %ld\n", n, s);
  EXPECT(bad == 0, "bad");
}

static volatile int stop;

static void *regions(void *arg) {
  (void)arg;
  long n = 0;
  while (!stop) {
    long s = 0;
    work(&s);
    n++;
  }
  return (void *)n;
}

static void concurrent(void) {
  pthread_t t;
  pthread_create(&t, NULL, regions, NULL);
  int ok = 0;
  for (int k = 0; k < 20; k++) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
      long c = 0;
      int n = work(&c);
      _exit(n == 3 && c == 2 * 499500 ? 0 : 1);
    }
    ok += reap(p) == 0;
  }
  stop = 1;
  void *n;
  pthread_join(t, &n);
  printf("children ok: %d of 20; other thread ran regions: %s\n", ok,
         (long)n > 0 ? "yes" : "no");
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "outside";
  if (!strcmp(mode, "outside"))
    outside();
  else if (!strcmp(mode, "master"))
    inside(0);
  else if (!strcmp(mode, "worker"))
    inside(2);
  else
    concurrent();
  return check_report("fork_child");
}
// OUT: child: team of 4, sum 999000
// OUT: child exit 0
// OUT: parent after: team of 4, sum 999000
// OUT: fork_child: OK
// MASTER: child in region: 1 thread(s), loop sum 4950
// MASTER: child after region: team of 4, sum 999000
// MASTER: child exit 0
// MASTER: parent after: team of 4, sum 999000
// MASTER: fork_child: OK
// WORKER: child in region: 1 thread(s), loop sum 4950
// WORKER: child exit 0
// WORKER: parent after: team of 4, sum 999000
// WORKER: fork_child: OK
// WORKER-ERR: a child of fork() made by worker thread 2 inside a parallel region has nothing left to run after the region; it exits
// CONC: children ok: 20 of 20; other thread ran regions: yes
// CONC: fork_child: OK
