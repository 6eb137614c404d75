/* Tiny self-check helpers shared by the compiler tests.
 *
 * EXPECT(cond, fmt, ...) records a failure with details when cond is false.
 * check_report(name) prints "<name>: OK" or "<name>: N FAILURES" and returns
 * the process exit status.  Tests pair it with
 *   // CHECK-NOT: FAIL
 *   // CHECK: <name>: OK
 */
#ifndef TEMPO_CHECK_H
#define TEMPO_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_failures;

#define EXPECT(cond, ...)                                                     \
  do {                                                                        \
    if (!(cond)) {                                                            \
      check_failures++;                                                       \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                  \
      printf(__VA_ARGS__);                                                    \
      printf("\n");                                                           \
      fflush(stdout);                                                         \
    }                                                                         \
  } while (0)

#define EXPECT_EQ_LL(got, want)                                               \
  do {                                                                        \
    long long got_ = (long long)(got), want_ = (long long)(want);             \
    EXPECT(got_ == want_, "got %lld, want %lld", got_, want_);                \
  } while (0)

/* Every entry of cnt[0..n) must be exactly 1 (each iteration ran once). */
static inline void check_once(const int *cnt, long n, const char *what) {
  long bad = 0, first = -1;
  for (long i = 0; i < n; i++)
    if (cnt[i] != 1) {
      if (first < 0)
        first = i;
      bad++;
    }
  if (bad) {
    check_failures++;
    printf("FAIL %s: %ld of %ld iterations not run exactly once "
           "(first index %ld ran %d times)\n",
           what, bad, n, first, cnt[first]);
    fflush(stdout);
  }
}

static inline int check_report(const char *name) {
  if (check_failures)
    printf("%s: %d FAILURES\n", name, check_failures);
  else
    printf("%s: OK\n", name);
  fflush(stdout);
  return check_failures != 0;
}

#endif
