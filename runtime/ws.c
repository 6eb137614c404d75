/* ws.c — worksharing slots (placeholder until loops land). */
#include "ws.h"

void tp_ws_team_init(struct tp_team *team) { team->ws_ring = NULL; }
void tp_ws_team_fini(struct tp_team *team) { (void)team; }
