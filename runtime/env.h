/* env.h — the single environment parser.  Reads every OMP_* / GOMP_*
 * variable libgomp 12 reads, once, into tp_rt.g and tp_rt.initial_icv.
 * A malformed value produces one warning naming the variable and the value,
 * and the default is kept. */
#ifndef TEMPO_ENV_H
#define TEMPO_ENV_H

#include "sys.h"

void tp_env_init(void) tp_hidden;
/* OMP_DISPLAY_ENV output (also omp_display_env). */
void tp_env_display(void) tp_hidden;
void tp_env_print(bool verbose) tp_hidden;

#endif
