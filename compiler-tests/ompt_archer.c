// OMPT with a real tool: LLVM's Archer tells ThreadSanitizer about OpenMP
// synchronisation through OMPT callbacks.  A race-free program (worksharing
// loop, single, a task and its taskwait, tasks ordered by depend clauses,
// barriers, critical, a lock) built
// with -fsanitize=thread is reported clean with Archer on Tempo, and with
// false races without it (Tempo's own synchronisation is invisible to
// ThreadSanitizer: the tool is what makes the difference); a real race
// (argument "racy") is reported.
// REQUIRES: tempo, ompt, archer
// RUN: %cc -fsanitize=thread -g %s -o %t
// RUN: env OMP_NUM_THREADS=2 TSAN_OPTIONS=ignore_noninstrumented_modules=1 OMP_TOOL_LIBRARIES=%archer %preload %run %t 2>&1 | %FileCheck %s --check-prefix=CLEAN
// RUN: env OMP_NUM_THREADS=2 TSAN_OPTIONS=ignore_noninstrumented_modules=1 %preload %run %t > %t.notool 2>&1 || true
// RUN: %FileCheck %s --check-prefix=NOTOOL < %t.notool
// RUN: env OMP_NUM_THREADS=2 TSAN_OPTIONS=ignore_noninstrumented_modules=1 OMP_TOOL_LIBRARIES=%archer %preload %run %t racy > %t.racy 2>&1 || true
// RUN: %FileCheck %s --check-prefix=RACY < %t.racy
// RACY: WARNING: ThreadSanitizer: data race
#include <omp.h>
#include <stdio.h>
#include <string.h>

static int racy(void) {
  int x = 0;
#pragma omp parallel num_threads(2)
  x++; /* the race */
  // RACY: SUMMARY: ThreadSanitizer: data race {{.*}}ompt_archer.c:[[@LINE-1]]
  return x;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "racy") == 0) {
    printf("x=%d\n", racy());
    return 0;
  }
  int a[100] = {0};
  long s = 0, t = 0;
  omp_lock_t lock;
  omp_init_lock(&lock);
#pragma omp parallel num_threads(2)
  {
#pragma omp for
    for (int i = 0; i < 100; i++)
      a[i] = i;
#pragma omp single
    for (int i = 0; i < 100; i++)
      s += a[i];
#pragma omp single
    {
#pragma omp task
      a[0]++;
#pragma omp taskwait
      a[1] = a[0];
    }
#pragma omp single
    for (int i = 0; i < 20; i++) {
#pragma omp task depend(inout : a[2]) shared(a)
      a[2]++;
#pragma omp task depend(in : a[2]) depend(out : a[3]) shared(a)
      a[3] = a[2];
    }
#pragma omp critical
    s++;
    omp_set_lock(&lock);
    t++;
    omp_unset_lock(&lock);
  }
  omp_destroy_lock(&lock);
  printf("s=%ld t=%ld a1=%d a3=%d\n", s, t, a[1], a[3]);
  return 0;
}
// CLEAN-NOT: ThreadSanitizer
// CLEAN: s=4952 t=2 a1=1 a3=22
// CLEAN-NOT: ThreadSanitizer
// NOTOOL: WARNING: ThreadSanitizer: data race
