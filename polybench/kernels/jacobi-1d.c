/* jacobi-1d: TSTEPS times B[i] := (A[i-1]+A[i]+A[i+1])/3, then the same
 * from B back into A.  One parallel region, two worksharing loops per step. */
#include "pb.h"

typedef struct { double *A, *B; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long tsteps = n[0], nn = n[1];
    double *A = s->A, *B = s->B;
#pragma omp parallel
    for (long t = 0; t < tsteps; t++) {
#pragma omp for PB_SCHED(static)
        for (long i = 1; i < nn - 1; i++) B[i] = (A[i - 1] + A[i] + A[i + 1]) / 3.0;
#pragma omp for PB_SCHED(static)
        for (long i = 1; i < nn - 1; i++) A[i] = (B[i - 1] + B[i] + B[i + 1]) / 3.0;
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[1];
    s->A = pb_alloc(nn); s->B = pb_alloc(nn);
    for (long i = 0; i < nn; i++) {
        s->A[i] = ((double)i + 2) / nn;
        s->B[i] = ((double)i + 3) / nn;
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"A", s->A, (size_t)n[1]};
    return 1;
}

static const pb_kernel K = {
    "jacobi-1d", "TSTEPS N",
    {{20, 30}, {40, 120}, {100, 400}, {500, 2000}, {1000, 4000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
