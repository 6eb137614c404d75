// omp_alloc's placement traits do what they say: omp_atk_partition places
// the memory through hwloc before it is touched (the kernel's policy for the
// pages, read back with get_mempolicy: interleaved -> MPOL_INTERLEAVE,
// blocked and nearest -> bound to a node / the caller's node (hwloc asks
// for MPOL_PREFERRED_MANY where the kernel has it, else MPOL_BIND),
// environment -> first touch, MPOL_DEFAULT), and omp_atk_pinned locks
// the pages (VmLck grows by them, and falls back when they are freed).  The
// data survive: written, read back, calloc'ed zero, realloc'ed from a
// partitioned allocator.  Each thread of a team allocates nearest memory.
// REQUIRES: tempo
// RUN: %cc %s -o %t && %preload %run %t | %FileCheck %s
// RUN: %cc %s %link -o %t.l && %run %t.l | %FileCheck %s
// CHECK-NOT: FAIL
// CHECK: default mode=0
// CHECK: interleaved mode=3 node0=1
// CHECK: blocked first=1 last=1
// CHECK: nearest bound=1 here=1
// CHECK: team nearest ok=1
// CHECK: pinned locked=1 unlocked=1
// CHECK: alloc_partition: OK
#define _GNU_SOURCE
#include <omp.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define MPOL_F_ADDR 2
#define MPOL_INTERLEAVE 3

/* Bound to some nodes: MPOL_BIND, or MPOL_PREFERRED_MANY (Linux 5.15). */
static int bound(int mode) { return mode == 2 || mode == 5; }
#define MB (1L << 20)

static int mode_of(void *p, unsigned long *nodes) {
  int mode = -1;
  unsigned long mask[16] = {0};
  if (syscall(SYS_get_mempolicy, &mode, mask, 16 * 8 * sizeof(long), p, MPOL_F_ADDR) != 0)
    return -1;
  if (nodes)
    *nodes = mask[0];
  return mode;
}

/* The NUMA node of the CPU this thread runs on. */
static int my_node(void) {
  unsigned cpu = 0, node = 0;
  if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0)
    return -1;
  return (int)node;
}

static long vm_locked_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmLck: %ld", &kb) == 1)
      break;
  if (f)
    fclose(f);
  return kb;
}

static omp_allocator_handle_t make(omp_alloctrait_key_t key, omp_uintptr_t value) {
  omp_alloctrait_t t[2] = {{key, value}, {omp_atk_fallback, omp_atv_null_fb}};
  omp_allocator_handle_t a = omp_init_allocator(omp_default_mem_space, 2, t);
  EXPECT(a != omp_null_allocator, "allocator with trait %d=%lu", (int)key,
         (unsigned long)value);
  return a;
}

/* Writes and reads back n bytes. */
static void use(char *p, size_t n, int seed) {
  for (size_t i = 0; i < n; i += 4096)
    p[i] = (char)(seed + i / 4096);
  for (size_t i = 0; i < n; i += 4096)
    EXPECT(p[i] == (char)(seed + i / 4096), "byte %zu", i);
}

int main(void) {
  char *d = omp_alloc(4 * MB, omp_default_mem_alloc);
  printf("default mode=%d\n", mode_of(d, NULL));
  omp_free(d, omp_default_mem_alloc);

  omp_allocator_handle_t il = make(omp_atk_partition, omp_atv_interleaved);
  unsigned long nodes = 0;
  char *p = omp_alloc(4 * MB, il);
  int m = mode_of(p, &nodes);
  printf("interleaved mode=%d node0=%d\n", m, (int)(nodes & 1));
  use(p, 4 * MB, 1);
  p = omp_realloc(p, 8 * MB, il, il);
  EXPECT(p && p[0] == 1 && p[4096] == 2, "realloc kept the data");
  EXPECT(mode_of(p + 6 * MB, NULL) == MPOL_INTERLEAVE, "realloc'ed block interleaved too");
  omp_free(p, il);

  omp_allocator_handle_t bl = make(omp_atk_partition, omp_atv_blocked);
  char *b = omp_calloc(1, 3 * MB + 123, bl);
  EXPECT(b && b[0] == 0 && b[3 * MB + 122] == 0, "calloc'ed zero");
  printf("blocked first=%d last=%d\n", bound(mode_of(b, NULL)),
         bound(mode_of(b + 3 * MB + 122, NULL)));
  use(b, 3 * MB, 2);
  omp_free(b, bl);

  omp_allocator_handle_t ne = make(omp_atk_partition, omp_atv_nearest);
  char *n = omp_alloc(2 * MB, ne);
  m = mode_of(n, &nodes);
  int node = my_node();
  printf("nearest bound=%d here=%d\n", bound(m), node >= 0 && (nodes >> node & 1));
  use(n, 2 * MB, 3);
  omp_free(n, ne);

  int team_ok = 1;
#pragma omp parallel num_threads(4) reduction(&& : team_ok)
  {
    char *q = omp_alloc(MB, ne);
    unsigned long mine = 0;
    int here = my_node();
    team_ok = q && bound(mode_of(q, &mine)) && here >= 0 && (mine >> here & 1);
    if (q)
      use(q, MB, omp_get_thread_num());
    omp_free(q, ne);
  }
  printf("team nearest ok=%d\n", team_ok);

  omp_allocator_handle_t pin = make(omp_atk_pinned, omp_atv_true);
  long before = vm_locked_kb();
  char *k = omp_alloc(MB + 100, pin);
  long during = vm_locked_kb();
  EXPECT(k != NULL, "pinned allocation");
  if (k)
    use(k, MB, 4);
  omp_free(k, pin);
  long after = vm_locked_kb();
  printf("pinned locked=%d unlocked=%d\n", during - before >= 1024 + 4, after == before);
  EXPECT(before >= 0, "VmLck readable");

  omp_destroy_allocator(il);
  omp_destroy_allocator(bl);
  omp_destroy_allocator(ne);
  omp_destroy_allocator(pin);
  return check_report("alloc_partition");
}
