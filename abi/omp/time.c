/* time.c — omp_get_wtime / omp_get_wtick. */
#include <time.h>

#include "../../runtime/sys.h"

double omp_get_wtime(void) { return tp_now(); }

double omp_get_wtick(void) {
  struct timespec res;
  clock_getres(CLOCK_MONOTONIC, &res);
  return (double)res.tv_sec + (double)res.tv_nsec * 1e-9;
}
