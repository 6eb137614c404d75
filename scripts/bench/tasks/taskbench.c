/* taskbench: per-construct overhead of OpenMP tasking, after the EPCC taskbench method (the
 * method, not its code), measured like ../syncbench.c.
 *
 * For each construct a test loop runs `inner` instances of it, each around a small delay; a
 * reference loop runs `inner` delays serially, which is what the test loop would take with no
 * overhead and perfect parallelism.  One sample's overhead is (test - median reference) / inner;
 * we report the median over samples and the min/max.  `inner` is calibrated so that a sample
 * takes about the target time.  Test loops run inside one parallel region and are timed by the
 * master from a barrier before the loop to a barrier after it (which also waits for the tasks),
 * so the team's wake-up is not part of the figure.
 *
 * Every task run is counted (a thread-local counter, added up after the region): a sample that
 * did not run exactly the expected tasks is reported as check=FAIL, and the exit status is 1.
 *
 * Build: gcc -fopenmp -O2 -o taskbench taskbench.c
 * Usage: OMP_NUM_THREADS=2 ./taskbench [-c name,name...] [-t target_ms] [-r samples]
 *                                      [-d delay_us] [-q] [-l]
 * Output: one "construct=... overhead_us=..." line per construct; comment lines start with '#'.
 */
#include "../epcc.h"


static _Thread_local long executed; /* tasks this thread ran in the current test loop */
static long tasks_run;              /* their sum over the team, after the region */

/* The body of every task. */
static void work(void)
{
    delay(delay_len);
    executed++;
}

/* The barrier also completes every task of the team, so it is part of the measured time. */
static void region_end(double t0, double *elapsed)
{
#pragma omp barrier
    if (omp_get_thread_num() == 0)
        *elapsed = now() - t0;
#pragma omp atomic
    tasks_run += executed;
    executed = 0;
}

/* ---- test loops: `inner` instances each; all expect inner * nthreads tasks to run ---- */

/* Every thread creates inner tasks (creation in parallel, then the barrier runs them). */
static double test_parallel_task(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp task
            work();
        }
        region_end(t0, &t);
    }
    return t;
}

/* The master creates nthreads tasks per instance; the others run them from the barrier. */
static double test_master_task(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
#pragma omp master
        for (int j = 0; j < inner * nthreads; j++) {
#pragma omp task
            work();
        }
        region_end(t0, &t);
    }
    return t;
}

/* Every thread: create one task, wait for it. */
static double test_taskwait(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp task
            work();
#pragma omp taskwait
        }
        region_end(t0, &t);
    }
    return t;
}

/* Node i of a binary tree of n tasks: work, then spawn children 2i+1 and 2i+2 (no wait). */
static void tree_node(long i, long n)
{
    work();
    for (long c = 2 * i + 1; c <= 2 * i + 2 && c < n; c++) {
#pragma omp task firstprivate(c, n)
        tree_node(c, n);
    }
}

/* Every thread grows a tree of inner nested tasks: tasks created by tasks. */
static double test_task_tree(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
#pragma omp task
        tree_node(0, inner);
        region_end(t0, &t);
    }
    return t;
}

/* Every thread: if(0) tasks, run at once by the creator (undeferred; the data environment and
 * task bookkeeping are still set up). */
static double test_conditional_task(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp task if (0)
            work();
        }
        region_end(t0, &t);
    }
    return t;
}

/* Every thread creates a chain of inner tasks linked by inout dependences on its own variable:
 * the chains run in parallel, each task waits for its predecessor. */
static double test_dep_task(int inner)
{
    double t = 0;
    struct {
        int v;
        char pad[60];
    } *chain = calloc((size_t)nthreads, sizeof *chain);
#pragma omp parallel
    {
        int *x = &chain[omp_get_thread_num()].v;
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp task depend(inout : *x)
            work();
        }
        region_end(t0, &t);
    }
    free(chain);
    return t;
}

