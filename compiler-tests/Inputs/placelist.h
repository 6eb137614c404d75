// placelist.h — prints the place list the runtime computed, one line:
// "places N: {0,1} {2,3}" (the omp_get_place_* view of OMP_PLACES).
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static void print_place_list(void) {
  int np = omp_get_num_places();
  printf("places %d:", np);
  for (int p = 0; p < np; p++) {
    int n = omp_get_place_num_procs(p);
    int *ids = malloc(sizeof *ids * (size_t)(n > 0 ? n : 1));
    omp_get_place_proc_ids(p, ids);
    printf(" {");
    for (int k = 0; k < n; k++)
      printf(k ? ",%d" : "%d", ids[k]);
    printf("}");
    free(ids);
  }
  printf("\n");
}
