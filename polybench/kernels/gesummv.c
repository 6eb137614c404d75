/* gesummv: y := alpha*A*x + beta*B*x; A, B: NxN. */
#include "pb.h"

typedef struct { double alpha, beta, *A, *B, *x, *y; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*A)[nn] = (void *)s->A, (*B)[nn] = (void *)s->B;
#pragma omp parallel for PB_SCHED(static)
    for (long i = 0; i < nn; i++) {
        double ta = 0.0, tb = 0.0;
        for (long j = 0; j < nn; j++) {
            ta += A[i][j] * s->x[j];
            tb += B[i][j] * s->x[j];
        }
        s->y[i] = s->alpha * ta + s->beta * tb;
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    s->alpha = 1.5; s->beta = 1.2;
    s->A = pb_alloc(nn * nn); s->B = pb_alloc(nn * nn);
    s->x = pb_alloc(nn); s->y = pb_alloc(nn);
    for (long i = 0; i < nn; i++) {
        s->x[i] = (double)(i % nn) / nn;
        for (long j = 0; j < nn; j++) {
            s->A[i * nn + j] = (double)((i * j + 1) % nn) / nn;
            s->B[i * nn + j] = (double)((i * j + 2) % nn) / nn;
        }
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"y", s->y, (size_t)n[0]};
    return 1;
}

static const pb_kernel K = {
    "gesummv", "N", {{30}, {90}, {250}, {1300}, {2800}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
