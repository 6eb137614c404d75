// Included tasks (if(0), children of final tasks, every task of a team of
// one) that Tempo runs without a descriptor until something needs one: an
// ICV set inside stays inside; taskwait in one waits for its own children
// only (here a sibling of the parent's is blocked until after it: waiting
// for that one would hang); deferred children and taskgroups created
// three included levels deep complete; omp_in_final holds in a final
// task's descendants; a nest lock taken inside is owned by that task.
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=4 %preload %run %t | %FileCheck %s
#include <omp.h>
#include "check.h"

static int flag;

int main(void) {
  int icv_inside = 0, icv_after = 0, deep = 0, in_final = 0, not_final = 1, grouped = 0;
  int lock_ok = 0;
  omp_set_num_threads(omp_get_max_threads());
  int before = omp_get_max_threads();
#pragma omp parallel
#pragma omp single
  {
    /* 1. ICVs set in an included task are its own. */
#pragma omp task if (0) shared(icv_inside)
    {
      omp_set_num_threads(7);
      icv_inside = omp_get_max_threads();
    }
    icv_after = omp_get_max_threads();

    /* 2. taskwait waits for the task's own children only. */
    if (omp_get_num_threads() > 1) {
#pragma omp task shared(flag)
      {
        while (!__atomic_load_n(&flag, __ATOMIC_ACQUIRE))
          ;
      }
    }
#pragma omp task if (0)
    {
#pragma omp taskwait
    }
    __atomic_store_n(&flag, 1, __ATOMIC_RELEASE);

    /* 3. deferred children and a taskgroup three included levels down. */
#pragma omp task if (0) shared(deep, grouped)
    {
#pragma omp task if (0) shared(deep, grouped)
      {
#pragma omp task if (0) shared(deep, grouped)
        {
          for (int i = 0; i < 10; i++) {
#pragma omp task shared(deep)
            {
#pragma omp atomic
              deep++;
            }
          }
#pragma omp taskwait
#pragma omp taskgroup
          {
            for (int i = 0; i < 10; i++) {
#pragma omp task shared(grouped)
              {
#pragma omp atomic
                grouped++;
              }
            }
          }
        }
      }
    }

    /* 4. final: every descendant is final and included. */
#pragma omp task final(1) shared(in_final, not_final)
    {
#pragma omp task shared(in_final)
      {
#pragma omp task shared(in_final)
        in_final = omp_in_final();
      }
    }
#pragma omp taskwait
#pragma omp task if (0) shared(not_final)
    not_final = !omp_in_final();

    /* 5. a nest lock set in an included task belongs to it. */
    omp_nest_lock_t l;
    omp_init_nest_lock(&l);
#pragma omp task if (0) shared(l, lock_ok)
    {
      omp_set_nest_lock(&l);
      lock_ok = omp_test_nest_lock(&l) == 2; /* the owner re-takes it */
      omp_unset_nest_lock(&l);
      omp_unset_nest_lock(&l);
    }
    omp_destroy_nest_lock(&l);
  }
  EXPECT(icv_inside == 7, "ICV inside the task: %d", icv_inside);
  EXPECT(icv_after == before, "ICV after the task: %d, before %d", icv_after, before);
  EXPECT(deep == 10 && grouped == 10, "deep children %d, taskgroup %d", deep, grouped);
  EXPECT(in_final == 1 && not_final == 1, "omp_in_final %d / %d", in_final, not_final);
  EXPECT(lock_ok, "nest lock");
  return check_report("task_included");
}
// CHECK-NOT: FAIL
// CHECK: task_included: OK
