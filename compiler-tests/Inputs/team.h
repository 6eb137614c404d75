/* team.h — a parallel region of n threads that counts its members: the
 * smallest program that starts a team (for tests of what happens around
 * one: environment, display, other runtimes). */
#ifndef TEMPO_TEAM_H
#define TEMPO_TEAM_H

static inline int team_count(int n) {
  int count = 0;
#pragma omp parallel num_threads(n)
#pragma omp atomic
  count++;
  return count;
}

#endif
