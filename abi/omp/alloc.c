/* alloc.c — omp_alloc family and allocator handles (runtime/alloc.c). */
#include <stdint.h>

#include "../../runtime/alloc.h"
#include "../../runtime/rt.h"
#include "../../runtime/task.h"

/* omp_alloctrait_t has the same layout (enum key, uintptr_t value). */
uintptr_t omp_init_allocator(uintptr_t memspace, int ntraits,
                             const struct tp_alloctrait *traits) {
  if (ntraits < 0 || (ntraits > 0 && !traits))
    return 0;
  return tp_allocator_init(memspace, ntraits, traits);
}

void omp_destroy_allocator(uintptr_t a) { tp_allocator_destroy(a); }

void omp_set_default_allocator(uintptr_t a) {
  tp_task_cur(tp_self())->icv.def_allocator = a ? a : 1 /* omp_default_mem_alloc */;
}

uintptr_t omp_get_default_allocator(void) { return tp_allocator_resolve(0); }

void *omp_alloc(size_t size, uintptr_t a) { return tp_alloc(1, size, a, false, false); }

void *omp_aligned_alloc(size_t align, size_t size, uintptr_t a) {
  return tp_alloc(align, size, a, false, false);
}

static void *calloc_common(size_t align, size_t n, size_t size, uintptr_t a) {
  size_t total;
  if (__builtin_mul_overflow(n, size, &total))
    return NULL;
  return tp_alloc(align, total, a, true, false);
}

void *omp_calloc(size_t n, size_t size, uintptr_t a) {
  return calloc_common(1, n, size, a);
}

void *omp_aligned_calloc(size_t align, size_t n, size_t size, uintptr_t a) {
  return calloc_common(align, n, size, a);
}

void *omp_realloc(void *p, size_t size, uintptr_t a, uintptr_t free_a) {
  return tp_realloc(p, size, a, free_a);
}

void omp_free(void *p, uintptr_t a) {
  (void)a;
  tp_free(p);
}
