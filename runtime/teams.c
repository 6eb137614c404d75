/* teams.c — the teams construct on the host, for every ABI.
 *
 * Teams run one after another on the encountering thread, as libgomp does:
 * each team is the initial thread with team_num set in its task's ICVs
 * (struct tp_icv carries team_num/num_teams so nested parallel regions and
 * tasks inherit them).  thread_limit (or teams-thread-limit-var) becomes the
 * thread-limit-var of each team. */
#include <limits.h>

#include "rt.h"
#include "task.h"

static unsigned limit_icv(unsigned limit) { return limit > INT_MAX ? UINT_MAX : limit; }

void tp_teams_run(struct tp_thread *self, void (*fn)(void *), void *data,
                  unsigned num_teams, unsigned thread_limit) {
  struct tp_icv *icv = &tp_task_cur(self)->icv; /* changed below: its own */
  struct tp_icv saved = *icv;
  if (!thread_limit)
    thread_limit = (unsigned)tp_load(&tp_rt.g.teams_thread_limit);
  if (thread_limit)
    icv->thread_limit = limit_icv(thread_limit);
  if (!num_teams) {
    int n = tp_load(&tp_rt.g.nteams);
    num_teams = n > 0 ? (unsigned)n : 3; /* libgomp's default */
  }
  icv->num_teams = num_teams;
  for (unsigned i = 0; i < num_teams; i++) {
    icv->team_num = i;
    fn(data);
  }
  icv->thread_limit = saved.thread_limit;
  icv->num_teams = saved.num_teams;
  icv->team_num = saved.team_num;
}

void tp_teams_set_limit(struct tp_thread *self, unsigned thread_limit) {
  if (thread_limit)
    tp_task_cur(self)->icv.thread_limit = limit_icv(thread_limit);
}

bool tp_teams_next(struct tp_thread *self, unsigned low, unsigned thread_limit, bool first) {
  struct tp_icv *icv = &tp_task_cur(self)->icv;
  if (first) {
    tp_teams_set_limit(self, thread_limit);
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
