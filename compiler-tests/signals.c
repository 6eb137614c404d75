// Signals during waits: a SIGALRM every 200 us (handler installed without
// SA_RESTART, so futex waits return EINTR) hits threads in barriers, locks,
// taskwaits and a region's end.  Nothing may be lost or hang, and errno as
// the program sees it after a construct is what it set before (a barrier
// does not change it).
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=3 OMP_WAIT_POLICY=passive %preload %run %t | %FileCheck %s
#include <errno.h>
#include <omp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include "check.h"

static volatile sig_atomic_t ticks;
static void on_alarm(int sig) {
  (void)sig;
  ticks++;
  errno = EIO; /* a careless handler; the runtime must not care */
}

static long fib(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a)
  a = fib(n - 1);
#pragma omp task shared(b)
  b = fib(n - 2);
#pragma omp taskwait
  return a + b;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; /* no SA_RESTART */
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 200}, {0, 200}};
  setitimer(ITIMER_REAL, &it, NULL);

  omp_lock_t lock;
  omp_init_lock(&lock);
  long counted = 0, locked = 0, bad_errno = 0;
  for (int round = 0; round < 200; round++) {
#pragma omp parallel reduction(+ : counted, bad_errno)
    {
      for (int b = 0; b < 20; b++) {
        counted++;
        errno = 1234;
#pragma omp barrier
        bad_errno += errno != 1234 && errno != EIO;
      }
      omp_set_lock(&lock);
      locked++;
      omp_unset_lock(&lock);
    }
  }
  long f = 0;
#pragma omp parallel
#pragma omp single
  f = fib(20);
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  int nt = omp_get_max_threads();
  EXPECT_EQ_LL(counted, 200L * 20 * nt);
  EXPECT_EQ_LL(locked, 200L * nt);
  EXPECT_EQ_LL(f, 6765);
  EXPECT(bad_errno == 0, "errno changed by a barrier %ld times", bad_errno);
  EXPECT(ticks > 10, "only %d signals arrived", (int)ticks);
  omp_destroy_lock(&lock);
  return check_report("signals");
}
// CHECK-NOT: FAIL
// CHECK: signals: OK
