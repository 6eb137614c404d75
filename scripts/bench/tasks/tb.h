/* tb.h: the small shared part of the task benchmarks (timing, deterministic random numbers,
 * argument parsing, the result line).  Include it first: it selects POSIX for clock_gettime.
 *
 * Every kernel prints exactly one result line, e.g.
 *   kernel=fib n=28 result=317811 check=ok tasks=1028456 threads=2 time=0.28 serial=0.0012
 *   ovh_us=0.27   (one line)
 * Fields up to `tasks` are deterministic (scripts compare them across runtimes); `time` is the
 * parallel part, `serial` the same computation without tasks in the same process, and
 * ovh_us = (time - serial) / tasks in microseconds.  Exit status 0 iff check=ok.
 */
#ifndef TB_H
#define TB_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double tb_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* splitmix64 finaliser: a stateless 64-bit mix, so any value can be derived from an index
 * without sharing a generator between tasks (results then do not depend on scheduling). */
static inline uint64_t tb_mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* splitmix64 as a sequential generator over a private state. */
static inline uint64_t tb_rand(uint64_t *state)
{
    uint64_t x = *state;
    *state = x + 0x9e3779b97f4a7c15ULL;
    return tb_mix64(x);
}

/* Uniform double in [0, 1) from the top 53 bits. */
static inline double tb_unit(uint64_t x)
{
    return (double)(x >> 11) * 0x1.0p-53;
}

static inline void *tb_alloc(size_t bytes)
{
    void *p = malloc(bytes ? bytes : 1);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
        exit(2);
    }
    return p;
}

/* Positional argument i (1-based) as an integer in [lo, hi], or def when absent. */
static inline long tb_arg(int argc, char **argv, int i, long def, long lo, long hi,
                          const char *usage)
{
    if (i >= argc)
        return def;
    char *end;
    errno = 0;
    long v = strtol(argv[i], &end, 10);
    if (errno || *end || end == argv[i] || v < lo || v > hi) {
        fprintf(stderr, "bad argument '%s' (want %ld..%ld)\nusage: %s %s\n", argv[i], lo, hi,
                argv[0], usage);
        exit(2);
    }
    return v;
}

/* Start the team before timing, so the first timed region does not pay thread creation. */
static inline void tb_start_team(void)
{
    int n = 0;
#pragma omp parallel
    {
#pragma omp atomic
        n++;
    }
    if (n != omp_get_max_threads())
        fprintf(stderr, "warning: team has %d threads, expected %d\n", n, omp_get_max_threads());
}

/* The result line.  params and result are preformatted "key=value" strings. */
static inline int tb_report(const char *kernel, const char *params, const char *result, int ok,
                            long tasks, double t_par, double t_ser)
{
    double ovh = tasks > 0 ? (t_par - t_ser) / (double)tasks * 1e6 : 0.0;
    printf("kernel=%s %s result=%s check=%s tasks=%ld threads=%d time=%.6f serial=%.6f "
           "ovh_us=%.4f\n",
           kernel, params, result, ok ? "ok" : "FAIL", tasks, omp_get_max_threads(), t_par, t_ser,
           ovh);
    fflush(stdout);
    return ok ? 0 : 1;
}

#endif
