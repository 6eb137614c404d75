/* kmp.c — LLVM libomp's extension API (kmp_*) and its ompc_* names, which
 * clang programs call (LLVM's omp.h even renames omp_display_affinity and
 * its kin to ompc_*): each does what Tempo can of the same thing, and says
 * so once where it cannot.  Without them a preloaded clang program would
 * bind these calls to a second runtime. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/rt.h"
#include "../kmpc/kmpc.h" /* libomp's types and kinds */

void omp_set_num_threads(int n);
void omp_set_dynamic(int on);
void omp_set_nested(int on);
void omp_set_max_active_levels(int n);
void omp_set_schedule(int kind, int chunk);
int omp_get_ancestor_thread_num(int level);
int omp_get_team_size(int level);
void omp_set_affinity_format(const char *format);
size_t omp_get_affinity_format(char *buf, size_t size);
void omp_display_affinity(const char *format);
size_t omp_capture_affinity(char *buf, size_t size, const char *format);

/* --- stack size, wait time, library mode ---------------------------------- */

/* The stack of worker threads created from now on (libomp's rule too:
 * threads already running keep theirs). */
void kmp_set_stacksize_s(size_t size) { tp_store(&tp_rt.g.stacksize, size); }
size_t kmp_get_stacksize_s(void) { return tp_load(&tp_rt.g.stacksize); }
void kmp_set_stacksize(int size) { kmp_set_stacksize_s(size > 0 ? (size_t)size : 0); }
int kmp_get_stacksize(void) {
  size_t s = kmp_get_stacksize_s();
  return s > 0x7fffffff ? 0x7fffffff : (int)s;
}

/* Block time: how long a waiting thread spins before it sleeps. */
void kmp_set_blocktime(int ms) { tp_spin_set_ms(ms > 0 ? (unsigned long)ms : 0); }
int kmp_get_blocktime(void) {
  unsigned long ms = tp_spin_get_ms();
  return ms > 0x7fffffff ? 0x7fffffff : (int)ms;
}

/* Library modes: serial (one thread), turnaround (waiting threads never
 * sleep), throughput (spin a while, then sleep: the default). */
enum { KMP_LIBRARY_SERIAL = 1, KMP_LIBRARY_TURNAROUND = 2, KMP_LIBRARY_THROUGHPUT = 3 };
void kmp_set_library(int mode) {
  switch (mode) {
  case KMP_LIBRARY_SERIAL:
    omp_set_num_threads(1);
    break;
  case KMP_LIBRARY_TURNAROUND:
    tp_spin_set_ms(~0ul);
    break;
  case KMP_LIBRARY_THROUGHPUT:
    tp_spin_set_ms(TP_SPIN_DEFAULT_MS);
    break;
  default:
    tp_warn("kmp_set_library(%d): not a library mode; ignored", mode);
  }
}
void kmp_set_library_serial(void) { kmp_set_library(KMP_LIBRARY_SERIAL); }
void kmp_set_library_turnaround(void) { kmp_set_library(KMP_LIBRARY_TURNAROUND); }
void kmp_set_library_throughput(void) { kmp_set_library(KMP_LIBRARY_THROUGHPUT); }
int kmp_get_library(void) {
  return tp_spin_get_ms() == ~0ul ? KMP_LIBRARY_TURNAROUND : KMP_LIBRARY_THROUGHPUT;
}

static void defaults_ignored(const char *str, size_t len) {
  tp_warn("kmp_set_defaults(\"%.*s\"): settings are read from the environment at start-up "
          "in Tempo; ignored", len > 0x7fffffff ? 0x7fffffff : (int)len, str ? str : "");
}
void kmp_set_defaults(const char *str) { defaults_ignored(str, str ? strlen(str) : 0); }

/* libomp's number of dispatch buffers: Tempo's loops need no such setting. */
void kmp_set_disp_num_buffers(int n) { (void)n; }

/* Tempo warns only about settings, once, at start-up: nothing to switch. */
void kmp_set_warnings_on(void) {}
void kmp_set_warnings_off(void) {}

int kmp_get_num_known_threads(void) { return (int)tp_load(&tp_rt.next_uid); }

int kmp_get_cancellation_status(int kind) {
  int which = kmpc_cancel_mask(kind);
  return which && tp_cancellation_point(tp_self(), which);
}

/* --- memory ---------------------------------------------------------------- */

void *kmp_malloc(size_t size) { return malloc(size); }
void *kmp_calloc(size_t n, size_t size) { return calloc(n, size); }
void *kmp_realloc(void *p, size_t size) { return realloc(p, size); }
void kmp_free(void *p) { free(p); }
void *kmp_aligned_malloc(size_t size, size_t align) {
  void *p = NULL;
  if (align < sizeof(void *))
    align = sizeof(void *);
  return posix_memalign(&p, align, size) == 0 ? p : NULL;
}

/* --- affinity masks: a cpu_set_t behind the handle ------------------------ */

typedef void *kmp_affinity_mask_t;

