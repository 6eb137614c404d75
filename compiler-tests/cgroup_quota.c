// The default team size honours the container's CPU quota (runtime/cgroup.h):
// min(affinity CPUs, ceil(quota / period)), the smallest limit on the way up
// from the process's cgroup, cgroup v2 cpu.max or v1 cpu.cfs_quota_us /
// cpu.cfs_period_us; OMP_NUM_THREADS still wins; omp_get_num_procs() stays the
// affinity count.  Fake trees (TEMPO_TEST_CGROUP_ROOT) keep the machine's real
// cgroup out of it; expectations are min(omp_get_num_procs(), quota) so the
// test holds on any number of CPUs.
// REQUIRES: tempo
// RUN: %cc %s -o %t
// RUN: %python %S/Inputs/fake_cgroup.py %t.v2q2 v2 /a/b "a/b/cpu.max=200000 100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2q2 %preload %run %t quota 2 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2q2 OMP_DISPLAY_ENV=verbose %preload %run %t quota 2 2>&1 | %FileCheck %s --check-prefix=V2Q2
// RUN: %python %S/Inputs/fake_cgroup.py %t.v2max v2 /a/b "a/b/cpu.max=max 100000" "a/cpu.max=max 100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2max %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2max OMP_DISPLAY_ENV=verbose %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=NOQUOTA
// RUN: %python %S/Inputs/fake_cgroup.py %t.v2half v2 /a "a/cpu.max=150000 100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2half %preload %run %t quota 2 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2half OMP_DISPLAY_ENV=verbose %preload %run %t quota 2 2>&1 | %FileCheck %s --check-prefix=V2HALF
// RUN: %python %S/Inputs/fake_cgroup.py %t.nest v2 /a/b/c "a/b/c/cpu.max=300000 100000" "a/b/cpu.max=max 100000" "a/cpu.max=100000 100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.nest %preload %run %t quota 1 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.nest OMP_DISPLAY_ENV=verbose %preload %run %t quota 1 2>&1 | %FileCheck %s --check-prefix=NEST
// RUN: %python %S/Inputs/fake_cgroup.py %t.nest2 v2 /a/b "a/b/cpu.max=50000 100000" "a/cpu.max=400000 100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.nest2 %preload %run %t quota 1 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: %python %S/Inputs/fake_cgroup.py %t.v1 v1 /docker/x "docker/x/cpu.cfs_quota_us=50000" "docker/x/cpu.cfs_period_us=100000" "docker/cpu.cfs_quota_us=-1" "docker/cpu.cfs_period_us=100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v1 %preload %run %t quota 1 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v1 OMP_DISPLAY_ENV=verbose %preload %run %t quota 1 2>&1 | %FileCheck %s --check-prefix=V1
// RUN: %python %S/Inputs/fake_cgroup.py %t.v1none v1 /docker/x "docker/x/cpu.cfs_quota_us=-1" "docker/x/cpu.cfs_period_us=100000"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v1none %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// Malformed or missing files: no limit from there, no warning, no crash.
// RUN: %python %S/Inputs/fake_cgroup.py %t.bad1 v2 /a/b/c/d/e "a/b/c/d/e/cpu.max=garbage" "a/b/c/d/cpu.max=100000" "a/b/c/cpu.max=0 100000" "a/b/cpu.max=-5 100000" "a/cpu.max=100000 0"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.bad1 %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: %python %S/Inputs/fake_cgroup.py %t.bad2 v1 /x "x/cpu.cfs_quota_us=abc" "x/cpu.cfs_period_us=100000" "cpu.cfs_quota_us=100000" "cpu.cfs_period_us=junk"
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.bad2 %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: %python %S/Inputs/fake_cgroup.py %t.bad3 v2 /a "a/cpu.max="
// RUN: printf 'garbage\n::\n0:\n' > %t.bad3/proc_self_cgroup
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.bad3 %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: %python %S/Inputs/fake_cgroup.py %t.bad4 v2 /a "a/cpu.max=100000 100000"
// RUN: printf 'not a mountinfo line\n1 2 3\n' > %t.bad4/mountinfo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.bad4 %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.missing %preload %run %t quota 0 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// OMP_NUM_THREADS wins over the quota.
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.v2q2 OMP_NUM_THREADS=3 %preload %run %t exact 3 2>&1 | %FileCheck %s --check-prefix=OK --implicit-check-not=tempo
// RUN: env TEMPO_TEST_CGROUP_ROOT=%t.nest OMP_NUM_THREADS=3 OMP_DISPLAY_ENV=verbose %preload %run %t exact 3 2>&1 | %FileCheck %s --check-prefix=NUMTHREADS
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  int procs = omp_get_num_procs(), n = atoi(argv[2]);
  /* quota N: min(procs, N), N = 0 for no limit; exact N: N. */
  int expect = strcmp(argv[1], "exact") == 0 ? n : n == 0 || n > procs ? procs : n;
  int max = omp_get_max_threads(), team = 0;
#pragma omp parallel
#pragma omp single
  team = omp_get_num_threads();
  if (max != expect || team != expect) {
    printf("BAD max_threads %d team %d, expected %d (procs %d)\n", max, team, expect, procs);
    return 1;
  }
  printf("OK %d\n", team);
  return 0;
}
// OK: OK {{[0-9]+}}

// V2Q2: OPENMP DISPLAY ENVIRONMENT END
// V2Q2: tempo: default team size {{[0-9]+}} from {{.*}}cgroup v2 CPU quota 200000/100000
// V2Q2: OK

// NOQUOTA: OPENMP DISPLAY ENVIRONMENT END
// NOQUOTA: tempo: default team size {{[0-9]+}} from the {{machine|affinity mask}} ({{.*}}); no cgroup CPU quota
// NOQUOTA: OK

// V2HALF: tempo: default team size {{[0-9]+}} from {{.*}}cgroup v2 CPU quota 150000/100000 {{\(2 CPUs, rounded up; the affinity mask has [0-9]+\)|allows 2}}
// V2HALF: OK

// NEST: tempo: default team size 1 from {{.*}}cgroup v2 CPU quota 100000/100000
// NEST: OK 1

// V1: tempo: default team size 1 from {{.*}}cgroup v1 CPU quota 50000/100000
// V1: OK 1

// NUMTHREADS: OMP_NUM_THREADS = '3'
// NUMTHREADS: tempo: default team size 1 from {{.*}}cgroup v2 CPU quota 100000/100000{{.*}}; OMP_NUM_THREADS overrides it
// NUMTHREADS: OK 3
