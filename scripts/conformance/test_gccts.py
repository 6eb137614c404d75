"""Self-tests of the testsuite runner's interpretation of DejaGnu.

Run: python3 -m unittest discover -s scripts/conformance -p 'test_*.py'
The end-to-end cases compile tiny programs with gcc -fopenmp and run them
against the stock libgomp, so each verdict (PASS, FAIL-output, FAIL-run,
TIMEOUT) is produced by a real process, not assumed.
"""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))

from gccts import directives, expected  # noqa: E402
from gccts.execute import Executor, Result, Runtime  # noqa: E402
from gccts.targets import Host  # noqa: E402
from gccts.tcl import split_words, tcl_regex_to_python  # noqa: E402

HOST = Host("c")
SYSTEM = Runtime("system", "plain", {}, [])


class TclSyntax(unittest.TestCase):
    def test_quoted_words_get_backslash_substitution(self):
        # struct-elem-5.c escapes brackets so Tcl does not run a command
        words = split_words(r'"device \\\[\[0-9\]+\\\)" {a b}')
        self.assertEqual(words, [r"device \[[0-9]+\)", "a b"])

    def test_braced_words_are_literal_and_nest(self):
        words = split_words("run { target { { i?86-*-* } && lp64 } }")
        self.assertEqual(words[1], " target { { i?86-*-* } && lp64 } ")

    def test_unbalanced_braces_are_reported(self):
        with self.assertRaises(ValueError):
            split_words("{ target c")

    def test_are_word_boundaries_and_classes(self):
        py = tcl_regex_to_python(r"\mab[[:digit:]]+\M")
        self.assertRegex("x ab12 y", py)
        self.assertNotRegex("xab12", py)


class Selectors(unittest.TestCase):
    def test_triplets_keywords_and_operators(self):
        self.assertTrue(HOST.target_clause("target *-*-linux*")[1])
        self.assertFalse(HOST.target_clause("target alpha*-*-*")[1])
        self.assertTrue(HOST.target_clause(
            "target { { i?86-*-* x86_64-*-* } && lp64 }")[1])
        self.assertFalse(HOST.target_clause(
            "target { { i?86-*-* x86_64-*-* } && ia32 }")[1])
        self.assertTrue(HOST.target_clause("target { ! ia32 }")[1])
        self.assertFalse(HOST.target_clause(
            "target { offload_target_nvptx || offload_device }")[1])

    def test_unknown_keyword_is_false_and_remembered(self):
        host = Host("c")
        self.assertFalse(host.target_clause("target no_such_thing")[1])
        self.assertIn("no_such_thing", host.unknown)


