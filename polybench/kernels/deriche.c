/* deriche: Deriche recursive smoothing filter on a WxH image.  With
 * e = exp(-alpha), k = (1-e)^2 / (1 + 2 alpha e - e^2):
 *   a1 = k, a2 = k e (alpha-1), a3 = k e (alpha+1), a4 = -k e^2,
 *   b1 = 2e, b2 = -e^2.
 * Horizontal pass over each row (causal + anticausal recursions, summed),
 * then the same vertically over each column.  Rows (columns) are
 * independent. */
#include "pb.h"
#include <math.h>

typedef struct { double alpha, *in, *out, *y1, *y2, *tmp; } state;

PB_COMPUTE(void *s_, const long *n)
{
    state *s = s_;
    long w = n[0], h = n[1];
    double (*in)[h] = (void *)s->in, (*out)[h] = (void *)s->out;
    double (*y1)[h] = (void *)s->y1, (*y2)[h] = (void *)s->y2, (*tmp)[h] = (void *)s->tmp;
    const double al = s->alpha, e = exp(-al);
    const double k = (1.0 - e) * (1.0 - e) / (1.0 + 2.0 * al * e - e * e);
    const double a1 = k, a2 = k * e * (al - 1.0), a3 = k * e * (al + 1.0), a4 = -k * e * e;
    const double b1 = 2.0 * e, b2 = -e * e;
#pragma omp parallel
    {
#pragma omp for PB_SCHED(static)
        for (long i = 0; i < w; i++) {
            double ym1 = 0.0, ym2 = 0.0, xm1 = 0.0;
            for (long j = 0; j < h; j++) {
                y1[i][j] = a1 * in[i][j] + a2 * xm1 + b1 * ym1 + b2 * ym2;
                xm1 = in[i][j]; ym2 = ym1; ym1 = y1[i][j];
            }
            double yp1 = 0.0, yp2 = 0.0, xp1 = 0.0, xp2 = 0.0;
            for (long j = h - 1; j >= 0; j--) {
                y2[i][j] = a3 * xp1 + a4 * xp2 + b1 * yp1 + b2 * yp2;
                xp2 = xp1; xp1 = in[i][j]; yp2 = yp1; yp1 = y2[i][j];
            }
            for (long j = 0; j < h; j++) tmp[i][j] = y1[i][j] + y2[i][j];
        }
#pragma omp for PB_SCHED(static)
        for (long j = 0; j < h; j++) {
            double ym1 = 0.0, ym2 = 0.0, tm1 = 0.0;
            for (long i = 0; i < w; i++) {
                y1[i][j] = a1 * tmp[i][j] + a2 * tm1 + b1 * ym1 + b2 * ym2;
                tm1 = tmp[i][j]; ym2 = ym1; ym1 = y1[i][j];
            }
            double yp1 = 0.0, yp2 = 0.0, tp1 = 0.0, tp2 = 0.0;
            for (long i = w - 1; i >= 0; i--) {
                y2[i][j] = a3 * tp1 + a4 * tp2 + b1 * yp1 + b2 * yp2;
                tp2 = tp1; tp1 = tmp[i][j]; yp2 = yp1; yp1 = y2[i][j];
            }
            for (long i = 0; i < w; i++) out[i][j] = y1[i][j] + y2[i][j];
        }
    }
}

#ifndef PB_SEQ
static void init(void *s_, const long *n)
{
    state *s = s_;
    long w = n[0], h = n[1];
    size_t c = (size_t)(w * h);
    s->alpha = 0.25;
    s->in = pb_alloc(c); s->out = pb_alloc(c);
    s->y1 = pb_alloc(c); s->y2 = pb_alloc(c); s->tmp = pb_alloc(c);
    for (long i = 0; i < w; i++)
        for (long j = 0; j < h; j++)
            s->in[i * h + j] = (double)((313 * i + 991 * j) % 65536) / 65535.0;
}

static int outputs(void *s_, const long *n, pb_out *o)
{
    state *s = s_;
    o[0] = (pb_out){"imgOut", s->out, (size_t)(n[0] * n[1])};
    return 1;
}

static const pb_kernel K = {
    "deriche", "W H",
    {{64, 64}, {192, 128}, {720, 480}, {4096, 2160}, {7680, 4320}},
    sizeof(state), init, outputs, 0};
PB_MAIN(K)
#endif
