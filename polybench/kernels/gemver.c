/* gemver: A := A + u1*v1^T + u2*v2^T; x := x + beta*A^T*y + z; w := alpha*A*x. */
#include "pb.h"

typedef struct { double alpha, beta, *A, *u1, *v1, *u2, *v2, *w, *x, *y, *z; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*A)[nn] = (void *)s->A;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++)
            for (long j = 0; j < nn; j++)
                A[i][j] += s->u1[i] * s->v1[j] + s->u2[i] * s->v2[j];
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++) {
            double acc = 0.0;
            for (long j = 0; j < nn; j++) acc += s->beta * A[j][i] * s->y[j];
            s->x[i] += acc + s->z[i];
        }
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++) {
            double acc = 0.0;
            for (long j = 0; j < nn; j++) acc += s->alpha * A[i][j] * s->x[j];
            s->w[i] += acc;
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double fn = (double)nn;
    s->alpha = 1.5; s->beta = 1.2;
    s->A = pb_alloc(nn * nn);
    double **v[] = {&s->u1, &s->v1, &s->u2, &s->v2, &s->w, &s->x, &s->y, &s->z};
    for (int a = 0; a < 8; a++) *v[a] = pb_alloc(nn);
    for (long i = 0; i < nn; i++) {
        s->u1[i] = i; s->u2[i] = ((i + 1) / fn) / 2.0; s->v1[i] = ((i + 1) / fn) / 4.0;
        s->v2[i] = ((i + 1) / fn) / 6.0; s->y[i] = ((i + 1) / fn) / 8.0;
        s->z[i] = ((i + 1) / fn) / 9.0;
        for (long j = 0; j < nn; j++) s->A[i * nn + j] = (double)(i * j % nn) / nn;
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"w", s->w, (size_t)n[0]};
    o[1] = (pb_out){"x", s->x, (size_t)n[0]};
    o[2] = (pb_out){"A", s->A, (size_t)(n[0] * n[0])};
    return 3;
}

static const pb_kernel K = {
    "gemver", "N", {{40}, {120}, {400}, {2000}, {4000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
