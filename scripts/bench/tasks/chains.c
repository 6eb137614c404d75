/* chains: untied tasks that wait for dependence chains — where continuation stealing pays.
 *
 * One thread creates OUTER untied tasks; each creates a chain of LEN tasks ordered by
 * depend(inout) on one variable (each step WORK iterations of a mixing loop), then waits for
 * them with taskwait.  A chain is sequential, so while one of its steps runs on another thread
 * the outer task's thread has nothing of its own to do.  A tied outer task must stay on its
 * thread and may only run its own descendants there; an untied one may suspend at the
 * taskwait and let the thread start another outer task's chain (Tempo: TEMPO_FIBERS, on by
 * default; TEMPO_FIBERS=0 runs untied tasks as tied, for comparison).  Each chain's value
 * depends on the order of its steps, so a dependence violation changes the checked sum. */
#include "tb.h"

static long outer_n, len, work;

static uint64_t step(uint64_t x, long k)
{
    for (long i = 0; i < work; i++)
        x = tb_mix64(x + (uint64_t)k);
    return x;
}

static uint64_t chain_serial(long o)
{
    uint64_t x = (uint64_t)o;
    for (long k = 0; k < len; k++)
        x = step(x, k);
    return x;
}

static void outer_task(long o, uint64_t *out)
{
    uint64_t x = (uint64_t)o;
    for (long k = 0; k < len; k++) {
#pragma omp task depend(inout : x) shared(x) firstprivate(k)
        x = step(x, k);
    }
#pragma omp taskwait
    *out = x;
}

int main(int argc, char **argv)
{
    const char *usage = "[OUTER [LEN [WORK]]]";
    outer_n = tb_arg(argc, argv, 1, 64, 1, 1 << 20, usage);
    len = tb_arg(argc, argv, 2, 16, 1, 1 << 20, usage);
    work = tb_arg(argc, argv, 3, 2000, 0, 1 << 30, usage);
    uint64_t *res = tb_alloc((size_t)outer_n * sizeof *res);

    double t0 = tb_now();
    uint64_t want = 0;
    for (long o = 0; o < outer_n; o++)
        want += chain_serial(o);
    double t_ser = tb_now() - t0;

    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    for (long o = 0; o < outer_n; o++) {
#pragma omp task untied firstprivate(o)
        outer_task(o, &res[o]);
    }
    double t_par = tb_now() - t0;

    uint64_t got = 0;
    for (long o = 0; o < outer_n; o++)
        got += res[o];
    free(res);
    char params[96], result[32];
    snprintf(params, sizeof params, "outer=%ld len=%ld work=%ld", outer_n, len, work);
    snprintf(result, sizeof result, "%016llx", (unsigned long long)got);
    return tb_report("chains", params, result, got == want, outer_n * (len + 1), t_par, t_ser);
}
