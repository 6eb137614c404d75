/* symm: C := alpha*A*B + beta*C, A: MxM symmetric stored in its lower
 * triangle, B, C: MxN. */
#include "pb.h"

typedef struct { double alpha, beta, *A, *B, *C; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    double (*A)[m] = (void *)s->A, (*B)[nn] = (void *)s->B, (*C)[nn] = (void *)s->C;
#pragma omp parallel for PB_SCHED(static)
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < nn; j++) C[i][j] *= s->beta;
        for (long k = 0; k < m; k++) {
            double a = s->alpha * (k <= i ? A[i][k] : A[k][i]);
            for (long j = 0; j < nn; j++) C[i][j] += a * B[k][j];
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    s->alpha = 1.5; s->beta = 1.2;
    s->A = pb_alloc(m * m); s->B = pb_alloc(m * nn); s->C = pb_alloc(m * nn);
    for (long i = 0; i < m; i++) {
        for (long j = 0; j <= i; j++) s->A[i * m + j] = (double)((i + j) % 100) / m;
        for (long j = i + 1; j < m; j++) s->A[i * m + j] = -999.0; /* never read */
        for (long j = 0; j < nn; j++) {
            s->C[i * nn + j] = (double)((i + j) % 100) / m;
            s->B[i * nn + j] = (double)((nn + i - j) % 100) / m;
        }
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"C", s->C, (size_t)(n[0] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "symm", "M N", {{20, 30}, {60, 80}, {200, 240}, {1000, 1200}, {2000, 2600}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
