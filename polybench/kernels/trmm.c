/* trmm: Bout := alpha * A^T * B, A: MxM unit lower triangular (only the
 * strictly lower part is stored/used), B: MxN.  Row i sums over k > i:
 * decreasing work per row, dynamic schedule. */
#include "pb.h"

typedef struct { double alpha, *A, *B, *Bout; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    double (*A)[m] = (void *)s->A, (*B)[nn] = (void *)s->B, (*O)[nn] = (void *)s->Bout;
#pragma omp parallel for PB_SCHED(dynamic)
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < nn; j++) O[i][j] = B[i][j];
        for (long k = i + 1; k < m; k++)
            for (long j = 0; j < nn; j++) O[i][j] += A[k][i] * B[k][j];
        for (long j = 0; j < nn; j++) O[i][j] *= s->alpha;
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    s->alpha = 1.5;
    s->A = pb_alloc(m * m); s->B = pb_alloc(m * nn); s->Bout = pb_alloc(m * nn);
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < i; j++) s->A[i * m + j] = (double)((i + j) % m) / m;
        s->A[i * m + i] = 1.0;
        for (long j = 0; j < nn; j++) s->B[i * nn + j] = (double)((nn + (i - j)) % nn) / nn;
    }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"B", s->Bout, (size_t)(n[0] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "trmm", "M N", {{20, 30}, {60, 80}, {200, 240}, {1000, 1200}, {2000, 2600}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
