/* alloc.h — OpenMP memory allocators (omp_alloc family, GOMP_alloc).
 *
 * Handles are omp_allocator_handle_t values: 0 is omp_null_allocator (use
 * def-allocator-var), 1..8 the predefined allocators (all served by malloc:
 * this host has one kind of memory), anything larger a struct tp_allocator
 * made by tp_allocator_init.  Every block carries a header just below the
 * returned pointer recording the malloc'ed base, its size and the allocator,
 * so tp_free needs no allocator argument.
 *
 * Traits honoured: alignment, pool_size (bytes in use, headers included,
 * never exceed it), fallback (default_mem_fb, null_fb, abort_fb,
 * allocator_fb with fb_data), partition (nearest, blocked, interleaved:
 * the block's own pages placed on the NUMA nodes through hwloc,
 * tp_topo_membind, before first touch) and pinned (its own pages, mlock'ed;
 * when the system refuses, the fallback decides).  sync_hint and access are
 * validated and ignored.  The high-bandwidth memory space is refused
 * (omp_null_allocator), as in libgomp 12: this host has none. */
#ifndef TEMPO_ALLOC_H
#define TEMPO_ALLOC_H

#include <stdint.h>

#include "sys.h"

#define TP_ALLOC_MAX_PREDEFINED 8UL

struct tp_alloctrait {
  int key;
  uintptr_t value;
};

uintptr_t tp_allocator_init(uintptr_t memspace, int ntraits,
                            const struct tp_alloctrait *traits) tp_hidden;
void tp_allocator_destroy(uintptr_t a) tp_hidden;
/* The allocator a handle stands for (omp_null_allocator resolved). */
uintptr_t tp_allocator_resolve(uintptr_t a) tp_hidden;

/* NULL for size 0 or when the allocator's fallback says so.  With
 * abort_on_null (GOMP_alloc), null_fb behaves as abort_fb. */
void *tp_alloc(size_t align, size_t size, uintptr_t allocator, bool zero,
               bool abort_on_null) tp_hidden;
void *tp_realloc(void *ptr, size_t size, uintptr_t allocator,
                 uintptr_t free_allocator) tp_hidden;
void tp_free(void *ptr) tp_hidden;

#endif
