// The monotonic guided schedule hands out the spec's sequence, as libgomp
// does: each chunk is ceil(iterations left / threads), at least the chunk
// size - for 1000 iterations on 2 threads 500, 250, 125, 63, 31, 16, 8, 4,
// 2, 1, whichever thread takes which.  Read through gcc's entry points
// (what schedule(monotonic: guided) compiles to), all chunks of all
// threads.  The nonmonotonic guided schedule (range stealing, Tempo's
// default for schedule(guided)) differs on purpose; the README gives its
// sequence.
// REQUIRES: gcc
// RUN: %cc %s -o %t
// RUN: env OMP_NUM_THREADS=2 %preload %run %t 1000 1 | %FileCheck --check-prefix=T2 %s
// RUN: env OMP_NUM_THREADS=3 %preload %run %t 1000 7 | %FileCheck --check-prefix=T3 %s
#include <omp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

bool GOMP_loop_guided_start(long, long, long, long, long *, long *);
bool GOMP_loop_guided_next(long *, long *);
void GOMP_loop_end(void);

static int desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }

int main(int argc, char **argv) {
  long n = atol(argv[1]), chunk = atol(argv[2]);
  int sizes[4096], count = 0;
#pragma omp parallel
  {
    long s, e;
    for (bool more = GOMP_loop_guided_start(0, n, 1, chunk, &s, &e); more;
         more = GOMP_loop_guided_next(&s, &e)) {
#pragma omp critical
      sizes[count++] = (int)(e - s);
    }
    GOMP_loop_end();
  }
  qsort(sizes, (size_t)count, sizeof sizes[0], desc);
  printf("chunks:");
  for (int i = 0; i < count; i++)
    printf(" %d", sizes[i]);
  printf("\n");
  return 0;
}
// T2: chunks: 500 250 125 63 31 16 8 4 2 1{{$}}
// T3: chunks: 334 222 148 99 66 44 29 20 13 9 7 7 2{{$}}
