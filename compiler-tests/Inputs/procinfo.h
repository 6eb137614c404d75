/* procinfo.h — what /proc says about the test process: how many threads it
 * has (how many pools a runtime, or two runtimes, started) and whether a
 * library is mapped. */
#ifndef TEMPO_PROCINFO_H
#define TEMPO_PROCINFO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int proc_threads(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  int n = -1;
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, "Threads:", 8) == 0)
      n = atoi(line + 8);
  if (f)
    fclose(f);
  return n;
}

static inline int proc_maps(const char *name) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[512];
  int found = 0;
  while (f && fgets(line, sizeof line, f))
    found |= strstr(line, name) != NULL;
  if (f)
    fclose(f);
  return found;
}

#endif
