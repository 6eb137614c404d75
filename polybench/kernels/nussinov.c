/* nussinov: RNA secondary-structure maximum base pairing (dynamic
 * programming).  For i < j:
 *   T[i][j] = max( T[i][j-1], T[i+1][j], T[i+1][j-1] + pair(i,j) [j-i>1],
 *                  max_{i<k<j} T[i][k] + T[k+1][j] )
 * with pair(i,j) = 1 when bases i and j are complementary.  Every entry of
 * one anti-diagonal d = j - i only needs shorter intervals: a wavefront over
 * d, parallel within each diagonal. */
#include "pb.h"

typedef struct { double *seq, *T; } state;

static inline double dmax(double a, double b) { return a > b ? a : b; }

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*T)[nn] = (void *)s->T, *seq = s->seq;
#pragma omp parallel
    for (long d = 1; d < nn; d++) {
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn - d; i++) {
            long j = i + d;
            double best = dmax(T[i][j - 1], T[i + 1][j]);
            if (d > 1) best = dmax(best, T[i + 1][j - 1] + (seq[i] + seq[j] == 3.0 ? 1.0 : 0.0));
            else best = dmax(best, T[i + 1][j - 1]);
            for (long k = i + 1; k < j; k++) best = dmax(best, T[i][k] + T[k + 1][j]);
            T[i][j] = best;
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    s->seq = pb_alloc(nn); s->T = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++) s->seq[i] = (double)((i * 7 + i / 3 + 1) % 4);
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"table", s->T, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "nussinov", "N", {{60}, {180}, {500}, {2500}, {5500}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
