/* error.c — GOMP_error / GOMP_warning: the error directive at run time
 * (runtime/sys.c: tp_error_directive), worded exactly as libgomp words it,
 * blank line before included: gcc programs' test harnesses match it.  msg
 * may be NULL; msglen is (size_t)-1 when msg is NUL-terminated. */
#include "../../runtime/sys.h"

void GOMP_warning(const char *msg, size_t msglen) {
  tp_error_directive("\nlibgomp: error directive encountered", msg, msglen, false);
}

void GOMP_error(const char *msg, size_t msglen) {
  tp_error_directive("\nlibgomp: fatal error: error directive encountered", msg, msglen, true);
}
