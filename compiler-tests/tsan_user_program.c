// A program compiled with -fsanitize=thread and linked against a
// ThreadSanitizer build of Tempo: TSan sees the runtime's synchronisation
// (its atomics), so a race-free program using barriers, worksharing, locks,
// tasks with dependences and reductions gets no report (stock libgomp, not
// instrumented, gets six false ones for this program), while a real race
// is reported at its line.
// REQUIRES: tempo-tsan, gcc
// RUN: %cc -DRACY=0 %s %tsan_link -o %t.ok
// RUN: env TSAN_OPTIONS=halt_on_error=0:exitcode=0 %run %t.ok > %t.ok.out 2>&1
// RUN: %FileCheck --check-prefix=CLEAN %s < %t.ok.out
// RUN: %cc -DRACY=1 %s %tsan_link -o %t.racy
// RUN: env TSAN_OPTIONS=halt_on_error=0:exitcode=0 %run %t.racy > %t.racy.out 2>&1
// RUN: %FileCheck --check-prefix=RACY %s < %t.racy.out
#include <omp.h>
#include <stdio.h>

int main(void) {
  long a[1000] = {0}, sum = 0, locked = 0, x = 0, y = 0, racy = 0;
  omp_lock_t l;
  omp_init_lock(&l);
#pragma omp parallel num_threads(4) reduction(+ : sum)
  {
#pragma omp for
    for (int i = 0; i < 1000; i++)
      a[i] = i;
#pragma omp for
    for (int i = 0; i < 1000; i++)
      sum += a[999 - i]; /* written by another thread before the barrier */
    omp_set_lock(&l);
    locked++;
    omp_unset_lock(&l);
#pragma omp single
    {
#pragma omp task depend(out : x) shared(x)
      x = 1;
#pragma omp task depend(in : x) depend(out : y) shared(x, y)
      y = x + 1;
#pragma omp taskwait
    }
    if (RACY)
      racy++; /* the race: no synchronisation at all */
    // RACY: WARNING: ThreadSanitizer: data race
    // RACY: SUMMARY: ThreadSanitizer: data race {{.*}}tsan_user_program.c:[[# @LINE - 2]]
  }
  omp_destroy_lock(&l);
  printf("sum %ld locked %ld y %ld\n", sum, locked, y);
  return 0;
}
// CLEAN-NOT: ThreadSanitizer
// CLEAN: sum 499500 locked 4 y 2
// CLEAN-NOT: ThreadSanitizer
