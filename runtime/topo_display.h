/* topo_display.h — the machine as Tempo sees it, in words (topo_display.c).
 * tp_topo_print() writes "tempo: ..." lines to f: packages, NUMA domains,
 * cores, hardware threads (and per core), caches and CPU kinds.  It loads
 * the hwloc topology (topology.h) if nothing has yet. */
#ifndef TEMPO_TOPO_DISPLAY_H
#define TEMPO_TOPO_DISPLAY_H

#include <stdio.h>

#include "sys.h"

void tp_topo_print(FILE *f) tp_hidden;

#endif
