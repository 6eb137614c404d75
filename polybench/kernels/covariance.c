/* covariance: sample covariance of M variables over N observations.
 *   mean[j] = sum_i data[i][j] / N;  x = data - mean
 *   cov[a][b] = sum_i x[i][a] * x[i][b] / (N - 1)  (symmetric) */
#include "pb.h"

typedef struct { double *data, *cov, *mean; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    double (*data)[m] = (void *)s->data, (*cov)[m] = (void *)s->cov, *mean = s->mean;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static)
        for (long j = 0; j < m; j++) {
            double sum = 0.0;
            for (long i = 0; i < nn; i++) sum += data[i][j];
            mean[j] = sum / nn;
        }
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++)
            for (long j = 0; j < m; j++) data[i][j] -= mean[j];
#pragma omp for PB_SCHED(guided)
        for (long a = 0; a < m; a++)
            for (long b = a; b < m; b++) {
                double acc = 0.0;
                for (long i = 0; i < nn; i++) acc += data[i][a] * data[i][b];
                cov[a][b] = cov[b][a] = acc / (nn - 1.0);
            }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long m = n[0], nn = n[1];
    s->data = pb_alloc(nn * m); s->cov = pb_alloc(m * m); s->mean = pb_alloc(m);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < m; j++)
            s->data[i * m + j] = (double)(i * j) / m + (double)((i * 5 + j * 11) % 19);
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"cov", s->cov, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "covariance", "M N",
    {{28, 32}, {80, 100}, {240, 260}, {1200, 1400}, {2600, 3000}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
