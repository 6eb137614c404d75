/* sync.c — barrier, single, master/masked, critical, flush, ordered,
 * copyprivate and cancellation as clang emits them. */
#include "kmpc.h"
#include "../../runtime/ompt.h"
#include "../../runtime/ws.h"

void __kmpc_barrier(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_barrier(tp_self());
}

kmp_int32 __kmpc_single(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  return tp_single_start(tp_self());
}
/* The executor's end of the single (a tool hears of it only here). */
void __kmpc_end_single(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  TP_OMPT(tp_ompt_work_end(tp_self()));
}

/* master/masked: gcc compiles them to a thread-number test, so only this
 * shim can tell a tool of them. */
kmp_int32 __kmpc_masked(ident_t *loc, kmp_int32 gtid, kmp_int32 filter) {
  (void)loc, (void)gtid;
  struct tp_thread *self = tp_self();
  if (filter < 0 || self->tid != (unsigned)filter)
    return 0;
  TP_OMPT(tp_ompt_masked(self, true));
  return 1;
}
void __kmpc_end_masked(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  TP_OMPT(tp_ompt_masked(tp_self(), false));
}

/* master is masked with filter 0. */
kmp_int32 __kmpc_master(ident_t *loc, kmp_int32 gtid) { return __kmpc_masked(loc, gtid, 0); }
void __kmpc_end_master(ident_t *loc, kmp_int32 gtid) { __kmpc_end_masked(loc, gtid); }

/* Critical: clang emits 32 zeroed bytes per name (.gomp_critical_user_<name>.var);
 * the first word is the lock (zero is an unlocked tp_mutex).  Hints are
 * hints: the same lock serves them all. */
void __kmpc_critical(ident_t *loc, kmp_int32 gtid, kmp_critical_name *crit) {
  (void)loc, (void)gtid;
  tp_critical_enter((uint32_t *)crit, TP_OMPT_CRITICAL);
}
void __kmpc_critical_with_hint(ident_t *loc, kmp_int32 gtid, kmp_critical_name *crit,
                               uint32_t hint) {
  (void)loc, (void)gtid, (void)hint;
  tp_critical_enter((uint32_t *)crit, TP_OMPT_CRITICAL);
}
void __kmpc_end_critical(ident_t *loc, kmp_int32 gtid, kmp_critical_name *crit) {
  (void)loc, (void)gtid;
  tp_critical_leave((uint32_t *)crit, TP_OMPT_CRITICAL);
}

void __kmpc_flush(ident_t *loc) {
  (void)loc;
  tp_fence_sc();
}

/* Ordered regions: the turn passes when a member finishes its chunk
 * (runtime/ordered.c), so the end has nothing to do. */
void __kmpc_ordered(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  tp_ordered_start(tp_self());
}
void __kmpc_end_ordered(ident_t *loc, kmp_int32 gtid) { (void)loc, (void)gtid; }

/* Every member calls it after the single: the one that ran it (didit)
 * passes its data, the others copy it in with cpy_func(dst, src). */
void __kmpc_copyprivate(ident_t *loc, kmp_int32 gtid, size_t cpy_size, void *cpy_data,
                        void (*cpy_func)(void *, void *), kmp_int32 didit) {
  (void)loc, (void)gtid, (void)cpy_size;
  struct tp_thread *self = tp_self();
  void *src = tp_copyprivate_exchange(self, cpy_data, didit != 0);
  if (!didit)
    cpy_func(cpy_data, src);
  tp_barrier(self);
}

kmp_int32 __kmpc_cancel(ident_t *loc, kmp_int32 gtid, kmp_int32 kind) {
  (void)loc, (void)gtid;
  int which = kmpc_cancel_mask(kind);
  return which ? tp_cancel(tp_self(), which) : 0;
}

kmp_int32 __kmpc_cancellationpoint(ident_t *loc, kmp_int32 gtid, kmp_int32 kind) {
  (void)loc, (void)gtid;
  int which = kmpc_cancel_mask(kind);
  return which ? tp_cancellation_point(tp_self(), which) : 0;
}

kmp_int32 __kmpc_cancel_barrier(ident_t *loc, kmp_int32 gtid) {
  (void)loc, (void)gtid;
  return tp_barrier_cancel(tp_self());
}

/* The error directive: severity 1 warning, 2 fatal. */
void __kmpc_error(ident_t *loc, kmp_int32 severity, const char *message) {
  (void)loc;
  /* Tempo's own wording: clang 14 emits no error directive, and libomp's
   * numbered catalogue messages are not reproduced. */
  tp_error_directive(severity == 2 ? "tempo: fatal error: error directive encountered"
                                   : "tempo: warning: error directive encountered",
                     message, (size_t)-1, severity == 2);
}
