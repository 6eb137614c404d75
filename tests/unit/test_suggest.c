/* Unit test of tp_closest_name (suggest.c), the "did you mean" for a
 * misspelt TEMPO_* variable: on a fixed list, then on the runtime's own
 * table (tp_tempo_setting), where every name must be found again from each
 * of its one-letter-dropped misspellings. */
#include <string.h>

#include "check.h"
#include "env.h"
#include "suggest.h"

static const char *const names[] = {"TEMPO_LOOP_STEAL", "TEMPO_HEARTBEAT_US",
                                    "TEMPO_LAZY_TASKLOOP", "TEMPO_FIBERS",
                                    "TEMPO_INLINE_SLACK", "TEMPO_DEBUG"};
#define N (sizeof names / sizeof *names)

static const char *closest(const char *w) { return tp_closest_name(w, strlen(w), names, N, 6); }

static void expect(const char *word, const char *want) {
  const char *got = closest(word);
  CHECK(want ? got && !strcmp(got, want) : !got, "%s: got %s, want %s", word,
        got ? got : "(none)", want ? want : "(none)");
}

/* The real table: each name from itself and with any one letter after
 * "TEMPO_" dropped. */
static void real_table(void) {
  const char *real[16];
  char value[32];
  size_t n = 0;
  while (n < 16 && (real[n] = tp_tempo_setting((unsigned)n, value, sizeof value)))
    n++;
  CHECK(n >= 6, "tp_tempo_setting lists %zu settings", n);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(real[i]);
    CHECK(strncmp(real[i], "TEMPO_", 6) == 0 && len < 64, "odd name %s", real[i]);
    const char *got = tp_closest_name(real[i], len, real, n, 6);
    CHECK(got == real[i], "%s is not its own closest name", real[i]);
    for (size_t k = 6; k < len; k++) {
      char w[64];
      memcpy(w, real[i], k);
      memcpy(w + k, real[i] + k + 1, len - k); /* with the terminator */
      got = tp_closest_name(w, len - 1, real, n, 6);
      CHECK(got == real[i], "%s: got %s, want %s", w, got ? got : "(none)", real[i]);
    }
  }
}

int main(void) {
  expect("TEMPO_HEARTBEATUS", "TEMPO_HEARTBEAT_US"); /* deletion */
  expect("TEMPO_FIBRES", "TEMPO_FIBERS");             /* transposition: 2 edits */
  expect("TEMPO_fibers", "TEMPO_FIBERS");             /* case only */
  expect("TEMPO_STEAL", "TEMPO_LOOP_STEAL");          /* a word left out */
  expect("TEMPO_LAZY_TASKLOOPS", "TEMPO_LAZY_TASKLOOP");
  expect("TEMPO_DEBG", "TEMPO_DEBUG");
  expect("TEMPO_INLINE_SLACK", "TEMPO_INLINE_SLACK"); /* exact: distance 0 */
  expect("TEMPO_FOO", NULL);                          /* nothing close */
  expect("TEMPO_WHATEVER", NULL);
  expect("TEMPO_", NULL);
  /* Only the first len bytes count ("NAME=value" from environ). */
  const char *got = tp_closest_name("TEMPO_FIBER=1", 11, names, N, 6);
  CHECK(got && !strcmp(got, "TEMPO_FIBERS"), "length limit: got %s", got ? got : "(none)");
  /* Longer than any name could be: never suggested for. */
  char longw[200];
  memset(longw, 'A', sizeof longw - 1);
  longw[sizeof longw - 1] = 0;
  expect(longw, NULL);
  real_table();
  printf("suggest: OK\n");
  return 0;
}
