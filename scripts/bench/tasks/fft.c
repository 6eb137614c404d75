/* fft: recursive radix-2 decimation-in-time FFT, one task per half, down to 16-point leaves.
 *
 * Each call transforms the even and odd subsequences (strided views of the input) as two
 * tasks, waits, then combines them with one butterfly pass.  The leaves are the same recursion
 * run serially, so the parallel result is bit-identical to the serial one.
 * Usage: fft [LOG2N]   (default 21: 2^21 complex points)
 */
#include <complex.h>
#include <math.h>

#include "tb.h"

#define LEAF 16

typedef double complex cplx;

/* The butterfly pass joining the transforms of the even (out[0..h)) and odd (out[h..2h)) halves.
 * One function for both versions, so the compiler cannot contract them differently. */
static void combine(cplx *out, long h, long s, const cplx *w)
{
    for (long k = 0; k < h; k++) {
        cplx e = out[k], o = w[k * s] * out[k + h];
        out[k] = e + o;
        out[k + h] = e - o;
    }
}

/* out[0..n) = DFT of in[0], in[s], in[2s], ...; w[k] = exp(-2 pi i k / N), N = n * s. */
static void fft_serial(const cplx *in, cplx *out, long n, long s, const cplx *w)
{
    if (n == 1) {
        out[0] = in[0];
        return;
    }
    long h = n / 2;
    fft_serial(in, out, h, 2 * s, w);
    fft_serial(in + s, out + h, h, 2 * s, w);
    combine(out, h, s, w);
}

static void fft_task(const cplx *in, cplx *out, long n, long s, const cplx *w)
{
    if (n <= LEAF) {
        fft_serial(in, out, n, s, w);
        return;
    }
    long h = n / 2;
#pragma omp task firstprivate(in, out, h, s, w)
    fft_task(in, out, h, 2 * s, w);
#pragma omp task firstprivate(in, out, h, s, w)
    fft_task(in + s, out + h, h, 2 * s, w);
#pragma omp taskwait
    combine(out, h, s, w);
}

static long count_tasks(long n)
{
    return n <= LEAF ? 0 : 2 + 2 * count_tasks(n / 2);
}

int main(int argc, char **argv)
{
    int lg = (int)tb_arg(argc, argv, 1, 21, 1, 26, "[LOG2N]");
    long n = 1L << lg;
    cplx *in = tb_alloc((size_t)n * sizeof *in);
    cplx *ser = tb_alloc((size_t)n * sizeof *ser);
    cplx *par = tb_alloc((size_t)n * sizeof *par);
    cplx *w = tb_alloc((size_t)(n / 2 + 1) * sizeof *w);
    const double pi = acos(-1.0);
    for (long k = 0; k <= n / 2; k++)
        w[k] = cexp(-2.0 * pi * I * (double)k / (double)n);
    uint64_t seed = 7;
    for (long i = 0; i < n; i++) {
        double re = tb_unit(tb_rand(&seed)) - 0.5, im = tb_unit(tb_rand(&seed)) - 0.5;
        in[i] = re + im * I;
        ser[i] = par[i] = 0; /* fault the pages in before timing */
    }

    double t0 = tb_now();
    fft_serial(in, ser, n, 1, w);
    double t_ser = tb_now() - t0;

    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    fft_task(in, par, n, 1, w);
    double t_par = tb_now() - t0;

    /* Same operations in the same order: the results must be identical. */
    int ok = 1;
    double energy = 0;
    for (long i = 0; i < n; i++) {
        ok &= par[i] == ser[i];
        energy += creal(par[i] * conj(par[i]));
    }
    /* Independent check of the algorithm: a few bins against the direct DFT sum. */
    for (int t = 0; t < 4; t++) {
        long f = (long)(tb_mix64((uint64_t)t) % (uint64_t)n);
        cplx d = 0;
        for (long j = 0; j < n; j++)
            d += in[j] * cexp(-2.0 * pi * I * (double)((j * f) % n) / (double)n);
        ok &= cabs(d - par[f]) <= 1e-9 * sqrt((double)n) * (1 + cabs(d));
    }

    char params[32], res[40];
    snprintf(params, sizeof params, "log2n=%d", lg);
    snprintf(res, sizeof res, "%.10e", energy / (double)n);
    int rc = tb_report("fft", params, res, ok, count_tasks(n), t_par, t_ser);
    free(in);
    free(ser);
    free(par);
    free(w);
    return rc;
}
