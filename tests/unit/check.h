/* check.h — tiny helpers shared by the unit tests of runtime internals.
 * Each test is one executable that exits 0 on success and 1 with a message
 * naming the failed condition otherwise. */
#ifndef TEMPO_TEST_CHECK_H
#define TEMPO_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define UT_SANITIZED 1
#else
#define UT_SANITIZED 0
#endif
/* Iteration counts: full normally, reduced under sanitizers (5-20x slower). */
#define UT_ITERS(normal, sanitized) (UT_SANITIZED ? (sanitized) : (normal))

static inline __attribute__((noreturn, format(printf, 3, 4))) void
ut_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s:%d: FAILED: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
  _Exit(1);
}

/* CHECK(cond, "what %d", args...) */
#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      ut_fail(__FILE__, __LINE__, __VA_ARGS__);                                \
  } while (0)

#define CHECK_EQ_U(a, b, what)                                                 \
  do {                                                                         \
    unsigned long long ut_a = (unsigned long long)(a),                         \
                       ut_b = (unsigned long long)(b);                         \
    if (ut_a != ut_b)                                                          \
      ut_fail(__FILE__, __LINE__, "%s: got %llu, expected %llu (%s == %s)",    \
              what, ut_a, ut_b, #a, #b);                                       \
  } while (0)

static inline double ut_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Fails the test (instead of hanging until ctest's timeout) if it runs
 * longer than `seconds` (doubled under sanitizers): a lost wake-up or a
 * deadlock. */
static void ut_alarm(int sig) {
  (void)sig;
  static const char msg[] = "FAILED: watchdog: the test did not finish in time "
                            "(lost wake-up or deadlock?)\n";
  ssize_t r = write(2, msg, sizeof msg - 1);
  (void)r;
  _exit(1);
}
static inline void ut_watchdog(unsigned seconds) {
  signal(SIGALRM, ut_alarm);
  alarm(UT_SANITIZED ? 2 * seconds : seconds);
}

#define UT_PASS(name, t0)                                                      \
  printf("%s: passed in %.2f s\n", name, ut_now() - (t0))

#endif
