/* cgroup.h — the CPU quota of the process's cgroups (cgroup.c).
 *
 * Contract: tp_cgroup_cpu_quota() finds the process's cgroups from
 * /proc/self/cgroup and where their filesystems are mounted from
 * /proc/self/mountinfo, then walks from the process's cgroup up to the
 * mount's root reading every level's limit: cgroup v2 `cpu.max` ("max
 * PERIOD" = unlimited, or "QUOTA PERIOD") and cgroup v1 `cpu.cfs_quota_us` /
 * `cpu.cfs_period_us` (-1 = unlimited).  The smallest limit found, in either
 * hierarchy, is the answer, rounded up to whole CPUs.  Any missing,
 * unreadable or malformed file means "no limit from there": this never
 * fails, warns or allocates beyond stdio.  It reads only files; it depends
 * on nothing else in Tempo.
 *
 * Test only: TEMPO_TEST_CGROUP_ROOT=DIR reads DIR/proc_self_cgroup and
 * DIR/mountinfo instead of the /proc files, and every mount point named
 * there under DIR (a fake tree, so tests do not depend on the machine). */
#ifndef TEMPO_CGROUP_H
#define TEMPO_CGROUP_H

#include "sys.h"

struct tp_cgroup_quota {
  unsigned cpus;                /* ceil(quota / period); 0 = no quota found */
  long long quota, period;      /* the smallest limit (when cpus != 0) */
  int version;                  /* its hierarchy: 1 or 2 */
};

void tp_cgroup_cpu_quota(struct tp_cgroup_quota *out) tp_hidden;

#endif
