/* correlation: Pearson correlation matrix of M variables over N observations.
 *   mean[j] = sum_i data[i][j] / N
 *   std[j]  = sqrt(sum_i (data[i][j]-mean[j])^2 / N)  (1 if ~0)
 *   x[i][j] = (data[i][j]-mean[j]) / (sqrt(N) * std[j])
 *   corr[a][b] = sum_i x[i][a] * x[i][b],  corr[a][a] = 1 (symmetric) */
#include "pb.h"
#include <math.h>

typedef struct { double *data, *corr, *mean, *std; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    double (*data)[m] = (void *)s->data, (*corr)[m] = (void *)s->corr;
    double *mean = s->mean, *std = s->std;
    const double eps = 0.1;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static)
        for (long j = 0; j < m; j++) {
            double sum = 0.0, sq = 0.0;
            for (long i = 0; i < nn; i++) sum += data[i][j];
            mean[j] = sum / nn;
            for (long i = 0; i < nn; i++)
                sq += (data[i][j] - mean[j]) * (data[i][j] - mean[j]);
            std[j] = sqrt(sq / nn);
            if (std[j] <= eps) std[j] = 1.0;
        }
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++)
            for (long j = 0; j < m; j++)
                data[i][j] = (data[i][j] - mean[j]) / (sqrt((double)nn) * std[j]);
#pragma omp for PB_SCHED(dynamic, 2)
        for (long a = 0; a < m; a++) {
            corr[a][a] = 1.0;
            for (long b = a + 1; b < m; b++) {
                double acc = 0.0;
                for (long i = 0; i < nn; i++) acc += data[i][a] * data[i][b];
                corr[a][b] = corr[b][a] = acc;
            }
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    s->data = pb_alloc(nn * m); s->corr = pb_alloc(m * m);
    s->mean = pb_alloc(m); s->std = pb_alloc(m);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < m; j++)
            s->data[i * m + j] = (double)(i * j) / m + (double)((i * 7 + j * 13) % 23);
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"corr", s->corr, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "correlation", "M N",
    {{28, 32}, {80, 100}, {240, 260}, {1200, 1400}, {2600, 3000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
