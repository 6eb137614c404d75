/* heat-3d: TSTEPS explicit steps of the 3-D heat equation (7-point stencil,
 * diffusion coefficient 0.125 per axis), A -> B then B -> A.  The two outer
 * loops are collapsed. */
#include "pb.h"

typedef struct { double *A, *B; } state;

/* Orphaned worksharing loop: called from inside the parallel region. */
static void step(long nn, double (*dst)[nn][nn], double (*src)[nn][nn])
{
#pragma omp for collapse(2) PB_SCHED(static)
    for (long i = 1; i < nn - 1; i++)
        for (long j = 1; j < nn - 1; j++)
            for (long k = 1; k < nn - 1; k++)
                dst[i][j][k] = 0.125 * (src[i + 1][j][k] - 2.0 * src[i][j][k] + src[i - 1][j][k])
                             + 0.125 * (src[i][j + 1][k] - 2.0 * src[i][j][k] + src[i][j - 1][k])
                             + 0.125 * (src[i][j][k + 1] - 2.0 * src[i][j][k] + src[i][j][k - 1])
                             + src[i][j][k];
}

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long tsteps = n[0], nn = n[1];
    double (*A)[nn][nn] = (void *)s->A, (*B)[nn][nn] = (void *)s->B;
#pragma omp parallel
    for (long t = 0; t < tsteps; t++) {
        step(nn, B, A);
        step(nn, A, B);
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[1];
    s->A = pb_alloc(nn * nn * nn); s->B = pb_alloc(nn * nn * nn);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < nn; j++)
            for (long k = 0; k < nn; k++)
                s->A[(i * nn + j) * nn + k] = s->B[(i * nn + j) * nn + k] =
                    (double)(i + j + (nn - k)) * 10 / nn;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"A", s->A, (size_t)(n[1] * n[1] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "heat-3d", "TSTEPS N",
    {{20, 10}, {40, 20}, {100, 40}, {500, 120}, {1000, 200}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
