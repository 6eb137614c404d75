/* 2mm: D := alpha*A*B*C + beta*D via tmp := alpha*A*B; D := beta*D + tmp*C.
 * A: NIxNK, B: NKxNJ, C: NJxNL, D: NIxNL. */
#include "pb.h"

typedef struct { double alpha, beta, *A, *B, *C, *D, *tmp; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long ni = n[0], nj = n[1], nk = n[2], nl = n[3];
    double (*A)[nk] = (void *)s->A, (*B)[nj] = (void *)s->B;
    double (*C)[nl] = (void *)s->C, (*D)[nl] = (void *)s->D, (*T)[nj] = (void *)s->tmp;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < ni; i++)
            for (long j = 0; j < nj; j++) {
                double acc = 0.0;
                for (long k = 0; k < nk; k++) acc += s->alpha * A[i][k] * B[k][j];
                T[i][j] = acc;
            }
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < ni; i++) {
            for (long j = 0; j < nl; j++) D[i][j] *= s->beta;
            for (long k = 0; k < nj; k++)
                for (long j = 0; j < nl; j++) D[i][j] += T[i][k] * C[k][j];
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long ni = n[0], nj = n[1], nk = n[2], nl = n[3];
    s->alpha = 1.5; s->beta = 1.2;
    s->A = pb_alloc(ni * nk); s->B = pb_alloc(nk * nj); s->C = pb_alloc(nj * nl);
    s->D = pb_alloc(ni * nl); s->tmp = pb_alloc(ni * nj);
    for (long i = 0; i < ni * nk; i++) s->A[i] = (double)((i / nk) * (i % nk + 1) % ni) / ni;
    for (long i = 0; i < nk * nj; i++) s->B[i] = (double)((i / nj) * (i % nj + 1) % nj) / nj;
    for (long i = 0; i < nj * nl; i++) s->C[i] = (double)((i / nl) * (i % nl + 3) % nl) / nl;
    for (long i = 0; i < ni * nl; i++) s->D[i] = (double)((i / nl) * (i % nl + 2) % nk) / nk;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"D", s->D, (size_t)(n[0] * n[3])};
    return 1;
}

static const pb_kernel K = {
    "2mm", "NI NJ NK NL",
    {{16, 18, 22, 24}, {40, 50, 70, 80}, {180, 190, 210, 220},
     {800, 900, 1100, 1200}, {1600, 1800, 2200, 2400}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
