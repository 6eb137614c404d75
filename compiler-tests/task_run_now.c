// A thread may run a new task at once, inside the task that creates it,
// while older tasks of its own wait for other threads (Tempo:
// TEMPO_INLINE_SLACK).  Two things must hold whatever the runtime decides:
//  - chain: a task that creates the next one and returns, a million times,
//    below 2048 older tasks that keep the other threads busy: every task
//    runs once and the stack does not overflow (tasks run at once nest on
//    the stack; a runtime must bound that nesting);
//  - hunger: a task that keeps creating tasks until another thread has run
//    one of the 16 older tasks queued before it finishes (within 20 s),
//    although it never waits: an idle thread must get work from a thread
//    that runs its new tasks at once (two threads or more).
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=1 %preload %run %t chain | %FileCheck %s --check-prefix=CHAIN
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 TEMPO_INLINE_SLACK=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 TEMPO_INLINE_SLACK=0 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 TEMPO_HEARTBEAT_US=10000000 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=2 %run %t.l | %FileCheck %s
#include <omp.h>
#include <string.h>
#include "taskcheck.h"

#define CHAIN 1000000
#define OLDER 2048
#define HUNGER_OLDER 16

static unsigned char chain_ran[CHAIN + 1];
static int older_ran[OLDER];

static void spin_us(double us) {
  double end = omp_get_wtime() + us * 1e-6;
  while (omp_get_wtime() < end)
    ;
}

static void chain(long k) {
  chain_ran[k]++;
  if (k < CHAIN) {
#pragma omp task firstprivate(k)
    chain(k + 1);
  }
}

static void chain_test(void) {
#pragma omp parallel
#pragma omp single
  {
    for (int i = 0; i < OLDER; i++) {
#pragma omp task firstprivate(i)
      {
        spin_us(50);
        older_ran[i]++;
      }
    }
#pragma omp task
    chain(0);
  }
  long bad = 0;
  for (long k = 0; k <= CHAIN; k++)
    bad += chain_ran[k] != 1;
  for (int i = 0; i < OLDER; i++)
    bad += older_ran[i] != 1;
  EXPECT_EQ_LL(bad, 0);
  printf("chain: %d tasks below %d older ones ran once each\n", CHAIN + 1, OLDER);
}

static void hunger_test(void) {
  int owner = -1, stolen = 0;
  long spawned = 0;
#pragma omp parallel
  {
    if (omp_get_thread_num() == 0) {
      for (int i = 0; i < HUNGER_OLDER; i++) {
#pragma omp task shared(owner, stolen)
        {
          if (omp_get_thread_num() != __atomic_load_n(&owner, __ATOMIC_ACQUIRE))
            __atomic_store_n(&stolen, 1, __ATOMIC_RELEASE);
        }
      }
      /* The newest task: the taskwait below runs it here first, above the
       * older ones. */
#pragma omp task shared(owner, stolen, spawned)
      {
        __atomic_store_n(&owner, omp_get_thread_num(), __ATOMIC_RELEASE);
        double deadline = omp_get_wtime() + 20;
        while (!__atomic_load_n(&stolen, __ATOMIC_ACQUIRE)) {
          if (omp_get_wtime() > deadline) {
            tc_fail("hunger: no other thread ran an older task within 20 s");
            break;
          }
#pragma omp task shared(spawned)
          __atomic_fetch_add(&spawned, 1, __ATOMIC_RELAXED);
        }
      }
#pragma omp taskwait
    } else if (omp_get_thread_num() == 1) {
      /* Busy outside the runtime until that task runs, so that this
       * thread asks for work only while it does. */
      while (__atomic_load_n(&owner, __ATOMIC_ACQUIRE) < 0)
        ;
    }
  }
  tc_flush();
  EXPECT_EQ_LL(stolen, 1);
  printf("hunger: another thread ran an older task: %s\n", stolen ? "yes" : "no");
}

int main(int argc, char **argv) {
  chain_test();
  if (argc < 2 || strcmp(argv[1], "chain") != 0)
    hunger_test();
  return check_report("task_run_now");
}
// CHECK: chain: 1000001 tasks below 2048 older ones ran once each
// CHECK: hunger: another thread ran an older task: yes
// CHECK-NOT: FAIL
// CHECK: task_run_now: OK
// CHAIN: chain: 1000001 tasks below 2048 older ones ran once each
// CHAIN-NOT: FAIL
// CHAIN: task_run_now: OK
