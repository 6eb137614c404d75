/* doacross.c — GOMP_doacross_{,ull_}{post,wait}: depend(source) and
 * depend(sink: vec) in ordered(n) loops.  Vectors hold zero-based logical
 * iteration numbers, one per ordered dimension (see runtime/doacross.c). */
#include <stdarg.h>

#include "../../runtime/ws.h"

void GOMP_doacross_post(long *counts) {
  struct tp_thread *self = tp_self();
  unsigned n = tp_doacross_ncounts(self);
  if (!n)
    return;
  uint64_t v[n];
  for (unsigned i = 0; i < n; i++)
    v[i] = (uint64_t)counts[i];
  tp_doacross_post(self, v);
}

void GOMP_doacross_wait(long first, ...) {
  struct tp_thread *self = tp_self();
  unsigned n = tp_doacross_ncounts(self);
  if (!n)
    return;
  uint64_t v[n];
  va_list ap;
  va_start(ap, first);
  v[0] = (uint64_t)first;
  for (unsigned i = 1; i < n; i++)
    v[i] = (uint64_t)va_arg(ap, long);
  va_end(ap);
  tp_doacross_wait(self, v);
}

void GOMP_doacross_ull_post(unsigned long long *counts) {
  struct tp_thread *self = tp_self();
  if (tp_doacross_ncounts(self))
    tp_doacross_post(self, (const uint64_t *)counts);
}

void GOMP_doacross_ull_wait(unsigned long long first, ...) {
  struct tp_thread *self = tp_self();
  unsigned n = tp_doacross_ncounts(self);
  if (!n)
    return;
  uint64_t v[n];
  va_list ap;
  va_start(ap, first);
  v[0] = first;
  for (unsigned i = 1; i < n; i++)
    v[i] = va_arg(ap, unsigned long long);
  va_end(ap);
  tp_doacross_wait(self, v);
}
