/* bicg: s := A^T * r; q := A * p; A: NxM.  Two independent loops (nowait). */
#include "pb.h"

typedef struct { double *A, *s, *q, *p, *r; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *st = s_;
    long m = n[0], nn = n[1];
    double (*A)[m] = (void *)st->A;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static) nowait
        for (long j = 0; j < m; j++) {
            double acc = 0.0;
            for (long i = 0; i < nn; i++) acc += st->r[i] * A[i][j];
            st->s[j] = acc;
        }
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++) {
            double acc = 0.0;
            for (long j = 0; j < m; j++) acc += A[i][j] * st->p[j];
            st->q[i] = acc;
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *st = s_;
    long m = n[0], nn = n[1];
    st->A = pb_alloc(nn * m); st->s = pb_alloc(m); st->q = pb_alloc(nn);
    st->p = pb_alloc(m); st->r = pb_alloc(nn);
    for (long j = 0; j < m; j++) st->p[j] = (double)(j % m) / m;
    for (long i = 0; i < nn; i++) {
        st->r[i] = (double)(i % nn) / nn;
        for (long j = 0; j < m; j++) st->A[i * m + j] = (double)(i * (j + 1) % nn) / nn;
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *st = s_;
    o[0] = (pb_out){"s", st->s, (size_t)n[0]};
    o[1] = (pb_out){"q", st->q, (size_t)n[1]};
    return 2;
}

static const pb_kernel K = {
    "bicg", "M N", {{38, 42}, {116, 124}, {390, 410}, {1900, 2100}, {1800, 2200}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
