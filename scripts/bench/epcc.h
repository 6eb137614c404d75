/* epcc.h — what the EPCC-style overhead programs (syncbench.c, tasks/taskbench.c) share: the
 * clock, the delay loop and its calibration, the median, which runtime is loaded, and the
 * command line.  Each program includes it once and keeps its own test loops. */
#ifndef TEMPO_BENCH_EPCC_H
#define TEMPO_BENCH_EPCC_H

#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int delay_len;           /* delay() iterations giving about delay_us */
static double target_s = 0.020; /* wanted duration of one sample */
static int nsamples = 10;
static int nthreads;
static volatile double sink;    /* keeps results observable so nothing is optimised away */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The unit of work inside each construct.  The asm stops gcc from vectorising or folding the
 * loop, so its cost scales with n and is the same in test and reference loops.  It never writes
 * shared memory (the store cannot happen): threads storing to one line would add cache-line
 * transfers to the test loop that the serial reference loop does not pay. */
__attribute__((noinline)) static void delay(int n)
{
    double a = 0.0;
    for (int i = 0; i < n; i++) {
        a += i;
        __asm__ volatile("" : "+x"(a));
    }
    if (a < 0)
        sink = a;
}

/* Constructs used inside a parallel region are timed inside it, by the master, from a barrier
 * before the loop to a barrier after it.  Timing the whole region would add the team's wake-up
 * to every sample: tens of µs on an idle VM, 4-20 ms (scheduler ticks) when other processes
 * share the machine, which swamps the constructs and fools the calibration. */
