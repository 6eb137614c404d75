/* addrlock.h — locks striped by address, for atomic updates the hardware
 * cannot do with one compare-and-swap (objects wider than 8 bytes, or
 * misaligned ones).
 *
 * Contract: tp_addr_lock(p) ... tp_addr_unlock(p), with the same p, bracket
 * a critical section that excludes every other section on the same p.  The
 * table is fixed (TP_ADDR_STRIPES locks, hashed from the address), so
 * unrelated addresses may share a lock: hold at most one at a time and keep
 * sections short (a few arithmetic instructions).  The locks are tp_mutex
 * words on their own cache lines: a waiter spins, then sleeps on a futex
 * (an oversubscribed team does not burn its time slices on a preempted
 * holder).  Usable before and without any other runtime initialisation. */
#ifndef TEMPO_ADDRLOCK_H
#define TEMPO_ADDRLOCK_H

#include "sys.h"

#define TP_ADDR_STRIPES_LOG2 8
#define TP_ADDR_STRIPES (1u << TP_ADDR_STRIPES_LOG2)

struct tp_addr_stripe {
  uint32_t word;
} tp_cacheline_aligned;

extern struct tp_addr_stripe tp_addr_stripes[TP_ADDR_STRIPES] tp_hidden;

static inline uint32_t *tp_addr_word(const void *p) {
  /* Fibonacci hashing: the multiply spreads every address bit into the top
   * bits, so neighbouring objects land on different lines. */
  uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
  return &tp_addr_stripes[h >> (64 - TP_ADDR_STRIPES_LOG2)].word;
}

static inline void tp_addr_lock(const void *p) { tp_mutex_lock(tp_addr_word(p)); }
static inline void tp_addr_unlock(const void *p) { tp_mutex_unlock(tp_addr_word(p)); }

#endif
