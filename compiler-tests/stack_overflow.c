// A worker that overflows its stack (OMP_STACKSIZE=256K, a recursion with
// big frames) gets one clear message naming the thread and the setting,
// and the process still dies of SIGSEGV as before.  A fault that is not a
// stack overflow goes to the handler the program had installed.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: rm -f %t.status
// RUN: env OMP_NUM_THREADS=2 OMP_STACKSIZE=256K %preload %run %t overflow > %t.out 2> %t.err || echo "exit status $?" > %t.status
// RUN: %FileCheck --check-prefix=STATUS %s < %t.status
// RUN: %FileCheck --check-prefix=OVERFLOW %s < %t.err
// RUN: env OMP_NUM_THREADS=2 %preload %run %t chain > %t.chain 2>&1 || echo "exit status $?" >> %t.chain
// RUN: %FileCheck --check-prefix=CHAIN %s < %t.chain
#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int deep(int n) {
  volatile char frame[4096];
  frame[0] = (char)n;
  frame[4095] = (char)n;
  return n == 0 ? frame[0] : deep(n - 1) + frame[4095];
}

static void program_handler(int sig) {
  (void)sig;
  static const char msg[] = "program's own SIGSEGV handler ran\n";
  ssize_t w = write(STDOUT_FILENO, msg, sizeof msg - 1);
  (void)w;
  _exit(3);
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "chain")) {
    signal(SIGSEGV, program_handler); /* before the runtime's */
    int *volatile nowhere = NULL;
#pragma omp parallel
    if (omp_get_thread_num() == 1)
      *nowhere = 1; /* a plain bad access on a worker, not an overflow */
    return 0;
  }
  int r = 0;
#pragma omp parallel reduction(+ : r)
  if (omp_get_thread_num() == 1)
    r += deep(1 << 20); /* 4 GiB of frames: overflows any stack */
  printf("not reached %d\n", r);
  return 0;
}
// STATUS: exit status 139
// OVERFLOW: tempo: fatal error: stack overflow in OpenMP worker thread 1 (stack of {{[0-9]+}} KiB); give workers larger stacks with OMP_STACKSIZE (or GOMP_STACKSIZE), e.g. OMP_STACKSIZE={{[0-9]+}}M
// CHAIN: program's own SIGSEGV handler ran
// CHAIN-NEXT: exit status 3