static double region_start(void)
{
#pragma omp barrier
    return now();
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double time_delay(int n)
{
    double t0 = now();
    delay(n);
    return now() - t0;
}

static void calibrate_delay(double delay_us)
{
    int n = 1 << 12;
    double t;
    for (;;) {
        t = time_delay(n);
        if (t > 0.001 || n > (1 << 28))
            break;
        n *= 2;
    }
    /* Take the fastest of many short runs: preemption only ever makes the delay look longer,
     * and a 1 ms run often escapes it even on a busy machine. */
    for (int i = 0; i < 30; i++) {
        double u = time_delay(n);
        if (u < t)
            t = u;
    }
    delay_len = (int)(delay_us * 1e-6 / (t / n) + 0.5);
    if (delay_len < 1)
        delay_len = 1;
}

/* Which library provides the OpenMP API in this process: confirms that LD_PRELOAD took effect. */
static const char *runtime_path(void)
{
    Dl_info info;
    if (dladdr((void *)omp_get_max_threads, &info) && info.dli_fname)
        return info.dli_fname;
    return "unknown";
}

/* Is name in the comma list (every name if there is no list)? */
static int selected(const char *list, const char *name)
{
    if (!list)
        return 1;
    size_t len = strlen(name);
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && strncmp(p, name, n) == 0)
            return 1;
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

/* ---- measuring one construct ----
 * A test loop runs `inner` instances of the construct, each around delay(delay_len); a reference
 * loop runs the same delays without it.  One sample = one timed test loop; its overhead is
 * (test time - median reference time) / inner; the result is the median over samples. */
struct epcc_loop {
    double (*test)(const void *c, int inner); /* seconds */
    double (*ref)(const void *c, int inner);
    int (*round)(const void *c, long inner);  /* an inner count the construct allows */
    const void *c;
};

struct epcc_result {
    int inner, n;
    double med, min, max; /* µs per construct */
    double ref_us;
};

#define MIN_INNER 64
#define AMORTISE_INNER 1024

/* Grow inner until one test loop takes about target_s.  Scaling by the measured rate converges
 * in a few steps; the growth cap stops one lucky fast sample from overshooting wildly.  Each step
 * takes the faster of two timings so that one preemption (a 4 ms tick when other processes share
 * the machine) does not freeze inner at a tiny value. */
static int epcc_calibrate(const struct epcc_loop *l, int inner)
{
    inner = l->round(l->c, inner);
    l->test(l->c, inner); /* warm up: create the team, fault in pages */
    for (int step = 0; step < 20; step++) {
        double t = l->test(l->c, inner);
        double t2 = l->test(l->c, inner);
        if (t2 < t)
            t = t2;
        /* Below AMORTISE_INNER keep growing even past the target (up to 4x): on a busy machine
         * a sample's fixed costs (team wake-up, closing barrier) can take a whole scheduler
         * tick, and stopping at a small inner would report that tick as the construct's cost. */
        if (t >= 0.5 * target_s && (inner >= AMORTISE_INNER || t >= 4 * target_s))
            break;
        double scale = t > 0 ? target_s / t : 16.0;
        scale = scale < 2.0 ? 2.0 : scale > 16.0 ? 16.0 : scale;
        int next = l->round(l->c, (long)ceil(inner * scale));
        if (next <= inner)
            break;
        inner = next;
    }
    return inner;
}

static struct epcc_result epcc_measure(const struct epcc_loop *l)
{
    double start = now();
    /* At least MIN_INNER constructs per sample: with fewer, every sample starts with the team
     * asleep (parked during the reference loop) and measures a wake-up, which on a busy VM is a
     * 4-8 ms scheduler tick rather than the construct. */
    int inner = epcc_calibrate(l, MIN_INNER);
    double *test = malloc(sizeof(double) * nsamples);
    double *ref = malloc(sizeof(double) * nsamples);
    /* Give up on more samples once this budget is spent (oversubscribed runs), keeping >= 3. */
    double budget = 3.0 * nsamples * target_s + 1.0;
    int n = 0, recalibrated = 0;
    while (n < nsamples) {
        /* Interleave test and reference so that slow phases of a noisy machine hit both. */
        test[n] = l->test(l->c, inner);
        ref[n] = l->ref(l->c, inner);
        n++;
        /* Calibration ran during a slow phase if the samples are far shorter than the target:
         * start over once with a larger inner, or the samples would be too short to be stable. */
        if (n == 3 && !recalibrated) {
            double tmp[3] = {test[0], test[1], test[2]};
            if (median(tmp, 3) < 0.2 * target_s) {
                recalibrated = 1;
                inner = epcc_calibrate(l, inner);
                n = 0;
                continue;
            }
        }
        if (n >= 3 && now() - start > budget)
            break;
    }
    double ref_med = median(ref, n);
    double *ovh = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        ovh[i] = (test[i] - ref_med) / inner * 1e6;
    struct epcc_result r = {inner, n, median(ovh, n) /* sorts ovh */, 0, 0,
                            ref_med / inner * 1e6};
    r.min = ovh[0];
    r.max = ovh[n - 1];
    free(test);
    free(ref);
    free(ovh);
    return r;
}

/* The construct names of a program: an array of structs whose first member is the name. */
struct epcc_names {
    const char *tool;
    const void *first;
    size_t stride, n;
};

static const char *epcc_name(const struct epcc_names *c, size_t i)
{
    return *(const char *const *)((const char *)c->first + i * c->stride);
}

static void usage(const char *prog)
{
    fprintf(stderr,
            "usage: %s [-c name,name...] [-t target_ms] [-r samples] [-d delay_us] [-q] [-l]\n"
            "  threads come from OMP_NUM_THREADS; -q = quick (5 ms target, 5 samples);\n"
            "  -l lists the constructs\n",
            prog);
    exit(2);
}

/* The command line: sets target_s and nsamples, returns the -c list (NULL: all) and delay_us;
 * -l lists the names and exits.  Misspelt names are rejected rather than measuring nothing. */
static const char *epcc_args(int argc, char **argv, const struct epcc_names *c, double *delay_us)
{
    const char *list = NULL;
    *delay_us = 0.1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-l")) {
            for (size_t k = 0; k < c->n; k++)
                printf("%s\n", epcc_name(c, k));
            exit(0);
        } else if (!strcmp(a, "-q")) {
            target_s = 0.005;
            nsamples = 5;
        } else if (i + 1 < argc && !strcmp(a, "-c")) {
            list = argv[++i];
        } else if (i + 1 < argc && !strcmp(a, "-t")) {
            target_s = atof(argv[++i]) * 1e-3;
        } else if (i + 1 < argc && !strcmp(a, "-r")) {
            nsamples = atoi(argv[++i]);
        } else if (i + 1 < argc && !strcmp(a, "-d")) {
            *delay_us = atof(argv[++i]);
        } else {
            usage(argv[0]);
        }
    }
    if (target_s <= 0 || nsamples < 1 || *delay_us < 0)
        usage(argv[0]);
    if (list) {
        char *copy = strdup(list);
        for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
            int ok = 0;
            for (size_t k = 0; k < c->n; k++)
                ok |= strcmp(tok, epcc_name(c, k)) == 0;
            if (!ok) {
                fprintf(stderr, "%s: unknown construct '%s' (try -l)\n", c->tool, tok);
                exit(2);
            }
        }
        free(copy);
    }
    /* Line-buffered so that results already measured survive if a later construct aborts. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    return list;
}

#endif
