/* syncbench: per-construct overhead of an OpenMP runtime, after the EPCC method.
 *
 * For each construct, a test loop runs `inner` instances of the construct, each wrapped around a
 * small delay; a reference loop runs the same delays without the construct.  One sample is one
 * timed test loop; its overhead is (test time - median reference time) / inner.  We report the
 * median over samples (robust to the noise of a shared VM) and the min/max.
 *
 * `inner` is chosen per construct so that one sample takes about the target time: constructs that
 * cost milliseconds under oversubscription (4 threads on 2 cores) get a small inner count instead
 * of running for minutes, and a per-construct time budget cuts the sample count if needed.
 *
 * Build: gcc -fopenmp -O2 -o syncbench syncbench.c
 * Usage: OMP_NUM_THREADS=2 ./syncbench [-c barrier,single] [-t target_ms] [-r samples]
 *                                      [-d delay_us] [-q] [-l]
 * Output: one "key=value ..." line per construct on stdout; comment lines start with '#'.
 */
#include "epcc.h"

/* Iterations of the dynamic loop per thread: enough that chunk-1 scheduling is exercised
 * (several grabs per thread), few enough that the loop end and barrier still show. */
#define DYN_ITERS_PER_THREAD 8

/* ---- test loops: each runs `inner` instances of one construct and returns seconds ---- */

static void region_end(double t0, double *elapsed)
{
#pragma omp barrier
    if (omp_get_thread_num() == 0)
        *elapsed = now() - t0;
}

static double test_parallel(int inner)
{
    double t0 = now();
    for (int j = 0; j < inner; j++) {
#pragma omp parallel
        delay(delay_len);
    }
    return now() - t0;
}

/* Static for with one iteration per thread (as EPCC): the cost is the implicit barrier at its
 * end plus the schedule computation. */
static double test_for_static(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp for schedule(static)
            for (int i = 0; i < nthreads; i++)
                delay(delay_len);
        }
        region_end(t0, &t);
    }
    return t;
}

static double test_for_dynamic(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp for schedule(dynamic, 1)
            for (int i = 0; i < nthreads * DYN_ITERS_PER_THREAD; i++)
                delay(delay_len);
        }
        region_end(t0, &t);
    }
    return t;
}

static double test_barrier(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
            delay(delay_len);
#pragma omp barrier
        }
        region_end(t0, &t);
    }
    return t;
}

static double test_single(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp single
            delay(delay_len);
        }
        region_end(t0, &t);
    }
    return t;
}

/* critical, lock and atomic execute `inner` instances in total, shared among the threads: they
 * serialise, so per-instance overhead = (test - serial reference) / inner. */
static double test_critical(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner / nthreads; j++) {
#pragma omp critical
            delay(delay_len);
        }
        region_end(t0, &t);
    }
    return t;
}

static omp_lock_t lock;

static double test_lock(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner / nthreads; j++) {
            omp_set_lock(&lock);
            delay(delay_len);
            omp_unset_lock(&lock);
        }
        region_end(t0, &t);
    }
    return t;
}

/* No delay here (as EPCC): the atomic update is the work.  gcc inlines a double atomic add as a
 * compare-and-swap loop, so this mostly measures the hardware, not the runtime. */
static double test_atomic(int inner)
{
    double t = 0, x = 0.0;
#pragma omp parallel
    {
        double b = 1.0;
        double t0 = region_start();
        for (int j = 0; j < inner / nthreads; j++) {
#pragma omp atomic
            x += b;
            __asm__ volatile("" : "+x"(b));
        }
        region_end(t0, &t);
    }
    sink = x;
    return t;
}

static double test_reduction(int inner)
{
    double t0 = now();
    for (int j = 0; j < inner; j++) {
        double x = 0.0;
#pragma omp parallel reduction(+ : x)
        {
            delay(delay_len);
            x += 1.0;
        }
        sink = x;
    }
    return now() - t0;
}

/* ---- reference loops: the same work without the construct ---- */

static double ref_delay(int inner)
{
    double t0 = now();
    for (int j = 0; j < inner; j++)
        delay(delay_len);
    return now() - t0;
}

static double ref_dynamic(int inner)
{
    double t0 = now();
    for (int j = 0; j < inner * DYN_ITERS_PER_THREAD; j++)
        delay(delay_len);
    return now() - t0;
}

static double ref_atomic(int inner)
{
    double x = 0.0, b = 1.0;
    double t0 = now();
    for (int j = 0; j < inner; j++) {
        x += b;
        __asm__ volatile("" : "+x"(x), "+x"(b));
    }
    sink = x;
    return now() - t0;
}

struct construct {
    const char *name;
    double (*test)(int); /* both return the elapsed seconds */
    double (*ref)(int);
    int per_thread_split; /* inner must be a multiple of nthreads */
};

static const struct construct constructs[] = {
    {"parallel", test_parallel, ref_delay, 0},
    {"for_static", test_for_static, ref_delay, 0},
    {"for_dynamic", test_for_dynamic, ref_dynamic, 0},
    {"barrier", test_barrier, ref_delay, 0},
    {"single", test_single, ref_delay, 0},
    {"critical", test_critical, ref_delay, 1},
    {"lock", test_lock, ref_delay, 1},
    {"atomic", test_atomic, ref_atomic, 1},
    {"reduction", test_reduction, ref_delay, 0},
};
#define NCONSTRUCTS (sizeof constructs / sizeof constructs[0])

static int round_inner(const void *cv, long inner)
{
    const struct construct *c = cv;
    if (inner < 1)
        inner = 1;
    if (inner > 100000000L)
        inner = 100000000L;
    if (c->per_thread_split)
        inner = (inner + nthreads - 1) / nthreads * nthreads;
    return (int)inner;
}

static double run_test(const void *c, int inner) { return ((const struct construct *)c)->test(inner); }
static double run_ref(const void *c, int inner) { return ((const struct construct *)c)->ref(inner); }

static void run_construct(const struct construct *c)
{
    struct epcc_loop l = {run_test, run_ref, round_inner, c};
    struct epcc_result r = epcc_measure(&l);
    printf("construct=%s threads=%d overhead_us=%.4f min=%.4f max=%.4f inner=%d samples=%d "
           "ref_us=%.4f\n",
           c->name, nthreads, r.med, r.min, r.max, r.inner, r.n, r.ref_us);
}

int main(int argc, char **argv)
{
    struct epcc_names names = {"syncbench", constructs, sizeof constructs[0], NCONSTRUCTS};
    double delay_us;
    const char *list = epcc_args(argc, argv, &names, &delay_us);

    nthreads = omp_get_max_threads();
    omp_init_lock(&lock);
    calibrate_delay(delay_us);

    int team = 0;
#pragma omp parallel
#pragma omp master
    team = omp_get_num_threads();
    if (team != nthreads)
        fprintf(stderr, "syncbench: warning: team has %d threads, expected %d\n", team, nthreads);

    printf("# syncbench runtime=%s threads=%d delay_us=%.3f delay_len=%d target_ms=%.1f "
           "samples=%d\n",
           runtime_path(), nthreads, delay_us, delay_len, target_s * 1e3, nsamples);
    for (size_t i = 0; i < NCONSTRUCTS; i++)
        if (selected(list, constructs[i].name))
            run_construct(&constructs[i]);
    omp_destroy_lock(&lock);
    return 0;
}
