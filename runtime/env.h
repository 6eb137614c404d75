/* env.h — the single environment parser.  Reads every OMP_* / GOMP_*
 * variable libgomp 12 reads into tp_rt.g, tp_rt.initial_icv and the spin
 * budgets tp_rt.spin_iters / spin_throttled.  A malformed value produces one
 * warning naming the variable and the value, and the default is kept.
 *
 * Re-runnable: tp_env_init() first resets everything it sets to the
 * defaults (freeing the place list and strings of a previous run), so a unit
 * test may setenv()/unsetenv() and call it again.  It depends only on
 * tp_rt.ncpus, the cgroup CPU quota and, when TEMPO_DEFAULT_THREADS=cores or
 * TEMPO_PLACES_KIND asks, the topology's cores and CPU kinds (the default
 * nthreads-var and tp_rt.cpu_budget; see default_team_size()).  Threads that already
 * exist keep the ICVs they copied from the previous tp_rt.initial_icv. */
#ifndef TEMPO_ENV_H
#define TEMPO_ENV_H

#include "sys.h"

void tp_env_init(void) tp_hidden;
/* OMP_DISPLAY_ENV output at start-up, if requested (env_display.c). */
void tp_env_display(void) tp_hidden;
/* The OMP_DISPLAY_ENV / omp_display_env block, byte-compatible with
 * libgomp 12, written to stderr. */
void tp_env_print(bool verbose) tp_hidden;
/* Tempo's version, "MAJOR.MINOR.PATCH" (CMakeLists.txt's project version). */
const char *tp_version(void) tp_hidden;
/* Tempo's own settings (TEMPO_*), for OMP_DISPLAY_ENV=verbose: the i-th
 * one's name, its current value written to value (libgomp's style: TRUE,
 * FALSE or a number); NULL past the last one. */
const char *tp_tempo_setting(unsigned i, char *value, size_t size) tp_hidden;
/* Replaces affinity-format-var with the first len bytes of s. */
void tp_set_affinity_format(const char *s, size_t len) tp_hidden;

#endif
