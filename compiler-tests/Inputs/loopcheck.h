/* Bookkeeping for worksharing-loop tests: which logical iteration ran how
 * often, on which thread, and in which order per thread.  The loop body
 * calls lc_hit(k) with the logical iteration number k = (i - lo) / step. */
#ifndef TEMPO_LOOPCHECK_H
#define TEMPO_LOOPCHECK_H

#include <omp.h>
#include <string.h>
#include "check.h"

#define LC_MAX 8192
#define LC_THREADS 64
static int lc_cnt[LC_MAX], lc_owner[LC_MAX];
static long lc_last[LC_THREADS];
static int lc_order_bad;

static inline void lc_reset(void) {
  memset(lc_cnt, 0, sizeof lc_cnt);
  memset(lc_owner, -1, sizeof lc_owner);
  for (int t = 0; t < LC_THREADS; t++)
    lc_last[t] = -1;
  lc_order_bad = 0;
}

static inline void lc_hit(long k) {
  int t = omp_get_thread_num();
  if (k < 0 || k >= LC_MAX) {
    __atomic_fetch_add(&lc_order_bad, 1000000, __ATOMIC_RELAXED);
    return;
  }
  __atomic_fetch_add(&lc_cnt[k], 1, __ATOMIC_RELAXED);
  lc_owner[k] = t;
  if (k <= lc_last[t])
    __atomic_fetch_add(&lc_order_bad, 1, __ATOMIC_RELAXED);
  lc_last[t] = k;
  /* A little work per iteration so that several threads take part. */
  for (volatile int spin = 0; spin < 200; spin++)
    ;
}

/* Number of iterations of for (i = lo; i < hi; i += st), st > 0. */
static inline long lc_trips(long lo, long hi, long st) {
  return hi > lo ? (hi - lo + st - 1) / st : 0;
}

static inline void lc_check_once(long n, const char *what) {
  check_once(lc_cnt, n, what);
  for (long k = n; k < LC_MAX; k++)
    if (lc_cnt[k]) {
      check_failures++;
      printf("FAIL %s: iteration %ld beyond the trip count %ld ran\n", what, k,
             n);
      break;
    }
  if (lc_order_bad >= 1000000) {
    check_failures++;
    printf("FAIL %s: iteration outside the iteration space\n", what);
  }
}

/* Each thread saw its iterations in increasing order (monotonic). */
static inline void lc_check_monotonic(const char *what) {
  if (lc_order_bad % 1000000) {
    check_failures++;
    printf("FAIL %s: %d out-of-order iterations on some thread\n", what,
           lc_order_bad % 1000000);
  }
}

/* Chunks of c iterations, starting at iteration 0, go to one thread each. */
static inline void lc_check_chunks(long n, long c, const char *what) {
  for (long k = 0; k < n; k++)
    if (lc_owner[k] != lc_owner[k - k % c]) {
      check_failures++;
      printf("FAIL %s: chunk of %ld split: iteration %ld on thread %d, "
             "iteration %ld on thread %d\n",
             what, c, k - k % c, lc_owner[k - k % c], k, lc_owner[k]);
      return;
    }
}

/* Every maximal run of iterations on one thread, except the last run, has
 * at least c iterations (chunks never shrink below the minimum). */
static inline void lc_check_min_runs(long n, long c, const char *what) {
  long start = 0;
  for (long k = 1; k <= n; k++)
    if (k == n || lc_owner[k] != lc_owner[start]) {
      if (k < n && k - start < c) {
        check_failures++;
        printf("FAIL %s: run [%ld,%ld) shorter than minimum chunk %ld\n", what,
               start, k, c);
        return;
      }
      start = k;
    }
}

/* schedule(static) without chunk: one contiguous block per thread, in thread
 * order, sizes differing by at most one. */
static inline void lc_check_static_blocks(long n, int nth, const char *what) {
  long size[LC_THREADS] = {0};
  for (long k = 0; k < n; k++) {
    if (k > 0 && lc_owner[k] < lc_owner[k - 1]) {
      check_failures++;
      printf("FAIL %s: blocks not in thread order at %ld\n", what, k);
      return;
    }
    if (lc_owner[k] >= 0 && lc_owner[k] < LC_THREADS)
      size[lc_owner[k]]++;
  }
  long mn = n, mx = 0;
  int used = n < nth ? (int)n : nth;
  for (int t = 0; t < used; t++) {
    mn = size[t] < mn ? size[t] : mn;
    mx = size[t] > mx ? size[t] : mx;
  }
  if (n > 0 && mx - mn > 1) {
    check_failures++;
    printf("FAIL %s: unbalanced static blocks (min %ld max %ld)\n", what, mn,
           mx);
  }
}

/* schedule(static, c): chunk j goes to thread j % nth. */
static inline void lc_check_static_chunks(long n, long c, int nth,
                                          const char *what) {
  for (long k = 0; k < n; k++)
    if (lc_owner[k] != (k / c) % nth) {
      check_failures++;
      printf("FAIL %s: iteration %ld on thread %d, want %ld\n", what, k,
             lc_owner[k], (k / c) % nth);
      return;
    }
}

/* Bounds exercised by the loop tests: {lo, hi, step}. */
static const long lc_bounds[][3] = {
    {0, 0, 1},    {0, 1, 1},     {5, 4, 1},    {0, 2, 1},   {0, 97, 1},
    {-50, 51, 1}, {3, 1000, 7},  {0, 1009, 2}, {-7, 7, 13}, {10, 11, 5},
    {0, 4099, 3}, {-300, 300, 1}};
#define LC_NBOUNDS (sizeof lc_bounds / sizeof lc_bounds[0])

#endif
