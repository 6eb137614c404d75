/* tempo.c — Tempo's own entry point for programs: tempo_version().
 *
 * A program asks which runtime it runs on by declaring the function weak
 * (README: "Which runtime runs"), so that it links and runs on any OpenMP
 * runtime and gets NULL where Tempo is not the one:
 *   extern const char *tempo_version(void) __attribute__((weak));
 *   if (tempo_version) printf("Tempo %s\n", tempo_version());
 * Exported at its own version node, TEMPO_0.1 (abi/gen_abi.py). */
#include "../../runtime/env.h"

const char *tempo_version(void) { return tp_version(); }
