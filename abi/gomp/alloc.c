/* alloc.c — GOMP_alloc / GOMP_free: the allocate directive and clause.
 * As the spec asks for allocations arising from them, a null_fb fallback
 * behaves as abort_fb. */
#include <stdint.h>

#include "../../runtime/alloc.h"

void *GOMP_alloc(size_t align, size_t size, uintptr_t allocator) {
  return tp_alloc(align, size, allocator, false, true);
}

void GOMP_free(void *ptr, uintptr_t allocator) {
  (void)allocator;
  tp_free(ptr);
}
