/* error.c — GOMP_error / GOMP_warning: the error directive at run time.
 * msg may be NULL; msglen is (size_t)-1 when msg is NUL-terminated.  The
 * wording matches libgomp 12 ("libgomp: error directive encountered: ..."
 * becomes "tempo: ..."). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/sys.h"

static int len_of(const char *msg, size_t msglen) {
  size_t n = msglen == (size_t)-1 ? strlen(msg) : strnlen(msg, msglen);
  return n > 0x7fffffff ? 0x7fffffff : (int)n;
}

void GOMP_warning(const char *msg, size_t msglen) {
  if (msg)
    tp_warn("error directive encountered: %.*s", len_of(msg, msglen), msg);
  else
    tp_warn("error directive encountered");
}

/* Not tp_fatal: that aborts, while libgomp exits with EXIT_FAILURE and
 * programs and test harnesses check for status 1. */
void GOMP_error(const char *msg, size_t msglen) {
  if (msg)
    fprintf(stderr, "tempo: fatal error: error directive encountered: %.*s\n",
            len_of(msg, msglen), msg);
  else
    fputs("tempo: fatal error: error directive encountered\n", stderr);
  exit(EXIT_FAILURE);
}
