/* adi: alternating-direction implicit scheme for the 2-D heat equation
 * u_t = u_xx + u_yy on an NxN grid with fixed boundary, r = dt/(2 h^2).
 * Half step 1 (implicit in x, one tridiagonal system per row i):
 *   -r v[i][j-1] + (1+2r) v[i][j] - r v[i][j+1]
 *       = r u[i-1][j] + (1-2r) u[i][j] + r u[i+1][j]
 * Half step 2 (implicit in y, one system per column j) symmetrically.
 * Each system is solved with the Thomas algorithm; rows (columns) are
 * independent, so they are distributed over threads. */
#include "pb.h"

typedef struct { double *u, *v, *cp, *dp; } state;

#define ADI_R 0.25

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long tsteps = n[0], nn = n[1];
    const double r = ADI_R, b = 1.0 + 2.0 * r, a = -r, c = -r;
    double (*u)[nn] = (void *)s->u, (*v)[nn] = (void *)s->v;
    double (*cp)[nn] = (void *)s->cp, (*dp)[nn] = (void *)s->dp;
#pragma omp parallel
    for (long t = 0; t < tsteps; t++) {
#pragma omp for PB_SCHED(static)
        for (long i = 1; i < nn - 1; i++) {
            v[i][0] = u[i][0];
            v[i][nn - 1] = u[i][nn - 1];
            for (long j = 1; j < nn - 1; j++) {
                double d = r * u[i - 1][j] + (1.0 - 2.0 * r) * u[i][j] + r * u[i + 1][j];
                if (j == 1) d -= a * v[i][0];
                if (j == nn - 2) d -= c * v[i][nn - 1];
                double prev_c = j == 1 ? 0.0 : cp[i][j - 1];
                double prev_d = j == 1 ? 0.0 : dp[i][j - 1];
                double m = b - a * prev_c;
                cp[i][j] = c / m;
                dp[i][j] = (d - a * prev_d) / m;
            }
            for (long j = nn - 2; j >= 1; j--)
                v[i][j] = dp[i][j] - (j == nn - 2 ? 0.0 : cp[i][j] * v[i][j + 1]);
        }
#pragma omp for PB_SCHED(static)
        for (long j = 0; j < nn; j++) { /* boundary rows of v = those of u */
            v[0][j] = u[0][j];
            v[nn - 1][j] = u[nn - 1][j];
        }
#pragma omp for PB_SCHED(static)
        for (long j = 1; j < nn - 1; j++) {
            for (long i = 1; i < nn - 1; i++) {
                double d = r * v[i][j - 1] + (1.0 - 2.0 * r) * v[i][j] + r * v[i][j + 1];
                if (i == 1) d -= a * u[0][j];
                if (i == nn - 2) d -= c * u[nn - 1][j];
                double prev_c = i == 1 ? 0.0 : cp[i - 1][j];
                double prev_d = i == 1 ? 0.0 : dp[i - 1][j];
                double m = b - a * prev_c;
                cp[i][j] = c / m;
                dp[i][j] = (d - a * prev_d) / m;
            }
            for (long i = nn - 2; i >= 1; i--)
                u[i][j] = dp[i][j] - (i == nn - 2 ? 0.0 : cp[i][j] * u[i + 1][j]);
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[1];
    s->u = pb_alloc(nn * nn); s->v = pb_alloc(nn * nn);
    s->cp = pb_alloc(nn * nn); s->dp = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < nn; j++) s->u[i * nn + j] = (double)(i + nn - j) / nn;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"u", s->u, (size_t)(n[1] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "adi", "TSTEPS N",
    {{20, 20}, {40, 60}, {100, 200}, {500, 1000}, {1000, 2000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
