/* ws.h — worksharing constructs' shared state (loops, sections, ordered,
 * doacross).  The team owns a ring of slots; see ws.c for the protocol. */
#ifndef TEMPO_WS_H
#define TEMPO_WS_H

#include "rt.h"

void tp_ws_team_init(struct tp_team *team) tp_hidden;
void tp_ws_team_fini(struct tp_team *team) tp_hidden;

#endif
