/* suggest.c — closest name by edit distance (see suggest.h). */
#include <ctype.h>
#include <string.h>

#include "suggest.h"

#define MAX_NAME 64 /* longer words or names are never suggested for */

/* Levenshtein distance of a[0..la) and b[0..lb), one row at a time. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb) {
  size_t row[MAX_NAME + 1];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0]; /* row[i-1][j-1] */
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
      size_t best = diag + !same;
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

const char *tp_closest_name(const char *word, size_t len, const char *const *names,
                            size_t n, size_t skip) {
  if (len > MAX_NAME)
    return NULL;
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(names[i]);
    if (l > MAX_NAME)
      continue;
    size_t d = distance(word, len, names[i], l);
    size_t own = l > skip ? l - skip : 0;
    if (d < best_d && 2 * d <= own) {
      best = names[i];
      best_d = d;
    }
  }
  return best;
}
