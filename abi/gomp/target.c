/* target.c — GOMP_target* and GOMP_offload_*: host fallback (Tempo drives
 * no offload device; omp_get_num_devices() is 0).
 *
 * A target region runs on the host as a new initial thread
 * (tp_target_run) on the variables themselves, since host and "device"
 * share memory; only firstprivate variables (map kind
 * GOMP_MAP_FIRSTPRIVATE) get a private copy, taken when the construct is
 * encountered, which the region's function finds through its hostaddrs
 * entry.  nowait makes it a deferred task (with its depend clauses); without
 * nowait, depend clauses are waited for first.  Data mapping constructs
 * (target data, enter/exit data, update) move nothing on the host: they
 * only honour their depend clauses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/rt.h"
#include "../../runtime/taskpriv.h"

#define MAP_FIRSTPRIVATE 12    /* GOMP_MAP_FIRSTPRIVATE (gomp-constants.h) */
#define TARGET_FLAG_NOWAIT 1   /* GOMP_TARGET_FLAG_NOWAIT */
#define TASK_FLAG_DEPEND 8     /* GOMP_TASK_FLAG_DEPEND */
#define ARG_DEVICE_MASK 0x7f   /* GOMP_TARGET_ARG_* encoding of `args` */
#define ARG_SUBSEQUENT 0x80
#define ARG_ID_MASK 0xff00
#define ARG_THREAD_LIMIT 0x200
#define ARG_VALUE_SHIFT 16

void GOMP_task(void (*fn)(void *), void *data, void (*cpyfn)(void *, void *),
               long arg_size, long arg_align, bool if_clause, unsigned flags,
               void **depend, int priority, void *detach);
void GOMP_taskwait_depend(void **depend);

/* A target region with everything it needs, in one block that a deferred
 * task can copy: the header, then hostaddrs[mapnum] (firstprivate entries
 * hold their offset in the block), then the firstprivate copies. */
struct job {
  void (*fn)(void *);
  size_t mapnum;
  unsigned thread_limit;
  size_t size;        /* of the whole block */
  uint64_t fp_bits[]; /* bit i: hostaddrs[i] is an offset into the block */
};

static size_t bits_words(size_t mapnum) { return (mapnum + 63) / 64; }
static void **job_addrs(struct job *j) {
  return (void **)(j->fp_bits + bits_words(j->mapnum));
}

/* thread_limit from the target's `args` (0: none given). */
static unsigned thread_limit_arg(void **args) {
  while (args && *args) {
    intptr_t id = (intptr_t)*args++, val;
    if (id & ARG_SUBSEQUENT)
      val = (intptr_t)*args++;
    else
      val = id >> ARG_VALUE_SHIFT;
    if ((id & ARG_DEVICE_MASK) == 0 && (id & ARG_ID_MASK) == ARG_THREAD_LIMIT)
      return val <= 0 ? 0 : val > INT32_MAX ? INT32_MAX : (unsigned)val;
  }
  return 0;
}

/* Alignment of entry i's private copy, or 0 if it is not firstprivate. */
static size_t fp_align(void **hostaddrs, const unsigned short *kinds, size_t i) {
  if ((kinds[i] & 0xff) != MAP_FIRSTPRIVATE || !hostaddrs[i])
    return 0;
  return (size_t)1 << (kinds[i] >> 8);
}

static size_t align_up(size_t x, size_t a) { return (x + a - 1) & ~(a - 1); }

static struct job *job_build(void (*fn)(void *), size_t mapnum, void **hostaddrs,
                             const size_t *sizes, const unsigned short *kinds,
                             void **args, size_t *align_out) {
  size_t head = sizeof(struct job) + bits_words(mapnum) * 8 + mapnum * sizeof(void *);
  size_t align = 16, size = head;
  for (size_t i = 0; i < mapnum; i++) {
    size_t a = fp_align(hostaddrs, kinds, i);
    if (a) {
      align = a > align ? a : align;
      size = align_up(size, a) + sizes[i];
    }
  }
  size = align_up(size, align);
  struct job *j = tp_aligned_alloc(align, size);
  j->fn = fn;
  j->mapnum = mapnum;
  j->thread_limit = thread_limit_arg(args);
  j->size = size;
  void **addrs = job_addrs(j);
  size_t off = head; /* the same layout as the sizing pass above */
  for (size_t i = 0; i < mapnum; i++) {
    size_t a = fp_align(hostaddrs, kinds, i);
    addrs[i] = hostaddrs[i];
    if (a) {
      off = align_up(off, a);
      memcpy((char *)j + off, hostaddrs[i], sizes[i]);
      addrs[i] = (void *)off;
      j->fp_bits[i / 64] |= (uint64_t)1 << (i % 64);
      off += sizes[i];
    }
  }
  *align_out = align;
  return j;
}

