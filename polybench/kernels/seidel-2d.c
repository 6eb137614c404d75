/* seidel-2d: TSTEPS in-place Gauss-Seidel sweeps of the 9-point average,
 * rows then columns in increasing order.  Point (i,j) needs the new values of
 * (i-1,j-1), (i-1,j), (i-1,j+1), (i,j-1) and the old ones of (i,j+1) and row
 * i+1, so all points with the same w = 2*i + j are independent: each sweep
 * is a parallel wavefront over w (one barrier per wave). */
#include "pb.h"

typedef struct { double *A; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long tsteps = n[0], nn = n[1];
    double (*A)[nn] = (void *)s->A;
    long wmin = 3, wmax = 3 * (nn - 2);
#pragma omp parallel
    for (long t = 0; t < tsteps; t++)
        for (long w = wmin; w <= wmax; w++) {
            long ilo = (w - (nn - 2) + 1) / 2, ihi = (w - 1) / 2;
            if (ilo < 1) ilo = 1;
            if (ihi > nn - 2) ihi = nn - 2;
#pragma omp for PB_SCHED(static)
            for (long i = ilo; i <= ihi; i++) {
                long j = w - 2 * i;
                A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] +
                           A[i][j - 1] + A[i][j] + A[i][j + 1] +
                           A[i + 1][j - 1] + A[i + 1][j] + A[i + 1][j + 1]) / 9.0;
            }
        }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[1];
    s->A = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < nn; j++) s->A[i * nn + j] = ((double)i * (j + 2) + 2) / nn;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"A", s->A, (size_t)(n[1] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "seidel-2d", "TSTEPS N",
    {{20, 40}, {40, 120}, {100, 400}, {500, 2000}, {1000, 4000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
