/* atomic_rmw.h — how a __kmpc_atomic_* entry point touches memory.  Used
 * only by the code abi/kmpc/gen_atomic.py generates.
 *
 * Contract: an object is accessed one of two ways, chosen from its address
 * and size alone, so every entry point that reaches the same object agrees:
 *   - lock-free: 1, 2, 4 or 8 bytes at a naturally aligned address.  A read
 *     is an atomic load, a write an atomic store, a swap an exchange, and a
 *     read-modify-write a compare-and-swap loop on the object's bit pattern
 *     (a float is never compared as a value: NaN != NaN and -0.0 == 0.0
 *     would make the loop spin or lose an update);
 *   - locked: anything else (long double, complex types wider than 8 bytes,
 *     misaligned objects): the access runs under tp_addr_lock(address)
 *     (runtime/addrlock.h), bytes moved with memcpy.
 * All atomic operations are sequentially consistent.
 *
 * In the read-modify-write macros, STEP (the trailing arguments) computes
 * n from o, and may set `store = false` to leave memory as it is (min/max
 * when o already wins); it may run several times, so it has no other side
 * effects.  On return o holds the value found and n the value stored. */
#ifndef TEMPO_KMPC_ATOMIC_RMW_H
#define TEMPO_KMPC_ATOMIC_RMW_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "addrlock.h"

#define KA_ORDER __ATOMIC_SEQ_CST

static inline bool ka_lockfree(const void *p, unsigned size) {
  return size <= 8 && ((uintptr_t)p & (size - 1)) == 0;
}

#define KA_RMW_LOCKED(lhs, o, n, ...)                                          \
  do {                                                                         \
    bool store = true;                                                         \
    tp_addr_lock(lhs);                                                         \
    memcpy(&(o), (lhs), sizeof(o));                                            \
    __VA_ARGS__;                                                               \
    if (store)                                                                 \
      memcpy((lhs), &(n), sizeof(n));                                          \
    tp_addr_unlock(lhs);                                                       \
  } while (0)

#define KA_RMW(BITS, lhs, o, n, ...)                                           \
  do {                                                                         \
    if (ka_lockfree((lhs), BITS / 8)) {                                        \
      uint##BITS##_t *ka_p = (uint##BITS##_t *)(void *)(lhs);                  \
      uint##BITS##_t ka_ob = __atomic_load_n(ka_p, KA_ORDER), ka_nb;           \
      for (;;) {                                                               \
        bool store = true;                                                     \
        memcpy(&(o), &ka_ob, sizeof(o));                                       \
        __VA_ARGS__;                                                           \
        if (!store)                                                            \
          break;                                                               \
        memcpy(&ka_nb, &(n), sizeof(n));                                       \
        if (__atomic_compare_exchange_n(ka_p, &ka_ob, ka_nb, true, KA_ORDER,   \
                                        KA_ORDER))                             \
          break;                                                               \
      }                                                                        \
    } else {                                                                   \
      KA_RMW_LOCKED(lhs, o, n, __VA_ARGS__);                                   \
    }                                                                          \
  } while (0)

/* Integer add/sub/and/or/xor: one fetch-and-op instruction (FETCH is
 * add, sub, and, or, xor); STEP only recomputes n for the capture. */
#define KA_FETCH(BITS, FETCH, lhs, rhs, o, n, ...)                             \
  do {                                                                         \
    if (ka_lockfree((lhs), BITS / 8)) {                                        \
      (o) = __atomic_fetch_##FETCH((lhs), (rhs), KA_ORDER);                    \
      __VA_ARGS__;                                                             \
    } else {                                                                   \
      KA_RMW_LOCKED(lhs, o, n, __VA_ARGS__);                                   \
    }                                                                          \
  } while (0)

#define KA_READ_LOCKED(lhs, v)                                                 \
  do {                                                                         \
    tp_addr_lock(lhs);                                                         \
    memcpy(&(v), (lhs), sizeof(v));                                            \
    tp_addr_unlock(lhs);                                                       \
  } while (0)