class Workspace(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.executor = Executor(self.dir.name, [], "test", timeout=20,
                                 use_cache=False)

    def tearDown(self):
        self.dir.cleanup()

    def plan(self, text, name="t.c"):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return directives.parse(path, "suite/" + name, HOST)

    def verdict(self, plan):
        failed, built, work = self.executor.compile(plan, SYSTEM)
        if failed is not None:
            return failed
        if plan.action != "run":
            return Result(plan.name, "system", "PASS")
        return self.executor.run(plan, SYSTEM, built, work)


class Directives(Workspace):
    def test_options_env_and_conditions(self):
        p = self.plan('/* { dg-do run { target *-*-linux* } } */\n'
                      '/* { dg-options "-O0" } */\n'
                      '/* { dg-additional-options "-DA" { target c } } */\n'
                      '/* { dg-additional-options "-DB" { target c++ } } */\n'
                      '/* { dg-set-target-env-var OMP_NUM_THREADS "3" } */\n')
        self.assertEqual((p.action, p.options, p.additional, p.env),
                         ("run", ["-O0"], ["-DA"], {"OMP_NUM_THREADS": "3"}))
        self.assertEqual(p.unsupported, "")

    def test_requirements_make_tests_unsupported(self):
        p = self.plan("/* { dg-require-effective-target offload_device } */")
        self.assertIn("offload_device", p.unsupported)
        p = self.plan('/* { dg-skip-if "" { *-*-* } } */')
        self.assertTrue(p.unsupported)
        p = self.plan('/* { dg-skip-if "" { *-*-* } { "-O3" } } */')
        self.assertFalse(p.unsupported)   # -O3 not among the flags

    def test_dg_output_patterns_concatenate(self):
        p = self.plan('/* { dg-output "a(\\n|\\r)" } */\n'
                      '/* { dg-output "b" } */\n')
        self.assertEqual(p.output_regex, "a(\n|\r)b")


class Verdicts(Workspace):
    PRINT = ('#include <stdio.h>\n#include <omp.h>\nint main (void) {\n'
             '#pragma omp parallel num_threads (2)\n'
             '#pragma omp single\n printf ("threads %d\\n", omp_get_num_threads ());\n'
             ' return %s; }\n')

    def test_output_match_and_mismatch(self):
        ok = self.plan('/* { dg-output "threads 2(\\n|\\r\\n)" } */\n'
                       + self.PRINT.replace("%s", "0"))
        self.assertEqual(self.verdict(ok).status, "PASS")
        bad = self.plan('/* { dg-output "threads 3" } */\n'
                        + self.PRINT.replace("%s", "0"))
        self.assertEqual(self.verdict(bad).status, "FAIL-output")

    def test_exit_status_and_shouldfail(self):
        fails = self.PRINT.replace("%s", "1")
        self.assertEqual(self.verdict(self.plan(fails)).status, "FAIL-run")
        self.assertEqual(self.verdict(self.plan(
            '/* { dg-shouldfail "" } */\n' + fails)).status, "PASS")
        self.assertEqual(self.verdict(self.plan(
            '/* { dg-shouldfail "" } */\n' + self.PRINT.replace("%s", "0")
        )).status, "FAIL-run")

    def test_timeout_kills_the_process_group(self):
        p = self.plan('/* { dg-timeout 1 } */\n#include <unistd.h>\n'
                      'int main (void) { if (fork () == 0) sleep (30);'
                      ' sleep (30); return 0; }\n')
        start = time.monotonic()
        self.assertEqual(self.verdict(p).status, "TIMEOUT")
        # communicate() would wait for the forked child's end of the pipe
        # if it were still alive
        self.assertLess(time.monotonic() - start, 10)

    def test_compile_errors(self):
        broken = self.plan("int main (void) { return x; }\n")
        self.assertEqual(self.verdict(broken).status, "FAIL-compile")
        wanted = self.plan('/* { dg-do compile } */\n'
                           'int main (void) { return x; } /* { dg-error "undeclared" } */\n')
        self.assertEqual(self.verdict(wanted).status, "PASS")
        other = self.plan('/* { dg-do compile } */\n'
                          'int main (void) { return x; } /* { dg-error "no such text" } */\n')
        self.assertEqual(self.verdict(other).status, "FAIL-compile")


class Expectations(unittest.TestCase):
    def test_comparison_categories(self):
        cmp = expected.Comparison({"a": ("PASS", ""), "b": ("FAIL-run", "x"),
                                   "c": ("FAIL-run", "flaky: sometimes"),
                                   "d": ("FAIL-run", "y")})
        for name, status in (("a", "FAIL-run"), ("b", "PASS"), ("c", "PASS"),
                             ("d", "TIMEOUT"), ("e", "FAIL-output"),
                             ("f", "UNSUPPORTED")):
            cmp.add(Result(name, "t", status))
        self.assertEqual((cmp.passed, cmp.failed, cmp.xfail, cmp.unsupported),
                         (2, 2, 1, 1))
        self.assertEqual([r[0] for r in cmp.regressions], ["a", "e"])
        self.assertEqual(cmp.unexpected_passes, [("b", "FAIL-run")])
        self.assertEqual(cmp.changed_failures, [("d", "FAIL-run", "TIMEOUT")])

    def test_reason_names_the_missing_entry_point(self):
        r = Result("t", "tempo", "FAIL-run", "killed by SIGABRT",
                   "$ ./a.out\ntempo: fatal error: GOMP_taskloop is not "
                   "implemented by Tempo yet; stopping\n")
        self.assertEqual(expected.derive_reason(r),
                         "not implemented yet: GOMP_taskloop")
        r.log = "./a.out: symbol lookup error: undefined symbol: GOMP_target_ext"
        self.assertEqual(expected.derive_reason(r),
                         "not implemented yet: GOMP_target_ext")

    def test_update_keeps_hand_reasons_and_flaky_entries(self):
        want = {"hand": ("FAIL-run", "needs a per-task lock owner"),
                "auto": ("FAIL-run", "not implemented yet: GOMP_task"),
                "flaky": ("FAIL-run", "flaky: races"),
                "gone": ("PASS", ""), "other": ("TIMEOUT", "hangs")}
        run = {"hand": ("FAIL-run", "killed by SIGABRT"),
               "auto": ("FAIL-run", "a check in the test failed"),
               "flaky": ("PASS", ""), "new": ("FAIL-output", "mismatch")}
        merged = expected.merge(want, run, {"hand", "auto", "flaky", "new",
                                            "other"})
        self.assertEqual(merged, {
            "hand": ("FAIL-run", "needs a per-task lock owner"),
            "auto": ("FAIL-run", "a check in the test failed"),
            "flaky": ("FAIL-run", "flaky: races"),
            "new": ("FAIL-output", "mismatch"),
            "other": ("TIMEOUT", "hangs")})
        self.assertIn("gone", expected.merge(want, run, None))

    def test_round_trip_keeps_reasons(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "e.txt")
            entries = {"x/a.c": ("PASS", ""), "x/b.c": ("TIMEOUT", "hangs")}
            expected.write(path, entries, ["# header"])
            self.assertEqual(expected.read(path), (entries, ["# header"]))


if __name__ == "__main__":
    unittest.main()
