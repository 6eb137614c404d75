// Other getters: cancellation, proc_bind, places, devices, max task
// priority, teams/levels on the host, omp_get_num_teams/team_num.
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env OMP_CANCELLATION=true OMP_MAX_TASK_PRIORITY=7 OMP_DEFAULT_DEVICE=0 %preload %run %t | %FileCheck %s --check-prefix=SET
#include <omp.h>
#include "check.h"

int main(void) {
  printf("cancellation=%d max_prio=%d\n", omp_get_cancellation(),
         omp_get_max_task_priority());
  printf("proc_bind=%d places=%d\n", (int)omp_get_proc_bind(),
         omp_get_num_places());
  printf("initial_device=%d num_devices=%d default_device=%d\n",
         omp_is_initial_device(), omp_get_num_devices(),
         omp_get_default_device());
  EXPECT(omp_get_initial_device() >= omp_get_num_devices() ||
             omp_get_initial_device() == -1,
         "initial device %d", omp_get_initial_device());
  printf("teams=%d team_num=%d\n", omp_get_num_teams(), omp_get_team_num());
  int in_region_initial = -1, place_ok = -1;
#pragma omp parallel num_threads(2)
#pragma omp master
  {
    in_region_initial = omp_is_initial_device();
    int p = omp_get_place_num();
    place_ok = omp_get_num_places() == 0 ? p == -1
                                         : p >= 0 && p < omp_get_num_places();
  }
  printf("in region initial=%d place_ok=%d\n", in_region_initial, place_ok);
  return check_report("api_misc");
}
// CHECK: cancellation=0 max_prio=0
// CHECK: proc_bind=0 places=0
// CHECK: initial_device=1 num_devices=0 default_device=0
// CHECK: teams=1 team_num=0
// CHECK: in region initial=1 place_ok=1
// CHECK: api_misc: OK
// SET: cancellation=1 max_prio=7
// SET: api_misc: OK
