/* nqueens: count the placements of N non-attacking queens, one task per queen placed.
 *
 * Each task copies its parent's partial board (the parent frame stays alive: it waits in
 * taskwait) and tries every column of the next row; the fan-out is irregular (0..N children).
 * Usage: nqueens [N]   (default 12)
 */
#include <string.h>

#include "tb.h"

#define MAXN 16

/* Whether a queen at (row, col) is attacked by the queens cols[0..row-1]. */
static int attacked(const signed char *cols, int row, int col)
{
    for (int r = 0; r < row; r++) {
        int d = cols[r] - col;
        if (d == 0 || d == row - r || d == r - row)
            return 1;
    }
    return 0;
}

static long solve_task(int n, int row, const signed char *cols)
{
    if (row == n)
        return 1;
    /* One slot per child: children write their own slot, so no atomics and a fixed sum order. */
    long count[MAXN] = {0};
    for (int c = 0; c < n; c++) {
        if (attacked(cols, row, c))
            continue;
#pragma omp task shared(count) firstprivate(c, row, n, cols)
        {
            signed char board[MAXN];
            memcpy(board, cols, (size_t)row);
            board[row] = (signed char)c;
            count[c] = solve_task(n, row + 1, board);
        }
    }
#pragma omp taskwait
    long sum = 0;
    for (int c = 0; c < n; c++)
        sum += count[c];
    return sum;
}

/* Serial reference; also counts the placements, i.e. the tasks the parallel version creates. */
static long solve_serial(int n, int row, signed char *cols, long *placements)
{
    if (row == n)
        return 1;
    long sum = 0;
    for (int c = 0; c < n; c++) {
        if (attacked(cols, row, c))
            continue;
        ++*placements;
        cols[row] = (signed char)c;
        sum += solve_serial(n, row + 1, cols, placements);
    }
    return sum;
}

int main(int argc, char **argv)
{
    int n = (int)tb_arg(argc, argv, 1, 12, 1, MAXN, "[N]");
    /* Known solution counts (OEIS A000170), an independent check of the serial version. */
    static const long known[MAXN + 1] = {1,   1,   0,    0,     2,     10,     4,       40,      92,
                                         352, 724, 2680, 14200, 73712, 365596, 2279184, 14772512};

    signed char board[MAXN];
    long tasks = 0;
    double t0 = tb_now();
    long serial = solve_serial(n, 0, board, &tasks);
    double t_ser = tb_now() - t0;

    tb_start_team();
    long result = 0;
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    result = solve_task(n, 0, board);
    double t_par = tb_now() - t0;

    char params[32], res[32];
    snprintf(params, sizeof params, "n=%d", n);
    snprintf(res, sizeof res, "%ld", result);
    return tb_report("nqueens", params, res, result == serial && serial == known[n], tasks, t_par,
                     t_ser);
}
