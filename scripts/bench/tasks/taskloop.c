/* taskloop: one thread runs REPS taskloops of N iterations with grainsize G over an array;
 * each iteration adds 1/(i+1) to its element.  With small grains this is mostly the cost of
 * the taskloop's tasks: it shows what creating them lazily (Tempo: TEMPO_LAZY_TASKLOOP) saves
 * against creating them all up front.  Checked against the same sums done serially. */
#include "tb.h"

#define SLOTS (1 << 20)

static double *a, *b;

int main(int argc, char **argv)
{
    const char *usage = "[N [G [REPS]]]";
    long n = tb_arg(argc, argv, 1, 1000000, 1, 1L << 40, usage);
    long g = tb_arg(argc, argv, 2, 64, 1, 1L << 40, usage);
    long reps = tb_arg(argc, argv, 3, 20, 1, 1L << 20, usage);
    a = tb_alloc(SLOTS * sizeof *a);
    b = tb_alloc(SLOTS * sizeof *b);
    for (long i = 0; i < SLOTS; i++)
        a[i] = b[i] = 0;

    double t0 = tb_now();
    for (long r = 0; r < reps; r++)
        for (long i = 0; i < n; i++)
            b[i & (SLOTS - 1)] += 1.0 / (double)(i + 1);
    double t_ser = tb_now() - t0;

    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    for (long r = 0; r < reps; r++) {
#pragma omp taskloop grainsize(g)
        for (long i = 0; i < n; i++)
            a[i & (SLOTS - 1)] += 1.0 / (double)(i + 1);
    }
    double t_par = tb_now() - t0;

    /* Each slot gets the same additions in the same order (a taskloop waits for its tasks
     * before the next starts, and one slot's iterations i, i + SLOTS, ... are in order
     * within a rep), so the sums are bit-identical. */
    int ok = 1;
    double s = 0;
    for (long i = 0; i < SLOTS; i++) {
        ok &= a[i] == b[i];
        s += a[i];
    }
    free(a);
    free(b);
    char params[96], result[32];
    snprintf(params, sizeof params, "n=%ld grainsize=%ld reps=%ld", n, g, reps);
    snprintf(result, sizeof result, "%.9f", s);
    return tb_report("taskloop", params, result, ok, reps * (n / g ? n / g : 1), t_par, t_ser);
}
