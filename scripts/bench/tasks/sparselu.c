/* sparselu: blocked LU factorisation (no pivoting) of a sparse block matrix, one task per block
 * operation, ordered only by `depend` clauses.
 *
 * One thread walks the factorisation and creates every task: lu0 on the diagonal block
 * (inout), fwd on the blocks of row k (in: diagonal, inout: block), bdiv on the blocks of
 * column k, and bmod updates of the trailing blocks (in: row and column blocks, inout: target).
 * A missing target block is filled in (allocated) by the creating thread before the bmod task is
 * created.  Each block's updates run in the order they were created (inout chains), so the
 * result is bit-identical to the serial factorisation; it is also checked against the original
 * matrix (sampled entries of L*U).
 * Usage: sparselu [NB] [BS]   (default 50 x 50 blocks of 24 x 24)
 */
#include <math.h>
#include <string.h>

#include "tb.h"

static int nb, bs;

/* Whether block (i, j) is present initially: the diagonal and its neighbours always, others
 * in a fixed pseudo-random pattern (about a third), so fill-in happens as in a sparse solver. */
static int present(int i, int j)
{
    if (i == j || i == j + 1 || j == i + 1)
        return 1;
    return tb_mix64((uint64_t)i * 1000003u + (uint64_t)j) % 3 == 0;
}

static double *new_block(void)
{
    double *b = tb_alloc((size_t)bs * bs * sizeof *b);
    memset(b, 0, (size_t)bs * bs * sizeof *b);
    return b;
}

/* The matrix as nb x nb block pointers (NULL = zero block).  Values in [-1, 1), and the
 * diagonal made dominant so that LU without pivoting is stable. */
static double **generate(void)
{
    double **M = tb_alloc((size_t)nb * nb * sizeof *M);
    double n = (double)nb * bs;
    for (int i = 0; i < nb; i++)
        for (int j = 0; j < nb; j++) {
            double *b = present(i, j) ? new_block() : NULL;
            M[i * nb + j] = b;
            for (int r = 0; b && r < bs; r++)
                for (int c = 0; c < bs; c++) {
                    uint64_t key = ((uint64_t)(i * bs + r) << 32) | (uint64_t)(j * bs + c);
                    b[r * bs + c] = 2 * tb_unit(tb_mix64(key)) - 1 + (i == j && r == c ? n : 0);
                }
        }
    return M;
}

static void free_matrix(double **M)
{
    for (int i = 0; i < nb * nb; i++)
        free(M[i]);
    free(M);
}

/* In-place LU of a diagonal block: unit lower L below the diagonal, U on and above. */
static void lu0(double *d)
{
    for (int k = 0; k < bs; k++)
        for (int i = k + 1; i < bs; i++) {
            d[i * bs + k] /= d[k * bs + k];
            for (int j = k + 1; j < bs; j++)
                d[i * bs + j] -= d[i * bs + k] * d[k * bs + j];
        }
}

/* Row block: b = L^-1 b with L the unit lower part of d. */
static void fwd(const double *d, double *b)
{
    for (int k = 0; k < bs; k++)
        for (int i = k + 1; i < bs; i++)
            for (int j = 0; j < bs; j++)
                b[i * bs + j] -= d[i * bs + k] * b[k * bs + j];
}

/* Column block: b = b U^-1 with U the upper part of d. */
static void bdiv(const double *d, double *b)
{
    for (int i = 0; i < bs; i++)
        for (int k = 0; k < bs; k++) {
            b[i * bs + k] /= d[k * bs + k];
            for (int j = k + 1; j < bs; j++)
                b[i * bs + j] -= b[i * bs + k] * d[k * bs + j];
        }
}

/* Trailing update: c -= a * b. */
static void bmod(const double *a, const double *b, double *c)
{
    for (int i = 0; i < bs; i++)
        for (int k = 0; k < bs; k++) {
            double x = a[i * bs + k];
            for (int j = 0; j < bs; j++)
                c[i * bs + j] -= x * b[k * bs + j];
        }
}

/* The factorisation.  With par, every block operation is a task whose dependences name the
 * block pointers' slots in M (fixed addresses, unlike the blocks a fill-in creates); returns the
 * number of block operations (= tasks). */
