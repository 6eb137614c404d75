/* rt.c — the one runtime struct and the calling thread's state pointer
 * (rt.h).  Data only, on the bottom floor: every file reads them, and
 * keeping them apart from start-up code (init.c, which calls into the
 * upper layers) leaves no call circle through them. */
#include "rt.h"

struct tp_runtime tp_rt;
__thread struct tp_thread *tp_tls_self __attribute__((tls_model("initial-exec")));

uint32_t tp_thread_uid(void) {
  return __atomic_add_fetch(&tp_rt.next_uid, 1, __ATOMIC_RELAXED);
}
