/* affinity.h — the affinity format (OMP_AFFINITY_FORMAT, omp_capture_affinity,
 * omp_display_affinity, OMP_DISPLAY_AFFINITY).
 *
 * Fields, as libgomp 12: %t team_num, %T num_teams, %L nesting_level,
 * %n thread_num, %N num_threads, %a ancestor_tnum, %H host, %P process_id,
 * %i native_thread_id (the pthread_t, in hex), %A thread_affinity (the
 * calling thread's CPU mask as "0-3,5"); long forms %{team_num} etc.;
 * "%%" is a percent sign.  Between % and the field: "0." zero-pads, "."
 * right-justifies, a number is the minimum width.  An unknown field is
 * copied literally after one warning (libgomp aborts). */
#ifndef TEMPO_AFFINITY_H
#define TEMPO_AFFINITY_H

#include "rt.h"

/* Formats for the calling thread `self`; like snprintf: returns the full
 * length, writes at most size-1 characters and a NUL when size > 0.  A NULL
 * or empty format means affinity-format-var. */
size_t tp_affinity_capture(struct tp_thread *self, char *buf, size_t size,
                           const char *format) tp_hidden;
/* The same, followed by a newline, to stderr in one write. */
void tp_affinity_display(struct tp_thread *self, const char *format) tp_hidden;

/* OMP_DISPLAY_AFFINITY: called by every member as it starts a region;
 * displays the thread's line (affinity-format-var) the first time and
 * whenever its level, number, team size, ancestor or place changed since
 * it last did.  Callers test tp_rt.g.display_affinity first. */
void tp_affinity_announce(struct tp_thread *self) tp_hidden;

#endif
