/* topology.h — the machine's shape: which CPUs the process may use, and how
 * they group into cores, last-level caches, NUMA domains and packages.
 * topology.c is the only file that talks to hwloc; everything else asks here.
 *
 * Contract:
 *  - CPUs are OS CPU numbers (what sched_setaffinity takes), below CPU_SETSIZE.
 *  - tp_topo_allowed() is cheap and never loads hwloc: the affinity mask read
 *    at the first call (start-up), so the default team size costs nothing.
 *  - tp_topo_level(), tp_topo_threads_per_core(), tp_topo_caches() and
 *    tp_topo_kinds() load the hwloc topology at their first call (once, thread-safe); a program that never asks for
 *    places or binding never pays hwloc's start-up.
 *  - Groups are in hwloc's logical order, restricted to the usable CPUs,
 *    empty ones dropped; the arrays belong to this module and never change.
 *  - A topology that describes another machine (HWLOC_XMLFILE or
 *    HWLOC_SYNTHETIC, and hwloc says it is not this system) is usable for
 *    computing places: its PUs are the usable CPUs, and threads are not bound
 *    (tp_topo_binds() is false).  If hwloc cannot load a topology, every
 *    usable CPU is its own core, cache and package in one NUMA domain. */
#ifndef TEMPO_TOPOLOGY_H
#define TEMPO_TOPOLOGY_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <stdbool.h>

#include "sys.h"

enum tp_topo_level {
  TP_TOPO_PU,      /* hardware threads */
  TP_TOPO_CORE,
  TP_TOPO_LLC,     /* the highest cache level the machine has */
  TP_TOPO_NUMA,
  TP_TOPO_PACKAGE, /* sockets */
  TP_TOPO_NLEVELS
};

/* The CPUs the process may run on: its affinity mask at start-up. */
const cpu_set_t *tp_topo_allowed(void) tp_hidden;
/* The CPUs places are built from: tp_topo_allowed(), or a foreign
 * topology's PUs (loads hwloc only when HWLOC_XMLFILE/HWLOC_SYNTHETIC is set). */
void tp_topo_usable(cpu_set_t *set) tp_hidden;
/* The groups of one level; returns how many (>= 1), *sets points to them. */
unsigned tp_topo_level(enum tp_topo_level level, const cpu_set_t **sets) tp_hidden;
/* The most usable hardware threads any core has (>= 1). */
unsigned tp_topo_threads_per_core(void) tp_hidden;
/* The cache levels with usable CPUs (for display): level (1 = L1), how many
 * caches, the smallest and largest one's size in bytes (0 if unknown). */
struct tp_topo_cache {
  unsigned level, n;
  unsigned long long min, max;
};
unsigned tp_topo_caches(const struct tp_topo_cache **caches) tp_hidden;

/* hwloc's CPU kinds on a hybrid part, least efficient (slowest) first; 0
 * kinds on a machine with one kind or kinds hwloc cannot rank.  `cpus` are
 * the usable ones (never empty); `name` is hwloc's CoreType info or "". */
#define TP_TOPO_MAXKINDS 8
struct tp_topo_kind {
  cpu_set_t cpus;
  int efficiency; /* hwloc's rank: 0 = the least efficient */
  char name[32];
};
unsigned tp_topo_kinds(const struct tp_topo_kind **kinds) tp_hidden;

/* The index in tp_topo_kinds() of the slowest kind holding a CPU of `set`,
 * or -1 (no kinds, or none of them holds one).  Loads hwloc. */
int tp_topo_kind_of(const cpu_set_t *set) tp_hidden;

/* Whether the topology has been loaded already (never loads it). */
bool tp_topo_loaded(void) tp_hidden;

/* Whether threads are really bound: false for a foreign topology (unless
 * TEMPO_TEST_BIND_FOREIGN=1, which tests what a failed binding does). */
bool tp_topo_binds(void) tp_hidden;

/* Where an area of memory should live (alloc.c's partition traits). */
enum tp_mem_partition { TP_MEM_NEAREST, TP_MEM_BLOCKED, TP_MEM_INTERLEAVED };
/* Binds [addr, addr + len) (page-aligned, not touched yet) over the
 * process's allowed NUMA nodes: nearest = the node(s) of the calling
 * thread's CPU, blocked = one block per node in order, interleaved = pages
 * round-robin.  Loads a topology of its own at the first call and keeps it
 * (hwloc's area binding needs one).  False if it cannot (no hwloc, a
 * foreign topology, the kernel refused): the memory is left to first touch. */
bool tp_topo_membind(void *addr, size_t len, enum tp_mem_partition how) tp_hidden;

#endif
