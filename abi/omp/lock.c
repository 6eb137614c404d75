/* lock.c — omp_*_lock and omp_*_nest_lock.
 *
 * One implementation serves gcc's omp.h (lock 4 bytes, nest lock 16) and
 * LLVM's (8 and 8): a simple lock is one 32-bit futex word (tp_mutex), a
 * nest lock is two 32-bit words {owner, count} = 8 bytes.  The owner word
 * holds the owning task's id, with the top bit set while others sleep on
 * it.  The routines exist twice, as libgomp exports them: name@OMP_1.0 (old
 * binaries) and name@@OMP_3.0 (default); both versions are aliases of the
 * same code since both layouts fit.
 *
 * Misuse.  Unsetting a nest lock the calling task does not hold is
 * ignored (it would wrap the count and leave the lock held for ever).
 * With TEMPO_DEBUG=1 a simple lock also records its owner, as a nest lock
 * does, so that each misuse is reported with the caller (tp_misuse) and
 * made harmless: setting a lock the task already holds (a deadlock) and
 * unsetting a free one are ignored, unsetting another task's lock goes on
 * as without the check, destroying a set lock is only reported. */
#include "../../runtime/ompt.h"
#include "../../runtime/rt.h"
#include "../../runtime/task.h"

#define NEST_WAITERS 0x80000000u

struct nest_lock {
  uint32_t owner;
  uint32_t count;
};

/* Nest locks are owned by tasks (OpenMP 5.1): the owner word holds the
 * current task's id, drawn from a 31-bit counter the first time the task
 * touches a nest lock (0 is skipped: it means "free"). */
static uint32_t self_id(void) {
  struct tp_task *t = tp_task_cur(tp_self()); /* locks are owned by tasks */
  uint32_t id = t->lock_id;
  while (!id)
    id = __atomic_add_fetch(&tp_rt.next_lock_id, 1, __ATOMIC_RELAXED) & 0x7fffffffu;
  t->lock_id = id;
  return id;
}

/* Takes an owner word (0 = free) for `me`. */
static void owner_lock(uint32_t *owner, uint32_t me) {
  /* After sleeping once we take the lock with the waiters bit set: other
   * sleepers may remain and the next unlock must wake them. */
  uint32_t want = me, cur;
  for (;;) {
    cur = 0;
    if (tp_cas(owner, &cur, want))
      return;
    if (!(cur & NEST_WAITERS) && !tp_cas(owner, &cur, cur | NEST_WAITERS))
      continue;
    tp_futex_wait(owner, cur | NEST_WAITERS);
    want = me | NEST_WAITERS;
  }
}

static void owner_unlock(uint32_t *owner) {
  if (__atomic_exchange_n(owner, 0, __ATOMIC_RELEASE) & NEST_WAITERS)
    tp_futex_wake(owner, 1);
}

static inline bool held_by(uint32_t owner, uint32_t me) {
  return (owner & ~NEST_WAITERS) == me;
}

#define CALLER __builtin_return_address(0)

/* TEMPO_DEBUG=1 simple locks: an owner word, checked. */
static __attribute__((noinline)) void debug_set(uint32_t *l, const void *caller) {
  uint32_t me = self_id();
  if (held_by(tp_load(l), me)) {
    tp_misuse(caller, "omp_set_lock on a lock the calling task already holds "
              "(a deadlock); ignored");
    return;
  }
  owner_lock(l, me);
}

static __attribute__((noinline)) void debug_unset(uint32_t *l, const void *caller) {
  uint32_t cur = tp_load(l);
  if (!cur) {
    tp_misuse(caller, "omp_unset_lock on a lock that is not set; ignored");
    return;
  }
  if (!held_by(cur, self_id()))
    tp_misuse(caller, "omp_unset_lock on a lock another task holds; unset anyway");
  owner_unlock(l);
}

static __attribute__((noinline)) int debug_test(uint32_t *l, const void *caller) {
  uint32_t me = self_id(), cur = tp_load(l);
  if (held_by(cur, me)) {
    tp_misuse(caller, "omp_test_lock on a lock the calling task already holds; "
              "returns 0");
    return 0;
  }
  cur = 0;
  return tp_cas(l, &cur, me);
}

