/* device.c — devices and omp_target_* on a host without offloading.
 * There are no target devices: omp_get_num_devices() is 0 and the initial
 * (host) device number is 0 as well (libgomp: the number of devices).
 * Memory routines work for the initial device; any other device number is
 * invalid (NULL, EINVAL or 0, as the spec prescribes for each). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/rt.h"
#include "../../runtime/task.h"
#include "misuse.h"

#define HOST 0

int omp_get_num_devices(void) { return 0; }
int omp_get_initial_device(void) { return HOST; }
int omp_get_device_num(void) { return HOST; }
int omp_is_initial_device(void) { return 1; }

void omp_set_default_device(int d) {
  if (d < 0)
    API_MISUSE("omp_set_default_device(%d): negative; device 0 used", d);
  tp_task_cur(tp_self())->icv.default_device = d >= 0 ? d : 0;
}
int omp_get_default_device(void) { return tp_self()->task->icv.default_device; }

/* A device number that names no device: reported with TEMPO_DEBUG=1. */
#define BAD_DEVICE(routine, d)                                                   API_MISUSE("%s: device %d does not exist (this host has no offload "                      "devices; the host is device %d)", routine, d, HOST)

void *omp_target_alloc(size_t size, int device) {
  if (device == HOST)
    return malloc(size);
  BAD_DEVICE("omp_target_alloc", device);
  return NULL;
}

void omp_target_free(void *p, int device) {
  if (device == HOST)
    free(p);
  else
    BAD_DEVICE("omp_target_free", device);
}

int omp_target_is_present(const void *p, int device) {
  return p == NULL || device == HOST;
}

int omp_target_memcpy(void *dst, const void *src, size_t len, size_t dst_off,
                      size_t src_off, int dst_dev, int src_dev) {
  if (dst_dev != HOST || src_dev != HOST) {
    BAD_DEVICE("omp_target_memcpy", dst_dev != HOST ? dst_dev : src_dev);
    return EINVAL;
  }
  memmove((char *)dst + dst_off, (const char *)src + src_off, len);
  return 0;
}

/* One dimension at a time: the outermost index walks slices of the inner
 * dimensions' sizes. */
static int rect(char *dst, const char *src, size_t elem, int dims, const size_t *vol,
                const size_t *doff, const size_t *soff, const size_t *ddim,
                const size_t *sdim) {
  size_t dslice = elem, sslice = elem, d0, s0;
  for (int i = 1; i < dims; i++)
    if (__builtin_mul_overflow(dslice, ddim[i], &dslice) ||
        __builtin_mul_overflow(sslice, sdim[i], &sslice))
      return EINVAL;
  if (__builtin_mul_overflow(dslice, doff[0], &d0) ||
      __builtin_mul_overflow(sslice, soff[0], &s0))
    return EINVAL;
  if (dims == 1) {
    size_t len;
    if (__builtin_mul_overflow(elem, vol[0], &len))
      return EINVAL;
    memmove(dst + d0, src + s0, len);
    return 0;
  }
  for (size_t j = 0; j < vol[0]; j++) {
    int r = rect(dst + d0 + j * dslice, src + s0 + j * sslice, elem, dims - 1,
                 vol + 1, doff + 1, soff + 1, ddim + 1, sdim + 1);
    if (r)
      return r;
  }
  return 0;
}

int omp_target_memcpy_rect(void *dst, const void *src, size_t elem, int dims,
                           const size_t *vol, const size_t *doff, const size_t *soff,
                           const size_t *ddim, const size_t *sdim, int dst_dev,
                           int src_dev) {
  if (!dst && !src)
    return INT_MAX; /* query: any number of dimensions is supported */
  if (dst_dev != HOST || src_dev != HOST) {
    BAD_DEVICE("omp_target_memcpy_rect", dst_dev != HOST ? dst_dev : src_dev);
    return EINVAL;
  }
  if (dims < 1)
    return EINVAL;
  return rect(dst, src, elem, dims, vol, doff, soff, ddim, sdim);
}

/* Associating host memory with the host itself is meaningless; libgomp
 * refuses it too. */
int omp_target_associate_ptr(const void *h, const void *d, size_t size,
                             size_t off, int device) {
  (void)h, (void)d, (void)size, (void)off, (void)device;
  return EINVAL;
}

int omp_target_disassociate_ptr(const void *p, int device) {
  (void)p, (void)device;
  return EINVAL;
}
