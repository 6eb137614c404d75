/* alloc.c — OpenMP memory allocators (see alloc.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "alloc.h"
#include "rt.h"
#include "task.h"
#include "topology.h"

enum { /* omp_alloctrait_key_t */
  ATK_SYNC_HINT = 1, ATK_ALIGNMENT, ATK_ACCESS, ATK_POOL_SIZE, ATK_FALLBACK,
  ATK_FB_DATA, ATK_PINNED, ATK_PARTITION,
};
enum { /* omp_alloctrait_value_t */
  ATV_FALSE = 0, ATV_TRUE = 1, ATV_CONTENDED = 3, ATV_PRIVATE = 6, ATV_ALL = 7,
  ATV_CGROUP = 10, ATV_DEFAULT_MEM_FB = 11, ATV_NULL_FB, ATV_ABORT_FB,
  ATV_ALLOCATOR_FB, ATV_ENVIRONMENT = 15, ATV_NEAREST, ATV_BLOCKED, ATV_INTERLEAVED,
};
#define ATV_DEFAULT ((uintptr_t)-1)
#define MEMSPACE_HIGH_BW 3
#define MEMSPACE_LAST 4
#define DEFAULT_MEM_ALLOC 1

struct tp_allocator {
  uintptr_t memspace;
  size_t alignment;
  size_t pool_size;  /* SIZE_MAX = unlimited */
  size_t used;       /* bytes taken from the pool (atomic) */
  int fallback;
  uintptr_t fb_data;
  int partition;     /* ATV_ENVIRONMENT (first touch), NEAREST, BLOCKED, INTERLEAVED */
  bool pinned;       /* mlock'ed: never paged out */
};

struct header {
  void *base;        /* what malloc returned */
  size_t size;       /* bytes malloc'ed (counted against a pool) */
  uintptr_t allocator;
  size_t usable;     /* bytes the caller asked for */
  size_t mapped;     /* bytes mmap'ed at base (pinned or partitioned); 0: malloc'ed */
} __attribute__((aligned(16)));
/* malloc's blocks are 16-aligned, and a whole number of 16-byte units of
 * header keeps the user's block so: try_alloc's padding counts on it. */
_Static_assert(sizeof(struct header) % 16 == 0, "header keeps 16-byte alignment");

uintptr_t tp_allocator_init(uintptr_t memspace, int ntraits,
                            const struct tp_alloctrait *traits) {
  struct tp_allocator a = {memspace, 1, SIZE_MAX, 0, ATV_DEFAULT_MEM_FB, 0, ATV_ENVIRONMENT,
                           false};
  if (memspace > MEMSPACE_LAST)
    return 0;
  for (int i = 0; i < ntraits; i++) {
    uintptr_t v = traits[i].value;
    bool dflt = v == ATV_DEFAULT;
    switch (traits[i].key) {
    case ATK_SYNC_HINT:
      if (!dflt && (v < ATV_CONTENDED || v > ATV_PRIVATE))
        return 0;
      break;
    case ATK_ALIGNMENT:
      if (dflt)
        a.alignment = 1;
      else if (v == 0 || (v & (v - 1)))
        return 0;
      else
        a.alignment = v;
      break;
    case ATK_ACCESS:
      if (!dflt && (v < ATV_ALL || v > ATV_CGROUP))
        return 0;
      break;
    case ATK_POOL_SIZE:
      a.pool_size = dflt ? SIZE_MAX : v;
      break;
    case ATK_FALLBACK:
      if (dflt)
        a.fallback = ATV_DEFAULT_MEM_FB;
      else if (v < ATV_DEFAULT_MEM_FB || v > ATV_ALLOCATOR_FB)
        return 0;
      else
        a.fallback = (int)v;
      break;
    case ATK_FB_DATA:
      a.fb_data = v;
      break;
    case ATK_PINNED:
      if (!dflt && v != ATV_FALSE && v != ATV_TRUE)
        return 0;
      a.pinned = v == ATV_TRUE;
      break;
    case ATK_PARTITION:
      if (!dflt && (v < ATV_ENVIRONMENT || v > ATV_INTERLEAVED))
        return 0;
      a.partition = dflt ? ATV_ENVIRONMENT : (int)v;
      break;
    default:
      return 0;
    }
  }
  if (memspace == MEMSPACE_HIGH_BW)
    return 0;
  struct tp_allocator *p = tp_malloc(sizeof *p);
  *p = a;
  return (uintptr_t)p;
}

