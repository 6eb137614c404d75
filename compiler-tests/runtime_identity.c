// Proves which runtime a binary really runs on: the program scans
// /proc/self/maps for the build directory's libtempo.so / libgomp.so(.1)
// and checks that omp_get_thread_num resolves into one of those.
// REQUIRES: tempo
// RUN: %cc %s -o %t && %preload %run %t %tempo_build | %FileCheck %s --check-prefix=PRELOAD
// RUN: %cc %s %link -o %t.l && %run %t.l %tempo_build | %FileCheck %s --check-prefix=LINK
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv) {
  char build[PATH_MAX];
  if (!realpath(argv[1], build))
    strncpy(build, argv[1], sizeof build - 1);
  size_t blen = strlen(build);
  FILE *f = fopen("/proc/self/maps", "r");
  char line[4096];
  int tempo = 0, build_gomp = 0, other_gomp = 0;
  while (f && fgets(line, sizeof line, f)) {
    char *path = strchr(line, '/');
    if (!path)
      continue;
    path[strcspn(path, "\n")] = 0;
    const char *base = strrchr(path, '/') + 1;
    int in_build = strncmp(path, build, blen) == 0 && path[blen] == '/';
    if (strcmp(base, "libtempo.so") == 0 && in_build)
      tempo = 1;
    else if (strncmp(base, "libgomp.so", 10) == 0) {
      if (in_build)
        build_gomp = 1;
      else
        other_gomp = 1;
    }
  }
  if (f)
    fclose(f);
  /* Where does the omp_get_thread_num the program calls live? */
  Dl_info info;
  const char *owner = "?";
  if (dladdr((void *)omp_get_thread_num, &info) && info.dli_fname)
    owner = info.dli_fname;
  char owner_real[PATH_MAX];
  if (!realpath(owner, owner_real))
    strncpy(owner_real, owner, sizeof owner_real - 1);
  int owner_in_build = strncmp(owner_real, build, blen) == 0;
  int n = 0;
#pragma omp parallel num_threads(3)
#pragma omp single
  n = omp_get_num_threads();
  printf("libtempo.so mapped: %d\n", tempo);
  /* build/libgomp.so.1 may be a symlink: maps then shows libtempo.so */
  printf("build runtime mapped: %d\n", tempo || build_gomp);
  printf("system libgomp mapped: %d\n", other_gomp);
  printf("omp_get_thread_num from build dir: %d\n", owner_in_build);
  printf("team %d\n", n);
  return 0;
}
// With LD_PRELOAD the system libgomp is still loaded (the binary needs it),
// but libtempo.so comes first and provides the symbols.
// PRELOAD: libtempo.so mapped: 1
// PRELOAD: omp_get_thread_num from build dir: 1
// PRELOAD: team 3
// Linked with -L<build> -rpath <build>: the build dir's libgomp is loaded and
// stock libgomp is not.
// LINK: build runtime mapped: 1
// LINK: system libgomp mapped: 0
// LINK: omp_get_thread_num from build dir: 1
// LINK: team 3
