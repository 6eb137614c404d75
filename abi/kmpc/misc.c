/* misc.c — the rest of the __kmpc_* surface: memory allocators, the lock
 * entry points (Intel-compiler style), barrier_master, scope, pause,
 * task identities.  Each is the omp_* routine of the same meaning. */
#include <stdint.h>

#include "kmpc.h"
#include "../../runtime/taskpriv.h"

/* omp_* routines (abi/omp); declared here rather than through omp.h,
 * whose types differ between gcc's and LLVM's headers. */
void *omp_alloc(size_t size, uintptr_t a);
void *omp_aligned_alloc(size_t align, size_t size, uintptr_t a);
void *omp_calloc(size_t n, size_t size, uintptr_t a);
void *omp_realloc(void *p, size_t size, uintptr_t a, uintptr_t free_a);
void omp_free(void *p, uintptr_t a);
uintptr_t omp_init_allocator(uintptr_t memspace, int ntraits, const void *traits);
void omp_destroy_allocator(uintptr_t a);
void omp_set_default_allocator(uintptr_t a);
uintptr_t omp_get_default_allocator(void);
int omp_pause_resource(int kind, int device);
void omp_init_lock(void *l);
void omp_destroy_lock(void *l);
void omp_set_lock(void *l);
void omp_unset_lock(void *l);
int omp_test_lock(void *l);
void omp_init_nest_lock(void *l);
void omp_destroy_nest_lock(void *l);
void omp_set_nest_lock(void *l);
void omp_unset_nest_lock(void *l);
int omp_test_nest_lock(void *l);
void omp_init_lock_with_hint(void *l, int hint);
void omp_init_nest_lock_with_hint(void *l, int hint);

void *__kmpc_alloc(int gtid, size_t size, uintptr_t a) {
  (void)gtid;
  return omp_alloc(size, a);
}
void *__kmpc_aligned_alloc(int gtid, size_t align, size_t size, uintptr_t a) {
  (void)gtid;
  return omp_aligned_alloc(align, size, a);
}
void *__kmpc_calloc(int gtid, size_t n, size_t size, uintptr_t a) {
  (void)gtid;
  return omp_calloc(n, size, a);
}
void *__kmpc_realloc(int gtid, void *p, size_t size, uintptr_t a, uintptr_t free_a) {
  (void)gtid;
  return omp_realloc(p, size, a, free_a);
}
void __kmpc_free(int gtid, void *p, uintptr_t a) {
  (void)gtid;
  omp_free(p, a);
}
uintptr_t __kmpc_init_allocator(int gtid, uintptr_t memspace, int ntraits,
                                const void *traits) {
  (void)gtid;
  return omp_init_allocator(memspace, ntraits, traits);
}
void __kmpc_destroy_allocator(int gtid, uintptr_t a) {
  (void)gtid;
  omp_destroy_allocator(a);
}
void __kmpc_set_default_allocator(int gtid, uintptr_t a) {
  (void)gtid;
  omp_set_default_allocator(a);
}
uintptr_t __kmpc_get_default_allocator(int gtid) {
  (void)gtid;
  return omp_get_default_allocator();
}

/* Locks: user_lock points at the omp_lock_t / omp_nest_lock_t. */
#define KMPC_LOCK(op, omp)                                                     \
  void __kmpc_##op(ident_t *loc, kmp_int32 gtid, void **user_lock) {           \
    (void)loc, (void)gtid;                                                     \
    omp(user_lock);                                                            \
  }
KMPC_LOCK(init_lock, omp_init_lock)
KMPC_LOCK(destroy_lock, omp_destroy_lock)
KMPC_LOCK(set_lock, omp_set_lock)
KMPC_LOCK(unset_lock, omp_unset_lock)
KMPC_LOCK(init_nest_lock, omp_init_nest_lock)
KMPC_LOCK(destroy_nest_lock, omp_destroy_nest_lock)
KMPC_LOCK(set_nest_lock, omp_set_nest_lock)
KMPC_LOCK(unset_nest_lock, omp_unset_nest_lock)
#undef KMPC_LOCK
int __kmpc_test_lock(ident_t *loc, kmp_int32 gtid, void **user_lock) {
  (void)loc, (void)gtid;
  return omp_test_lock(user_lock);
}
int __kmpc_test_nest_lock(ident_t *loc, kmp_int32 gtid, void **user_lock) {
  (void)loc, (void)gtid;
  return omp_test_nest_lock(user_lock);
}
void __kmpc_init_lock_with_hint(ident_t *loc, kmp_int32 gtid, void **user_lock,
                                uintptr_t hint) {
  (void)loc, (void)gtid;
  omp_init_lock_with_hint(user_lock, (int)hint);
}
void __kmpc_init_nest_lock_with_hint(ident_t *loc, kmp_int32 gtid, void **user_lock,
                                     uintptr_t hint) {
  (void)loc, (void)gtid;
  omp_init_nest_lock_with_hint(user_lock, (int)hint);
}

/* A barrier after which the primary thread runs a block while the others
 * wait for its __kmpc_end_barrier_master (the _nowait form: they go on). */
kmp_int32 __kmpc_barrier_master(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  struct tp_thread *self = tp_self();
  tp_barrier(self);
  if (self->tid == 0)
    return 1;
  tp_barrier(self); /* released by the primary's end_barrier_master */
  return 0;
}
void __kmpc_end_barrier_master(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_barrier(tp_self());
}
kmp_int32 __kmpc_barrier_master_nowait(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  struct tp_thread *self = tp_self();
  tp_barrier(self);
  return self->tid == 0;
}

/* scope: clang emits the construct's barrier and reductions itself. */
void __kmpc_scope(ident_t *loc, kmp_int32 gtid, void *reserved) {
  (void)loc, (void)gtid, (void)reserved;
}
void __kmpc_end_scope(ident_t *loc, kmp_int32 gtid, void *reserved) {
  (void)loc, (void)gtid, (void)reserved;
}

int __kmpc_pause_resource(int kind) { return omp_pause_resource(kind, 0); }

/* target-offload-var: 0 disabled, 1 default, 2 mandatory in libomp's
 * numbering; Tempo has no devices, so only the setting is reported. */
int __kmpc_get_target_offload(void) {
  switch (tp_rt.g.target_offload) {
  case 1: return 2;
  case 2: return 0;
  default: return 1;
  }
}

/* Task identities (for tools): a number unique among live tasks. */
kmp_uint64 __kmpc_get_taskid(void) { return (kmp_uint64)(uintptr_t)tp_task_cur(tp_self()); }
kmp_uint64 __kmpc_get_parent_taskid(void) {
  struct tp_task *t = tp_task_cur(tp_self());
  return (kmp_uint64)(uintptr_t)(t ? t->parent : NULL);
}
