/* fortran.c — the Fortran omp_* API (omp_lib module / omp_lib.h).
 *
 * gfortran passes arguments by reference and character arguments as a
 * pointer plus a trailing hidden length (no NUL; results are blank-padded).
 * The _8_ variants take 64-bit integers (-fdefault-integer-8); values are
 * clamped into int range as libgomp does.  Lock kinds on x86-64 are 4
 * (omp_lock_kind) and 8 (omp_nest_lock_kind): Tempo's C locks are 4 and 8
 * bytes, so the Fortran lock variable is the lock itself.  The lock routines
 * exist as name@OMP_1.0 and name@@OMP_3.0, like the C ones (lock.c). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/affinity.h"
#include "../../runtime/alloc.h"
#include "../../runtime/env.h"
#include "../../runtime/rt.h"

#define TO_INT(x) ((x) > INT_MAX ? INT_MAX : (x) < INT_MIN ? INT_MIN : (int)(x))

/* The C routines these wrap (their definitions are in abi/omp/). */
void tp_omp_init_lock(uint32_t *);
void tp_omp_destroy_lock(uint32_t *);
void tp_omp_set_lock(uint32_t *);
void tp_omp_unset_lock(uint32_t *);
int tp_omp_test_lock(uint32_t *);
void tp_omp_init_nest_lock(void *);
void tp_omp_destroy_nest_lock(void *);
void tp_omp_set_nest_lock(void *);
void tp_omp_unset_nest_lock(void *);
int tp_omp_test_nest_lock(void *);
void tp_get_place_proc_ids_8(int place, int64_t *ids);
void omp_set_num_threads(int);
int omp_get_num_threads(void);
int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_procs(void);
int omp_in_parallel(void);
void omp_set_dynamic(int);
int omp_get_dynamic(void);
void omp_set_nested(int);
int omp_get_nested(void);
double omp_get_wtime(void);
double omp_get_wtick(void);
void omp_set_schedule(int, int);
void omp_get_schedule(int *, int *);
int omp_get_thread_limit(void);
void omp_set_max_active_levels(int);
int omp_get_max_active_levels(void);
int omp_get_supported_active_levels(void);
int omp_get_level(void);
int omp_get_ancestor_thread_num(int);
int omp_get_team_size(int);
int omp_get_active_level(void);
int omp_in_final(void);
void omp_set_num_teams(int);
int omp_get_max_teams(void);
void omp_set_teams_thread_limit(int);
int omp_get_teams_thread_limit(void);
int omp_get_cancellation(void);
int omp_get_proc_bind(void);
int omp_get_num_places(void);
int omp_get_place_num_procs(int);
void omp_get_place_proc_ids(int, int *);
int omp_get_place_num(void);
int omp_get_partition_num_places(void);
void omp_get_partition_place_nums(int *);
void omp_set_default_device(int);
int omp_get_default_device(void);
int omp_get_num_devices(void);
int omp_get_num_teams(void);
int omp_get_team_num(void);
int omp_is_initial_device(void);
int omp_get_initial_device(void);
int omp_get_device_num(void);
int omp_get_max_task_priority(void);
void omp_fulfill_event(uintptr_t);
int omp_pause_resource(int, int);
int omp_pause_resource_all(int);
uintptr_t omp_init_allocator(uintptr_t, int, const struct tp_alloctrait *);
void omp_destroy_allocator(uintptr_t);
void omp_set_default_allocator(uintptr_t);
uintptr_t omp_get_default_allocator(void);
void omp_display_env(int);

/* ---- locks (two symbol versions each) --------------------------------- */

