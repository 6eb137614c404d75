/* affinity.c — affinity-format routines (runtime/affinity.c). */
#include <string.h>

#include "../../runtime/affinity.h"
#include "../../runtime/env.h"

void omp_set_affinity_format(const char *format) {
  tp_self();
  tp_set_affinity_format(format ? format : "", format ? strlen(format) : 0);
}

size_t omp_get_affinity_format(char *buf, size_t size) {
  tp_self();
  const char *f = tp_load_acq(&tp_rt.g.affinity_format);
  size_t n = strlen(f);
  if (size) {
    size_t k = n < size ? n : size - 1;
    memcpy(buf, f, k);
    buf[k] = 0;
  }
  return n;
}

void omp_display_affinity(const char *format) { tp_affinity_display(tp_self(), format); }

size_t omp_capture_affinity(char *buf, size_t size, const char *format) {
  return tp_affinity_capture(tp_self(), buf, size, format);
}
