// Target regions without an offload device run on the host (as libgomp
// does): mapped variables are the host's own, firstprivate ones are private
// copies taken at the construct; the region is a new initial thread (level
// 0, not in parallel, its own thread_limit); a parallel region inside a
// target inside a parallel region gets a team of its own; nowait targets
// are tasks that honour depend; target data / update / enter / exit data
// leave the host's data alone.
// clang 14 rejects thread_limit on target:
// UNSUPPORTED: clang
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// CHECK-NOT: FAIL
// CHECK: target_host: OK
#include <omp.h>
#include "check.h"

int main(void) {
  int a[100];
  for (int i = 0; i < 100; i++)
    a[i] = i;
  int fp = 5, lvl = -1, inpar = -1, nt = -1, dev = -1;
#pragma omp target map(tofrom : a) firstprivate(fp) map(from : lvl, inpar, nt, dev)
  {
    for (int i = 0; i < 100; i++)
      a[i] += fp;
    fp = 99; /* the private copy only */
    lvl = omp_get_level();
    inpar = omp_in_parallel();
    dev = omp_is_initial_device();
#pragma omp parallel num_threads(2)
    {
#pragma omp single
      nt = omp_get_num_threads();
    }
  }
  EXPECT(fp == 5, "firstprivate copy written back: fp=%d", fp);
  for (int i = 0; i < 100; i++)
    EXPECT(a[i] == i + 5, "a[%d]=%d", i, a[i]);
  EXPECT(lvl == 0 && inpar == 0 && dev == 1, "level %d in_parallel %d initial_device %d",
         lvl, inpar, dev);
  EXPECT(nt == 2, "parallel inside target: %d threads", nt);

  long sum = 0;
#pragma omp target teams distribute parallel for reduction(+ : sum) map(tofrom : sum)
  for (int i = 0; i < 1000; i++)
    sum += i;
  EXPECT(sum == 499500, "target teams distribute parallel for: sum %ld", sum);

  /* Each thread of a parallel region runs a target whose parallel region
   * must not reuse the running team. */
  int cnt[2] = {0, 0}, levels[2] = {-1, -1};
#pragma omp parallel num_threads(2)
  {
    int me = omp_get_thread_num();
#pragma omp target map(tofrom : cnt[me : 1], levels[me : 1])
    {
#pragma omp parallel num_threads(2)
      {
#pragma omp atomic
        cnt[me]++;
#pragma omp single
        levels[me] = omp_get_level();
      }
    }
  }
  EXPECT(cnt[0] == 2 && cnt[1] == 2, "parallel in target in parallel: %d %d", cnt[0], cnt[1]);
  EXPECT(levels[0] == 1 && levels[1] == 1, "levels inside: %d %d", levels[0], levels[1]);

  /* nowait targets are deferred tasks ordered by their dependences. */
  int x = 0, y = 0, z = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
  {
    for (int r = 0; r < 20; r++) {
#pragma omp target map(tofrom : x) depend(out : x) nowait
      x = x + 10;
#pragma omp target map(tofrom : x, y) depend(in : x) depend(out : y) nowait
      y = x + 1;
#pragma omp target map(tofrom : y, z) firstprivate(r) depend(in : y) nowait
      z = y + r;
#pragma omp taskwait
    }
  }
  EXPECT(x == 200 && y == 201 && z == 220, "nowait chain: x %d y %d z %d", x, y, z);

  int tl = -1;
#pragma omp target thread_limit(3) map(from : tl)
  tl = omp_get_thread_limit();
  EXPECT(tl == 3, "thread_limit(3) inside target: %d", tl);

#pragma omp target data map(tofrom : a)
  {
#pragma omp target update to(a)
#pragma omp target enter data map(to : x)
#pragma omp target exit data map(from : x)
  }
  EXPECT(a[7] == 12 && x == 200, "data constructs changed host data: a[7]=%d x=%d", a[7], x);
  return check_report("target_host");
}
