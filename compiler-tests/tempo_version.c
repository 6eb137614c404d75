// A program asks which runtime it runs on: tempo_version(), declared weak,
// is Tempo's version (the same string OMP_DISPLAY_ENV=verbose shows) when
// Tempo runs it, preloaded or linked, and NULL on any other runtime.
// REQUIRES: tempo
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s --check-prefix=TEMPO
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s --check-prefix=TEMPO
// The same binary without Tempo (the compiler's own runtime):
// RUN: %run %t | %FileCheck %s --check-prefix=OTHER
// TEMPO: runtime: Tempo [[VERSION:[0-9]+\.[0-9]+\.[0-9]+]]
// TEMPO: display: TEMPO_VERSION = '[[VERSION]]'
// OTHER: runtime: not Tempo
#include <omp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern const char *tempo_version(void) __attribute__((weak));

int main(void) {
#pragma omp parallel num_threads(2)
  { }
  if (!tempo_version) {
    printf("runtime: not Tempo\n");
    return 0;
  }
  printf("runtime: Tempo %s\n", tempo_version());
  fflush(stdout);
  /* The version the runtime displays, read back from its verbose block. */
  int fd[2];
  if (pipe(fd) != 0)
    return 1;
  int saved = dup(2);
  dup2(fd[1], 2);
  omp_display_env(1);
  fflush(stderr);
  dup2(saved, 2);
  close(fd[1]);
  char buf[65536];
  ssize_t n = read(fd[0], buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  const char *v = strstr(buf, "TEMPO_VERSION = ");
  if (v)
    printf("display: %.*s\n", (int)strcspn(v, "\n"), v);
  return 0;
}
