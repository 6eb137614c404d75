/* mvt: x1 := x1 + A*y1; x2 := x2 + A^T*y2; A: NxN. */
#include "pb.h"

typedef struct { double *A, *x1, *x2, *y1, *y2; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*A)[nn] = (void *)s->A;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static) nowait
        for (long i = 0; i < nn; i++)
            for (long j = 0; j < nn; j++) s->x1[i] += A[i][j] * s->y1[j];
#pragma omp for PB_SCHED(static) nowait
        for (long i = 0; i < nn; i++)
            for (long j = 0; j < nn; j++) s->x2[i] += A[j][i] * s->y2[j];
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    s->A = pb_alloc(nn * nn);
    s->x1 = pb_alloc(nn); s->x2 = pb_alloc(nn); s->y1 = pb_alloc(nn); s->y2 = pb_alloc(nn);
    for (long i = 0; i < nn; i++) {
        s->x1[i] = (double)(i % nn) / nn;
        s->x2[i] = (double)((i + 1) % nn) / nn;
        s->y1[i] = (double)((i + 3) % nn) / nn;
        s->y2[i] = (double)((i + 4) % nn) / nn;
        for (long j = 0; j < nn; j++) s->A[i * nn + j] = (double)(i * j % nn) / nn;
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"x1", s->x1, (size_t)n[0]};
    o[1] = (pb_out){"x2", s->x2, (size_t)n[0]};
    return 2;
}

static const pb_kernel K = {
    "mvt", "N", {{40}, {120}, {400}, {2000}, {4000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
