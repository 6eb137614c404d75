/* probe.c — an OpenMP program that says which runtime it ran on: the team
 * size of a parallel region and every mapped file whose name looks like an
 * OpenMP runtime (libtempo, libgomp, libomp), from /proc/self/maps.  Exits
 * with the status given as its argument, so callers can check it is kept. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int n = 0;
#pragma omp parallel
#pragma omp single
  n = omp_get_num_threads();
  printf("team of %d\n", n);
  FILE *f = fopen("/proc/self/maps", "r");
  char line[4096];
  while (f && fgets(line, sizeof line, f)) {
    char *path = strchr(line, '/');
    if (path && (strstr(path, "libtempo") || strstr(path, "libgomp") || strstr(path, "libomp")))
      printf("mapped %s", path);
  }
  if (f)
    fclose(f);
  return argc > 1 ? atoi(argv[1]) : 0;
}
