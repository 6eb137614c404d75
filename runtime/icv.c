/* icv.c — ICV inheritance between nesting levels. */
#include "icv.h"
#include "rt.h"

void tp_icv_for_child(const struct tp_icv *parent, struct tp_icv *child) {
  *child = *parent;
  unsigned np = parent->nthreads_pos + 1u;
  if (np < tp_rt.g.nthreads_list_len) {
    child->nthreads = tp_rt.g.nthreads_list[np];
    child->nthreads_pos = (unsigned char)np;
  }
  unsigned bp = parent->bind_pos + 1u;
  if (bp < tp_rt.g.bind_list_len) {
    child->bind = tp_rt.g.bind_list[bp];
    child->bind_pos = (unsigned char)bp;
  }
}
