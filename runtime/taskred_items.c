/* taskred_items.c — task reductions described item by item, with the
 * runtime doing the work (LLVM's model; gcc's, where the compiled code
 * initialises and combines, is abi/gomp/taskred.c, which the core only
 * carries as a taskgroup's abi_red):
 *   registration (on the current taskgroup) gives every team member a
 *   private copy of each item, initialised by the item's `init` (at once,
 *   or on the member's first use when `lazy`);
 *   a task asks for its thread's copy by the original's address (or an
 *   address inside it: array sections);
 *   the end of the taskgroup, once its tasks are done, combines every copy
 *   into the original with `comb`, finalises it with `fini`, and frees.
 * The copies of one member lie together in one block, blocks a cache line
 * apart, so members never share a line.
 *
 * reduction(task, ...) on a parallel or worksharing construct: every
 * member registers the same items under its own original (its private
 * copy of the construct's reduction), in a taskgroup of its own (opened
 * and ended by the caller), and all
 * share one set of task copies, made by the first to arrive and found in
 * the team (team->red_mod); the last member to end its taskgroup combines
 * every copy into its own original, which the construct's reduction then
 * combines with the others'. */
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "taskpriv.h"

/* The members' private copies of a registration's items. */
struct tp_red_copies {
  uint32_t users;           /* registrations still using them (atomic) */
  uint32_t seq;             /* reduction(task) constructs: which one */
  unsigned nitems, nthreads;
  size_t block;             /* bytes of one member's copies */
  char *mem;                /* nthreads blocks */
  uint8_t *ready;           /* [nthreads * nitems]: copy initialised */
  size_t *off;              /* [nitems]: offset of each item's copy in a block */
};

struct tp_red_set {
  struct tp_red_set *prev;  /* the registration this one encloses (searched next) */
  struct tp_red_copies *c;
  unsigned nitems;
  struct tp_red_item item[];
};

static void *copy_of(struct tp_red_copies *c, unsigned tid, unsigned i) {
  return c->mem + (size_t)tid * c->block + c->off[i];
}

static void init_copy(struct tp_red_set *s, unsigned tid, unsigned i) {
  const struct tp_red_item *it = &s->item[i];
  void *priv = copy_of(s->c, tid, i);
  if (it->init)
    it->init(priv, it->orig ? it->orig : it->shar);
  else if (it->init1)
    it->init1(priv);
  else
    memset(priv, 0, it->size);
  s->c->ready[(size_t)tid * s->nitems + i] = 1;
}

static struct tp_red_copies *copies_new(const struct tp_red_item *items, unsigned n,
                                        unsigned nthr, uint32_t users) {
  struct tp_red_copies *c = tp_malloc(sizeof *c);
  c->users = users;
  c->seq = 0;
  c->nitems = n;
  c->nthreads = nthr;
  c->off = tp_malloc((n ? n : 1) * sizeof *c->off);
  size_t b = 0;
  for (unsigned i = 0; i < n; i++) {
    c->off[i] = b;
    b += (items[i].size + 15) & ~(size_t)15;
  }
  c->block = (b + TP_CACHELINE - 1) & ~(size_t)(TP_CACHELINE - 1);
  if (!c->block)
    c->block = TP_CACHELINE;
  c->mem = tp_aligned_alloc(TP_CACHELINE, c->block * nthr);
  c->ready = tp_calloc((size_t)nthr * (n ? n : 1), 1);
  return c;
}

/* A registration of `items` over copies c on the current taskgroup. */
static struct tp_red_set *set_register(struct tp_thread *self, const struct tp_red_item *items,
                                       unsigned n, struct tp_red_copies *c) {
  struct tp_taskgroup *tg = self->task->taskgroup;
  if (!tg) /* the compilers open one first; nothing could combine these */
    tp_fatal("task reductions registered outside a taskgroup");
  struct tp_red_set *s = tp_malloc(sizeof *s + n * sizeof *items);
  s->nitems = n;
  s->c = c;
  memcpy(s->item, items, n * sizeof *items);
  /* Innermost first: this group's earlier registrations, then the
   * enclosing groups' (what a task of this group may name). */
  s->prev = tg->items ? tg->items : tg->prev ? tg->prev->items_visible : NULL;
  tg->items = s;
  tg->items_visible = s;
  return s;
}

void *tp_taskred_items(struct tp_thread *self, const struct tp_red_item *items, unsigned n) {
  unsigned nthr = self->team->nthreads ? self->team->nthreads : 1;
  struct tp_red_copies *c = copies_new(items, n, nthr, 1);
  struct tp_red_set *s = set_register(self, items, n, c);
  for (unsigned t = 0; t < nthr; t++)
    for (unsigned i = 0; i < n; i++)
      if (!items[i].lazy)
        init_copy(s, t, i);
  return s;
}

/* Marks a team slot whose copies the first member is still making. */
#define RED_MOD_MAKING ((struct tp_red_copies *)1)

void *tp_taskred_items_team(struct tp_thread *self, bool ws, const struct tp_red_item *items,
                            unsigned n) {
  struct tp_team *team = self->team;
  unsigned nthr = team->nthreads ? team->nthreads : 1;
  struct tp_red_copies **slot = &team->red_mod[ws];
  uint32_t seq = ++team->member[self->tid].red_mod_seq[ws];
  struct tp_red_copies *c;
  for (unsigned spins = 0;; spins++) {
    c = tp_load_acq(slot);
    if (c && c != RED_MOD_MAKING && c->seq == seq)
      break; /* made by another member */
    struct tp_red_copies *none = NULL;
    if (!c && tp_cas(slot, &none, RED_MOD_MAKING)) {
      c = copies_new(items, n, nthr, nthr);
      c->seq = seq;
      tp_store_rel(slot, c);
      break;
    }
    /* Being made, or the previous construct's not yet finished. */
    if (spins % 64 == 63)
      sched_yield();
    else
      tp_pause();
  }
  struct tp_red_set *s = set_register(self, items, n, c);
  /* Each member initialises its own copies (the others may not exist yet). */
  for (unsigned i = 0; i < n; i++)
    if (!items[i].lazy)
      init_copy(s, self->tid, i);
  return s;
}

/* The item an in_reduction names when the compiler passed no address
 * (clang 14 does so for an orphaned in_reduction on an array section): the
 * clause must name an item of an enclosing task_reduction, so when only one
 * is visible it is that one. */
static void *sole_item(struct tp_red_set *s) {
  struct tp_red_set *found = NULL;
  unsigned n = 0;
  for (struct tp_red_set *x = s; x; x = x->prev) {
    n += x->nitems;
    if (x->nitems)
      found = x;
  }
  if (n != 1)
    tp_fatal("in_reduction without an address and %u reduction items to choose "
             "from: cannot tell which it names (a compiler fault)", n);
  return found->item[0].shar;
}

void *tp_taskred_item_data(struct tp_thread *self, void *handle, void *data) {
  struct tp_red_set *s = handle;
  if (!s) {
    struct tp_taskgroup *tg = self->task->taskgroup;
    s = tg ? tg->items_visible : NULL;
  }
  if (!data && s)
    data = sole_item(s);
  unsigned tid = self->tid;
  for (; s; s = s->prev) {
    for (unsigned i = 0; i < s->nitems; i++) {
      const struct tp_red_item *it = &s->item[i];
      uintptr_t d = (uintptr_t)data, b = (uintptr_t)it->shar;
      if (d - b >= (it->size ? it->size : 1))
        continue;
      if (tid >= s->c->nthreads) {
        tp_warn("task reduction used by thread %u of a team of %u; "
                "updating the original without a private copy", tid, s->c->nthreads);
        return data;
      }
      if (!s->c->ready[(size_t)tid * s->nitems + i])
        init_copy(s, tid, i);
      return (char *)copy_of(s->c, tid, i) + (d - b);
    }
  }
  tp_warn("no task reduction registered for address %p; using the original", data);
  return data;
}

/* The last registration over copies c to end: every copy into its items'
 * originals. */
static void combine_all(struct tp_red_set *s) {
  struct tp_red_copies *c = s->c;
  for (unsigned i = 0; i < s->nitems; i++) {
    const struct tp_red_item *it = &s->item[i];
    for (unsigned t = 0; t < c->nthreads; t++) {
      if (!c->ready[(size_t)t * s->nitems + i])
        continue; /* a lazy copy nobody used */
      void *priv = copy_of(c, t, i);
      it->comb(it->shar, priv);
      if (it->fini)
        it->fini(priv);
    }
  }
  free(c->mem);
  free(c->ready);
  free(c->off);
}

void tp_taskred_items_finish(struct tp_thread *self, struct tp_taskgroup *tg) {
  struct tp_red_set *s = tg->items;
  struct tp_red_set *stop = tg->prev ? tg->prev->items_visible : NULL;
  while (s && s != stop) {
    struct tp_red_set *prev = s->prev;
    struct tp_red_copies *c = s->c;
    if (tp_fetch_sub(&c->users, 1) == 1) {
      combine_all(s);
      struct tp_team *team = self->team;
      for (int w = 0; w < 2; w++)
        if (tp_load(&team->red_mod[w]) == c)
          tp_store_rel(&team->red_mod[w], NULL); /* the next construct's may come */
      free(c);
    }
    free(s);
    s = prev;
  }
  tg->items = NULL;
}
