// A vendored runtime in the process, as Python wheels bring one: the program
// is linked against a renamed copy of the system libgomp (libgvnd.so.1),
// and it calls a clang-built library (libomp.so.5).  With Tempo preloaded,
// every GOMP_*, __kmpc_* and omp_* call of both binds to Tempo: one pool
// (the process never has more threads than one team needs), one set of
// ICVs; the vendored copy is loaded but its threads never start.
// REQUIRES: tempo, gcc, gcc-and-clang, system-libgomp
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: %python %S/Inputs/vendor_copy.py %system_libgomp %t.d/libgvnd.so.1 libgvnd.so.1
// RUN: %clang -fPIC -shared -DVENDORED_LIB %s -o %t.d/liblib.so
// RUN: %gcc -c -DVENDORED_MAIN %s -o %t.o
// RUN: %gcc_nomp %t.o %t.d/libgvnd.so.1 %t.d/liblib.so -Wl,-rpath,%t.d -o %t
// RUN: %preload %run %t | %FileCheck %s
#include <omp.h>
#include <stdio.h>
#include <string.h>

#ifdef VENDORED_LIB
int lib_team(void) {
  int n = 0;
#pragma omp parallel
#pragma omp single
  n = omp_get_num_threads();
  return n;
}
#endif

#ifdef VENDORED_MAIN
#include "check.h"
#include "procinfo.h"
int lib_team(void);

int main(void) {
  omp_set_dynamic(0);
  omp_set_num_threads(3);
  int n = 0;
#pragma omp parallel
#pragma omp single
  n = omp_get_num_threads();
  EXPECT(n == 3, "gcc region: %d threads", n);
  int m = lib_team();
  EXPECT(m == 3, "clang region: %d threads after the program's omp_set_num_threads(3)", m);
  int t = proc_threads();
  EXPECT(t == 3, "process has %d threads, want 3 (one pool)", t);
  EXPECT(proc_maps("libgvnd.so.1") /* else the test proves nothing */, "the vendored libgvnd.so.1 is not loaded");
  return check_report("vendored_copy");
}
#endif
// CHECK-NOT: FAIL
// CHECK: vendored_copy: OK
