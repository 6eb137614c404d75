/* taskdep.c — task dependences (depend clauses) among sibling tasks.
 *
 * Every task that has children with dependences owns a table (dep_table)
 * mapping each address to a record of the incomplete sibling tasks that
 * name it, grouped as the dependence rules need:
 *   cur   the latest group: one out-like task (out, inout, mutexinoutset —
 *         treating mutexinoutset as inout is compliant), or a set of `in`
 *         tasks, or a set of `inoutset` tasks (mutually independent);
 *   prev  the group before cur, which later members of a set group wait
 *         for (set members do not wait for each other).
 * A new out-like task waits for all of cur; a new set-kind task joins cur
 * if cur is of its kind (waiting for prev) or else waits for cur and
 * starts a new group.  A completed task unlinks its entries; if cur is
 * empty, everything before it has completed too.  Waiting is counted:
 * the successor's npred, decremented by each predecessor's completion.
 * Everything here runs under the lock of the task that owns the table (the
 * siblings' parent, dep_lock), so siblings of different parents never
 * contend, and nothing here takes a team-wide lock.
 */
#include <stdlib.h>

#include "taskpriv.h"

struct tp_dep_addr {
  void *addr;
  uint8_t kind; /* kind of the cur group: 0 (none yet), TP_DEP_OUT, _IN, _INOUTSET */
  struct tp_dep_ent *cur, *prev;
};

struct tp_dep_table {
  size_t mask; /* slots - 1, a power of two minus one */
  size_t used;
  struct tp_dep_addr **slot;
};

/* The class of a dependence kind: TP_DEP_IN, TP_DEP_OUT for every
 * out-like kind, TP_DEP_INOUTSET. */
static uint8_t dep_class(unsigned kind) {
  switch (kind) {
  case TP_DEP_IN:
    return TP_DEP_IN;
  case TP_DEP_INOUTSET:
    return TP_DEP_INOUTSET;
  default:
    return TP_DEP_OUT;
  }
}

/* --- the address table ----------------------------------------------------- */

static inline size_t addr_hash(const void *a) {
  uintptr_t x = (uintptr_t)a;
  x ^= x >> 17;
  return (size_t)(x * 0x9e3779b97f4a7c15ull >> 16);
}

static struct tp_dep_table *table_new(void) {
  struct tp_dep_table *t = tp_malloc(sizeof *t);
  t->mask = 15;
  t->used = 0;
  t->slot = tp_calloc(t->mask + 1, sizeof *t->slot);
  return t;
}

static struct tp_dep_addr **table_find(struct tp_dep_table *t, void *addr) {
  size_t i = addr_hash(addr) & t->mask;
  while (t->slot[i] && t->slot[i]->addr != addr)
    i = (i + 1) & t->mask;
  return &t->slot[i];
}

static void table_grow(struct tp_dep_table *t) {
  size_t old = t->mask + 1;
  struct tp_dep_addr **os = t->slot;
  t->mask = old * 2 - 1;
  t->slot = tp_calloc(old * 2, sizeof *t->slot);
  for (size_t i = 0; i < old; i++)
    if (os[i])
      *table_find(t, os[i]->addr) = os[i];
  free(os);
}

static struct tp_dep_addr *table_get(struct tp_dep_table *t, void *addr, bool create) {
  struct tp_dep_addr **s = table_find(t, addr);
  if (*s || !create)
    return *s;
  if ((t->used + 1) * 2 > t->mask + 1) {
    table_grow(t);
    s = table_find(t, addr);
  }
  struct tp_dep_addr *r = tp_calloc(1, sizeof *r);
  r->addr = addr;
  *s = r;
  t->used++;
  return r;
}

void tp_dep_table_free(struct tp_dep_table *t) {
  for (size_t i = 0; i <= t->mask; i++)
    free(t->slot[i]);
  free(t->slot);
  free(t);
}

/* --- lists of entries ---------------------------------------------------------- */

