// API misuse.  With TEMPO_DEBUG=1 each misuse is reported once, with the
// caller's location (symbolised: the program is linked -rdynamic), and made
// harmless: re-setting a simple lock the task holds would deadlock and is
// ignored, so is unsetting a free lock.  Without it the bad setter arguments
// still get a plain warning, and unsetting a nest lock the task does not
// hold is ignored silently instead of wrapping its count (the lock would
// then stay held for ever: the region below would hang).
// REQUIRES: tempo
// clang programs get omp_target_* from libomptarget, not libomp: gcc only.
// UNSUPPORTED: clang
// RUN: %cc -rdynamic %s -o %t
// RUN: env TEMPO_DEBUG=1 OMP_NUM_THREADS=2 %preload %run %t debug > %t.out 2> %t.err
// RUN: %FileCheck --check-prefix=OUT %s < %t.out
// RUN: %FileCheck --check-prefix=DEBUG %s < %t.err
// RUN: env OMP_NUM_THREADS=2 %preload %run %t plain > %t.out2 2> %t.err2
// RUN: %FileCheck --check-prefix=OUT %s < %t.out2
// RUN: %FileCheck --check-prefix=PLAIN %s < %t.err2
#include <errno.h>
#include <omp.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv) {
  int debug = argc > 1 && !strcmp(argv[1], "debug");
  omp_lock_t l;
  omp_init_lock(&l);
  if (debug) {
    omp_set_lock(&l);
    omp_set_lock(&l); /* would deadlock */
    EXPECT(omp_test_lock(&l) == 0, "test of a held lock");
    omp_destroy_lock(&l); /* while set */
    omp_unset_lock(&l);
    omp_unset_lock(&l); /* not set */
  }
  omp_nest_lock_t nl;
  omp_init_nest_lock(&nl);
  omp_unset_nest_lock(&nl); /* not held: must not wrap the count */
  int got = 0;
#pragma omp parallel num_threads(2) reduction(+ : got)
  {
    omp_set_nest_lock(&nl);
    omp_set_nest_lock(&nl);
    got++;
    omp_unset_nest_lock(&nl);
    omp_unset_nest_lock(&nl);
  }
  EXPECT(got == 2, "nest lock taken %d times", got);
  omp_set_num_threads(0);
  omp_set_max_active_levels(-1);
  omp_set_schedule((omp_sched_t)99, 1);
  EXPECT(omp_get_max_threads() == 2, "max threads %d", omp_get_max_threads());
  EXPECT(omp_target_alloc(16, 5) == NULL, "allocated on device 5");
  char a[4] = "abc", b[4];
  EXPECT(omp_target_memcpy(b, a, 4, 0, 0, 7, omp_get_initial_device()) == EINVAL,
         "memcpy to device 7");
  omp_set_default_device(-2);
  omp_destroy_nest_lock(&nl);
  printf("still running\n");
  return check_report("api_misuse");
}
// OUT: still running
// OUT-NOT: FAIL
// OUT: api_misuse: OK
// DEBUG: tempo: misuse: omp_set_lock on a lock the calling task already holds (a deadlock); ignored (called from main+0x{{[0-9a-f]+}} in api_misuse.c.tmp)
// DEBUG-NEXT: tempo: misuse: omp_test_lock on a lock the calling task already holds; returns 0 (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_destroy_lock on a lock that is set (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_unset_lock on a lock that is not set; ignored (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_unset_nest_lock on a lock the calling task does not hold; ignored (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_set_num_threads(0): the number of threads must be positive; ignored (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_set_max_active_levels(-1): the value must be non-negative; ignored (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_set_schedule: unknown schedule kind 99; ignored (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_target_alloc: device 5 does not exist (this host has no offload devices; the host is device 0) (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_target_memcpy: device 7 does not exist (this host has no offload devices; the host is device 0) (called from main+0x
// DEBUG-NEXT: tempo: misuse: omp_set_default_device(-2): negative; device 0 used (called from main+0x
// DEBUG-NOT: tempo:
// PLAIN-NOT: tempo: misuse
// PLAIN: tempo: warning: omp_set_num_threads(0): the number of threads must be positive; ignored
// PLAIN-NEXT: tempo: warning: omp_set_max_active_levels(-1): the value must be non-negative; ignored
// PLAIN-NEXT: tempo: warning: omp_set_schedule: unknown schedule kind 99; ignored
// PLAIN-NOT: tempo:
