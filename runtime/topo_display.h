/* topo_display.h — the machine as Tempo sees it, in words (topo_display.c).
 * tp_topo_print() writes "tempo: ..." lines to f: packages, NUMA domains,
 * cores, hardware threads (and per core), caches and CPU kinds.  It loads
 * the hwloc topology (topology.h) if nothing has yet. */
#ifndef TEMPO_TOPO_DISPLAY_H
#define TEMPO_TOPO_DISPLAY_H

#include <stdio.h>

#include "sys.h"

void tp_topo_print(FILE *f) tp_hidden;
/* On a hybrid part, "tempo: place kinds K0 K1 ...": each place's CPU kind
 * (its slowest CPU's index in tp_topo_kinds(), 0 = the slowest kind). */
struct tp_place_list;
void tp_topo_print_places(FILE *f, const struct tp_place_list *l) tp_hidden;

#endif