static void list_add(struct tp_dep_addr *r, struct tp_dep_ent *e, uint8_t which) {
  struct tp_dep_ent **head = which == 1 ? &r->cur : &r->prev;
  e->rec = r;
  e->list = which;
  e->prev = NULL;
  e->next = *head;
  if (*head)
    (*head)->prev = e;
  *head = e;
}

static void ent_unlink(struct tp_dep_ent *e) {
  if (!e->list)
    return;
  struct tp_dep_addr *r = e->rec;
  struct tp_dep_ent **head = e->list == 1 ? &r->cur : &r->prev;
  if (e->prev)
    e->prev->next = e->next;
  else
    *head = e->next;
  if (e->next)
    e->next->prev = e->prev;
  e->list = 0;
}

/* Forget a whole list (its tasks are covered by a later group). */
static void list_drop(struct tp_dep_ent **head) {
  for (struct tp_dep_ent *e = *head; e; e = e->next)
    e->list = 0;
  *head = NULL;
}

/* s waits for p. */
static void edge(struct tp_task *p, struct tp_task *s) {
  if (p == s)
    return;
  if (p->nsucc == p->capsucc) {
    p->capsucc = p->capsucc ? p->capsucc * 2 : 4;
    struct tp_task **n = realloc(p->succ, p->capsucc * sizeof *n);
    if (!n)
      tp_fatal("out of memory recording task dependences");
    p->succ = n;
  }
  p->succ[p->nsucc++] = s;
  tp_store(&s->npred, s->npred + 1);
}

static void edges_from(struct tp_dep_ent *list, struct tp_task *s) {
  for (struct tp_dep_ent *e = list; e; e = e->next)
    edge(e->task, s);
}

void tp_dep_register(struct tp_task *parent, struct tp_task *t, const struct tp_dep *deps,
                     unsigned n, bool insert) {
  if (!parent->dep_table) {
    if (!insert)
      return;
    parent->dep_table = table_new();
  }
  struct tp_dep_table *tab = parent->dep_table;
  for (unsigned i = 0; i < n; i++) {
    void *addr = deps[i].addr;
    uint8_t cls = dep_class(deps[i].kind);
    struct tp_dep_addr *r = table_get(tab, addr, insert);
    if (!r)
      continue;
    struct tp_dep_ent *e = insert ? &t->deps[i] : NULL;
    if (e) {
      e->task = t;
      e->addr = addr;
      e->kind = cls;
      e->list = 0;
    }
    if (cls == TP_DEP_OUT) {
      edges_from(r->cur, t);
      if (e) {
        list_drop(&r->prev);
        list_drop(&r->cur);
        list_add(r, e, 1);
        r->kind = TP_DEP_OUT;
      }
    } else if (r->kind == cls) {
      edges_from(r->prev, t);
      if (e)
        list_add(r, e, 1);
    } else {
      edges_from(r->cur, t);
      if (e) {
        list_drop(&r->prev);
        for (struct tp_dep_ent *c = r->cur; c; c = c->next)
          c->list = 2;
        r->prev = r->cur;
        r->cur = NULL;
        list_add(r, e, 1);
        r->kind = cls;
      }
    }
  }
}

struct tp_task *tp_dep_complete(struct tp_task *t) {
  for (unsigned i = 0; i < t->ndeps; i++)
    ent_unlink(&t->deps[i]);
  struct tp_task *ready = NULL;
  for (unsigned j = 0; j < t->nsucc; j++) {
    struct tp_task *s = t->succ[j];
    if (s->npred > 1) {
      tp_store(&s->npred, s->npred - 1);
    } else if (s->undeferred) {
      /* Its encountering thread waits for npred == 0; read what we need
       * before the store lets it go on. */
      struct tp_thread *w = s->thr;
      tp_store_sc(&s->npred, 0);
      if (tp_load(&w->sleeping))
        tp_wake(w);
    } else {
      tp_store(&s->npred, 0);
      s->qnext = ready;
      ready = s;
    }
  }
  t->nsucc = 0;
  return ready;
}
