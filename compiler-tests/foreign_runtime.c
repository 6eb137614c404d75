// Another OpenMP runtime in the process.  A clang program preloaded with
// Tempo still has libomp.so.5 mapped (the loader loads what the program
// needs): OMP_DISPLAY_ENV=verbose names it as loaded and unused.  A program
// that reaches libomp directly (dlopen + dlsym, no interposable name) gets
// libomp's own thread pool: with OMP_DISPLAY_ENV=verbose, Tempo's first team
// warns about the threads it did not start, naming the other runtime
// (without it, nothing: the count would also take a program's own threads).
// REQUIRES: tempo, gcc, gcc-and-clang, libomp
// RUN: %clang -DLISTED %s -o %t.listed
// RUN: env OMP_DISPLAY_ENV=verbose %preload %run %t.listed 2>&1 | %FileCheck --check-prefix=LISTED %s
// RUN: %gcc -DDIRECT %s -ldl -o %t.direct
// RUN: env OMP_DISPLAY_ENV=verbose %preload %run %t.direct 2>&1 | %FileCheck --check-prefix=DIRECT %s
// RUN: %preload %run %t.direct 2>&1 | %FileCheck --check-prefix=QUIET %s
#include <stdio.h>
#include "team.h"

#ifdef LISTED
int main(void) {
  printf("listed: %d\n", team_count(2));
  return 0;
}
// LISTED: OPENMP DISPLAY ENVIRONMENT END
// LISTED-NEXT: tempo: another OpenMP runtime is loaded, unused (its entry points bind to Tempo): {{.*}}libomp.so.5
// LISTED-NOT: not started by Tempo
// LISTED: listed: 2
#endif

#ifdef DIRECT
#include <dlfcn.h>

typedef void (*micro_t)(int *, int *);
static void body(int *gtid, int *btid) { (void)gtid, (void)btid; }

int main(void) {
  void *h = dlopen("libomp.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("no libomp: %s\n", dlerror());
    return 1;
  }
  void (*fork_call)(void *, int, micro_t, ...) =
      (void (*)(void *, int, micro_t, ...))dlsym(h, "__kmpc_fork_call");
  int loc[6] = {0}; /* an ident_t */
  fork_call(loc, 0, body); /* libomp's own region: its own threads */
  printf("direct: %d\n", team_count(2));
  return 0;
}
// DIRECT: tempo: warning: {{[0-9]+}} thread(s) in this process were not started by Tempo, and another OpenMP runtime is loaded ({{.*}}libomp.so.5)
// DIRECT: direct: 2
// QUIET-NOT: not started by Tempo
// QUIET: direct: 2
#endif
