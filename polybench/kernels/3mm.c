/* 3mm: E := A*B; F := C*D; G := E*F.
 * A: NIxNK, B: NKxNJ, C: NJxNM, D: NMxNL, E: NIxNJ, F: NJxNL, G: NIxNL. */
#include "pb.h"

typedef struct { double *A, *B, *C, *D, *E, *F, *G; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long ni = n[0], nj = n[1], nk = n[2], nl = n[3], nm = n[4];
    double (*A)[nk] = (void *)s->A, (*B)[nj] = (void *)s->B, (*C)[nm] = (void *)s->C;
    double (*D)[nl] = (void *)s->D, (*E)[nj] = (void *)s->E, (*F)[nl] = (void *)s->F;
    double (*G)[nl] = (void *)s->G;
#pragma omp parallel
    {
        /* E and F are independent: no barrier between them. */
#pragma omp for PB_SCHED(static) nowait
        for (long i = 0; i < ni; i++)
            for (long k = 0; k < nk; k++)
                for (long j = 0; j < nj; j++) E[i][j] += A[i][k] * B[k][j];
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nj; i++)
            for (long k = 0; k < nm; k++)
                for (long j = 0; j < nl; j++) F[i][j] += C[i][k] * D[k][j];
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < ni; i++)
            for (long k = 0; k < nj; k++)
                for (long j = 0; j < nl; j++) G[i][j] += E[i][k] * F[k][j];
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long ni = n[0], nj = n[1], nk = n[2], nl = n[3], nm = n[4];
    s->A = pb_alloc(ni * nk); s->B = pb_alloc(nk * nj); s->C = pb_alloc(nj * nm);
    s->D = pb_alloc(nm * nl); s->E = pb_alloc(ni * nj); s->F = pb_alloc(nj * nl);
    s->G = pb_alloc(ni * nl);
    for (long i = 0; i < ni * nk; i++) s->A[i] = (double)(((i / nk) * (i % nk) + 1) % ni) / (5 * ni);
    for (long i = 0; i < nk * nj; i++) s->B[i] = (double)(((i / nj) * (i % nj + 1) + 2) % nj) / (5 * nj);
    for (long i = 0; i < nj * nm; i++) s->C[i] = (double)((i / nm) * (i % nm + 3) % nl) / (5 * nl);
    for (long i = 0; i < nm * nl; i++) s->D[i] = (double)(((i / nl) * (i % nl + 2) + 2) % nk) / (5 * nk);
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"G", s->G, (size_t)(n[0] * n[3])};
    return 1;
}

static const pb_kernel K = {
    "3mm", "NI NJ NK NL NM",
    {{16, 18, 20, 22, 24}, {40, 50, 60, 70, 80}, {180, 190, 200, 210, 220},
     {800, 900, 1000, 1100, 1200}, {1600, 1800, 2000, 2200, 2400}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
