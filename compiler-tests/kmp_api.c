// LLVM libomp's extension API as clang programs call it (kmp_* and the
// ompc_* names LLVM's omp.h gives omp_display_affinity and its kin): the
// calls reach Tempo, not a second runtime, and do what libomp's do.
// REQUIRES: clang, tempo
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// RUN: env LD_DEBUG=bindings %preload %run %t 2>&1 | %FileCheck --check-prefix=BIND %s
#include <omp.h>
#include <stdint.h>
#include <string.h>
#include "check.h"

/* The Fortran forms (arguments by reference), as flang or ifort code calls them. */
void kmp_set_blocktime_(const int *ms);
int kmp_get_blocktime_(void);
void *kmp_malloc_(const size_t *size);
void kmp_free_(void **p);

int main(void) {
  int nine = 9;
  kmp_set_blocktime_(&nine);
  EXPECT(kmp_get_blocktime_() == 9 && kmp_get_blocktime() == 9, "Fortran blocktime %d",
         kmp_get_blocktime_());
  size_t sz = 32;
  void *fp = kmp_malloc_(&sz);
  EXPECT(fp != NULL, "kmp_malloc_");
  kmp_free_(&fp);
  kmp_set_stacksize_s((size_t)3 << 20);
  EXPECT(kmp_get_stacksize_s() == (size_t)3 << 20, "stacksize %zu", kmp_get_stacksize_s());
  kmp_set_blocktime(7);
  EXPECT(kmp_get_blocktime() == 7, "blocktime %d", kmp_get_blocktime());

  void *p = kmp_aligned_malloc(100, 64);
  EXPECT(p && ((uintptr_t)p & 63) == 0, "kmp_aligned_malloc alignment");
  kmp_free(p);
  char *q = kmp_calloc(10, 10);
  EXPECT(q && q[99] == 0, "kmp_calloc zeroes");
  q = kmp_realloc(q, 200);
  kmp_free(q);

  kmp_affinity_mask_t m;
  kmp_create_affinity_mask(&m);
  EXPECT(kmp_get_affinity(&m) == 0, "kmp_get_affinity");
  int first = -1, max = kmp_get_affinity_max_proc();
  for (int i = 0; i < max && first < 0; i++)
    if (kmp_get_affinity_mask_proc(i, &m) == 1)
      first = i;
  EXPECT(first >= 0, "the thread may run on some CPU (max %d)", max);
  EXPECT(kmp_unset_affinity_mask_proc(first, &m) == 0 &&
             kmp_get_affinity_mask_proc(first, &m) == 0, "unset a proc");
  EXPECT(kmp_set_affinity_mask_proc(first, &m) == 0 &&
             kmp_get_affinity_mask_proc(first, &m) == 1, "set a proc");
  kmp_destroy_affinity_mask(&m);

  /* omp_capture_affinity is ompc_capture_affinity with LLVM's omp.h. */
  char buf[64];
  size_t n = 0;
#pragma omp parallel num_threads(2)
#pragma omp master
  n = omp_capture_affinity(buf, sizeof buf, "t%n of %N");
  EXPECT(n == strlen("t0 of 2") && strcmp(buf, "t0 of 2") == 0, "captured '%s'", buf);
  return check_report("kmp_api");
}
// CHECK-NOT: FAIL
// CHECK: kmp_api: OK
// BIND-NOT: binding file {{.*}}kmp_api.c.tmp [0] to {{.*}}libomp.so.5
// BIND: kmp_api: OK