void kmp_create_affinity_mask(kmp_affinity_mask_t *mask) {
  cpu_set_t *set = tp_calloc(1, sizeof *set);
  *mask = set;
}
void kmp_destroy_affinity_mask(kmp_affinity_mask_t *mask) {
  free(*mask);
  *mask = NULL;
}
static int proc_ok(int proc, kmp_affinity_mask_t *mask) {
  return mask && *mask && proc >= 0 && proc < CPU_SETSIZE;
}
int kmp_set_affinity_mask_proc(int proc, kmp_affinity_mask_t *mask) {
  if (!proc_ok(proc, mask))
    return -1;
  CPU_SET(proc, (cpu_set_t *)*mask);
  return 0;
}
int kmp_unset_affinity_mask_proc(int proc, kmp_affinity_mask_t *mask) {
  if (!proc_ok(proc, mask))
    return -1;
  CPU_CLR(proc, (cpu_set_t *)*mask);
  return 0;
}
int kmp_get_affinity_mask_proc(int proc, kmp_affinity_mask_t *mask) {
  if (!proc_ok(proc, mask))
    return -1;
  return CPU_ISSET(proc, (cpu_set_t *)*mask) != 0;
}
/* The calling thread's own affinity (0 on success, as libomp). */
int kmp_set_affinity(kmp_affinity_mask_t *mask) {
  if (!mask || !*mask)
    return -1;
  return sched_setaffinity(0, sizeof(cpu_set_t), *mask) == 0 ? 0 : -1;
}
int kmp_get_affinity(kmp_affinity_mask_t *mask) {
  if (!mask || !*mask)
    return -1;
  return sched_getaffinity(0, sizeof(cpu_set_t), *mask) == 0 ? 0 : -1;
}
int kmp_get_affinity_max_proc(void) { return (int)tp_rt.ncpus; }

/* --- ompc_*: libomp's names of OpenMP routines ----------------------------- */

void ompc_set_num_threads(int n) { omp_set_num_threads(n); }
void ompc_set_dynamic(int on) { omp_set_dynamic(on); }
void ompc_set_nested(int on) { omp_set_nested(on); }
void ompc_set_max_active_levels(int n) { omp_set_max_active_levels(n); }
void ompc_set_schedule(int kind, int chunk) { omp_set_schedule(kind, chunk); }
int ompc_get_ancestor_thread_num(int level) { return omp_get_ancestor_thread_num(level); }
int ompc_get_team_size(int level) { return omp_get_team_size(level); }
void ompc_set_affinity_format(const char *format) { omp_set_affinity_format(format); }
size_t ompc_get_affinity_format(char *buf, size_t size) {
  return omp_get_affinity_format(buf, size);
}
void ompc_display_affinity(const char *format) { omp_display_affinity(format); }
size_t ompc_capture_affinity(char *buf, size_t size, const char *format) {
  return omp_capture_affinity(buf, size, format);
}

/* --- the Fortran forms: arguments by reference, sizes as the compiler's
 * default integers and kinds (as libomp takes them) ------------------------ */

void kmp_set_stacksize_(const int32_t *size) { kmp_set_stacksize(*size); }
void kmp_set_stacksize_s_(const size_t *size) { kmp_set_stacksize_s(*size); }
int32_t kmp_get_stacksize_(void) { return kmp_get_stacksize(); }
size_t kmp_get_stacksize_s_(void) { return kmp_get_stacksize_s(); }
void kmp_set_blocktime_(const int32_t *ms) { kmp_set_blocktime(*ms); }
int32_t kmp_get_blocktime_(void) { return kmp_get_blocktime(); }
void kmp_set_library_(const int32_t *mode) { kmp_set_library(*mode); }
void kmp_set_library_serial_(void) { kmp_set_library_serial(); }
void kmp_set_library_turnaround_(void) { kmp_set_library_turnaround(); }
void kmp_set_library_throughput_(void) { kmp_set_library_throughput(); }
int32_t kmp_get_library_(void) { return kmp_get_library(); }
void kmp_set_disp_num_buffers_(const int32_t *n) { kmp_set_disp_num_buffers(*n); }
void kmp_set_warnings_on_(void) {}
void kmp_set_warnings_off_(void) {}
int32_t kmp_get_num_known_threads_(void) { return kmp_get_num_known_threads(); }
int32_t kmp_get_cancellation_status_(const int32_t *kind) {
  return kmp_get_cancellation_status(*kind);
}

/* A Fortran string: its length comes as a hidden argument. */
void kmp_set_defaults_(const char *str, size_t len) { defaults_ignored(str, len); }

void *kmp_malloc_(const size_t *size) { return kmp_malloc(*size); }
void *kmp_aligned_malloc_(const size_t *size, const size_t *align) {
  return kmp_aligned_malloc(*size, *align);
}
void *kmp_calloc_(const size_t *n, const size_t *size) { return kmp_calloc(*n, *size); }
void *kmp_realloc_(void **p, const size_t *size) { return kmp_realloc(*p, *size); }
void kmp_free_(void **p) { kmp_free(*p); }

void kmp_create_affinity_mask_(kmp_affinity_mask_t *mask) { kmp_create_affinity_mask(mask); }
void kmp_destroy_affinity_mask_(kmp_affinity_mask_t *mask) { kmp_destroy_affinity_mask(mask); }
int32_t kmp_set_affinity_mask_proc_(const int32_t *proc, kmp_affinity_mask_t *mask) {
  return kmp_set_affinity_mask_proc(*proc, mask);
}
int32_t kmp_unset_affinity_mask_proc_(const int32_t *proc, kmp_affinity_mask_t *mask) {
  return kmp_unset_affinity_mask_proc(*proc, mask);
}
int32_t kmp_get_affinity_mask_proc_(const int32_t *proc, kmp_affinity_mask_t *mask) {
  return kmp_get_affinity_mask_proc(*proc, mask);
}
int32_t kmp_set_affinity_(kmp_affinity_mask_t *mask) { return kmp_set_affinity(mask); }
int32_t kmp_get_affinity_(kmp_affinity_mask_t *mask) { return kmp_get_affinity(mask); }
int32_t kmp_get_affinity_max_proc_(void) { return kmp_get_affinity_max_proc(); }
