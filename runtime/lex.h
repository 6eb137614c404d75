/* lex.h — the few scanning helpers every environment-value parser uses
 * (env.c, places.c), so blanks and numbers are read the same way everywhere. */
#ifndef TEMPO_LEX_H
#define TEMPO_LEX_H

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

static inline const char *tp_skip_ws(const char *s) {
  while (isspace((unsigned char)*s))
    s++;
  return s;
}

/* An unsigned decimal number after optional blanks; returns the position
 * after it, or NULL for no digits, a sign, or overflow. */
static inline const char *tp_parse_ulong(const char *s, unsigned long *out) {
  s = tp_skip_ws(s);
  if (!isdigit((unsigned char)*s))
    return NULL;
  errno = 0;
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (errno)
    return NULL;
  *out = v;
  return end;
}

#endif
