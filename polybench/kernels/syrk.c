/* syrk: C := alpha*A*A^T + beta*C on the lower triangle; A: NxM, C: NxN.
 * Row i touches i+1 entries: triangular work, dynamic schedule. */
#include "pb.h"

typedef struct { double alpha, beta, *A, *C; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0], m = n[1];
    double (*A)[m] = (void *)s->A, (*C)[nn] = (void *)s->C;
#pragma omp parallel for PB_SCHED(dynamic, 4)
    for (long i = 0; i < nn; i++)
        for (long j = 0; j <= i; j++) {
            double acc = 0.0;
            for (long k = 0; k < m; k++) acc += A[i][k] * A[j][k];
            C[i][j] = s->beta * C[i][j] + s->alpha * acc;
        }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0], m = n[1];
    s->alpha = 1.5; s->beta = 1.2;
    s->A = pb_alloc(nn * m); s->C = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++)
        for (long k = 0; k < m; k++) s->A[i * m + k] = (double)((i * k + 1) % nn) / nn;
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < nn; j++) s->C[i * nn + j] = (double)((i * j + 2) % m) / m;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"C", s->C, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "syrk", "N M",
    {{30, 20}, {80, 60}, {240, 200}, {1200, 1000}, {2600, 2000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
