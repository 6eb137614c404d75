/* Unit test of tp_closest_name (suggest.c): the "did you mean" for a
 * misspelt TEMPO_* variable. */
#include <string.h>

#include "check.h"
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
  CHECK(tp_closest_name("TEMPO_FIBER=1", 11, names, N, 6) &&
            !strcmp(tp_closest_name("TEMPO_FIBER=1", 11, names, N, 6), "TEMPO_FIBERS"),
        "length limit");
  /* Longer than any name the table could hold: never suggested for. */
  char longw[200];
  memset(longw, 'A', sizeof longw - 1);
  longw[sizeof longw - 1] = 0;
  expect(longw, NULL);
  printf("suggest: OK\n");
  return 0;
}
