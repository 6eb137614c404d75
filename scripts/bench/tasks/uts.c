/* uts: unbalanced tree search in the style of UTS (binomial tree), one task per node, no
 * taskwait: every node spawns its children and returns, and one taskgroup around the root
 * waits for the whole tree.
 *
 * The tree is implicit: a node is a 64-bit hash; child i of node h is mix(h, i), and a non-root
 * node has M children with probability q (else none), so q*M < 1 gives a finite tree whose
 * subtrees have wildly different sizes (only the hash decides where the big ones are).  The
 * root has ROOT children.  Counts are kept per thread (no shared counter to contend on) and
 * must equal the serial traversal.
 * Usage: uts [ROOT] [SEED]   (default 20000 1; M = 8, q*M = 0.995: about 200*ROOT nodes)
 */
#include "tb.h"

#define M 8
#define QM 0.995

struct counts {
    long nodes, leaves, depth;
    char pad[64 - 3 * sizeof(long)]; /* one cache line per thread */
};

static struct counts *per_thread;
static int root_children, nthreads;

static uint64_t child_hash(uint64_t h, int i)
{
    return tb_mix64(h ^ ((uint64_t)(i + 1) * 0xd1b54a32d192ed03ULL));
}

static int nchildren(uint64_t h, int depth)
{
    if (depth == 0)
        return root_children;
    return tb_unit(h) < QM / M ? M : 0;
}

static void note(struct counts *c, int n, int depth)
{
    c->nodes++;
    c->leaves += n == 0;
    if (depth > c->depth)
        c->depth = depth;
}

static void visit_task(uint64_t h, int depth)
{
    int n = nchildren(h, depth), tid = omp_get_thread_num();
    if (tid < 0 || tid >= nthreads) { /* a runtime bug; do not write out of bounds */
        fprintf(stderr, "uts: task on thread %d of a team of %d\n", tid, nthreads);
        abort();
    }
    note(&per_thread[tid], n, depth);
    for (int i = 0; i < n; i++) {
        uint64_t c = child_hash(h, i);
#pragma omp task firstprivate(c, depth)
        visit_task(c, depth + 1);
    }
}

static void visit_serial(uint64_t h, int depth, struct counts *c)
{
    int n = nchildren(h, depth);
    note(c, n, depth);
    for (int i = 0; i < n; i++)
        visit_serial(child_hash(h, i), depth + 1, c);
}

int main(int argc, char **argv)
{
    root_children = (int)tb_arg(argc, argv, 1, 20000, 0, 100000000, "[ROOT] [SEED]");
    long seed = tb_arg(argc, argv, 2, 1, 0, 1L << 40, "[ROOT] [SEED]");
    uint64_t root = tb_mix64((uint64_t)seed);

    struct counts ser = {0};
    double t0 = tb_now();
    visit_serial(root, 0, &ser);
    double t_ser = tb_now() - t0;

    nthreads = omp_get_max_threads();
    per_thread = aligned_alloc(64, (size_t)nthreads * sizeof *per_thread); /* line-aligned */
    if (!per_thread)
        return 2;
    for (int i = 0; i < nthreads; i++)
        per_thread[i] = (struct counts){0};
    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
#pragma omp taskgroup
    visit_task(root, 0);
    double t_par = tb_now() - t0;

    struct counts par = {0};
    for (int i = 0; i < nthreads; i++) {
        par.nodes += per_thread[i].nodes;
        par.leaves += per_thread[i].leaves;
        if (per_thread[i].depth > par.depth)
            par.depth = per_thread[i].depth;
    }
    free(per_thread);

    char params[48], res[64];
    snprintf(params, sizeof params, "root=%d seed=%ld", root_children, seed);
    snprintf(res, sizeof res, "%ld/%ld/%ld", par.nodes, par.leaves, par.depth);
    int ok = par.nodes == ser.nodes && par.leaves == ser.leaves && par.depth == ser.depth;
    return tb_report("uts", params, res, ok, ser.nodes - 1, t_par, t_ser);
}
