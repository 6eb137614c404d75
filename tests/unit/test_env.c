/* test_env.c — the environment parser (runtime/env.c).
 *
 * Every case runs in a forked child: it sets its variables, calls
 * tp_env_init() with fd 2 redirected to a temporary file, and checks the
 * parsed fields of tp_rt.initial_icv / tp_rt.g and the warnings printed:
 * a bad value must keep the default and print exactly one line naming the
 * variable and the value.  Defaults are what tp_env_init() produces with no
 * OMP_/GOMP_ variable set (captured first).
 *
 * `test_env rerun` checks instead that tp_env_init() is re-runnable in one
 * process: values from an earlier call do not survive a later call. */
#define _GNU_SOURCE
#include <limits.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "env.h"
#include "rt.h"

extern char **environ;

static struct tp_icv D;           /* default initial ICVs */
static struct tp_global_icv DG;   /* default device-wide settings */
static unsigned long long D_spin, D_spin_thr;
static const char *cur_label;

struct kv {
  const char *name, *value;
};

static void clear_omp_env(void) {
  char *names[256];
  int n = 0;
  for (char **e = environ; *e && n < 256; e++)
    if (!strncmp(*e, "OMP_", 4) || !strncmp(*e, "GOMP_", 5) ||
        !strncmp(*e, "TEMPO_", 6))
      names[n++] = strndup(*e, strcspn(*e, "="));
  for (int i = 0; i < n; i++) {
    unsetenv(names[i]);
    free(names[i]);
  }
}

/* Runs tp_env_init() with stderr captured into buf; returns its length. */
static size_t init_capturing(char *buf, size_t cap) {
  FILE *tmp = tmpfile();
  CHECK(tmp, "tmpfile failed");
  fflush(stderr);
  int saved = dup(2);
  CHECK(saved >= 0 && dup2(fileno(tmp), 2) == 2, "cannot redirect fd 2");
  tp_env_init();
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  rewind(tmp);
  size_t n = fread(buf, 1, cap - 1, tmp);
  buf[n] = 0;
  fclose(tmp);
  return n;
}

static int count_lines(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

/* Field-by-field comparison of initial ICVs against the defaults, except
 * those the case sets (skip mask). */
enum {
  F_NTHREADS = 1, F_DYN = 2, F_BIND = 4, F_SCHED = 8, F_MAL = 16, F_TL = 32,
  F_DEVICE = 64,
};
static void icv_defaults_except(unsigned skip) {
  const struct tp_icv *i = &tp_rt.initial_icv;
  if (!(skip & F_NTHREADS)) {
    CHECK_EQ_U(i->nthreads, D.nthreads, cur_label);
    CHECK_EQ_U(tp_rt.g.nthreads_list_len, DG.nthreads_list_len, cur_label);
  }
  if (!(skip & F_DYN))
    CHECK_EQ_U(i->dyn, D.dyn, cur_label);
  if (!(skip & F_BIND)) {
    CHECK_EQ_U(i->bind, D.bind, cur_label);
    CHECK_EQ_U(tp_rt.g.bind_list_len, DG.bind_list_len, cur_label);
  }
  if (!(skip & F_SCHED)) {
    CHECK_EQ_U(i->sched_kind, D.sched_kind, cur_label);
    CHECK_EQ_U(i->sched_chunk, D.sched_chunk, cur_label);
  }
  if (!(skip & F_MAL))
    CHECK_EQ_U(i->max_active_levels, D.max_active_levels, cur_label);
  if (!(skip & F_TL))
    CHECK_EQ_U(i->thread_limit, D.thread_limit, cur_label);
  if (!(skip & F_DEVICE))
    CHECK_EQ_U(i->default_device, D.default_device, cur_label);
}

/* Forks a child for one case.  In the child: sets the variables, runs
 * tp_env_init() capturing stderr, checks that nwarn warning lines were
 * printed, each naming one of the variables with its value, and returns
 * true (the caller then runs the case's checks and exits).  In the parent:
 * waits for the child, fails if it failed, returns false. */
static bool case_begin(const char *label, const struct kv *vars, int nwarn) {
  fflush(stdout);
  pid_t pid = fork();
  CHECK(pid >= 0, "fork failed");
  if (pid == 0) {
    cur_label = label;
    for (const struct kv *v = vars; v->name; v++)
      setenv(v->name, v->value, 1);
    char out[8192];
    init_capturing(out, sizeof out);
    int lines = count_lines(out);
    CHECK(lines == nwarn, "%s: expected %d warning line(s), got %d:\n%s", label,
          nwarn, lines, out);
    for (char *line = out; *line;) {
      char *nl = strchr(line, '\n');
      *nl = 0;
      bool named = false;
      for (const struct kv *v = vars; v->name; v++)
        if (strstr(line, v->name) && strstr(line, v->value))
          named = true;
      CHECK(named, "%s: warning does not name the variable and its value: %s",
            label, line);
      line = nl + 1;
    }
    return true;
  }
  int st;
  CHECK(waitpid(pid, &st, 0) == pid, "waitpid failed");
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "case '%s' failed (status %#x)",
        label, st);
  return false;
}

