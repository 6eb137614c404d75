/* Tempo PolyBench-style harness: shared declarations for every kernel.
 *
 * Each kernel file defines a state struct, an init function, an outputs
 * function and the compute function (PB_COMPUTE).  The kernel file is
 * compiled twice: once with OpenMP (pb_compute_par) and once without
 * (-DPB_SEQ, pb_compute_seq).  The harness runs both on identical inputs
 * in the same process and compares the outputs element-wise.
 */
#ifndef PB_H
#define PB_H

#include <stddef.h>

enum { PB_MINI, PB_SMALL, PB_MEDIUM, PB_LARGE, PB_EXTRALARGE, PB_NDATASETS };

#define PB_MAXP 5    /* max size parameters per kernel */
#define PB_MAXOUT 4  /* max output arrays per kernel */

/* Schedules: kernels write PB_SCHED(kind[, chunk]) the way a user would;
 * the -DPB_RUNTIME_SCHEDULE build turns every one into schedule(runtime). */
#ifdef PB_RUNTIME_SCHEDULE
#define PB_SCHED(...) schedule(runtime)
#else
#define PB_SCHED(...) schedule(__VA_ARGS__)
#endif

/* One output array to verify. */
typedef struct {
    const char *name;
    const double *data;
    size_t count;
} pb_out;

typedef struct pb_kernel {
    const char *name;
    const char *params;                     /* "NI NJ NK": names of sizes */
    long sizes[PB_NDATASETS][PB_MAXP];      /* MINI .. EXTRALARGE */
    size_t state_size;                      /* sizeof(kernel state struct) */
    void (*init)(void *state, const long *n);
    int (*outputs)(void *state, const long *n, pb_out *out);
    double rtol;                            /* 0: harness default */
} pb_kernel;

void pb_compute_par(void *state, const long *n);
void pb_compute_seq(void *state, const long *n);

#ifdef PB_SEQ
#define PB_COMPUTE void pb_compute_seq
#else
#define PB_COMPUTE void pb_compute_par
#endif

/* Zero-initialised, 64-byte aligned array of doubles; exits on failure. */
double *pb_alloc(size_t count);

int pb_main(int argc, char **argv, const pb_kernel *k);

#define PB_MAIN(kernel_desc)                                                  \
    int main(int argc, char **argv) { return pb_main(argc, argv, &(kernel_desc)); }

#endif