#define VERSIONED(name, ret, params, args)                                     \
  __asm__(".symver " #name "_10, " #name "@OMP_1.0");                          \
  __asm__(".symver " #name "_30, " #name "@@OMP_3.0");                         \
  ret name##_30 params __attribute__((alias("tp_" #name)));                    \
  ret name##_10 params __attribute__((alias("tp_" #name)));

void tp_omp_init_lock(uint32_t *l) { *l = 0; }
void tp_omp_destroy_lock(uint32_t *l) {
  if (tp_unlikely(tp_rt.debug) && tp_load(l))
    tp_misuse(CALLER, "omp_destroy_lock on a lock that is set");
}
void tp_omp_set_lock(uint32_t *l) {
  if (tp_unlikely(tp_rt.debug))
    debug_set(l, CALLER);
  else
    tp_mutex_lock(l);
  TP_OMPT(tp_ompt_mutex(TP_OMPT_LOCK, l, true));
}
void tp_omp_unset_lock(uint32_t *l) {
  TP_OMPT(tp_ompt_mutex(TP_OMPT_LOCK, l, false));
  if (tp_unlikely(tp_rt.debug))
    debug_unset(l, CALLER);
  else
    tp_mutex_unlock(l);
}
int tp_omp_test_lock(uint32_t *l) {
  int got = tp_unlikely(tp_rt.debug) ? debug_test(l, CALLER) : tp_mutex_trylock(l);
  if (got)
    TP_OMPT(tp_ompt_mutex(TP_OMPT_LOCK, l, true));
  return got;
}

void tp_omp_init_nest_lock(struct nest_lock *l) {
  l->owner = 0;
  l->count = 0;
}
void tp_omp_destroy_nest_lock(struct nest_lock *l) {
  if (tp_unlikely(tp_rt.debug) && tp_load(&l->owner))
    tp_misuse(CALLER, "omp_destroy_nest_lock on a lock that is set");
}

void tp_omp_set_nest_lock(struct nest_lock *l) {
  uint32_t me = self_id();
  if (held_by(tp_load(&l->owner), me)) {
    l->count++;
    return;
  }
  owner_lock(&l->owner, me);
  l->count = 1;
  TP_OMPT(tp_ompt_mutex(TP_OMPT_NEST_LOCK, l, true));
}

void tp_omp_unset_nest_lock(struct nest_lock *l) {
  if (tp_unlikely(!held_by(tp_load(&l->owner), self_id()) || !l->count)) {
    if (tp_rt.debug)
      tp_misuse(CALLER, "omp_unset_nest_lock on a lock the calling task does not "
                "hold; ignored");
    return;
  }
  if (--l->count)
    return;
  TP_OMPT(tp_ompt_mutex(TP_OMPT_NEST_LOCK, l, false));
  owner_unlock(&l->owner);
}

int tp_omp_test_nest_lock(struct nest_lock *l) {
  uint32_t me = self_id();
  uint32_t cur = tp_load(&l->owner);
  if (held_by(cur, me))
    return (int)++l->count;
  cur = 0;
  if (!tp_cas(&l->owner, &cur, me))
    return 0;
  l->count = 1;
  TP_OMPT(tp_ompt_mutex(TP_OMPT_NEST_LOCK, l, true));
  return 1;
}

VERSIONED(omp_init_lock, void, (uint32_t *l), (l))
VERSIONED(omp_destroy_lock, void, (uint32_t *l), (l))
VERSIONED(omp_set_lock, void, (uint32_t *l), (l))
VERSIONED(omp_unset_lock, void, (uint32_t *l), (l))
VERSIONED(omp_test_lock, int, (uint32_t *l), (l))
VERSIONED(omp_init_nest_lock, void, (struct nest_lock *l), (l))
VERSIONED(omp_destroy_nest_lock, void, (struct nest_lock *l), (l))
VERSIONED(omp_set_nest_lock, void, (struct nest_lock *l), (l))
VERSIONED(omp_unset_nest_lock, void, (struct nest_lock *l), (l))
VERSIONED(omp_test_nest_lock, int, (struct nest_lock *l), (l))

/* Declared by gcc 12's omp.h but not exported by its libgomp; hints are
 * permitted to be ignored. */
void omp_init_lock_with_hint(uint32_t *l, int hint) {
  (void)hint;
  tp_omp_init_lock(l);
}
void omp_init_nest_lock_with_hint(struct nest_lock *l, int hint) {
  (void)hint;
  tp_omp_init_nest_lock(l);
}
