/* topology.c — the machine's shape from hwloc (see topology.h).
 *
 * hwloc is asked once: the levels Tempo uses are copied into plain cpu_set_t
 * arrays and the hwloc topology is destroyed at once, so later calls are
 * lock-free reads and a program that uses hwloc itself gets its own, fresh
 * hwloc state (see load_plugins_off below).
 *
 * libhwloc is opened with dlopen at that first ask, not linked: linking
 * would make every program load and relocate it (and libudev) at start-up,
 * places or not.  Only hwloc.h's types and constants are compiled in; the
 * functions are looked up by name (hw below), the header's inline helpers
 * are not used.  Without libhwloc, the fallback of topology.h applies. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <hwloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "topology.h"

static struct {
  cpu_set_t allowed; /* affinity mask at start-up */
  cpu_set_t usable;  /* what groups are restricted to */
  bool foreign_env;  /* HWLOC_XMLFILE or HWLOC_SYNTHETIC was set at start-up */
  bool foreign;      /* the topology is not this machine's */
  bool bind_foreign; /* TEMPO_TEST_BIND_FOREIGN: bind even then (tests the failure) */
  unsigned n[TP_TOPO_NLEVELS];
  cpu_set_t *set[TP_TOPO_NLEVELS];
  unsigned threads_per_core;
  unsigned ncaches;
  struct tp_topo_cache caches[5];
  unsigned nkinds;
  struct tp_topo_kind kinds[TP_TOPO_MAXKINDS];
  bool loaded; /* load() has run (tp_topo_loaded) */
} topo;

static pthread_once_t allowed_once = PTHREAD_ONCE_INIT;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void read_allowed(void) {
  /* Read once with the mask: getenv is not safe against the setenv below. */
  topo.foreign_env = getenv("HWLOC_XMLFILE") || getenv("HWLOC_SYNTHETIC");
  const char *b = getenv("TEMPO_TEST_BIND_FOREIGN");
  topo.bind_foreign = b && *b == '1';
  if (sched_getaffinity(0, sizeof topo.allowed, &topo.allowed) == 0 &&
      CPU_COUNT(&topo.allowed) > 0)
    return;
  /* No mask (should not happen on Linux): every online CPU. */
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  CPU_ZERO(&topo.allowed);
  for (long i = 0; i < (n > 0 ? n : 1) && i < CPU_SETSIZE; i++)
    CPU_SET((size_t)i, &topo.allowed);
}

const cpu_set_t *tp_topo_allowed(void) {
  pthread_once(&allowed_once, read_allowed);
  return &topo.allowed;
}

/* Whether the environment points hwloc at another machine's description. */
static bool foreign_env(void) {
  tp_topo_allowed();
  return topo.foreign_env;
}

/* Appends `s` (restricted to the usable CPUs) to a level unless empty. */
static void add(enum tp_topo_level lv, cpu_set_t s) {
  CPU_AND(&s, &s, &topo.usable);
  if (!CPU_COUNT(&s))
    return;
  cpu_set_t *n = realloc(topo.set[lv], sizeof *n * (topo.n[lv] + 1));
  if (!n)
    tp_fatal("out of memory reading the machine topology");
  topo.set[lv] = n;
  n[topo.n[lv]++] = s;
}

/* The hwloc 2.x ABI (the soname follows the header we compile against). */
#if HWLOC_API_VERSION >= 0x00020000 && HWLOC_API_VERSION < 0x00030000
#define HWLOC_SONAME "libhwloc.so.15"
#else
#error "topology.c expects hwloc 2.x (libhwloc.so.15)"
#endif