static long factor(double **M, int par)
{
    long ops = 0;
    for (int k = 0; k < nb; k++) {
        double **dkk = &M[k * nb + k];
        if (par) {
#pragma omp task firstprivate(dkk) depend(inout : dkk[0])
            lu0(*dkk);
        } else {
            lu0(*dkk);
        }
        ops++;
        for (int j = k + 1; j < nb; j++) {
            double **b = &M[k * nb + j];
            if (!*b)
                continue;
            if (par) {
#pragma omp task firstprivate(dkk, b) depend(in : dkk[0]) depend(inout : b[0])
                fwd(*dkk, *b);
            } else {
                fwd(*dkk, *b);
            }
            ops++;
        }
        for (int i = k + 1; i < nb; i++) {
            double **b = &M[i * nb + k];
            if (!*b)
                continue;
            if (par) {
#pragma omp task firstprivate(dkk, b) depend(in : dkk[0]) depend(inout : b[0])
                bdiv(*dkk, *b);
            } else {
                bdiv(*dkk, *b);
            }
            ops++;
        }
        for (int i = k + 1; i < nb; i++) {
            double **a = &M[i * nb + k];
            if (!*a)
                continue;
            for (int j = k + 1; j < nb; j++) {
                double **b = &M[k * nb + j], **c = &M[i * nb + j];
                if (!*b)
                    continue;
                if (!*c)
                    *c = new_block(); /* fill-in: no task uses this slot yet */
                if (par) {
#pragma omp task firstprivate(a, b, c) depend(in : a[0], b[0]) depend(inout : c[0])
                    bmod(*a, *b, *c);
                } else {
                    bmod(*a, *b, *c);
                }
                ops++;
            }
        }
    }
    if (par) {
#pragma omp taskwait
    }
    return ops;
}

/* Element (r, c) of the block matrix M (0 in a missing block). */
static double at(double **M, long r, long c)
{
    const double *b = M[(r / bs) * nb + c / bs];
    return b ? b[(r % bs) * bs + c % bs] : 0.0;
}

/* Relative error of sampled entries of L*U against the original matrix A. */
static double residual(double **LU, double **A)
{
    long n = (long)nb * bs;
    double worst = 0;
    for (int t = 0; t < 256; t++) {
        uint64_t h = tb_mix64((uint64_t)t + 99);
        long r = (long)(h % (uint64_t)n), c = (long)((h >> 32) % (uint64_t)n);
        double s = 0;
        for (long k = 0; k <= (r < c ? r : c); k++)
            s += (k == r ? 1.0 : at(LU, r, k)) * at(LU, k, c);
        double e = fabs(s - at(A, r, c)) / (double)n;
        if (e > worst)
            worst = e;
    }
    return worst;
}

int main(int argc, char **argv)
{
    nb = (int)tb_arg(argc, argv, 1, 50, 1, 1000, "[NB] [BS]");
    bs = (int)tb_arg(argc, argv, 2, 24, 1, 1000, "[NB] [BS]");
    double **orig = generate(), **ser = generate(), **par = generate();

    double t0 = tb_now();
    long tasks = factor(ser, 0);
    double t_ser = tb_now() - t0;

    tb_start_team();
    long created = 0;
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    created = factor(par, 1);
    double t_par = tb_now() - t0;

    int ok = created == tasks;
    double sum = 0;
    for (int i = 0; i < nb * nb; i++) {
        ok &= !ser[i] == !par[i];
        if (ser[i] && par[i]) {
            ok &= memcmp(ser[i], par[i], (size_t)bs * bs * sizeof(double)) == 0;
            for (int e = 0; e < bs * bs; e++)
                sum += par[i][e];
        }
    }
    double err = residual(par, orig);
    ok &= err < 1e-12;

    char params[40], res[40];
    snprintf(params, sizeof params, "nb=%d bs=%d", nb, bs);
    snprintf(res, sizeof res, "%.10e", sum);
    int rc = tb_report("sparselu", params, res, ok, tasks, t_par, t_ser);
    free_matrix(orig);
    free_matrix(ser);
    free_matrix(par);
    return rc;
}
