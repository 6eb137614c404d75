/* nussinov's anti-diagonal order must give exactly the table of the
 * canonical order (i from N-1 down, j from i+1 up). */
#include "pb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { double *seq, *T; } nussinov_state; /* layout of kernels/nussinov.c */

static double dmax(double a, double b) { return a > b ? a : b; }

int main(void)
{
    long n[1] = {37}, N = n[0];
    nussinov_state s = {calloc(N, sizeof(double)), calloc(N * N, sizeof(double))};
    double *ref = calloc(N * N, sizeof(double)), *q = s.seq;
    for (long i = 0; i < N; i++) q[i] = (double)((i * 7 + i / 3 + 1) % 4);
    pb_compute_seq(&s, n);

    double (*T)[N] = (void *)ref;
    for (long i = N - 1; i >= 0; i--)
        for (long j = i + 1; j < N; j++) {
            double best = dmax(T[i][j - 1], i + 1 < N ? T[i + 1][j] : 0.0);
            double pair = (j - i > 1 && q[i] + q[j] == 3.0) ? 1.0 : 0.0;
            best = dmax(best, T[i + 1][j - 1] + pair);
            for (long k = i + 1; k < j; k++) best = dmax(best, T[i][k] + T[k + 1][j]);
            T[i][j] = best;
        }
    if (memcmp(s.T, ref, sizeof(double) * N * N) != 0 || T[0][N - 1] < 1.0) {
        printf("FAIL: diagonal-order nussinov differs from the canonical order\n");
        return 1;
    }
    printf("PASS: nussinov table equals the canonical order (score %g)\n", T[0][N - 1]);
    return 0;
}
