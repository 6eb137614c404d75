/* fib: naive recursive Fibonacci with one task per recursive call and no cut-off.
 *
 * Almost no work per task, so the time is the runtime's task creation, scheduling and taskwait
 * cost: the purest per-task overhead figure of the suite.
 * Usage: fib [N]   (default 28; computes fib(N))
 */
#include "tb.h"

static long fib_task(int n)
{
    if (n < 2)
        return n;
    long x, y;
#pragma omp task shared(x) firstprivate(n)
    x = fib_task(n - 1);
#pragma omp task shared(y) firstprivate(n)
    y = fib_task(n - 2);
#pragma omp taskwait
    return x + y;
}

/* The serial reference: the same recursion without tasks.  noinline keeps gcc from unrolling
 * it into the caller; its own optimisations of the recursion are fair game (it is the baseline
 * a programmer would have). */
__attribute__((noinline)) static long fib_serial(int n)
{
    return n < 2 ? n : fib_serial(n - 1) + fib_serial(n - 2);
}

int main(int argc, char **argv)
{
    int n = (int)tb_arg(argc, argv, 1, 28, 0, 60, "[N]");

    /* fib(k) calls itself C(k) = 2*fib(k+1) - 1 times in all; every call but the root is a task. */
    long a = 0, b = 1; /* fib(k), fib(k+1) */
    for (int k = 0; k < n; k++) {
        long t = a + b;
        a = b;
        b = t;
    }
    long expect = a, tasks = 2 * b - 2;

    double t0 = tb_now();
    long serial = fib_serial(n);
    double t_ser = tb_now() - t0;

    tb_start_team();
    long result = 0;
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    result = fib_task(n);
    double t_par = tb_now() - t0;

    char params[32], res[32];
    snprintf(params, sizeof params, "n=%d", n);
    snprintf(res, sizeof res, "%ld", result);
    return tb_report("fib", params, res, result == serial && result == expect, tasks, t_par, t_ser);
}
