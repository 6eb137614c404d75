/* gemm: C := alpha*A*B + beta*C, A is NIxNK, B is NKxNJ, C is NIxNJ. */
#include "pb.h"

typedef struct { double alpha, beta, *A, *B, *C; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long ni = n[0], nj = n[1], nk = n[2];
    double (*A)[nk] = (void *)s->A, (*B)[nj] = (void *)s->B, (*C)[nj] = (void *)s->C;
#pragma omp parallel for PB_SCHED(static)
    for (long i = 0; i < ni; i++) {
        for (long j = 0; j < nj; j++) C[i][j] *= s->beta;
        for (long k = 0; k < nk; k++)
            for (long j = 0; j < nj; j++) C[i][j] += s->alpha * A[i][k] * B[k][j];
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long ni = n[0], nj = n[1], nk = n[2];
    s->alpha = 1.5; s->beta = 1.2;
    s->A = pb_alloc(ni * nk); s->B = pb_alloc(nk * nj); s->C = pb_alloc(ni * nj);
    double (*A)[nk] = (void *)s->A, (*B)[nj] = (void *)s->B, (*C)[nj] = (void *)s->C;
    for (long i = 0; i < ni; i++)
        for (long j = 0; j < nj; j++) C[i][j] = (double)((i * j + 1) % ni) / ni;
    for (long i = 0; i < ni; i++)
        for (long k = 0; k < nk; k++) A[i][k] = (double)(i * (k + 1) % nk) / nk;
    for (long k = 0; k < nk; k++)
        for (long j = 0; j < nj; j++) B[k][j] = (double)(k * (j + 2) % nj) / nj;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"C", s->C, (size_t)(n[0] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "gemm", "NI NJ NK",
    {{20, 25, 30}, {60, 70, 80}, {200, 220, 240}, {1000, 1100, 1200}, {2000, 2300, 2600}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