void tp_allocator_destroy(uintptr_t a) {
  if (a > TP_ALLOC_MAX_PREDEFINED)
    free((void *)a);
}

uintptr_t tp_allocator_resolve(uintptr_t a) {
  if (a)
    return a;
  a = tp_self()->task->icv.def_allocator;
  return a ? a : tp_rt.g.default_allocator;
}

static bool pool_take(struct tp_allocator *a, size_t n) {
  if (a->pool_size == SIZE_MAX)
    return true;
  size_t used = tp_load(&a->used);
  do {
    if (n > a->pool_size || used > a->pool_size - n)
      return false;
  } while (!__atomic_compare_exchange_n(&a->used, &used, used + n, true,
                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED));
  return true;
}

static void pool_give(uintptr_t allocator, size_t n) {
  if (allocator > TP_ALLOC_MAX_PREDEFINED) {
    struct tp_allocator *a = (struct tp_allocator *)allocator;
    if (a->pool_size != SIZE_MAX)
      __atomic_fetch_sub(&a->used, n, __ATOMIC_RELAXED);
  }
}

/* A block of its own pages for an allocator that places or pins memory
 * (mbind and mlock work on whole pages, and a page shared with another
 * block could not be unlocked or placed for one of them): bound as the
 * partition trait says before anything touches it, then locked if pinned.
 * NULL if pinning fails (RLIMIT_MEMLOCK): the fallback trait decides.  A
 * placement that cannot be made leaves the memory to first touch, said
 * once. */
static char *map_block(const struct tp_allocator *a, size_t total, size_t *len) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (total > SIZE_MAX - page)
    return NULL;
  *len = (total + page - 1) / page * page;
  char *base = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    return NULL;
  if (a->partition != ATV_ENVIRONMENT) {
    enum tp_mem_partition how = a->partition == ATV_NEAREST   ? TP_MEM_NEAREST
                                : a->partition == ATV_BLOCKED ? TP_MEM_BLOCKED
                                                              : TP_MEM_INTERLEAVED;
    if (!tp_topo_membind(base, *len, how) && !tp_xchg(&tp_rt.membind_warned, 1))
      tp_warn("omp_atk_partition: cannot place memory on NUMA nodes here (no hwloc or "
              "no NUMA support); the memory is placed by first touch");
  }
  if (a->pinned && mlock(base, *len) != 0) {
    munmap(base, *len);
    return NULL;
  }
  return base; /* mmap'ed pages are zero: calloc's promise holds */
}

/* One attempt with one allocator; NULL if the pool or malloc said no. */
static void *try_alloc(size_t align, size_t size, uintptr_t allocator, bool zero) {
  struct tp_allocator *a =
      allocator > TP_ALLOC_MAX_PREDEFINED ? (struct tp_allocator *)allocator : NULL;
  if (a && a->alignment > align)
    align = a->alignment;
  if (align < sizeof(void *))
    align = sizeof(void *);
  if (align & (align - 1))
    return NULL;
  /* Room for the header plus worst-case alignment padding. */
  size_t extra = sizeof(struct header) + (align > 16 ? align - 16 : 0);
  size_t total;
  if (__builtin_add_overflow(size, extra, &total))
    return NULL;
  if (a && !pool_take(a, total))
    return NULL;
  size_t mapped = 0;
  char *base = a && (a->pinned || a->partition != ATV_ENVIRONMENT)
                   ? map_block(a, total, &mapped)
               : zero ? calloc(1, total)
                      : malloc(total);
  if (!base) {
    pool_give(allocator, total);
    return NULL;
  }
  uintptr_t user = ((uintptr_t)base + sizeof(struct header) + align - 1) & ~(uintptr_t)(align - 1);
  struct header *h = (struct header *)user - 1;
  h->base = base;
  h->size = total;
  h->allocator = allocator;
  h->usable = size;
  h->mapped = mapped;
  return (void *)user;
}