#define HW_FUNCS(X)                                                            \
  X(hwloc_topology_init) X(hwloc_topology_destroy) X(hwloc_topology_load)      \
  X(hwloc_topology_set_flags) X(hwloc_topology_set_icache_types_filter)        \
  X(hwloc_topology_is_thissystem) X(hwloc_topology_get_allowed_cpuset)         \
  X(hwloc_get_type_depth) X(hwloc_get_nbobjs_by_depth)                         \
  X(hwloc_get_obj_by_depth) X(hwloc_bitmap_first) X(hwloc_bitmap_next)       \
  X(hwloc_bitmap_alloc) X(hwloc_bitmap_free) X(hwloc_cpukinds_get_nr)          \
  X(hwloc_cpukinds_get_info)                                                   \
  X(hwloc_topology_set_components) X(hwloc_topology_get_allowed_nodeset)      \
  X(hwloc_set_area_membind) X(hwloc_get_last_cpu_location)                    \
  X(hwloc_bitmap_only) X(hwloc_bitmap_weight)

static struct {
#define X(f) __typeof__(f) *f;
  HW_FUNCS(X)
#undef X
} hw;

static bool open_hwloc(void) {
  void *h = dlopen(HWLOC_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!h)
    return false;
#define X(f)                                                                   \
  if (!(hw.f = (__typeof__(f) *)dlsym(h, #f)))                                 \
    return false;
  HW_FUNCS(X)
#undef X
  return true; /* never closed: a handful of pages, and hwloc keeps state */
}

static void to_cpuset(hwloc_const_bitmap_t b, cpu_set_t *s) {
  CPU_ZERO(s);
  for (int c = hw.hwloc_bitmap_first(b); c >= 0 && c < CPU_SETSIZE;
       c = hw.hwloc_bitmap_next(b, c))
    CPU_SET((size_t)c, s);
}

/* Calls `each` with every object of a type that has usable CPUs. */
static void each_obj(hwloc_topology_t t, hwloc_obj_type_t type,
                     void (*each)(hwloc_obj_t, const cpu_set_t *, void *), void *arg) {
  int depth = hw.hwloc_get_type_depth(t, type);
  if (depth == HWLOC_TYPE_DEPTH_UNKNOWN || depth == HWLOC_TYPE_DEPTH_MULTIPLE)
    return;
  unsigned nb = hw.hwloc_get_nbobjs_by_depth(t, depth);
  for (unsigned i = 0; i < nb; i++) {
    hwloc_obj_t o = hw.hwloc_get_obj_by_depth(t, depth, i);
    if (o && o->cpuset) {
      cpu_set_t s;
      to_cpuset(o->cpuset, &s);
      CPU_AND(&s, &s, &topo.usable);
      if (CPU_COUNT(&s))
        each(o, &s, arg);
    }
  }
}

static void add_one(hwloc_obj_t o, const cpu_set_t *s, void *lv) {
  (void)o;
  add(*(enum tp_topo_level *)lv, *s);
}

static void add_objs(hwloc_topology_t t, enum tp_topo_level lv, hwloc_obj_type_t type) {
  each_obj(t, type, add_one, &lv);
}

/* One cache level for the display: how many, and their sizes. */
static void count_cache(hwloc_obj_t o, const cpu_set_t *s, void *arg) {
  (void)s;
  struct tp_topo_cache *c = arg;
  unsigned long long size = o->attr ? o->attr->cache.size : 0;
  if (!c->n++ || size < c->min)
    c->min = size;
  if (size > c->max)
    c->max = size;
}

static void read_caches(hwloc_topology_t t) {
  static const hwloc_obj_type_t types[] = {HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L2CACHE,
                                           HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L4CACHE,
                                           HWLOC_OBJ_L5CACHE};
  for (unsigned i = 0; i < 5; i++) {
    struct tp_topo_cache c = {.level = i + 1};
    each_obj(t, types[i], count_cache, &c);
    if (c.n)
      topo.caches[topo.ncaches++] = c;
  }
}

/* hwloc's CPU kinds (hybrid parts: P- and E-cores), least efficient first
 * (hwloc's order).  Kinds without usable CPUs are dropped; a machine with
 * one kind, or kinds hwloc cannot rank, counts as having none. */
static void read_kinds(hwloc_topology_t t) {
  int nr = hw.hwloc_cpukinds_get_nr(t, 0);
  hwloc_bitmap_t b = hw.hwloc_bitmap_alloc();
  if (nr < 2 || !b) {
    if (b)
      hw.hwloc_bitmap_free(b);
    return;
  }
  for (int i = 0; i < nr && topo.nkinds < TP_TOPO_MAXKINDS; i++) {
    int eff;
    unsigned ninfos = 0;
    struct hwloc_info_s *infos = NULL;
    if (hw.hwloc_cpukinds_get_info(t, (unsigned)i, b, &eff, &ninfos, &infos, 0) != 0)
      continue;
    if (eff < 0) { /* unranked: Tempo cannot tell fast from slow */
      topo.nkinds = 0;
      break;
    }
    struct tp_topo_kind *k = &topo.kinds[topo.nkinds];
    memset(k, 0, sizeof *k);
    to_cpuset(b, &k->cpus);
    CPU_AND(&k->cpus, &k->cpus, &topo.usable);
    if (!CPU_COUNT(&k->cpus))
      continue;
    k->efficiency = eff;
    for (unsigned j = 0; j < ninfos; j++)
      if (infos[j].name && infos[j].value && strcmp(infos[j].name, "CoreType") == 0)
        snprintf(k->name, sizeof k->name, "%s", infos[j].value);
    topo.nkinds++;
  }
  if (topo.nkinds < 2)
    topo.nkinds = 0;
  hw.hwloc_bitmap_free(b);
}

/* hwloc loads its plugins (PCI, OpenCL, GL, the libxml2 XML reader) at its
 * first topology init: milliseconds, for devices Tempo never looks at (its
 * built-in XML reader reads hwloc's own files).  Unless the user chose a
 * list, they are turned off for our init only; hwloc reads the variable at
 * that moment, and its plugin state is released with our topology. */
static bool load_plugins_off(void) {
  if (getenv("HWLOC_PLUGINS_BLACKLIST"))
    return false;
  setenv("HWLOC_PLUGINS_BLACKLIST", "hwloc_pci,hwloc_opencl,hwloc_gl,hwloc_cuda,"
         "hwloc_nvml,hwloc_rsmi,hwloc_levelzero,hwloc_xml_libxml", 1);
  return true;
}

static bool from_hwloc(void) {
  if (!open_hwloc())
    return false;
  bool unset = load_plugins_off();
  hwloc_topology_t t;
  int e = hw.hwloc_topology_init(&t);
  if (unset)
    unsetenv("HWLOC_PLUGINS_BLACKLIST");
  if (e != 0)
    return false;
  hw.hwloc_topology_set_icache_types_filter(t, HWLOC_TYPE_FILTER_KEEP_NONE);
  /* Never move the calling thread (hwloc's x86 backend binds it to every
   * CPU in turn to run cpuid: ~3 ms, and other threads may be running);
   * Linux's sysfs has the levels we use.  Distances and memory attributes
   * are not used either; CPU kinds are (hybrid parts). */
  hw.hwloc_topology_set_flags(t, HWLOC_TOPOLOGY_FLAG_DONT_CHANGE_BINDING |
                                  HWLOC_TOPOLOGY_FLAG_NO_DISTANCES |
                                  HWLOC_TOPOLOGY_FLAG_NO_MEMATTRS);
  if (hw.hwloc_topology_load(t) != 0) {
    hw.hwloc_topology_destroy(t);
    return false;
  }
  topo.foreign = !hw.hwloc_topology_is_thissystem(t);
  if (topo.foreign)
    to_cpuset(hw.hwloc_topology_get_allowed_cpuset(t), &topo.usable);
  add_objs(t, TP_TOPO_PU, HWLOC_OBJ_PU);
  add_objs(t, TP_TOPO_CORE, HWLOC_OBJ_CORE);
  add_objs(t, TP_TOPO_NUMA, HWLOC_OBJ_NUMANODE);
  add_objs(t, TP_TOPO_PACKAGE, HWLOC_OBJ_PACKAGE);
  /* The last level: the highest cache level with any object. */
  static const hwloc_obj_type_t caches[] = {HWLOC_OBJ_L5CACHE, HWLOC_OBJ_L4CACHE,
                                            HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L2CACHE,
                                            HWLOC_OBJ_L1CACHE};
  for (size_t i = 0; i < sizeof caches / sizeof *caches && !topo.n[TP_TOPO_LLC]; i++)
    add_objs(t, TP_TOPO_LLC, caches[i]);
  for (unsigned i = 0; i < topo.n[TP_TOPO_CORE]; i++) {
    unsigned k = (unsigned)CPU_COUNT(&topo.set[TP_TOPO_CORE][i]);
    if (k > topo.threads_per_core)
      topo.threads_per_core = k;
  }
  read_caches(t);
  read_kinds(t);
  hw.hwloc_topology_destroy(t);
  return true;
}

/* Levels hwloc left empty (or all of them without hwloc): one group per
 * usable CPU, except NUMA: one domain holding them all. */
static void fill_missing(void) {
  for (int lv = 0; lv < TP_TOPO_NLEVELS; lv++) {
    if (topo.n[lv])
      continue;
    if (lv == TP_TOPO_NUMA) {
      add(TP_TOPO_NUMA, topo.usable);
      continue;
    }
    for (size_t c = 0; c < CPU_SETSIZE; c++)
      if (CPU_ISSET(c, &topo.usable)) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(c, &one);
        add((enum tp_topo_level)lv, one);
      }
  }
  if (!topo.threads_per_core)
    topo.threads_per_core = 1;
}

static void load(void) {
  topo.usable = *tp_topo_allowed();
  if (!from_hwloc()) {
    tp_warn("cannot read the machine topology with hwloc; every CPU counts as its "
            "own core, cache and socket");
    for (int lv = 0; lv < TP_TOPO_NLEVELS; lv++)
      topo.n[lv] = 0;
    topo.ncaches = topo.nkinds = 0;
    topo.foreign = false;
    topo.usable = *tp_topo_allowed();
  }
  fill_missing();
  __atomic_store_n(&topo.loaded, true, __ATOMIC_RELEASE);
}

void tp_topo_usable(cpu_set_t *set) {
  if (foreign_env()) {
    pthread_once(&load_once, load);
    *set = topo.usable;
    return;
  }
  *set = *tp_topo_allowed();
}

unsigned tp_topo_level(enum tp_topo_level level, const cpu_set_t **sets) {
  pthread_once(&load_once, load);
  *sets = topo.set[level];
  return topo.n[level];
}

unsigned tp_topo_threads_per_core(void) {
  pthread_once(&load_once, load);
  return topo.threads_per_core;
}

bool tp_topo_binds(void) {
  if (!foreign_env())
    return true;
  pthread_once(&load_once, load);
  return !topo.foreign || topo.bind_foreign;
}

unsigned tp_topo_caches(const struct tp_topo_cache **caches) {
  pthread_once(&load_once, load);
  *caches = topo.caches;
  return topo.ncaches;
}

unsigned tp_topo_kinds(const struct tp_topo_kind **kinds) {
  pthread_once(&load_once, load);
  *kinds = topo.kinds;
  return topo.nkinds;
}

int tp_topo_kind_of(const cpu_set_t *set) {
  pthread_once(&load_once, load);
  for (unsigned i = 0; i < topo.nkinds; i++) {
    cpu_set_t both;
    CPU_AND(&both, &topo.kinds[i].cpus, set);
    if (CPU_COUNT(&both))
      return (int)i;
  }
  return -1;
}

bool tp_topo_loaded(void) {
  /* pthread_once has no query: a flag set at the end of load(). */
  return __atomic_load_n(&topo.loaded, __ATOMIC_ACQUIRE);
}

/* --- memory binding ---------------------------------------------------------
 * hwloc binds memory through a topology that must live as long as it is
 * used, so binding keeps one of its own, loaded at the first partitioned
 * allocation (most programs never make one).  Its unused components are
 * turned off for it alone (hwloc_topology_set_components), not through the
 * environment as above: a topology that stays must not change what a
 * program's own hwloc topologies see. */
static pthread_once_t mem_once = PTHREAD_ONCE_INIT;
static hwloc_topology_t mem_topo; /* NULL: no binding here */

static void mem_load(void) {
  if (foreign_env() || !open_hwloc())
    return;
  hwloc_topology_t t;
  if (hw.hwloc_topology_init(&t) != 0)
    return;
  static const char *const off[] = {"pci", "opencl", "gl", "cuda", "nvml", "rsmi",
                                    "levelzero", "x86"};
  for (size_t i = 0; i < sizeof off / sizeof *off; i++)
    hw.hwloc_topology_set_components(t, HWLOC_TOPOLOGY_COMPONENTS_FLAG_BLACKLIST, off[i]);
  hw.hwloc_topology_set_flags(t, HWLOC_TOPOLOGY_FLAG_DONT_CHANGE_BINDING);
  if (hw.hwloc_topology_load(t) != 0 || !hw.hwloc_topology_is_thissystem(t)) {
    hw.hwloc_topology_destroy(t);
    return;
  }
  mem_topo = t;
}

/* Binds one range to the i-th allowed NUMA node (logical order). */
static bool bind_to_node(hwloc_const_bitmap_t nodes, int i, void *addr, size_t len) {
  int n = hw.hwloc_bitmap_first(nodes);
  while (i-- > 0 && n >= 0)
    n = hw.hwloc_bitmap_next(nodes, n);
  hwloc_bitmap_t one = hw.hwloc_bitmap_alloc();
  if (!one)
    return false;
  hw.hwloc_bitmap_only(one, (unsigned)n);
  int e = hw.hwloc_set_area_membind(mem_topo, addr, len, one, HWLOC_MEMBIND_BIND,
                                    HWLOC_MEMBIND_BYNODESET);
  hw.hwloc_bitmap_free(one);
  return e == 0;
}

bool tp_topo_membind(void *addr, size_t len, enum tp_mem_partition how) {
  pthread_once(&mem_once, mem_load);
  if (!mem_topo || !len)
    return false;
  hwloc_const_bitmap_t nodes = hw.hwloc_topology_get_allowed_nodeset(mem_topo);
  switch (how) {
  case TP_MEM_NEAREST: {
    hwloc_bitmap_t here = hw.hwloc_bitmap_alloc();
    if (!here)
      return false;
    int e = hw.hwloc_get_last_cpu_location(mem_topo, here, HWLOC_CPUBIND_THREAD);
    if (e == 0) /* a cpuset: hwloc binds to the nodes near it */
      e = hw.hwloc_set_area_membind(mem_topo, addr, len, here, HWLOC_MEMBIND_BIND, 0);
    hw.hwloc_bitmap_free(here);
    return e == 0;
  }
  case TP_MEM_INTERLEAVED:
    return hw.hwloc_set_area_membind(mem_topo, addr, len, nodes, HWLOC_MEMBIND_INTERLEAVE,
                                     HWLOC_MEMBIND_BYNODESET) == 0;
  case TP_MEM_BLOCKED: {
    /* Equal blocks, page-aligned, one per node; the last takes the rest. */
    int k = hw.hwloc_bitmap_weight(nodes);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t block = k > 0 ? (len / (size_t)k + page - 1) / page * page : len;
    char *p = addr, *end = p + len;
    for (int i = 0; i < k && p < end; i++, p += block)
      if (!bind_to_node(nodes, i, p, i == k - 1 || (size_t)(end - p) < block
                                            ? (size_t)(end - p) : block))
        return false;
    return k > 0;
  }
  }
  return false;
}
