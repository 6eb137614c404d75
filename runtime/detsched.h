/* detsched.h — deterministic mode (TEMPO_DETERMINISTIC=seed): the same seed
 * gives the same task-to-thread schedule, run after run, for a program
 * whose tasks synchronise only through task constructs and barriers.
 *
 * The team's members act on the task scheduler one at a time, in turns: a
 * spawn, a look for a task to run (own deque, then others', in the seeded
 * order), a task's completion (its successors released, its parent's and
 * the team's counts) each wait for the member's turn and then pass it to
 * the next, chosen from the seed and the turn's number.  Task bodies run
 * outside the turns, in parallel.  Whatever a member does at its turn
 * depends only on what earlier turns did, so the order of turns, and with
 * it every task's thread, repeats.  Every task is published at once, none
 * runs at once unless OpenMP says so (if(0), final, a team of one), waits
 * never sleep (a sleeper could not take its turn), and a waiting member
 * that finds nothing passes.
 *
 * Not reproduced: timing, what the OS does, and a program whose threads
 * wait for each other outside the task scheduler (a lock, critical,
 * ordered) while holding a turn: after TP_DET_PATIENCE_NS without the turn
 * moving, the region gives the turns up (one warning) and runs on as usual.
 *
 * TEMPO_SCHEDULE_LOG=file writes, at exit, one line a task: its region,
 * its number in the region (in spawn order), the thread that ran it.
 * TEMPO_REPLAY=file runs with the seed the file names and says, once,
 * where the schedule first differs from it. */
#ifndef TEMPO_DETSCHED_H
#define TEMPO_DETSCHED_H

#include "rt.h"
#include "task.h"

struct tp_det_rec {
  uint32_t region, task, thread;
};

/* Reads TEMPO_REPLAY's file (its seed) and sets the switches the mode
 * needs; env.c, once TEMPO_DETERMINISTIC or TEMPO_REPLAY is set. */
void tp_det_init(void) tp_hidden;
/* The master, before the region starts: turns begin again. */
void tp_det_region_begin(struct tp_team *team) tp_hidden;
/* Waits for self's turn (gives the turns up after TP_DET_PATIENCE_NS). */
void tp_det_wait(struct tp_thread *self, struct tp_team *team) tp_hidden;
/* Whether it is self's turn now (no wait). */
static inline bool tp_det_mine(const struct tp_thread *self, const struct tp_team *team) {
  return team->nthreads == 1 || tp_load_acq(&team->tasks->det_turn) == self->tid ||
         tp_load(&team->tasks->det_off);
}
/* A member starts its implicit task: its victim choices, from the seed. */
void tp_det_seed_thread(struct tp_thread *self, const struct tp_team *team) tp_hidden;
/* Ends self's turn: the next member's, from the seed. */
void tp_det_pass(struct tp_thread *self, struct tp_team *team) tp_hidden;
/* The end of a look for a task at self's turn: t (the task it found, or
 * NULL) is recorded, the turn passes, then t runs (run); true if there was
 * one. */
bool tp_det_look(struct tp_thread *self, struct tp_team *team, struct tp_task *t,
                 void (*run)(struct tp_thread *, struct tp_task *)) tp_hidden;
/* Arrival at a barrier as turns: at each of its turns the member runs a
 * task if one is waiting (taking, recording and passing as a look does),
 * until none is pending; then it arrives, and the last arrival starts the
 * next phase's turns.  A member's turns in the barrier after that are
 * looks, until the team has completed it (tp_det_barrier_done); then it
 * takes no more turns there, so what it does at its next turn is always
 * what follows the barrier.  The caller takes tasks as `take` does. */
void tp_det_arrive(struct tp_thread *self, struct tp_team *team,
                   struct tp_task *(*take)(struct tp_thread *, struct tp_team *),
                   void (*run)(struct tp_thread *, struct tp_task *)) tp_hidden;
static inline bool tp_det_barrier_done(const struct tp_thread *self, const struct tp_team *team) {
  return self->det_arrived && tp_load_acq(&team->tasks->det_phase) >= self->det_arrivals;
}
/* Whether self runs the team's seq-th single construct: a member chosen
 * from the seed, not the first to arrive. */
bool tp_det_single(const struct tp_thread *self, const struct tp_team *team, uint32_t seq) tp_hidden;
/* t starts on self (at self's turn): the schedule log's line. */
void tp_det_record(struct tp_thread *self, struct tp_team *team, const struct tp_task *t) tp_hidden;
/* Writes TEMPO_SCHEDULE_LOG (atexit). */
void tp_det_write(void) tp_hidden;

#endif
