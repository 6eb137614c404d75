/* suggest.h — "did you mean ...?" for a misspelt name (suggest.c).
 *
 * tp_closest_name() returns the entry of names[0..n) closest to the first
 * len bytes of word by edit distance (insertions, deletions, substitutions,
 * case-insensitive), or NULL when even the closest one differs in more than
 * half of its own characters after `skip` (a shared prefix such as
 * "TEMPO_" says nothing about which name was meant).  Ties go to the
 * earlier entry.  Pure: no allocation beyond the stack, no side effects. */
#ifndef TEMPO_SUGGEST_H
#define TEMPO_SUGGEST_H

#include <stddef.h>

#include "sys.h"

const char *tp_closest_name(const char *word, size_t len, const char *const *names,
                            size_t n, size_t skip) tp_hidden;

#endif
