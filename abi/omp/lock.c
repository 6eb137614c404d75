/* lock.c — omp_*_lock and omp_*_nest_lock.
 *
 * One implementation serves gcc's omp.h (lock 4 bytes, nest lock 16) and
 * LLVM's (8 and 8): a simple lock is one 32-bit futex word (tp_mutex), a
 * nest lock is two 32-bit words {owner, count} = 8 bytes.  The owner word
 * holds the owning task's id, with the top bit set while others sleep on
 * it.  The routines exist twice, as libgomp exports them: name@OMP_1.0 (old
 * binaries) and name@@OMP_3.0 (default); both versions are aliases of the
 * same code since both layouts fit. */
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
  struct tp_task *t = tp_self()->task;
  uint32_t id = t->lock_id;
  while (!id)
    id = __atomic_add_fetch(&tp_rt.next_lock_id, 1, __ATOMIC_RELAXED) & 0x7fffffffu;
  t->lock_id = id;
  return id;
}

#define VERSIONED(name, ret, params, args)                                     \
  __asm__(".symver " #name "_10, " #name "@OMP_1.0");                          \
  __asm__(".symver " #name "_30, " #name "@@OMP_3.0");                         \
  ret name##_30 params __attribute__((alias("tp_" #name)));                    \
  ret name##_10 params __attribute__((alias("tp_" #name)));

void tp_omp_init_lock(uint32_t *l) { *l = 0; }
void tp_omp_destroy_lock(uint32_t *l) { (void)l; }
void tp_omp_set_lock(uint32_t *l) { tp_mutex_lock(l); }
void tp_omp_unset_lock(uint32_t *l) { tp_mutex_unlock(l); }
int tp_omp_test_lock(uint32_t *l) { return tp_mutex_trylock(l); }

void tp_omp_init_nest_lock(struct nest_lock *l) {
  l->owner = 0;
  l->count = 0;
}
void tp_omp_destroy_nest_lock(struct nest_lock *l) { (void)l; }

void tp_omp_set_nest_lock(struct nest_lock *l) {
  uint32_t me = self_id();
  uint32_t cur = tp_load(&l->owner);
  if ((cur & ~NEST_WAITERS) == me) {
    l->count++;
    return;
  }
  /* After sleeping once we take the lock with the waiters bit set: other
   * sleepers may remain and the next unlock must wake them. */
  uint32_t want = me;
  for (;;) {
    cur = 0;
    if (tp_cas(&l->owner, &cur, want))
      break;
    if (!(cur & NEST_WAITERS) && !tp_cas(&l->owner, &cur, cur | NEST_WAITERS))
      continue;
    tp_futex_wait(&l->owner, cur | NEST_WAITERS);
    want = me | NEST_WAITERS;
  }
  l->count = 1;
}

void tp_omp_unset_nest_lock(struct nest_lock *l) {
  if (--l->count)
    return;
  if (__atomic_exchange_n(&l->owner, 0, __ATOMIC_RELEASE) & NEST_WAITERS)
    tp_futex_wake(&l->owner, 1);
}

int tp_omp_test_nest_lock(struct nest_lock *l) {
  uint32_t me = self_id();
  uint32_t cur = tp_load(&l->owner);
  if ((cur & ~NEST_WAITERS) == me)
    return (int)++l->count;
  cur = 0;
  if (!tp_cas(&l->owner, &cur, me))
    return 0;
  l->count = 1;
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