/* The master runs inner taskloops of nthreads iterations, one task each (grainsize 1); each
 * taskloop waits for its tasks (implicit taskgroup). */
static double test_taskloop(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
#pragma omp master
        for (int j = 0; j < inner; j++) {
#pragma omp taskloop grainsize(1)
            for (int i = 0; i < nthreads; i++)
                work();
        }
        region_end(t0, &t);
    }
    return t;
}

/* Every thread: a taskgroup around one task. */
static double test_taskgroup(int inner)
{
    double t = 0;
#pragma omp parallel
    {
        double t0 = region_start();
        for (int j = 0; j < inner; j++) {
#pragma omp taskgroup
            {
#pragma omp task
                work();
            }
        }
        region_end(t0, &t);
    }
    return t;
}

static double ref_delay(int inner)
{
    double t0 = now();
    for (int j = 0; j < inner; j++)
        delay(delay_len);
    return now() - t0;
}

struct construct {
    const char *name;
    double (*test)(int);
};

static const struct construct constructs[] = {
    {"parallel_task", test_parallel_task},
    {"master_task", test_master_task},
    {"taskwait", test_taskwait},
    {"task_tree", test_task_tree},
    {"conditional_task", test_conditional_task},
    {"dep_task", test_dep_task},
    {"taskloop", test_taskloop},
    {"taskgroup", test_taskgroup},
};
#define NCONSTRUCTS (sizeof constructs / sizeof constructs[0])

static int failed;

/* A construct under measurement: whether any of its test loops lost a task. */
struct measured {
    const struct construct *c;
    int bad;
};

/* One test loop, checking that it ran every task it should have. */
static double run_test(const void *mv, int inner)
{
    struct measured *m = (struct measured *)mv;
    tasks_run = 0;
    double t = m->c->test(inner);
    if (tasks_run != (long)inner * nthreads) {
        if (!m->bad)
            fprintf(stderr, "taskbench: %s ran %ld tasks, expected %ld\n", m->c->name, tasks_run,
                    (long)inner * nthreads);
        m->bad = 1;
    }
    return t;
}

static double run_ref(const void *mv, int inner)
{
    (void)mv;
    return ref_delay(inner);
}

/* Up to 1e7: bounds the tasks outstanding at once (master_task: x nthreads). */
static int round_inner(const void *mv, long inner)
{
    (void)mv;
    return (int)(inner < 1 ? 1 : inner > 10000000L ? 10000000L : inner);
}

static void run_construct(const struct construct *c)
{
    struct measured m = {c, 0};
    struct epcc_loop l = {run_test, run_ref, round_inner, &m};
    struct epcc_result r = epcc_measure(&l);
    printf("construct=%s threads=%d overhead_us=%.4f min=%.4f max=%.4f inner=%d samples=%d "
           "ref_us=%.4f check=%s\n",
           c->name, nthreads, r.med, r.min, r.max, r.inner, r.n, r.ref_us, m.bad ? "FAIL" : "ok");
    failed |= m.bad;
}

int main(int argc, char **argv)
{
    struct epcc_names names = {"taskbench", constructs, sizeof constructs[0], NCONSTRUCTS};
    double delay_us;
    const char *list = epcc_args(argc, argv, &names, &delay_us);

    nthreads = omp_get_max_threads();
    calibrate_delay(delay_us);
    int team = 0;
#pragma omp parallel
#pragma omp master
    team = omp_get_num_threads();
    if (team != nthreads)
        fprintf(stderr, "taskbench: warning: team has %d threads, expected %d\n", team, nthreads);

    printf("# taskbench runtime=%s threads=%d delay_us=%.3f delay_len=%d target_ms=%.1f "
           "samples=%d\n",
           runtime_path(), nthreads, delay_us, delay_len, target_s * 1e3, nsamples);
    for (size_t i = 0; i < NCONSTRUCTS; i++)
        if (selected(list, constructs[i].name))
            run_construct(&constructs[i]);
    return failed;
}