#define FVERSIONED(name, ret, params)                                          \
  __asm__(".symver " #name "_10, " #name "@OMP_1.0");                          \
  __asm__(".symver " #name "_30, " #name "@@OMP_3.0");                         \
  ret name##_30 params __attribute__((alias("tp_f_" #name)));                  \
  ret name##_10 params __attribute__((alias("tp_f_" #name)));

void tp_f_omp_init_lock_(uint32_t *l) { tp_omp_init_lock(l); }
void tp_f_omp_destroy_lock_(uint32_t *l) { tp_omp_destroy_lock(l); }
void tp_f_omp_set_lock_(uint32_t *l) { tp_omp_set_lock(l); }
void tp_f_omp_unset_lock_(uint32_t *l) { tp_omp_unset_lock(l); }
int32_t tp_f_omp_test_lock_(uint32_t *l) { return tp_omp_test_lock(l); }
void tp_f_omp_init_nest_lock_(uint64_t *l) { tp_omp_init_nest_lock(l); }
void tp_f_omp_destroy_nest_lock_(uint64_t *l) { tp_omp_destroy_nest_lock(l); }
void tp_f_omp_set_nest_lock_(uint64_t *l) { tp_omp_set_nest_lock(l); }
void tp_f_omp_unset_nest_lock_(uint64_t *l) { tp_omp_unset_nest_lock(l); }
int32_t tp_f_omp_test_nest_lock_(uint64_t *l) { return tp_omp_test_nest_lock(l); }

FVERSIONED(omp_init_lock_, void, (uint32_t *l))
FVERSIONED(omp_destroy_lock_, void, (uint32_t *l))
FVERSIONED(omp_set_lock_, void, (uint32_t *l))
FVERSIONED(omp_unset_lock_, void, (uint32_t *l))
FVERSIONED(omp_test_lock_, int32_t, (uint32_t *l))
FVERSIONED(omp_init_nest_lock_, void, (uint64_t *l))
FVERSIONED(omp_destroy_nest_lock_, void, (uint64_t *l))
FVERSIONED(omp_set_nest_lock_, void, (uint64_t *l))
FVERSIONED(omp_unset_nest_lock_, void, (uint64_t *l))
FVERSIONED(omp_test_nest_lock_, int32_t, (uint64_t *l))

/* ---- simple wrappers --------------------------------------------------- */

/* int32_t name_(void) { return c(); } */
#define GET(name, c) int32_t name##_(void) { return c(); }
/* void name_(const int32_t *v) / name_8_(const int64_t *v) { c(*v); } */
#define SET(name, c)                                                           \
  void name##_(const int32_t *v) { c(*v); }                                    \
  void name##_8_(const int64_t *v) { c(TO_INT(*v)); }

GET(omp_get_num_threads, omp_get_num_threads)
GET(omp_get_max_threads, omp_get_max_threads)
GET(omp_get_thread_num, omp_get_thread_num)
GET(omp_get_num_procs, omp_get_num_procs)
GET(omp_in_parallel, omp_in_parallel)
GET(omp_get_dynamic, omp_get_dynamic)
GET(omp_get_nested, omp_get_nested)
GET(omp_get_thread_limit, omp_get_thread_limit)
GET(omp_get_max_active_levels, omp_get_max_active_levels)
GET(omp_get_supported_active_levels, omp_get_supported_active_levels)
GET(omp_get_level, omp_get_level)
GET(omp_get_active_level, omp_get_active_level)
GET(omp_in_final, omp_in_final)
GET(omp_get_max_teams, omp_get_max_teams)
GET(omp_get_teams_thread_limit, omp_get_teams_thread_limit)
GET(omp_get_cancellation, omp_get_cancellation)
GET(omp_get_proc_bind, omp_get_proc_bind)
GET(omp_get_num_places, omp_get_num_places)
GET(omp_get_place_num, omp_get_place_num)
GET(omp_get_partition_num_places, omp_get_partition_num_places)
GET(omp_get_default_device, omp_get_default_device)
GET(omp_get_num_devices, omp_get_num_devices)
GET(omp_get_num_teams, omp_get_num_teams)
GET(omp_get_team_num, omp_get_team_num)
GET(omp_is_initial_device, omp_is_initial_device)
GET(omp_get_initial_device, omp_get_initial_device)
GET(omp_get_device_num, omp_get_device_num)
GET(omp_get_max_task_priority, omp_get_max_task_priority)

/* Fortran logicals arrive as integers; any non-zero value is true. */
SET(omp_set_dynamic, omp_set_dynamic)
SET(omp_set_nested, omp_set_nested)
SET(omp_set_num_threads, omp_set_num_threads)
SET(omp_set_max_active_levels, omp_set_max_active_levels)
SET(omp_set_num_teams, omp_set_num_teams)
SET(omp_set_teams_thread_limit, omp_set_teams_thread_limit)
SET(omp_set_default_device, omp_set_default_device)

double omp_get_wtime_(void) { return omp_get_wtime(); }
double omp_get_wtick_(void) { return omp_get_wtick(); }

void omp_set_schedule_(const int32_t *kind, const int32_t *chunk) {
  omp_set_schedule(*kind, *chunk);
}
void omp_set_schedule_8_(const int32_t *kind, const int64_t *chunk) {
  omp_set_schedule(*kind, TO_INT(*chunk));
}
void omp_get_schedule_(int32_t *kind, int32_t *chunk) {
  int k, c;
  omp_get_schedule(&k, &c);
  *kind = k;
  *chunk = c;
}
void omp_get_schedule_8_(int32_t *kind, int64_t *chunk) {
  int k, c;
  omp_get_schedule(&k, &c);
  *kind = k;
  *chunk = c;
}

int32_t omp_get_ancestor_thread_num_(const int32_t *l) { return omp_get_ancestor_thread_num(*l); }
int32_t omp_get_ancestor_thread_num_8_(const int64_t *l) {
  return omp_get_ancestor_thread_num(TO_INT(*l));
}
int32_t omp_get_team_size_(const int32_t *l) { return omp_get_team_size(*l); }
int32_t omp_get_team_size_8_(const int64_t *l) { return omp_get_team_size(TO_INT(*l)); }

int32_t omp_get_place_num_procs_(const int32_t *p) { return omp_get_place_num_procs(*p); }
int32_t omp_get_place_num_procs_8_(const int64_t *p) {
  return omp_get_place_num_procs(TO_INT(*p));
}
void omp_get_place_proc_ids_(const int32_t *p, int32_t *ids) {
  omp_get_place_proc_ids(*p, (int *)ids);
}
void omp_get_place_proc_ids_8_(const int64_t *p, int64_t *ids) {
  tp_get_place_proc_ids_8(TO_INT(*p), ids);
}
void omp_get_partition_place_nums_(int32_t *nums) { omp_get_partition_place_nums((int *)nums); }
void omp_get_partition_place_nums_8_(int64_t *nums) {
  int n = omp_get_partition_num_places();
  int tmp[n > 0 ? n : 1];
  omp_get_partition_place_nums(tmp);
  for (int i = 0; i < n; i++)
    nums[i] = tmp[i];
}

void omp_fulfill_event_(intptr_t event) { omp_fulfill_event((uintptr_t)event); }

int32_t omp_pause_resource_(const int32_t *kind, const int32_t *dev) {
  return omp_pause_resource(*kind, *dev);
}
int32_t omp_pause_resource_all_(const int32_t *kind) { return omp_pause_resource_all(*kind); }

intptr_t omp_init_allocator_(const intptr_t *ms, const int32_t *n,
                             const struct tp_alloctrait *traits) {
  return (intptr_t)omp_init_allocator((uintptr_t)*ms, *n, traits);
}
intptr_t omp_init_allocator_8_(const intptr_t *ms, const int64_t *n,
                               const struct tp_alloctrait *traits) {
  return (intptr_t)omp_init_allocator((uintptr_t)*ms, TO_INT(*n), traits);
}
void omp_destroy_allocator_(const intptr_t *a) { omp_destroy_allocator((uintptr_t)*a); }
void omp_set_default_allocator_(const intptr_t *a) { omp_set_default_allocator((uintptr_t)*a); }
intptr_t omp_get_default_allocator_(void) { return (intptr_t)omp_get_default_allocator(); }

void omp_display_env_(const int32_t *v) { omp_display_env(*v != 0); }
void omp_display_env_8_(const int64_t *v) { omp_display_env(*v != 0); }

/* ---- character arguments ---------------------------------------------- */

void omp_set_affinity_format_(const char *format, size_t len) {
  tp_self();
  tp_set_affinity_format(format, len);
}

/* Copies s into a blank-padded Fortran buffer; returns strlen(s). */
static int32_t to_fortran(char *buf, size_t size, const char *s, size_t n) {
  if (size) {
    size_t k = n < size ? n : size;
    memcpy(buf, s, k);
    memset(buf + k, ' ', size - k);
  }
  return n > INT32_MAX ? INT32_MAX : (int32_t)n;
}

int32_t omp_get_affinity_format_(char *buf, size_t size) {
  tp_self();
  const char *f = tp_load_acq(&tp_rt.g.affinity_format);
  return to_fortran(buf, size, f, strlen(f));
}

/* A NUL-terminated copy of a Fortran string, or NULL for an empty one
 * (meaning affinity-format-var). */
static char *c_string(const char *s, size_t len, char *small, size_t smallsize) {
  if (!len)
    return NULL;
  char *p = len < smallsize ? small : tp_malloc(len + 1);
  memcpy(p, s, len);
  p[len] = 0;
  return p;
}

void omp_display_affinity_(const char *format, size_t len) {
  char small[256];
  char *f = c_string(format, len, small, sizeof small);
  tp_affinity_display(tp_self(), f);
  if (f != small)
    free(f);
}

int32_t omp_capture_affinity_(char *buf, const char *format, size_t size, size_t len) {
  char small[256];
  char *f = c_string(format, len, small, sizeof small);
  struct tp_thread *self = tp_self();
  size_t n = tp_affinity_capture(self, NULL, 0, f);
  char *tmp = tp_malloc(n + 1);
  tp_affinity_capture(self, tmp, n + 1, f);
  int32_t r = to_fortran(buf, size, tmp, n);
  free(tmp);
  if (f != small)
    free(f);
  return r;
}
