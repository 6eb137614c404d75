/* jacobi-2d: TSTEPS times the 5-point average A -> B, then B -> A. */
#include "pb.h"

typedef struct { double *A, *B; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long tsteps = n[0], nn = n[1];
    double (*A)[nn] = (void *)s->A, (*B)[nn] = (void *)s->B;
#pragma omp parallel
    for (long t = 0; t < tsteps; t++) {
#pragma omp for PB_SCHED(static)
        for (long i = 1; i < nn - 1; i++)
            for (long j = 1; j < nn - 1; j++)
                B[i][j] = 0.2 * (A[i][j] + A[i][j - 1] + A[i][j + 1] + A[i + 1][j] + A[i - 1][j]);
#pragma omp for PB_SCHED(static)
        for (long i = 1; i < nn - 1; i++)
            for (long j = 1; j < nn - 1; j++)
                A[i][j] = 0.2 * (B[i][j] + B[i][j - 1] + B[i][j + 1] + B[i + 1][j] + B[i - 1][j]);
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[1];
    s->A = pb_alloc(nn * nn); s->B = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < nn; j++) {
            s->A[i * nn + j] = ((double)i * (j + 2) + 2) / nn;
            s->B[i * nn + j] = ((double)i * (j + 3) + 3) / nn;
        }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"A", s->A, (size_t)(n[1] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "jacobi-2d", "TSTEPS N",
    {{20, 30}, {40, 90}, {100, 250}, {500, 1300}, {1000, 2800}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
