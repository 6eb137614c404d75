/* cholesky: in-place A = L*L^T for symmetric positive definite A (lower
 * triangle).  Right-looking: L[k][k] = sqrt(A[k][k]); scale column k; update
 * the trailing lower triangle (row i updates i-k entries: triangular). */
#include "pb.h"
#include <math.h>

typedef struct { double *A; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*A)[nn] = (void *)s->A;
#pragma omp parallel
    for (long k = 0; k < nn; k++) {
#pragma omp single
        A[k][k] = sqrt(A[k][k]);
#pragma omp for PB_SCHED(static)
        for (long i = k + 1; i < nn; i++) A[i][k] /= A[k][k];
#pragma omp for PB_SCHED(dynamic, 2)
        for (long i = k + 1; i < nn; i++)
            for (long j = k + 1; j <= i; j++) A[i][j] -= A[i][k] * A[j][k];
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    s->A = pb_alloc(nn * nn);
    /* symmetric, strictly diagonally dominant with positive diagonal: SPD */
    for (long i = 0; i < nn; i++) {
        for (long j = 0; j < nn; j++) {
            long a = i < j ? i : j, b = i < j ? j : i;
            s->A[i * nn + j] = (double)((a * 5 + b * 3) % 11) / (11.0 * nn);
        }
        s->A[i * nn + i] = 1.0 + (double)(i % 3);
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"A", s->A, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "cholesky", "N", {{40}, {120}, {400}, {2000}, {4000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
