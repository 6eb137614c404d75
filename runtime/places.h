/* places.h — place lists: OMP_PLACES and GOMP_CPU_AFFINITY parsed into sets
 * of logical CPUs, and the queries the omp_* place routines need.
 *
 * Contract:
 *  - A place is a cpu_set_t; a list is an array of them, never empty.
 *  - Every parser is pure apart from asking topology.h: it takes the
 *    set of CPUs the process may use (`avail`, normally the affinity mask at
 *    start-up), returns a new list or NULL with *why set to a short reason,
 *    and never prints.  Places are intersected with `avail`; places left
 *    empty are dropped and *note says so (a list with no usable place is an
 *    error).  The caller (env.c) turns why/note into one warning naming the
 *    variable and its value.
 *  - Abstract names (threads, cores, sockets, ll_caches, numa_domains) are
 *    the groups topology.h reports (hwloc's, in its logical order), the
 *    first `count` of them that hold a CPU of `avail`.
 *  - Binding threads to places is not done here. */
#ifndef TEMPO_PLACES_H
#define TEMPO_PLACES_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>

#include "sys.h"

#define TP_MAX_PLACES 65536 /* as libgomp: longer lists are rejected */

struct tp_place_list {
  unsigned n;
  cpu_set_t *set; /* [n] */
};

enum {
  TP_PLACES_THREADS = 1,
  TP_PLACES_CORES,
  TP_PLACES_SOCKETS,
  TP_PLACES_LL_CACHES,
  TP_PLACES_NUMA_DOMAINS,
};

/* OMP_PLACES syntax: an abstract name with an optional "(count)", or a
 * comma-separated list of places and place intervals: "{0,1},{2:4:2}",
 * "{0:4}:8:4", "0,1" (a bare number is a one-CPU place), "!" to exclude a
 * CPU inside braces or a whole place from the list. */
struct tp_place_list *tp_places_parse(const char *s, const cpu_set_t *avail,
                                      const char **why, const char **note) tp_hidden;
/* GOMP_CPU_AFFINITY syntax: CPU numbers and ranges "a-b[:stride]" separated
 * by blanks or commas (decimal, 0x hex or 0 octal); one place per CPU. */
struct tp_place_list *tp_places_parse_gomp(const char *s, const cpu_set_t *avail,
                                           const char **why, const char **note) tp_hidden;
/* Places of one topology level (TP_PLACES_*), at most `count` of them. */
struct tp_place_list *tp_places_level(int level, unsigned long count,
                                      const cpu_set_t *avail) tp_hidden;
void tp_places_free(struct tp_place_list *l) tp_hidden;

/* "{0:2},{3}" as OMP_DISPLAY_ENV shows it (runs of consecutive CPUs as
 * first:length).  Returns the full length; writes at most size-1 chars
 * plus a NUL when size > 0. */
size_t tp_places_format(const struct tp_place_list *l, char *buf, size_t size) tp_hidden;
/* "0-3,5" as the %A affinity field shows a CPU set; same return rule. */
size_t tp_cpuset_format(const cpu_set_t *set, char *buf, size_t size) tp_hidden;
/* Index of the place equal to `set`, or -1. */
int tp_places_find(const struct tp_place_list *l, const cpu_set_t *set) tp_hidden;

#endif
