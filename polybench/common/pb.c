/* Tempo PolyBench-style harness: arguments, timer, verification. */
#define _POSIX_C_SOURCE 200809L
#include "pb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#if defined(MINI_DATASET)
#define PB_DEFAULT_DATASET PB_MINI
#elif defined(SMALL_DATASET)
#define PB_DEFAULT_DATASET PB_SMALL
#elif defined(LARGE_DATASET)
#define PB_DEFAULT_DATASET PB_LARGE
#elif defined(EXTRALARGE_DATASET)
#define PB_DEFAULT_DATASET PB_EXTRALARGE
#else
#define PB_DEFAULT_DATASET PB_MEDIUM
#endif

#define PB_DEFAULT_RTOL 1e-9

static const char *const dataset_names[PB_NDATASETS] = {
    "MINI", "SMALL", "MEDIUM", "LARGE", "EXTRALARGE"};

double *pb_alloc(size_t count)
{
    void *p = NULL;
    size_t bytes = (count ? count : 1) * sizeof(double);
    if (posix_memalign(&p, 64, bytes) != 0) {
        fprintf(stderr, "polybench: out of memory (%zu bytes)\n", bytes);
        exit(2);
    }
    memset(p, 0, bytes);
    return p;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Start the runtime's thread team before timing, so the kernel time does not
 * include one-time runtime initialisation (disable with --cold). */
static void warm_up(void)
{
    volatile int sink = 0;
#pragma omp parallel
    {
        sink = 1;
    }
    (void)sink;
}

static int parse_dataset(const char *s)
{
    for (int d = 0; d < PB_NDATASETS; d++) {
        size_t len = strlen(dataset_names[d]);
        if (strncasecmp(s, dataset_names[d], len) == 0 &&
            (s[len] == '\0' || strcasecmp(s + len, "_DATASET") == 0))
            return d;
    }
    return -1;
}

static void usage(const pb_kernel *k, FILE *f)
{
    fprintf(f,
            "usage: %s [MINI|SMALL|MEDIUM|LARGE|EXTRALARGE] [--no-verify] [--cold]\n"
            "          [--sizes N1,N2,...] [--rtol X]\n"
            "  --cold: do not start the thread team before the timed kernel\n"
            "  sizes (%s) default dataset: %s\n"
            "  prints 'PB_TIME seconds=<t>' for the parallel kernel only and\n"
            "  exits non-zero if it disagrees with the serial run.\n",
            k->name, k->params, dataset_names[PB_DEFAULT_DATASET]);
}

/* Compare parallel vs serial outputs.  An element passes when
 * |par - seq| <= rtol * (|seq| + max|seq| of its array), which tolerates
 * reassociated reductions while catching skipped or repeated iterations. */
static int verify(const pb_kernel *k, const pb_out *po, const pb_out *so,
                  int nout, double rtol)
{
    int ok = 1;
    for (int o = 0; o < nout; o++) {
        double maxabs = 0.0, worst = 0.0;
        size_t bad = 0, first_bad = 0;
        for (size_t i = 0; i < so[o].count; i++) {
            double a = fabs(so[o].data[i]);
            if (a > maxabs) maxabs = a;
        }
        for (size_t i = 0; i < so[o].count; i++) {
            double p = po[o].data[i], s = so[o].data[i];
            double diff = fabs(p - s);
            double scale = fabs(s) + maxabs;
            double err = scale > 0 ? diff / scale : diff;
            if (!(diff <= rtol * scale) && !(p == s)) {
                if (bad == 0) first_bad = i;
                bad++;
            }
            if (err > worst || err != err) worst = err;
        }
        fprintf(stderr, "polybench: %s output %s max normalized error %.3e\n",
                k->name, so[o].name, worst);
        if (bad) {
            ok = 0;
            printf("VERIFY FAILED: %s output %s: %zu of %zu elements differ "
                   "from the serial run (first at index %zu: parallel %.17g, "
                   "serial %.17g, rtol %g)\n",
                   k->name, so[o].name, bad, so[o].count, first_bad,
                   po[o].data[first_bad], so[o].data[first_bad], rtol);
        }
    }
    return ok;
}

static double checksum(const pb_out *out, int nout)
{
    double sum = 0.0;
    for (int o = 0; o < nout; o++)
        for (size_t i = 0; i < out[o].count; i++)
            sum += out[o].data[i] * (double)(1 + i % 7);
    return sum;
}

int pb_main(int argc, char **argv, const pb_kernel *k)
{
    int dataset = PB_DEFAULT_DATASET, do_verify = 1, cold = 0;
    double rtol = k->rtol > 0 ? k->rtol : PB_DEFAULT_RTOL;
    long n[PB_MAXP] = {0};
    int custom = 0, nparams = 0;

    for (const char *p = k->params; *p; p++)
        if ((p == k->params || p[-1] == ' ') && *p != ' ') nparams++;

    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--no-verify") == 0) {
            do_verify = 0;
        } else if (strcmp(argv[a], "--cold") == 0) {
            cold = 1;
        } else if (strcmp(argv[a], "--rtol") == 0 && a + 1 < argc) {
            rtol = atof(argv[++a]);
        } else if (strcmp(argv[a], "--sizes") == 0 && a + 1 < argc) {
            char *s = argv[++a];
            for (int i = 0; i < nparams; i++) {
                n[i] = strtol(s, &s, 10);
                if (n[i] <= 0 || (i + 1 < nparams && *s++ != ',')) {
                    fprintf(stderr, "polybench: --sizes needs %d values (%s)\n",
                            nparams, k->params);
                    return 2;
                }
            }
            custom = 1;
        } else if (strcmp(argv[a], "-h") == 0 || strcmp(argv[a], "--help") == 0) {
            usage(k, stdout);
            return 0;
        } else if ((dataset = parse_dataset(argv[a])) < 0) {
            fprintf(stderr, "polybench: unknown argument '%s'\n", argv[a]);
            usage(k, stderr);
            return 2;
        }
    }
    if (!custom)
        for (int i = 0; i < PB_MAXP; i++) n[i] = k->sizes[dataset][i];

    printf("polybench %s dataset=%s", k->name,
           custom ? "CUSTOM" : dataset_names[dataset]);
    const char *p = k->params;
    for (int i = 0; i < nparams; i++) {
        while (*p == ' ') p++;
        int len = (int)strcspn(p, " ");
        printf(" %.*s=%ld", len, p, n[i]);
        p += len;
    }
