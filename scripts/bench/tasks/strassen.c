/* strassen: Strassen matrix multiplication, one task per sub-multiplication (7 per level) down
 * to a small base block multiplied by the classic triple loop.
 *
 * Each task forms its two operands (a quadrant or a sum/difference of two) in its own
 * temporaries, so tasks allocate and free memory as in real task-parallel codes.  The inputs are
 * small integers, so every intermediate is an exactly representable integer: the result is
 * exact whatever the order of operations, and is checked against the plain product.
 * Usage: strassen [N] [BASE]   (default 1024 32; N must be BASE times a power of two)
 */
#include <string.h>

#include "tb.h"

static int base_n;

/* C = A * B for n x n views with leading dimensions. */
static void mul_base(double *C, int ldc, const double *A, int lda, const double *B, int ldb, int n)
{
    for (int i = 0; i < n; i++) {
        double *c = C + (long)i * ldc;
        for (int j = 0; j < n; j++)
            c[j] = 0;
        for (int k = 0; k < n; k++) {
            double a = A[(long)i * lda + k];
            const double *b = B + (long)k * ldb;
            for (int j = 0; j < n; j++)
                c[j] += a * b[j];
        }
    }
}

/* Operands of the 7 products, as (first quadrant, second quadrant or -1, sign of the second);
 * quadrants 0..3 = 11, 12, 21, 22.  M1..M7 in the textbook numbering. */
static const signed char left[7][3] = {{0, 3, 1}, {2, 3, 1},  {0, -1, 0}, {3, -1, 0},
                                       {0, 1, 1}, {2, 0, -1}, {1, 3, -1}};
static const signed char right[7][3] = {{0, 3, 1},  {0, -1, 0}, {1, 3, -1}, {2, 0, -1},
                                        {3, -1, 0}, {0, 1, 1},  {2, 3, 1}};

static const double *quadrant(const double *X, int ld, int h, int q)
{
    return X + (q >> 1) * (long)h * ld + (q & 1) * h;
}

/* An operand of product k: a quadrant view when it is one, else a new h x h sum in *tmp. */
static const double *operand(const double *X, int ld, int h, const signed char op[3], int *out_ld,
                             double **tmp)
{
    const double *p = quadrant(X, ld, h, op[0]);
    *tmp = NULL;
    *out_ld = ld;
    if (op[1] < 0)
        return p;
    const double *q = quadrant(X, ld, h, op[1]);
    double *t = tb_alloc((size_t)h * h * sizeof *t);
    for (int i = 0; i < h; i++)
        for (int j = 0; j < h; j++)
            t[(long)i * h + j] = p[(long)i * ld + j] + op[2] * q[(long)i * ld + j];
    *tmp = t;
    *out_ld = h;
    return t;
}

static void strassen(double *C, int ldc, const double *A, int lda, const double *B, int ldb, int n,
                     int par);

/* M = (left operand of k) * (right operand of k), M being h x h contiguous. */
static void product(int k, double *M, const double *A, int lda, const double *B, int ldb, int h,
                    int par)
{
    int la, lb;
    double *ta, *tbuf;
    const double *a = operand(A, lda, h, left[k], &la, &ta);
    const double *b = operand(B, ldb, h, right[k], &lb, &tbuf);
    strassen(M, h, a, la, b, lb, h, par);
    free(ta);
    free(tbuf);
}

/* C = A * B; par selects the task version (the serial one is the same code without tasks). */
static void strassen(double *C, int ldc, const double *A, int lda, const double *B, int ldb, int n,
                     int par)
{
    if (n <= base_n) {
        mul_base(C, ldc, A, lda, B, ldb, n);
        return;
    }
    int h = n / 2;
    long hh = (long)h * h;
    double *M = tb_alloc(7 * (size_t)hh * sizeof *M);
    for (int k = 0; k < 7; k++) {
        if (par) {
#pragma omp task firstprivate(k, M, A, lda, B, ldb, h, hh)
            product(k, M + k * hh, A, lda, B, ldb, h, 1);
        } else {
            product(k, M + k * hh, A, lda, B, ldb, h, 0);
        }
    }
    if (par) {
#pragma omp taskwait
    }
    const double *m1 = M, *m2 = M + hh, *m3 = M + 2 * hh, *m4 = M + 3 * hh, *m5 = M + 4 * hh,
                 *m6 = M + 5 * hh, *m7 = M + 6 * hh;
    for (int i = 0; i < h; i++) {
        double *c11 = C + (long)i * ldc, *c12 = c11 + h;
        double *c21 = C + (long)(i + h) * ldc, *c22 = c21 + h;
        for (int j = 0; j < h; j++) {
            long x = (long)i * h + j;
            c11[j] = m1[x] + m4[x] - m5[x] + m7[x];
            c12[j] = m3[x] + m5[x];
            c21[j] = m2[x] + m4[x];
            c22[j] = m1[x] - m2[x] + m3[x] + m6[x];
        }
    }
    free(M);
}

static long count_tasks(int n)
{
    return n <= base_n ? 0 : 7 + 7 * count_tasks(n / 2);
}

int main(int argc, char **argv)
{
    const char *usage = "[N] [BASE]   (N = BASE * 2^k)";
    int n = (int)tb_arg(argc, argv, 1, 1024, 1, 1 << 14, usage);
    base_n = (int)tb_arg(argc, argv, 2, 32, 1, 1 << 14, usage);
    int m = base_n;
    while (m < n)
        m *= 2;
    if (m != n) {
        fprintf(stderr, "strassen: N=%d is not BASE=%d times a power of two\n", n, base_n);
        return 2;
    }
    size_t nn = (size_t)n * n;
    double *A = tb_alloc(nn * sizeof *A), *B = tb_alloc(nn * sizeof *B);
    double *ser = tb_alloc(nn * sizeof *ser), *par = tb_alloc(nn * sizeof *par);
    uint64_t seed = 3;
    for (size_t i = 0; i < nn; i++) {
        /* Integers in [-4, 4]: all sums and products stay exact in double. */
        A[i] = (double)(int)(tb_rand(&seed) % 9) - 4;
        B[i] = (double)(int)(tb_rand(&seed) % 9) - 4;
    }
    memset(ser, 0, nn * sizeof *ser);
    memset(par, 0, nn * sizeof *par);

    double t0 = tb_now();
    strassen(ser, n, A, n, B, n, n, 0);
    double t_ser = tb_now() - t0;

    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    strassen(par, n, A, n, B, n, n, 1);
    double t_par = tb_now() - t0;

    int ok = memcmp(par, ser, nn * sizeof *par) == 0;
    /* Sampled entries against the definition (exact: integers). */
    for (int t = 0; t < 256; t++) {
        uint64_t r = tb_mix64((uint64_t)t);
        long i = (long)(r % (uint64_t)n), j = (long)((r >> 32) % (uint64_t)n);
        double d = 0;
        for (long k = 0; k < n; k++)
            d += A[i * n + k] * B[k * n + j];
        ok &= d == par[i * n + j];
    }
    double trace = 0, sum = 0;
    for (long i = 0; i < n; i++) {
        trace += par[i * n + i];
        for (long j = 0; j < n; j++)
            sum += par[i * n + j];
    }

    char params[40], res[48];
    snprintf(params, sizeof params, "n=%d base=%d", n, base_n);
    snprintf(res, sizeof res, "%.0f/%.0f", trace, sum);
    int rc = tb_report("strassen", params, res, ok, count_tasks(n), t_par, t_ser);
    free(A);
    free(B);
    free(ser);
    free(par);
    return rc;
}
