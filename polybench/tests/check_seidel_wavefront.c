/* seidel-2d's parallel wavefront order must give exactly the result of the
 * canonical row-by-row Gauss-Seidel sweep (same operands, same expression). */
#include "pb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { double *A; } seidel_state; /* layout of kernels/seidel-2d.c */

int main(void)
{
    long n[2] = {3, 23}, N = n[1];
    seidel_state s = {calloc(N * N, sizeof(double))};
    double *ref = calloc(N * N, sizeof(double));
    for (long i = 0; i < N; i++)
        for (long j = 0; j < N; j++)
            s.A[i * N + j] = ref[i * N + j] = ((double)i * (j + 2) + 2) / N + (i * 7 % 5);
    pb_compute_seq(&s, n);

    double (*A)[N] = (void *)ref;
    for (long t = 0; t < n[0]; t++)
        for (long i = 1; i < N - 1; i++)
            for (long j = 1; j < N - 1; j++)
                A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] + A[i][j - 1] +
                           A[i][j] + A[i][j + 1] + A[i + 1][j - 1] + A[i + 1][j] +
                           A[i + 1][j + 1]) / 9.0;
    if (memcmp(s.A, ref, sizeof(double) * N * N) != 0) {
        printf("FAIL: wavefront seidel-2d differs from the canonical sweep\n");
        return 1;
    }
    printf("PASS: wavefront seidel-2d equals the canonical sweep\n");
    return 0;
}
