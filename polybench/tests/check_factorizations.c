/* lu and cholesky must really factor their input: L*U = A and L*L^T = A.
 * Built twice, with -DCHECK_LU or -DCHECK_CHOLESKY, against that kernel. */
#include "pb.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { double *A; } factor_state; /* layout of kernels/lu.c, cholesky.c */

int main(void)
{
    long N = 50, n[1] = {N};
    factor_state s = {calloc(N * N, sizeof(double))};
    double *orig = calloc(N * N, sizeof(double));
    /* symmetric, diagonally dominant: valid input for both factorisations */
    for (long i = 0; i < N; i++) {
        for (long j = 0; j < N; j++)
            orig[i * N + j] = (double)(((i < j ? i : j) * 5 + (i < j ? j : i) * 3) % 11) / (11.0 * N);
        orig[i * N + i] = 1.0 + (double)(i % 3);
    }
    for (long i = 0; i < N * N; i++) s.A[i] = orig[i];
    pb_compute_seq(&s, n);

    double err = 0.0, *A = s.A;
    for (long i = 0; i < N; i++)
        for (long j = 0; j < N; j++) {
            double acc = 0.0;
#ifdef CHECK_LU
            for (long k = 0; k <= (i < j ? i : j); k++)
                acc += (k == i ? 1.0 : A[i * N + k]) * A[k * N + j];
            const char *what = "lu: L*U";
#else
            if (j > i) continue;
            for (long k = 0; k <= j; k++) acc += A[i * N + k] * A[j * N + k];
            const char *what = "cholesky: L*L^T";
#endif
            err = fmax(err, fabs(acc - orig[i * N + j]));
            if (i == N - 1 && j == N - 1) printf("%s vs A: max error %.2e\n", what, err);
        }
    if (!(err < 1e-12)) {
        printf("FAIL: factorisation error %.3e\n", err);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
