/* fdtd-2d: 2-D finite-difference time-domain (TE mode).  Per step t:
 *   ey[0][j] = fict[t];
 *   ey[i][j] -= 0.5*(hz[i][j]-hz[i-1][j])     (i >= 1)
 *   ex[i][j] -= 0.5*(hz[i][j]-hz[i][j-1])     (j >= 1)
 *   hz[i][j] -= 0.7*(ex[i][j+1]-ex[i][j]+ey[i+1][j]-ey[i][j])  (i<NX-1, j<NY-1) */
#include "pb.h"

typedef struct { double *ex, *ey, *hz, *fict; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long tmax = n[0], nx = n[1], ny = n[2];
    double (*ex)[ny] = (void *)s->ex, (*ey)[ny] = (void *)s->ey, (*hz)[ny] = (void *)s->hz;
#pragma omp parallel
    for (long t = 0; t < tmax; t++) {
#pragma omp for PB_SCHED(static) nowait
        for (long j = 0; j < ny; j++) ey[0][j] = s->fict[t];
#pragma omp for PB_SCHED(static) nowait
        for (long i = 1; i < nx; i++)
            for (long j = 0; j < ny; j++) ey[i][j] -= 0.5 * (hz[i][j] - hz[i - 1][j]);
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nx; i++)
            for (long j = 1; j < ny; j++) ex[i][j] -= 0.5 * (hz[i][j] - hz[i][j - 1]);
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < nx - 1; i++)
            for (long j = 0; j < ny - 1; j++)
                hz[i][j] -= 0.7 * (ex[i][j + 1] - ex[i][j] + ey[i + 1][j] - ey[i][j]);
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long tmax = n[0], nx = n[1], ny = n[2];
    s->ex = pb_alloc(nx * ny); s->ey = pb_alloc(nx * ny); s->hz = pb_alloc(nx * ny);
    s->fict = pb_alloc(tmax);
    for (long t = 0; t < tmax; t++) s->fict[t] = (double)t;
    for (long i = 0; i < nx; i++)
        for (long j = 0; j < ny; j++) {
            s->ex[i * ny + j] = ((double)i * (j + 1)) / nx;
            s->ey[i * ny + j] = ((double)i * (j + 2)) / ny;
            s->hz[i * ny + j] = ((double)i * (j + 3)) / nx;
        }
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    size_t c = (size_t)(n[1] * n[2]);
    o[0] = (pb_out){"ex", s->ex, c};
    o[1] = (pb_out){"ey", s->ey, c};
    o[2] = (pb_out){"hz", s->hz, c};
    return 3;
}

static const pb_kernel K = {
    "fdtd-2d", "TMAX NX NY",
    {{20, 20, 30}, {40, 60, 80}, {100, 200, 240}, {500, 1000, 1200}, {1000, 2000, 2600}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
