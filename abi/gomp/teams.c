/* teams.c — host teams: GOMP_teams_reg (the teams construct outside a
 * target region, runtime/teams.c) and GOMP_teams4 / GOMP_teams (teams
 * inside a target region run on the host), omp_get_team_num /
 * omp_get_num_teams. */
#include <limits.h>

#include "../../runtime/rt.h"
#include "../../runtime/task.h"

static unsigned limit_icv(unsigned limit) { return limit > INT_MAX ? UINT_MAX : limit; }

void GOMP_teams_reg(void (*fn)(void *), void *data, unsigned num_teams,
                    unsigned thread_limit, unsigned flags) {
  (void)flags;
  tp_teams_run(tp_self(), fn, data, num_teams, thread_limit);
}

/* Called in a loop by host-fallback target code: first=true starts the
 * teams, each later call moves to the next team; false when all ran. */
bool GOMP_teams4(unsigned low, unsigned high, unsigned thread_limit, bool first) {
  (void)high;
  struct tp_icv *icv = &tp_self()->task->icv;
  if (first) {
    if (thread_limit)
      icv->thread_limit = limit_icv(thread_limit);
    icv->num_teams = low ? low : 1;
    icv->team_num = 0;
    return true;
  }
  if (icv->team_num + 1 >= icv->num_teams) {
    icv->num_teams = 0; /* out of the teams region again */
    icv->team_num = 0;
    return false;
  }
  icv->team_num++;
  return true;
}

void GOMP_teams(unsigned num_teams, unsigned thread_limit) {
  (void)num_teams;
  if (thread_limit)
    tp_self()->task->icv.thread_limit = limit_icv(thread_limit);
}

int omp_get_team_num(void) { return (int)tp_self()->task->icv.team_num; }

int omp_get_num_teams(void) {
  unsigned n = tp_self()->task->icv.num_teams;
  return n ? (int)n : 1;
}
