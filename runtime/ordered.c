/* ordered.c — ordered regions inside loops with the ordered clause.
 *
 * gcc does not tell the runtime which iteration an ordered region belongs
 * to, and an iteration may skip its ordered region altogether, so the turn
 * is passed per chunk, not per iteration: ws->ord_next is the first logical
 * iteration of the chunk whose member may run ordered regions.  A member's
 * ordered regions in chunk [lo, hi) wait until ord_next reaches lo; when
 * the member is done with the chunk (its next GOMP_loop_*_next, or the
 * loop's end) it waits for its turn the same way — even if it ran no
 * ordered region — and sets ord_next = hi.  Chunks tile 0 .. n-1 under every
 * schedule, so the turn visits them all in iteration order.  ord_next only
 * grows, so "reached" (>=) is the wait condition. */
#include "ws.h"

void tp_ordered_start(struct tp_thread *self) {
  struct tp_team *team = self->team;
  if (team->nthreads == 1)
    return; /* alone: always our turn */
  struct tp_ws *ws = team->member[self->tid].ws;
  if (!ws || !ws->ordered)
    return; /* not in an ordered loop: nothing to order against */
  struct tp_ws_cursor *cur = tp_ws_cursor(team, self->tid);
  if (cur->held)
    tp_ws_wait64(self, ws, &ws->ord_next, cur->lo);
}

void tp_ordered_pass(struct tp_thread *self, struct tp_ws *ws,
                     struct tp_ws_cursor *cur) {
  cur->held = false;
  if (self->team->nthreads == 1)
    return;
  tp_ws_wait64(self, ws, &ws->ord_next, cur->lo);
  tp_store_sc(&ws->ord_next, cur->hi);
  tp_ws_wake(self, ws, &ws->ord_next);
}
