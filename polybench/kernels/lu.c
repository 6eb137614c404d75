/* lu: in-place LU factorisation A = L*U without pivoting (A is diagonally
 * dominant).  Right-looking: for each k, scale column k below the diagonal
 * and update the trailing matrix; rows are independent within one k. */
#include "pb.h"

typedef struct { double *A; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*A)[nn] = (void *)s->A;
#pragma omp parallel
    for (long k = 0; k < nn - 1; k++) {
#pragma omp for PB_SCHED(static)
        for (long i = k + 1; i < nn; i++) {
            A[i][k] /= A[k][k];
            for (long j = k + 1; j < nn; j++) A[i][j] -= A[i][k] * A[k][j];
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    s->A = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++) {
        for (long j = 0; j < nn; j++)
            s->A[i * nn + j] = (double)((i * 7 + j * 3) % 17 - 8) / (17.0 * nn);
        s->A[i * nn + i] = 2.0 + (double)(i % 5);
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"A", s->A, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "lu", "N", {{40}, {120}, {400}, {2000}, {4000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