/* Runs a job from wherever its block is now (a deferred task's copy too). */
static void job_run(void *arg) {
  struct job *j = arg;
  void **addrs = job_addrs(j);
  for (size_t i = 0; i < j->mapnum; i++)
    if (j->fp_bits[i / 64] >> (i % 64) & 1)
      addrs[i] = (char *)j + (uintptr_t)addrs[i];
  tp_target_run(tp_self(), j->fn, addrs, j->thread_limit);
}

void GOMP_target_ext(int device, void (*fn)(void *), size_t mapnum,
                     void **hostaddrs, size_t *sizes, unsigned short *kinds,
                     unsigned flags, void **depend, void **args) {
  (void)device;
  struct tp_thread *self = tp_self();
  size_t align;
  struct job *j = job_build(fn, mapnum, hostaddrs, sizes, kinds, args, &align);
  if ((flags & TARGET_FLAG_NOWAIT) && !self->task->final) {
    GOMP_task(job_run, j, NULL, (long)j->size, (long)align, true,
              depend ? TASK_FLAG_DEPEND : 0, depend, 0, NULL);
  } else {
    if (depend)
      GOMP_taskwait_depend(depend);
    job_run(j);
  }
  free(j);
}

/* GOMP 4.0: no firstprivate kinds, no clauses beyond the maps. */
void GOMP_target(int device, void (*fn)(void *), const void *unused,
                 size_t mapnum, void **hostaddrs, size_t *sizes,
                 unsigned char *kinds) {
  (void)device, (void)unused, (void)mapnum, (void)sizes, (void)kinds;
  tp_target_run(tp_self(), fn, hostaddrs, 0);
}

/* Mapping constructs: nothing to move; a nowait one with dependences still
 * has to come after its predecessors, which waiting for them here gives. */
static void data_construct(void **depend) {
  if (depend)
    GOMP_taskwait_depend(depend);
}

void GOMP_target_data(int device, const void *unused, size_t mapnum,
                      void **hostaddrs, size_t *sizes, unsigned char *kinds) {
  (void)device, (void)unused, (void)mapnum, (void)hostaddrs, (void)sizes,
      (void)kinds;
}
void GOMP_target_data_ext(int device, size_t mapnum, void **hostaddrs,
                          size_t *sizes, unsigned short *kinds) {
  (void)device, (void)mapnum, (void)hostaddrs, (void)sizes, (void)kinds;
}
void GOMP_target_end_data(void) {}
void GOMP_target_update(int device, const void *unused, size_t mapnum,
                        void **hostaddrs, size_t *sizes, unsigned char *kinds) {
  (void)device, (void)unused, (void)mapnum, (void)hostaddrs, (void)sizes,
      (void)kinds;
}
void GOMP_target_update_ext(int device, size_t mapnum, void **hostaddrs,
                            size_t *sizes, unsigned short *kinds,
                            unsigned flags, void **depend) {
  (void)device, (void)mapnum, (void)hostaddrs, (void)sizes, (void)kinds,
      (void)flags;
  data_construct(depend);
}
void GOMP_target_enter_exit_data(int device, size_t mapnum, void **hostaddrs,
                                 size_t *sizes, unsigned short *kinds,
                                 unsigned flags, void **depend) {
  (void)device, (void)mapnum, (void)hostaddrs, (void)sizes, (void)kinds,
      (void)flags;
  data_construct(depend);
}

/* Offload images: there is no device to load them on. */
void GOMP_offload_register_ver(unsigned version, const void *host_table,
                               int target_type, const void *target_data) {
  (void)version, (void)host_table, (void)target_type, (void)target_data;
}
void GOMP_offload_unregister_ver(unsigned version, const void *host_table,
                                 int target_type, const void *target_data) {
  (void)version, (void)host_table, (void)target_type, (void)target_data;
}
void GOMP_offload_register(const void *host_table, int target_type,
                           const void *target_data) {
  (void)host_table, (void)target_type, (void)target_data;
}
void GOMP_offload_unregister(const void *host_table, int target_type,
                             const void *target_data) {
  (void)host_table, (void)target_type, (void)target_data;
}
