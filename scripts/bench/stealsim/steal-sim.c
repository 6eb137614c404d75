/* steal-sim.c — where stolen tasks travel, on a machine Tempo only believes
 * in.  Run with HWLOC_SYNTHETIC="pack:P numa:N l3:L core:C pu:1",
 * OMP_PLACES=cores and OMP_PROC_BIND=close (see ./run): each thread's place
 * is a core of that machine (computed, not applied: the threads really run on
 * this machine's CPUs).  Every task notes the place of the thread that
 * created it and of the one that ran it; a task run elsewhere was stolen
 * (directly, or after being stolen on), and the pair's distance on the
 * synthetic machine says whether it crossed a core, an L3, a NUMA domain or
 * a package.  Kernels (BOTS-style shapes, small sizes):
 *   fib N        recursive fork-join, every task spawns two
 *   tree D       an unbalanced tree: a node has 0..7 children (a fixed hash),
 *                so most of the work sits under a few subtrees
 *   loop N       one producer spawns N tasks of very different lengths
 *   for N        an imbalanced nonmonotonic dynamic loop (range stealing):
 *                the first quarter of the iterations cost 8 times more; an
 *                iteration run outside its thread's starting block (member t
 *                starts with [N*t/P, N*(t+1)/P), steal.c) was stolen
 * Prints one line: kernel, tasks (iterations for `for`), stolen, and stolen
 * by distance. */
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int geo[4];               /* cores per: package, numa, l3, core(=1) */
static int place_of[1024];       /* each thread's place (its implicit task's) */
static long long cnt[5];         /* same core, L3, NUMA, package, remote */
static long long ntasks;

static int dist(int a, int b) {
  if (a == b)
    return 0;
  if (a / geo[2] == b / geo[2])
    return 1;
  if (a / geo[1] == b / geo[1])
    return 2;
  if (a / geo[0] == b / geo[0])
    return 3;
  return 4;
}

/* A task's place is its thread's: omp_get_place_num() in an explicit task
 * answers for the task that created it (tasks inherit their ICVs). */
static int here_place(void) {
  int t = omp_get_thread_num();
  return t < 1024 ? place_of[t] : -1;
}

static void note(int from) {
  int to = here_place();
  int d = from < 0 || to < 0 ? 4 : dist(from, to);
#pragma omp atomic
  cnt[d]++;
#pragma omp atomic
  ntasks++;
}

static volatile double sink;
static void spin(int n) {
  double x = 0;
  for (int i = 0; i < n; i++)
    x += i * 0.5;
  sink = x;
}

static long fib(int n) {
  if (n < 2) {
    spin(200);
    return n;
  }
  long x, y;
  int here = here_place();
#pragma omp task shared(x) firstprivate(n, here)
  {
    note(here);
    x = fib(n - 1);
  }
#pragma omp task shared(y) firstprivate(n, here)
  {
    note(here);
    y = fib(n - 2);
  }
#pragma omp taskwait
  return x + y;
}

static uint32_t hash(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  return x ^ (x >> 16);
}

static void tree(uint32_t id, int depth) {
  spin(2000);
  if (depth == 0)
    return;
  int kids = (int)(hash(id) % 8); /* 0..7, mean 3.5 */
  int here = here_place();
  for (int k = 0; k < kids; k++) {
    uint32_t child = hash(id * 8 + (uint32_t)k + 1);
#pragma omp task firstprivate(child, depth, here)
    {
      note(here);
      tree(child, depth - 1);
    }
  }
#pragma omp taskwait
}

/* The member whose starting block holds iteration i (steal.c's blocks). */
static int owner(long i, long n, int p) {
  int t = 0;
  while (t + 1 < p && n * (t + 1) / p <= i)
    t++;
  return t;
}

static void imbalanced_for(long n) {
#pragma omp parallel
  {
    int p = omp_get_num_threads();
    /* Every member enters one stealing loop first: a member's block can be
     * stolen before it arrives only once it has been in one (steal.c). */
#pragma omp for schedule(nonmonotonic : dynamic)
    for (int i = 0; i < 64; i++)
      (void)i;
#pragma omp for schedule(nonmonotonic : dynamic)
    for (long i = 0; i < n; i++) {
      int t = omp_get_thread_num(), o = owner(i, n, p);
      if (o != t)
        note(place_of[o]);
      else
        note(here_place());
      spin((int)(hash((uint32_t)i) % 16) * 300 * (i < n / 4 ? 8 : 1));
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: steal-sim fib|tree|loop|for SIZE PACKAGES NUMA L3 CORES\n"
                    "  (cores per L3, L3 per NUMA, NUMA per package, as in HWLOC_SYNTHETIC)\n");
    return 2;
  }
  int n = atoi(argv[2]), pk = atoi(argv[3]), nu = atoi(argv[4]), l3 = atoi(argv[5]),
      co = atoi(argv[6]);
  (void)pk;
  geo[2] = co;
  geo[1] = co * l3;
  geo[0] = co * l3 * nu;
#pragma omp parallel
  {
    int t = omp_get_thread_num();
    if (t < 1024)
      place_of[t] = omp_get_place_num();
  }
  if (!strcmp(argv[1], "for"))
    imbalanced_for(n);
  else
#pragma omp parallel
#pragma omp single
  {
    if (!strcmp(argv[1], "fib"))
      sink = (double)fib(n);
    else if (!strcmp(argv[1], "tree"))
      tree(7, n);
    else
      for (int i = 0; i < n; i++) {
        int here = here_place(), len = (int)(hash((uint32_t)i) % 64) * 1000;
#pragma omp task firstprivate(here, len)
        {
          note(here);
          spin(len);
        }
      }
  }
  long long stolen = ntasks - cnt[0];
  printf("kernel=%s threads=%d tasks=%lld stolen=%lld core_l3=%lld l3_numa=%lld "
         "numa_package=%lld cross_package=%lld\n",
         argv[1], omp_get_max_threads(), ntasks, stolen, cnt[1], cnt[2], cnt[3], cnt[4]);
  return 0;
}
