// hwloc is opened only when a place list is needed: a program without
// OMP_PLACES / GOMP_CPU_AFFINITY / OMP_PROC_BIND (its default team size comes
// from the affinity mask and cgroup quota) never maps libhwloc.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: %preload %run %t | %FileCheck %s --check-prefix=NO
// RUN: env OMP_NUM_THREADS=3 OMP_PROC_BIND=false %preload %run %t | %FileCheck %s --check-prefix=NO
// RUN: env OMP_PLACES="{0}" %preload %run %t | %FileCheck %s --check-prefix=NO
// RUN: env OMP_PLACES=cores %preload %run %t | %FileCheck %s --check-prefix=YES
// RUN: env OMP_PROC_BIND=close %preload %run %t | %FileCheck %s --check-prefix=YES
// TEMPO_DEFAULT_THREADS=cores needs the cores; threads (the default) does not.
// RUN: env TEMPO_DEFAULT_THREADS=threads %preload %run %t | %FileCheck %s --check-prefix=NO
// RUN: env TEMPO_DEFAULT_THREADS=cores %preload %run %t | %FileCheck %s --check-prefix=YES
#include <omp.h>
#include <stdio.h>
#include <string.h>

static int hwloc_mapped(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[4096];
  int found = 0;
  while (f && fgets(line, sizeof line, f))
    found |= strstr(line, "libhwloc") != NULL;
  if (f)
    fclose(f);
  return found;
}

int main(void) {
  int n = 0;
#pragma omp parallel reduction(+ : n)
  n++;
  printf("team %s, hwloc %s\n", n >= 1 ? "ran" : "failed",
         hwloc_mapped() ? "mapped" : "not mapped");
  return 0;
}

// NO: team ran, hwloc not mapped
// YES: team ran, hwloc mapped