#ifdef PB_RUNTIME_SCHEDULE
    printf(" schedule=runtime\n");
#else
    printf(" schedule=source\n");
#endif

    void *par = calloc(1, k->state_size), *seq = calloc(1, k->state_size);
    if (!par || !seq) {
        fprintf(stderr, "polybench: out of memory\n");
        return 2;
    }
    k->init(par, n);
    if (!cold)
        warm_up();

    double t0 = now_seconds();
    pb_compute_par(par, n);
    double t1 = now_seconds();

    pb_out po[PB_MAXOUT], so[PB_MAXOUT];
    int nout = k->outputs(par, n, po);
    int ok = 1;
    if (do_verify) {
        k->init(seq, n);
        pb_compute_seq(seq, n);
        k->outputs(seq, n, so);
        ok = verify(k, po, so, nout, rtol);
        /* The serial checksum is identical under every OpenMP runtime. */
        printf("checksum %.12e (serial reference)\n", checksum(so, nout));
        printf(ok ? "verify: PASS\n" : "verify: FAIL\n");
    } else {
        printf("checksum %.6e (parallel, unverified)\n", checksum(po, nout));
    }
    printf("PB_TIME seconds=%.9f kernel=%s\n", t1 - t0, k->name);
    fflush(stdout);
    if (!ok)
        fprintf(stderr, "polybench: %s: parallel result does not match the "
                        "serial run\n", k->name);
    return ok ? 0 : 1;
}
