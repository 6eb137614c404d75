// The teams construct on the host with distribute loops: every iteration
// exactly once, each team's iterations from its own block, team numbers and
// counts as asked; distribute parallel for with static and dynamic inner
// schedules, dist_schedule(static, chunk).
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
#include <omp.h>
#include <string.h>
#include "check.h"

#define N 1000
static int hits[N], team_of[N];

static void reset(void) {
  memset(hits, 0, sizeof hits);
  for (int i = 0; i < N; i++)
    team_of[i] = -1;
}

static void check_all(const char *what) {
  check_once(hits, N, what);
}

int main(void) {
  int nteams_seen = 0;
  reset();
#pragma omp teams num_teams(3)
  {
    if (omp_get_team_num() == 0)
      nteams_seen = omp_get_num_teams();
#pragma omp distribute
    for (int i = 0; i < N; i++) {
      __atomic_add_fetch(&hits[i], 1, __ATOMIC_RELAXED);
      team_of[i] = omp_get_team_num();
    }
  }
  EXPECT(nteams_seen == 3, "num_teams(3): %d teams", nteams_seen);
  check_all("teams distribute");
  /* Each team's iterations are one contiguous block, in team order. */
  for (int i = 1; i < N; i++)
    EXPECT(team_of[i] >= team_of[i - 1], "iteration %d in team %d after team %d", i,
           team_of[i], team_of[i - 1]);

  reset();
#pragma omp teams num_teams(2)
#pragma omp distribute parallel for num_threads(2)
  for (int i = 0; i < N; i++)
    __atomic_add_fetch(&hits[i], 1, __ATOMIC_RELAXED);
  check_all("teams distribute parallel for");

  reset();
#pragma omp teams num_teams(2)
#pragma omp distribute parallel for num_threads(2) schedule(dynamic, 7)
  for (int i = 0; i < N; i++)
    __atomic_add_fetch(&hits[i], 1, __ATOMIC_RELAXED);
  check_all("teams distribute parallel for schedule(dynamic)");

  reset();
#pragma omp teams num_teams(4)
#pragma omp distribute dist_schedule(static, 16)
  for (int i = 0; i < N; i++) {
    __atomic_add_fetch(&hits[i], 1, __ATOMIC_RELAXED);
    team_of[i] = omp_get_team_num();
  }
  check_all("distribute dist_schedule(static, 16)");
  for (int i = 0; i < N; i++)
    EXPECT(team_of[i] == (i / 16) % 4, "iteration %d ran in team %d", i, team_of[i]);

  long sum = 0;
#pragma omp teams num_teams(3) reduction(+ : sum)
#pragma omp distribute parallel for reduction(+ : sum) num_threads(2)
  for (int i = 0; i < N; i++)
    sum += i;
  EXPECT_EQ_LL(sum, (long)N * (N - 1) / 2);
  return check_report("teams_distribute");
}
// CHECK-NOT: FAIL
// CHECK: teams_distribute: OK