#define KV(...) ((const struct kv[]){__VA_ARGS__, {NULL, NULL}})
#define CASE(label, vars, nwarn, ...)                                          \
  do {                                                                         \
    if (case_begin(#label, vars, nwarn)) {                                     \
      __VA_ARGS__;                                                             \
      _Exit(0);                                                                \
    }                                                                          \
    ncases++;                                                                  \
  } while (0)

#define I (&tp_rt.initial_icv)
#define G (&tp_rt.g)

static int run_all(void) {
  int ncases = 0;

  /* Sanity of the defaults themselves. */
  CHECK(D.nthreads >= 1 && D.nthreads == tp_rt.cpu_budget && D.nthreads <= tp_rt.ncpus,
        "default nthreads-var %u should be the CPU budget %u", D.nthreads, tp_rt.cpu_budget);
  CHECK(!D.dyn, "dyn-var defaults to false");
  CHECK_EQ_U(D.max_active_levels, 1, "default max-active-levels");
  CHECK(D.thread_limit >= INT_MAX, "default thread-limit-var %u", D.thread_limit);
  CHECK_EQ_U(D.sched_kind & ~TP_SCHED_MONOTONIC, TP_SCHED_DYNAMIC, "default run-sched kind");
  CHECK_EQ_U(DG.nthreads_list_len, 0, "default nthreads list");
  CHECK_EQ_U(D_spin, 300000, "default spin budget");

  /* --- OMP_NUM_THREADS --- */
  CASE(nthreads_one, KV({"OMP_NUM_THREADS", "4"}), 0, {
    CHECK_EQ_U(I->nthreads, 4, cur_label);
    CHECK_EQ_U(G->nthreads_list_len, 1, cur_label);
    icv_defaults_except(F_NTHREADS);
  });
  CASE(nthreads_list_spaces, KV({"OMP_NUM_THREADS", " 4 , 3,2 "}), 0, {
    CHECK_EQ_U(I->nthreads, 4, cur_label);
    CHECK_EQ_U(G->nthreads_list_len, 3, cur_label);
    CHECK(G->nthreads_list[0] == 4 && G->nthreads_list[1] == 3 &&
          G->nthreads_list[2] == 2, "%s: list", cur_label);
    /* A nested list enables nesting (as in libgomp). */
    CHECK_EQ_U(I->max_active_levels, 255, cur_label);
    icv_defaults_except(F_NTHREADS | F_MAL);
  });
  CASE(nthreads_list_nested_false,
       KV({"OMP_NUM_THREADS", "3,2"}, {"OMP_NESTED", "false"}), 0, {
    CHECK_EQ_U(I->nthreads, 3, cur_label);
    CHECK_EQ_U(I->max_active_levels, 1, cur_label);
    icv_defaults_except(F_NTHREADS);
  });
  CASE(nthreads_zero_entry, KV({"OMP_NUM_THREADS", "4,0"}), 1, icv_defaults_except(0));
  CASE(nthreads_trailing_comma, KV({"OMP_NUM_THREADS", "4,"}), 1, icv_defaults_except(0));
  CASE(nthreads_word, KV({"OMP_NUM_THREADS", "four"}), 1, icv_defaults_except(0));
  CASE(nthreads_negative, KV({"OMP_NUM_THREADS", "-2"}), 1, icv_defaults_except(0));
  CASE(nthreads_empty, KV({"OMP_NUM_THREADS", ""}), 1, icv_defaults_except(0));
  CASE(nthreads_huge, KV({"OMP_NUM_THREADS", "99999999999999999999999"}), 1,
       icv_defaults_except(0));

  /* --- OMP_SCHEDULE --- */
  CASE(sched_static_chunk, KV({"OMP_SCHEDULE", "static,4"}), 0, {
    CHECK_EQ_U(I->sched_kind & ~TP_SCHED_MONOTONIC, TP_SCHED_STATIC, cur_label);
    CHECK_EQ_U(I->sched_chunk, 4, cur_label);
    icv_defaults_except(F_SCHED);
  });
  CASE(sched_case_spaces, KV({"OMP_SCHEDULE", " GUIDED , 7 "}), 0, {
    CHECK_EQ_U(I->sched_kind, TP_SCHED_GUIDED, cur_label);
    CHECK_EQ_U(I->sched_chunk, 7, cur_label);
    icv_defaults_except(F_SCHED);
  });
  CASE(sched_monotonic, KV({"OMP_SCHEDULE", "monotonic:dynamic,2"}), 0, {
    CHECK_EQ_U(I->sched_kind, TP_SCHED_DYNAMIC | TP_SCHED_MONOTONIC, cur_label);
    CHECK_EQ_U(I->sched_chunk, 2, cur_label);
  });
  CASE(sched_nonmonotonic, KV({"OMP_SCHEDULE", "nonmonotonic:guided,3"}), 0, {
    CHECK_EQ_U(I->sched_kind, TP_SCHED_GUIDED, cur_label);
    CHECK_EQ_U(I->sched_chunk, 3, cur_label);
  });
  CASE(sched_auto, KV({"OMP_SCHEDULE", "auto"}), 0,
       CHECK_EQ_U(I->sched_kind & ~TP_SCHED_MONOTONIC, TP_SCHED_AUTO, cur_label));
  CASE(sched_unknown_kind, KV({"OMP_SCHEDULE", "fast"}), 1, icv_defaults_except(0));
  CASE(sched_prefix_of_kind, KV({"OMP_SCHEDULE", "dynamical"}), 1, icv_defaults_except(0));
  CASE(sched_bad_modifier, KV({"OMP_SCHEDULE", "sometimes:dynamic"}), 1,
       icv_defaults_except(0));

  /* --- OMP_PROC_BIND --- */
  CASE(bind_list, KV({"OMP_PROC_BIND", "spread, CLOSE"}), 0, {
    CHECK_EQ_U(I->bind, TP_BIND_SPREAD, cur_label);
    CHECK_EQ_U(G->bind_list_len, 2, cur_label);
    CHECK_EQ_U(G->bind_list[1], TP_BIND_CLOSE, cur_label);
    CHECK_EQ_U(I->max_active_levels, 255, cur_label);
    icv_defaults_except(F_BIND | F_MAL);
  });
  CASE(bind_true, KV({"OMP_PROC_BIND", "TRUE"}), 0, {
    CHECK_EQ_U(I->bind, TP_BIND_TRUE, cur_label);
    icv_defaults_except(F_BIND);
  });
  CASE(bind_primary, KV({"OMP_PROC_BIND", "primary"}), 0,
       CHECK_EQ_U(I->bind, TP_BIND_MASTER, cur_label));
  CASE(bind_true_in_list, KV({"OMP_PROC_BIND", "close,true"}), 1, icv_defaults_except(0));
  CASE(bind_unknown, KV({"OMP_PROC_BIND", "everywhere"}), 1, icv_defaults_except(0));

  /* --- booleans --- */
  CASE(dynamic_true, KV({"OMP_DYNAMIC", " TRUE "}), 0, {
    CHECK_EQ_U(I->dyn, 1, cur_label);
    icv_defaults_except(F_DYN);
  });
  CASE(dynamic_yes, KV({"OMP_DYNAMIC", "yes"}), 1, icv_defaults_except(0));
  CASE(cancellation, KV({"OMP_CANCELLATION", "true"}), 0, CHECK(G->cancel, "%s", cur_label));
  CASE(cancellation_bad, KV({"OMP_CANCELLATION", "1"}), 1,
       CHECK_EQ_U(G->cancel, DG.cancel, cur_label));

  /* Tempo's switches take 1/0, on/off, yes/no as well. */
  CASE(tempo_switch_0, KV({"TEMPO_LOOP_STEAL", "0"}), 0,
       CHECK(!tp_rt.loop_steal, "%s", cur_label));
  CASE(tempo_switch_off, KV({"TEMPO_LOOP_STEAL", " OFF "}), 0,
       CHECK(!tp_rt.loop_steal, "%s", cur_label));
  CASE(tempo_switch_yes, KV({"TEMPO_LOOP_STEAL", "yes"}), 0,
       CHECK(tp_rt.loop_steal, "%s", cur_label));
  CASE(tempo_switch_bad, KV({"TEMPO_LOOP_STEAL", "2"}), 1,
       CHECK(tp_rt.loop_steal, "%s (default on)", cur_label));
  /* A misspelt switch is named, not silently ignored; the harness's own
   * TEMPO_TEST_* variables are not Tempo settings and pass quietly. */
  CASE(tempo_unknown, KV({"TEMPO_LOOP_STEALING", "0"}), 1,
       CHECK(tp_rt.loop_steal, "%s (default on)", cur_label));
  CASE(tempo_test_var, KV({"TEMPO_TEST_PRELOAD", "/x.so"}), 0,
       CHECK(tp_rt.loop_steal, "%s", cur_label));

  /* --- nesting --- */
  CASE(max_active_levels, KV({"OMP_MAX_ACTIVE_LEVELS", "3"}), 0, {
    CHECK_EQ_U(I->max_active_levels, 3, cur_label);
    icv_defaults_except(F_MAL);
  });
  CASE(max_active_levels_clamped, KV({"OMP_MAX_ACTIVE_LEVELS", "300"}), 0,
       CHECK_EQ_U(I->max_active_levels, 255, cur_label));
  CASE(max_active_levels_wins,
       KV({"OMP_MAX_ACTIVE_LEVELS", "3"}, {"OMP_NESTED", "true"}), 0,
       CHECK_EQ_U(I->max_active_levels, 3, cur_label));
  CASE(nested_true, KV({"OMP_NESTED", "true"}), 0,
       CHECK_EQ_U(I->max_active_levels, 255, cur_label));
  CASE(max_active_levels_bad, KV({"OMP_MAX_ACTIVE_LEVELS", "many"}), 1,
       icv_defaults_except(0));

  /* --- limits --- */
  CASE(thread_limit, KV({"OMP_THREAD_LIMIT", "8"}), 0, {
    CHECK_EQ_U(I->thread_limit, 8, cur_label);
    icv_defaults_except(F_TL);
  });
  CASE(thread_limit_zero, KV({"OMP_THREAD_LIMIT", "0"}), 1, icv_defaults_except(0));
  CASE(thread_limit_junk, KV({"OMP_THREAD_LIMIT", "8x"}), 1, icv_defaults_except(0));
  CASE(max_task_priority, KV({"OMP_MAX_TASK_PRIORITY", "20"}), 0,
       CHECK_EQ_U(G->max_task_priority, 20, cur_label));
  CASE(default_device, KV({"OMP_DEFAULT_DEVICE", "0"}), 0, icv_defaults_except(0));

  /* --- sizes and units --- */
  CASE(stack_default_unit, KV({"OMP_STACKSIZE", "512"}), 0,
       CHECK_EQ_U(G->stacksize, 512 * 1024, cur_label));
  CASE(stack_mega, KV({"OMP_STACKSIZE", "2M"}), 0,
       CHECK_EQ_U(G->stacksize, 2 * 1024 * 1024, cur_label));
  CASE(stack_lower_space, KV({"OMP_STACKSIZE", " 64 k "}), 0,
       CHECK_EQ_U(G->stacksize, 64 * 1024, cur_label));
  /* Below the thread stack minimum: one warning (libgomp warns too). */
  CASE(stack_below_minimum, KV({"OMP_STACKSIZE", "3k"}), 1, {});
  CASE(stack_bytes, KV({"OMP_STACKSIZE", "65536B"}), 0,
       CHECK_EQ_U(G->stacksize, 65536, cur_label));
  CASE(stack_giga, KV({"OMP_STACKSIZE", "1g"}), 0,
       CHECK_EQ_U(G->stacksize, 1024ull * 1024 * 1024, cur_label));
  CASE(gomp_stacksize, KV({"GOMP_STACKSIZE", "4M"}), 0,
       CHECK_EQ_U(G->stacksize, 4 * 1024 * 1024, cur_label));
  CASE(omp_stacksize_wins, KV({"OMP_STACKSIZE", "1M"}, {"GOMP_STACKSIZE", "4M"}), 0,
       CHECK_EQ_U(G->stacksize, 1024 * 1024, cur_label));
  CASE(stack_bad_unit, KV({"OMP_STACKSIZE", "10X"}), 1,
       CHECK_EQ_U(G->stacksize, DG.stacksize, cur_label));
  CASE(stack_overflow, KV({"OMP_STACKSIZE", "99999999999999G"}), 1,
       CHECK_EQ_U(G->stacksize, DG.stacksize, cur_label));

  /* --- waiting --- */
  CASE(wait_passive, KV({"OMP_WAIT_POLICY", "PASSIVE"}), 0, {
    CHECK_EQ_U(G->wait_policy, TP_WAIT_PASSIVE, cur_label);
    CHECK_EQ_U(tp_rt.spin_iters, 0, cur_label);
    CHECK_EQ_U(tp_rt.spin_throttled, 0, cur_label);
  });
  CASE(wait_active, KV({"OMP_WAIT_POLICY", "active"}), 0, {
    CHECK_EQ_U(G->wait_policy, TP_WAIT_ACTIVE, cur_label);
    /* libgomp spins 30e9 iterations for active (effectively forever). */
    CHECK(tp_rt.spin_iters >= 30000000000ull, "%s: spin %llu", cur_label, tp_rt.spin_iters);
  });
  CASE(wait_bad, KV({"OMP_WAIT_POLICY", "sometimes"}), 1, {
    CHECK_EQ_U(G->wait_policy, DG.wait_policy, cur_label);
    CHECK_EQ_U(tp_rt.spin_iters, D_spin, cur_label);
  });
  CASE(spincount_k, KV({"GOMP_SPINCOUNT", "10k"}), 0, {
    CHECK_EQ_U(tp_rt.spin_iters, 10000, cur_label);
    CHECK(tp_rt.spin_throttled <= 10000, "%s: throttled budget", cur_label);
  });
  CASE(spincount_zero, KV({"GOMP_SPINCOUNT", "0"}), 0, {
    CHECK_EQ_U(tp_rt.spin_iters, 0, cur_label);
    CHECK_EQ_U(tp_rt.spin_throttled, 0, cur_label);
  });
  CASE(spincount_infinite, KV({"GOMP_SPINCOUNT", "INFINITE"}), 0,
       CHECK(tp_rt.spin_iters >= 30000000000ull, "%s: spin %llu", cur_label,
             tp_rt.spin_iters));
  CASE(spincount_wins, KV({"GOMP_SPINCOUNT", "5"}, {"OMP_WAIT_POLICY", "active"}), 0,
       CHECK_EQ_U(tp_rt.spin_iters, 5, cur_label));
  CASE(spincount_bad, KV({"GOMP_SPINCOUNT", "abc"}), 1,
       CHECK_EQ_U(tp_rt.spin_iters, D_spin, cur_label));

  /* --- several bad values: one warning each, good ones still applied --- */
  CASE(several_bad,
       KV({"OMP_NUM_THREADS", "x"}, {"OMP_DYNAMIC", "maybe"}, {"OMP_SCHEDULE", "fast"},
          {"OMP_THREAD_LIMIT", "6"}),
       3, {
         CHECK_EQ_U(I->thread_limit, 6, cur_label);
         icv_defaults_except(F_TL);
       });
  return ncases;
}

/* tp_env_init() twice in one process: the second call starts from the
 * defaults, not from the first call's values. */
static void rerun(void) {
  setenv("OMP_NUM_THREADS", "3,2", 1);
  setenv("OMP_SCHEDULE", "static,9", 1);
  setenv("OMP_PROC_BIND", "spread,close", 1);
  setenv("OMP_DYNAMIC", "true", 1);
  setenv("OMP_THREAD_LIMIT", "7", 1);
  setenv("OMP_STACKSIZE", "3M", 1);
  setenv("OMP_CANCELLATION", "true", 1);
  setenv("OMP_WAIT_POLICY", "passive", 1);
  char out[4096];
  init_capturing(out, sizeof out);
  CHECK(!out[0], "unexpected warnings: %s", out);
  CHECK_EQ_U(tp_rt.initial_icv.nthreads, 3, "first call: nthreads");
  CHECK_EQ_U(tp_rt.initial_icv.thread_limit, 7, "first call: thread limit");
  clear_omp_env();
  init_capturing(out, sizeof out);
  cur_label = "second call, empty environment";
  icv_defaults_except(0);
  CHECK_EQ_U(tp_rt.g.stacksize, DG.stacksize, "stacksize reset");
  CHECK_EQ_U(tp_rt.g.cancel, DG.cancel, "cancel reset");
  CHECK_EQ_U(tp_rt.g.wait_policy, DG.wait_policy, "wait policy reset");
  CHECK_EQ_U(tp_rt.spin_iters, D_spin, "spin budget reset");
}

int main(int argc, char **argv) {
  double t0 = ut_now();
  ut_watchdog(30);
  clear_omp_env();
  char out[4096];
  init_capturing(out, sizeof out);
  CHECK(!out[0], "warnings with an empty environment: %s", out);
  D = tp_rt.initial_icv;
  DG = tp_rt.g;
  D_spin = tp_rt.spin_iters;
  D_spin_thr = tp_rt.spin_throttled;
  (void)D_spin_thr;
  if (argc > 1 && !strcmp(argv[1], "rerun")) {
    rerun();
    UT_PASS("env rerun", t0);
    return 0;
  }
  int n = run_all();
  printf("env: %d cases\n", n);
  UT_PASS("env", t0);
  return 0;
}
