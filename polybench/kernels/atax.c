/* atax: y := A^T * (A * x); A: MxN.  Parallel over rows of A with an array
 * reduction on y (the sums are reassociated: verified with a tolerance). */
#include "pb.h"

typedef struct { double *A, *x, *y, *tmp; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    double (*A)[nn] = (void *)s->A, *y = s->y;
    for (long j = 0; j < nn; j++) y[j] = 0.0;
#pragma omp parallel for PB_SCHED(static) reduction(+ : y[0:nn])
    for (long i = 0; i < m; i++) {
        double t = 0.0;
        for (long j = 0; j < nn; j++) t += A[i][j] * s->x[j];
        s->tmp[i] = t;
        for (long j = 0; j < nn; j++) y[j] += A[i][j] * t;
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    s->A = pb_alloc(m * nn); s->x = pb_alloc(nn); s->y = pb_alloc(nn); s->tmp = pb_alloc(m);
    for (long j = 0; j < nn; j++) s->x[j] = 1.0 + (double)j / nn;
    for (long i = 0; i < m; i++)
        for (long j = 0; j < nn; j++) s->A[i * nn + j] = (double)((i + j) % nn) / (5.0 * m);
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"y", s->y, (size_t)n[1]};
    o[1] = (pb_out){"tmp", s->tmp, (size_t)n[0]};
    return 2;
}

static const pb_kernel K = {
    "atax", "M N", {{38, 42}, {116, 124}, {390, 410}, {1900, 2100}, {1800, 2200}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