#define KA_READ(BITS, lhs, v)                                                  \
  do {                                                                         \
    if (ka_lockfree((lhs), BITS / 8)) {                                        \
      uint##BITS##_t ka_b =                                                    \
          __atomic_load_n((uint##BITS##_t *)(void *)(lhs), KA_ORDER);          \
      memcpy(&(v), &ka_b, sizeof(v));                                          \
    } else {                                                                   \
      KA_READ_LOCKED(lhs, v);                                                  \
    }                                                                          \
  } while (0)

#define KA_WRITE_LOCKED(lhs, v)                                                \
  do {                                                                         \
    tp_addr_lock(lhs);                                                         \
    memcpy((lhs), &(v), sizeof(v));                                            \
    tp_addr_unlock(lhs);                                                       \
  } while (0)

#define KA_WRITE(BITS, lhs, v)                                                 \
  do {                                                                         \
    if (ka_lockfree((lhs), BITS / 8)) {                                        \
      uint##BITS##_t ka_b;                                                     \
      memcpy(&ka_b, &(v), sizeof(v));                                         \
      __atomic_store_n((uint##BITS##_t *)(void *)(lhs), ka_b, KA_ORDER);       \
    } else {                                                                   \
      KA_WRITE_LOCKED(lhs, v);                                                 \
    }                                                                          \
  } while (0)

#define KA_SWAP_LOCKED(lhs, o, v)                                              \
  do {                                                                         \
    tp_addr_lock(lhs);                                                         \
    memcpy(&(o), (lhs), sizeof(o));                                            \
    memcpy((lhs), &(v), sizeof(v));                                            \
    tp_addr_unlock(lhs);                                                       \
  } while (0)

#define KA_SWAP(BITS, lhs, o, v)                                               \
  do {                                                                         \
    if (ka_lockfree((lhs), BITS / 8)) {                                        \
      uint##BITS##_t ka_b;                                                     \
      memcpy(&ka_b, &(v), sizeof(v));                                         \
      ka_b = __atomic_exchange_n((uint##BITS##_t *)(void *)(lhs), ka_b,        \
                                 KA_ORDER);                                    \
      memcpy(&(o), &ka_b, sizeof(o));                                          \
    } else {                                                                   \
      KA_SWAP_LOCKED(lhs, o, v);                                               \
    }                                                                          \
  } while (0)

/* Compare-and-swap of an integer: ok = (*x == e), and if so *x = d; o is
 * the value found either way. */
#define KA_CAS(BITS, x, e, d, o, ok)                                           \
  do {                                                                         \
    (o) = (e);                                                                 \
    if (ka_lockfree((x), BITS / 8)) {                                          \
      (ok) = __atomic_compare_exchange_n((x), &(o), (d), false, KA_ORDER,      \
                                         KA_ORDER);                            \
    } else {                                                                   \
      tp_addr_lock(x);                                                         \
      memcpy(&(o), (x), sizeof(o));                                            \
      (ok) = (o) == (e);                                                       \
      if (ok)                                                                  \
        memcpy((x), &(d), sizeof(d));                                          \
      tp_addr_unlock(x);                                                       \
    }                                                                          \
  } while (0)

/* The generic entry points: f(out, a, b) computes *out = *a op *b.
 * Lock-free, it gets the old value's copy and a local result; locked, it
 * updates the object in place, f(lhs, lhs, rhs), as libomp does. */
#define KA_GENERIC(BITS, lhs, rhs, f)                                          \
  do {                                                                         \
    if (ka_lockfree((lhs), BITS / 8)) {                                        \
      uint##BITS##_t *ka_p = (uint##BITS##_t *)(lhs);                          \
      uint##BITS##_t ka_ob = __atomic_load_n(ka_p, KA_ORDER), ka_nb;           \
      do {                                                                     \
        (f)(&ka_nb, &ka_ob, (rhs));                                            \
      } while (!__atomic_compare_exchange_n(ka_p, &ka_ob, ka_nb, true,         \
                                            KA_ORDER, KA_ORDER));              \
    } else {                                                                   \
      KA_GENERIC_LOCKED(lhs, rhs, f);                                          \
    }                                                                          \
  } while (0)

#define KA_GENERIC_LOCKED(lhs, rhs, f)                                         \
  do {                                                                         \
    tp_addr_lock(lhs);                                                         \
    (f)((lhs), (lhs), (rhs));                                                  \
    tp_addr_unlock(lhs);                                                       \
  } while (0)

#endif
