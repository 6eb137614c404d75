/* threadprivate.c — threadprivate variables kept by the runtime, as clang
 * asks for them when it does not use TLS (-fno-openmp-use-tls): the
 * calling thread's copy by the original's address, with the compiler's
 * per-variable cache word; C++ objects register their constructors first
 * (runtime/threadprivate.c). */
#include "kmpc.h"

void *__kmpc_threadprivate_cached(ident_t *loc, kmp_int32 gtid, void *data, size_t size,
                                  void ***cache) {
  (void)loc, (void)gtid;
  return tp_threadprivate(tp_self(), data, size, (void **)cache);
}

void *__kmpc_threadprivate(ident_t *loc, kmp_int32 gtid, void *data, size_t size) {
  (void)loc, (void)gtid;
  return tp_threadprivate(tp_self(), data, size, NULL);
}

void __kmpc_threadprivate_register(ident_t *loc, void *data, void *(*ctor)(void *),
                                   void *(*cctor)(void *, void *), void (*dtor)(void *)) {
  (void)loc;
  struct tp_tpctors f = {.ctor = ctor, .cctor = cctor, .dtor = dtor};
  tp_threadprivate_register(data, &f);
}

void __kmpc_threadprivate_register_vec(ident_t *loc, void *data,
                                       void *(*ctor)(void *, size_t),
                                       void *(*cctor)(void *, void *, size_t),
                                       void (*dtor)(void *, size_t), size_t vector_length) {
  (void)loc;
  struct tp_tpctors f = {.ctor_vec = ctor, .cctor_vec = cctor, .dtor_vec = dtor,
                         .vec = vector_length};
  tp_threadprivate_register(data, &f);
}