void *tp_alloc(size_t align, size_t size, uintptr_t allocator, bool zero,
               bool abort_on_null) {
  if (size == 0)
    return NULL;
  allocator = tp_allocator_resolve(allocator);
  for (int hops = 0; hops < 64; hops++) {
    void *p = try_alloc(align, size, allocator, zero);
    if (p)
      return p;
    int fb = allocator > TP_ALLOC_MAX_PREDEFINED
                 ? ((struct tp_allocator *)allocator)->fallback
                 : ATV_NULL_FB; /* predefined allocators: malloc failed */
    if (fb == ATV_DEFAULT_MEM_FB && allocator != DEFAULT_MEM_ALLOC) {
      allocator = DEFAULT_MEM_ALLOC;
      continue;
    }
    if (fb == ATV_ALLOCATOR_FB) {
      allocator = tp_allocator_resolve(((struct tp_allocator *)allocator)->fb_data);
      continue;
    }
    if (fb == ATV_ABORT_FB || abort_on_null)
      break;
    return NULL;
  }
  tp_fatal("out of memory allocating %zu bytes with an OpenMP allocator", size);
}

void tp_free(void *ptr) {
  if (!ptr)
    return;
  struct header *h = (struct header *)ptr - 1;
  pool_give(h->allocator, h->size);
  if (h->mapped)
    munmap(h->base, h->mapped); /* unlocks too */
  else
    free(h->base);
}

/* Same allocator, malloc's natural alignment: resize the block itself, so a
 * pool is charged only the difference (the old block counts as freed, as
 * omp_realloc requires).  NULL if that is not possible here. */
static void *realloc_in_place(struct header *h, size_t size) {
  struct tp_allocator *a = h->allocator > TP_ALLOC_MAX_PREDEFINED
                               ? (struct tp_allocator *)h->allocator : NULL;
  if ((a && a->alignment > 16) || (void *)h != h->base || h->mapped)
    return NULL;
  size_t total;
  if (__builtin_add_overflow(size, sizeof(struct header), &total))
    return NULL;
  size_t old = h->size;
  if (a && total > old && !pool_take(a, total - old))
    return NULL;
  char *nb = realloc(h->base, total);
  if (!nb) {
    if (a && total > old)
      pool_give(h->allocator, total - old);
    return NULL;
  }
  if (total < old)
    pool_give(((struct header *)nb)->allocator, old - total);
  h = (struct header *)nb;
  h->base = nb;
  h->size = total;
  h->usable = size;
  return h + 1;
}

void *tp_realloc(void *ptr, size_t size, uintptr_t allocator,
                 uintptr_t free_allocator) {
  (void)free_allocator; /* the header knows */
  if (!ptr)
    return tp_alloc(1, size, allocator, false, false);
  struct header *h = (struct header *)ptr - 1;
  if (size == 0) {
    tp_free(ptr);
    return NULL;
  }
  uintptr_t target = allocator ? tp_allocator_resolve(allocator) : h->allocator;
  void *n = target == h->allocator ? realloc_in_place(h, size) : NULL;
  if (n)
    return n;
  n = tp_alloc(1, size, target, false, false);
  if (!n)
    return NULL;
  memcpy(n, ptr, h->usable < size ? h->usable : size);
  tp_free(ptr);
  return n;
}
