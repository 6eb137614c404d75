/* teams.c — host teams: GOMP_teams_reg (the teams construct outside a
 * target region), GOMP_teams4 / GOMP_teams (teams inside a target region
 * run on the host), omp_get_team_num / omp_get_num_teams; the work is
 * runtime/teams.c's. */
#include "../../runtime/rt.h"
#include "../../runtime/task.h"

void GOMP_teams_reg(void (*fn)(void *), void *data, unsigned num_teams,
                    unsigned thread_limit, unsigned flags) {
  (void)flags;
  tp_teams_run(tp_self(), fn, data, num_teams, thread_limit);
}

/* Called in a loop by host-fallback target code: first=true starts the
 * teams, each later call moves to the next team; false when all ran. */
bool GOMP_teams4(unsigned low, unsigned high, unsigned thread_limit, bool first) {
  (void)high;
  return tp_teams_next(tp_self(), low, thread_limit, first);
}

void GOMP_teams(unsigned num_teams, unsigned thread_limit) {
  (void)num_teams;
  tp_teams_set_limit(tp_self(), thread_limit);
}

int omp_get_team_num(void) { return (int)tp_self()->task->icv.team_num; }

int omp_get_num_teams(void) {
  unsigned n = tp_self()->task->icv.num_teams;
  return n ? (int)n : 1;
}
