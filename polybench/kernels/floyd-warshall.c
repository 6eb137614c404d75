/* floyd-warshall: all-pairs shortest paths,
 *   path[i][j] = min(path[i][j], path[i][k] + path[k][j]) for k = 0..N-1.
 * Row k and column k do not change during step k (path[k][k] = 0), so rows
 * are independent within one k. */
#include "pb.h"

typedef struct { double *path; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    double (*p)[nn] = (void *)s->path;
#pragma omp parallel
    for (long k = 0; k < nn; k++) {
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nn; i++) {
            double pik = p[i][k];
            for (long j = 0; j < nn; j++)
                if (pik + p[k][j] < p[i][j]) p[i][j] = pik + p[k][j];
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long nn = n[0];
    s->path = pb_alloc(nn * nn);
    for (long i = 0; i < nn; i++)
        for (long j = 0; j < nn; j++) {
            double w = (double)(i * j % 7 + 1);
            if ((i + j) % 13 == 0 || (i + j) % 7 == 0 || (i + j) % 11 == 0) w = 999.0;
            s->path[i * nn + j] = i == j ? 0.0 : w;
        }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"path", s->path, (size_t)(n[0] * n[0])};
    return 1;
}

static const pb_kernel K = {
    "floyd-warshall", "N", {{60}, {180}, {500}, {2800}, {5600}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
