/* threadprivate.c — threadprivate variables the runtime keeps, for an ABI
 * that asks for a thread's copy by the original's address (clang with
 * -fno-openmp-use-tls, Intel-style code; gcc's threadprivate is TLS).
 *
 * Each variable is described once, when first used, in a tp_tpvar that
 * the compiler's per-variable cache word points to: its size, how a copy
 * starts (its registered C++ constructor or copy constructor, else the
 * original's bytes when it was first used) and its destructor.  Each
 * thread finds its copies in its own hash table (tp_thread.tpvars); the
 * process's first thread uses the originals themselves.  A thread's copies
 * are destroyed and freed when the thread leaves the runtime. */
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* A registration (constructors for C++ objects), until the variable's
 * first use turns it into a tp_tpvar. */
struct tp_tpreg {
  struct tp_tpreg *next;
  void *orig;
  struct tp_tpctors f;
};

struct tp_tpvar {
  struct tp_tpvar *next;    /* every described variable (tp_rt.tpvar_list) */
  size_t size;
  void *orig;
  void *init;               /* bytes a copy starts from, without constructors */
  struct tp_tpctors f;
};

struct tp_tpmap {
  size_t mask, used;
  struct tp_tpslot {
    struct tp_tpvar *var;
    void *copy;
  } *slot;
};

void tp_threadprivate_register(void *orig, const struct tp_tpctors *f) {
  struct tp_tpreg *r = tp_malloc(sizeof *r);
  r->orig = orig;
  r->f = *f;
  tp_mutex_lock(&tp_rt.tpvar_lock);
  r->next = tp_rt.tpvar_regs;
  tp_rt.tpvar_regs = r;
  tp_mutex_unlock(&tp_rt.tpvar_lock);
}

/* The variable at orig, described at its first use (under the lock, so
 * one description wins); stored in *cache too when the caller keeps one. */
static struct tp_tpvar *describe(void *orig, size_t size, void **cache) {
  tp_mutex_lock(&tp_rt.tpvar_lock);
  struct tp_tpvar *v = tp_rt.tpvar_list;
  while (v && v->orig != orig)
    v = v->next;
  if (!v) {
    v = tp_calloc(1, sizeof *v);
    v->size = size;
    v->orig = orig;
    for (struct tp_tpreg *r = tp_rt.tpvar_regs; r; r = r->next)
      if (r->orig == orig)
        v->f = r->f;
    if (!v->f.ctor && !v->f.cctor && !v->f.ctor_vec && !v->f.cctor_vec) {
      v->init = tp_malloc(size ? size : 1);
      memcpy(v->init, orig, size);
    }
    v->next = tp_rt.tpvar_list;
    tp_rt.tpvar_list = v;
  }
  if (cache)
    tp_store_rel((struct tp_tpvar **)cache, v);
  tp_mutex_unlock(&tp_rt.tpvar_lock);
  return v;
}

static size_t slot_of(const struct tp_tpmap *m, const struct tp_tpvar *v) {
  uintptr_t x = (uintptr_t)v;
  return (size_t)((x >> 4) * 0x9e3779b97f4a7c15ull >> 20) & m->mask;
}

static void map_grow(struct tp_tpmap *m) {
  struct tp_tpmap n = {m->mask ? m->mask * 2 + 1 : 15, 0, NULL};
  n.slot = tp_calloc(n.mask + 1, sizeof *n.slot);
  for (size_t i = 0; m->slot && i <= m->mask; i++)
    if (m->slot[i].var) {
      size_t j = slot_of(&n, m->slot[i].var);
      while (n.slot[j].var)
        j = (j + 1) & n.mask;
      n.slot[j] = m->slot[i];
      n.used++;
    }
  free(m->slot);
  *m = n;
}

static void *copy_new(const struct tp_tpvar *v) {
  const struct tp_tpctors *f = &v->f;
  void *p = tp_aligned_alloc(TP_CACHELINE, v->size ? v->size : 1);
  if (f->ctor)
    f->ctor(p);
  else if (f->ctor_vec)
    f->ctor_vec(p, f->vec);
  else if (f->cctor)
    f->cctor(p, v->orig);
  else if (f->cctor_vec)
    f->cctor_vec(p, v->orig, f->vec);
  else
    memcpy(p, v->init, v->size);
  return p;
}

void *tp_threadprivate(struct tp_thread *self, void *orig, size_t size, void **cache) {
  struct tp_tpvar *v = cache ? tp_load_acq((struct tp_tpvar **)cache) : NULL;
  if (tp_unlikely(!v))
    v = describe(orig, size, cache);
  if (self->uid == 1)
    return orig; /* the first thread's copy is the original */
  struct tp_tpmap *m = self->tpvars;
  if (!m)
    self->tpvars = m = tp_calloc(1, sizeof *m);
  if (m->slot) {
    for (size_t j = slot_of(m, v);; j = (j + 1) & m->mask) {
      if (m->slot[j].var == v)
        return m->slot[j].copy;
      if (!m->slot[j].var)
        break;
    }
  }
  if ((m->used + 1) * 2 > m->mask + 1)
    map_grow(m);
  size_t j = slot_of(m, v);
  while (m->slot[j].var)
    j = (j + 1) & m->mask;
  m->slot[j].var = v;
  m->slot[j].copy = copy_new(v);
  m->used++;
  return m->slot[j].copy;
}

void tp_threadprivate_thread_fini(struct tp_thread *self) {
  struct tp_tpmap *m = self->tpvars;
  if (!m)
    return;
  for (size_t i = 0; m->slot && i <= m->mask; i++) {
    struct tp_tpvar *v = m->slot[i].var;
    if (!v)
      continue;
    if (v->f.dtor)
      v->f.dtor(m->slot[i].copy);
    else if (v->f.dtor_vec)
      v->f.dtor_vec(m->slot[i].copy, v->f.vec);
    free(m->slot[i].copy);
  }
  free(m->slot);
  free(m);
  self->tpvars = NULL;
}
