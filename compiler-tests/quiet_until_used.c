// Tempo preloaded into processes that are not OpenMP programs (a shell, ls,
// make) says nothing, even with malformed variables and OMP_DISPLAY_ENV
// set: its warnings and the display wait until the runtime is first used.
// A program not linked against OpenMP that calls into it later (as a
// library would) hears them then; a program linked against OpenMP hears
// them at load, as libgomp tells it.
// REQUIRES: tempo, gcc
// RUN: env OMP_NUM_THREADS=abc TEMPO_FOO=1 OMP_DISPLAY_ENV=true %preload %run sh -c 'echo quiet' 2>&1 | %FileCheck %s --check-prefix=QUIET
// RUN: %gcc_nomp -O2 %s -ldl -o %t.nomp
// RUN: env OMP_NUM_THREADS=abc OMP_DISPLAY_ENV=true %preload %run %t.nomp 2>&1 | %FileCheck %s --check-prefix=LATE
// RUN: %cc %s -o %t.omp -DLINKED
// RUN: env OMP_NUM_THREADS=abc OMP_DISPLAY_ENV=true %preload %run %t.omp 2>&1 | %FileCheck %s --check-prefix=LOAD
#include <dlfcn.h>
#include <stdio.h>
#ifdef LINKED
#include <omp.h>
#endif

int main(void) {
  printf("before\n");
  fflush(stdout);
#ifdef LINKED
  int n = omp_get_max_threads();
#else
  int (*get)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_max_threads");
  int n = get ? get() : -1;
#endif
  fflush(stderr);
  printf("after: %d\n", n);
  return 0;
}
// QUIET-NOT: tempo
// QUIET-NOT: OPENMP
// QUIET: quiet
// QUIET-NOT: tempo
// QUIET-NOT: OPENMP
// LATE: before
// LATE-NEXT: tempo: warning: ignoring OMP_NUM_THREADS='abc'
// LATE: OPENMP DISPLAY ENVIRONMENT BEGIN
// LATE: OPENMP DISPLAY ENVIRONMENT END
// LATE-NEXT: after: {{[0-9]+}}
// LOAD: tempo: warning: ignoring OMP_NUM_THREADS='abc'
// LOAD: OPENMP DISPLAY ENVIRONMENT END
// LOAD-NEXT: before
// LOAD-NEXT: after: {{[0-9]+}}
