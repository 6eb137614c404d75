/* sort: parallel mergesort, one task per half, insertion sort only for leaves of <= 16 keys.
 *
 * Tasks split the array down to 16 keys, so there are many small tasks at the bottom and a
 * serial O(N) merge at every level (the top merge limits the speed-up, as in any task-per-half
 * mergesort).
 * Usage: sort [N]   (default 2000000 keys, 64-bit)
 */
#include <string.h>

#include "tb.h"

#define LEAF 16

static void insertion_sort(uint64_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint64_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* Merge the sorted halves a[0..h) and a[h..n) through tmp[0..n) and back into a. */
static void merge(uint64_t *a, uint64_t *tmp, long h, long n)
{
    long i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}

/* Sorts a[0..n); tmp[0..n) is scratch.  The halves use disjoint parts of both arrays. */
static void sort_task(uint64_t *a, uint64_t *tmp, long n)
{
    if (n <= LEAF) {
        insertion_sort(a, n);
        return;
    }
    long h = n / 2;
#pragma omp task firstprivate(a, tmp, h)
    sort_task(a, tmp, h);
#pragma omp task firstprivate(a, tmp, h, n)
    sort_task(a + h, tmp + h, n - h);
#pragma omp taskwait
    merge(a, tmp, h, n);
}

static void sort_serial(uint64_t *a, uint64_t *tmp, long n)
{
    if (n <= LEAF) {
        insertion_sort(a, n);
        return;
    }
    long h = n / 2;
    sort_serial(a, tmp, h);
    sort_serial(a + h, tmp + h, n - h);
    merge(a, tmp, h, n);
}

/* Tasks the parallel version creates for n keys: two per split. */
static long count_tasks(long n)
{
    return n <= LEAF ? 0 : 2 + count_tasks(n / 2) + count_tasks(n - n / 2);
}

int main(int argc, char **argv)
{
    long n = tb_arg(argc, argv, 1, 2000000, 1, 1L << 30, "[N]");
    uint64_t *input = tb_alloc((size_t)n * sizeof *input);
    uint64_t *ser = tb_alloc((size_t)n * sizeof *ser);
    uint64_t *par = tb_alloc((size_t)n * sizeof *par);
    uint64_t *tmp = tb_alloc((size_t)n * sizeof *tmp);
    uint64_t seed = 42, sum_in = 0;
    for (long i = 0; i < n; i++) {
        /* Keep a few duplicates: keys are drawn from a range of about n values. */
        input[i] = tb_rand(&seed) % (uint64_t)n;
        sum_in += input[i];
    }

    memcpy(ser, input, (size_t)n * sizeof *ser);
    double t0 = tb_now();
    sort_serial(ser, tmp, n);
    double t_ser = tb_now() - t0;

    memcpy(par, input, (size_t)n * sizeof *par);
    tb_start_team();
    t0 = tb_now();
#pragma omp parallel
#pragma omp single
    sort_task(par, tmp, n);
    double t_par = tb_now() - t0;

    /* Sorted, a permutation (same sum), and identical to the serial result. */
    int ok = memcmp(par, ser, (size_t)n * sizeof *par) == 0;
    uint64_t sum_out = 0, hash = 0;
    for (long i = 0; i < n; i++) {
        sum_out += par[i];
        hash = tb_mix64(hash ^ par[i]);
        if (i > 0 && par[i - 1] > par[i])
            ok = 0;
    }
    ok = ok && sum_out == sum_in;

    char params[32], res[32];
    snprintf(params, sizeof params, "n=%ld", n);
    snprintf(res, sizeof res, "%016llx", (unsigned long long)hash);
    int rc = tb_report("sort", params, res, ok, count_tasks(n), t_par, t_ser);
    free(input);
    free(ser);
    free(par);
    free(tmp);
    return rc;
}
