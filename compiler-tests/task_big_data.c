// Large task data: firstprivate arrays of 64 KB (a struct, created from
// explicit tasks, some undeferred) and 4 MB (a file-scope array) are copied
// into each task when it is created -- the original is refilled with a new
// pattern right after every creation -- and every task finds exactly its
// own pattern in all of its bytes.
// RUN: %cc %s -o %t && env OMP_NUM_THREADS=1 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=2 %preload %run %t | %FileCheck %s
// RUN: env OMP_NUM_THREADS=8 %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && env OMP_NUM_THREADS=4 %run %t.l | %FileCheck %s
#include <stddef.h>
#include "taskcheck.h"

#define SMALL (64 * 1024)
#define BIG (4 * 1024 * 1024)
#define PARENTS 12
#define CHILDREN 6
#define BIG_TASKS 6

typedef struct {
  unsigned char b[SMALL];
} blob;

/* File scope: the 4 MB array is not a local of the creating function. */
static unsigned char big[BIG];

static void fill(unsigned char *p, size_t n, unsigned seed) {
  for (size_t j = 0; j < n; j++)
    p[j] = (unsigned char)(((j * 2654435761u) >> 11) + j + seed * 37u);
}

static size_t mismatches(const unsigned char *p, size_t n, unsigned seed) {
  size_t bad = 0;
  for (size_t j = 0; j < n; j++)
    bad += p[j] != (unsigned char)(((j * 2654435761u) >> 11) + j + seed * 37u);
  return bad;
}

static int small_ok, big_ok;

/* A parent task creates its children from its own 64 KB local. */
static void parent(int p) {
  blob s;
  for (int c = 0; c < CHILDREN; c++) {
    unsigned seed = 1 + p * CHILDREN + c;
    int deferred = c % 3 != 2; /* every third child is undeferred */
    fill(s.b, SMALL, seed);
#pragma omp task firstprivate(s, seed) if (deferred)
    {
      tc_spin(2000 * (seed % 4)); /* let the parent refill s meanwhile */
      size_t bad = mismatches(s.b, SMALL, seed);
      if (bad)
        tc_fail("64 KB task %u: %zu bytes differ from its creation-time "
                "copy", seed, bad);
      else
        __atomic_fetch_add(&small_ok, 1, __ATOMIC_RELAXED);
    }
    fill(s.b, SMALL, 9999); /* the children must not see this */
  }
#pragma omp taskwait
}

int main(void) {
#pragma omp parallel
#pragma omp single
  for (int p = 0; p < PARENTS; p++)
#pragma omp task firstprivate(p)
    parent(p);
  tc_flush();
  EXPECT_EQ_LL(small_ok, PARENTS * CHILDREN);
  printf("64 KB tasks verified: %d\n", small_ok);

  /* The primary thread creates the 4 MB tasks: the compiler builds each
     task's data (4 MB) in the creating function's frame first, which fits
     the 8 MB main stack. */
#pragma omp parallel
#pragma omp masked
  {
    for (unsigned t = 0; t < BIG_TASKS; t++) {
      fill(big, BIG, 100 + t);
#pragma omp task firstprivate(big, t)
      {
        size_t bad = mismatches(big, BIG, 100 + t);
        if (bad)
          tc_fail("4 MB task %u: %zu bytes differ from its creation-time "
                  "copy", t, bad);
        else
          __atomic_fetch_add(&big_ok, 1, __ATOMIC_RELAXED);
      }
    }
    fill(big, BIG, 7777);
#pragma omp taskwait
  }
  tc_flush();
  EXPECT_EQ_LL(big_ok, BIG_TASKS);
  printf("4 MB tasks verified: %d\n", big_ok);
  return check_report("task_big_data");
}
// CHECK-NOT: FAIL
// CHECK: 64 KB tasks verified: 72
// CHECK-NOT: FAIL
// CHECK: 4 MB tasks verified: 6
// CHECK: task_big_data: OK
