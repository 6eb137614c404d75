"""End-to-end runs of scripts/ompcompare on shell-script fixtures."""
import csv
import json
import os
import unittest

import _path  # noqa: F401
from compare import elfdeps, runner
from helpers import Workdir


class RunTest(unittest.TestCase):
    def setUp(self):
        self.w = Workdir()

    def tearDown(self):
        self.w.cleanup()

    def load(self, out):
        with open(os.path.join(out, "results.json")) as f:
            return json.load(f)

    def test_failure_under_one_runtime_is_reported(self):
        build = self.w.fake_build()
        prog = self.w.script("flaky.sh", """\
            case "$LD_PRELOAD" in
              *libtempo*) echo "boom: unsupported construct" >&2; exit 3 ;;
            esac
            echo "checksum 42"
            """)
        proc, out = self.w.run_tool("--build", build, "--runtimes", "tempo,libgomp",
                                    "--threads", "1,2", "--reps", "2", "--", prog)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("FAILED flaky.sh under tempo", proc.stderr)
        self.assertIn("exit status 3", proc.stderr)
        self.assertIn("boom: unsupported construct", proc.stderr)   # stderr tail
        self.assertRegex(proc.stdout, r"tempo .*FAILED x2 \(exit status 3\)")
        data = self.load(out)
        ok = [r for r in data["runs"] if r["runtime"] == "libgomp" and r["ok"]]
        self.assertEqual(len(ok), 4)     # the other runtime still ran everything
        rows = {(r["runtime"], r["threads"]): r for r in data["summary"]}
        self.assertEqual(rows[("tempo", 2)]["failures"], 2)
        self.assertIsNone(rows[("tempo", 2)]["median"])

    def test_output_mismatch_is_detected(self):
        build = self.w.fake_build()
        prog = self.w.script("wrong.sh", """\
            case "$LD_PRELOAD" in *libtempo*) r=41 ;; *) r=42 ;; esac
            echo "checksum $r"
            """)
        proc, out = self.w.run_tool("--build", build, "--runtimes", "tempo,libgomp",
                                    "--threads", "2", "--reps", "1", "--", prog)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("OUTPUT MISMATCH", proc.stderr)
        self.assertIn("'checksum 41'", proc.stderr)
        # blamed on the runtime that differs from the baseline, whatever ran first
        self.assertRegex(proc.stdout, r"tempo .*OUTPUT MISMATCH x1")
        self.assertNotRegex(proc.stdout, r"libgomp .*OUTPUT MISMATCH")

    def test_time_lines_do_not_count_as_mismatch_and_give_the_time(self):
        build = self.w.fake_build()
        prog = self.w.script("timed.sh", """\
            case "$LD_PRELOAD" in *libtempo*) t=0.5 ;; *) t=0.25 ;; esac
            echo "checksum 7"
            echo "PB_TIME seconds=$t kernel=x"
            """)
        proc, out = self.w.run_tool("--build", build, "--runtimes", "libgomp,tempo",
                                    "--threads", "1", "--reps", "3", "--", prog)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = {r["runtime"]: r for r in self.load(out)["summary"]}
        self.assertEqual(rows["libgomp"]["median"], 0.25)
        self.assertEqual(rows["tempo"]["median"], 0.5)
        self.assertAlmostEqual(rows["tempo"]["ratio"], 2.0)
        self.assertFalse(rows["tempo"]["noise"])
        self.assertEqual(rows["tempo"]["time_source"], "program")
        with open(os.path.join(out, "summary.csv")) as f:
            self.assertEqual(len(list(csv.DictReader(f))), 2)

    def test_suite_env_global_env_and_variant(self):
        build = self.w.fake_build()
        prog = self.w.script("env.sh", """\
            echo "threads=$OMP_NUM_THREADS sched=$OMP_SCHEDULE g=$GLOBAL"
            echo "time: ${HB:-1}"
            """)
        suite_path = os.path.join(self.w.path, "suite.txt")
        with open(suite_path, "w") as f:
            f.write("# test suite\nwithenv OMP_SCHEDULE=guided {suite_dir}/env.sh\n")
        proc, out = self.w.run_tool("--suite", suite_path, "--build", build,
                                    "--runtimes", "libgomp,tempo", "--threads", "3",
                                    "--reps", "1", "--env", "GLOBAL=yes",
                                    "--variant", "tempo-hb:HB=4")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        data = self.load(out)
        rows = {r["runtime"]: r for r in data["summary"]}
        self.assertEqual(set(rows), {"libgomp", "tempo", "tempo-hb"})
        self.assertEqual(rows["tempo-hb"]["median"], 4.0)   # variant env reached it
        self.assertEqual(rows["libgomp"]["median"], 1.0)
        out_text = runner.normalize_output("threads=3 sched=guided g=yes\ntime: 1\n",
                                           runner.DEFAULT_TIME_REGEX)
        self.assertEqual(out_text, "threads=3 sched=guided g=yes")

    def test_timeout_is_a_reported_failure(self):
        prog = self.w.script("slow.sh", """\
            echo "about to hang" >&2
            sleep 30
            """)
        proc, out = self.w.run_tool("--runtimes", "libgomp", "--threads", "1", "--reps", "1",
                                    "--timeout", "0.5", "--", prog)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("timed out after 0.5s", proc.stderr)
        self.assertIn("about to hang", proc.stderr)

    def test_usage_errors(self):
        proc, _ = self.w.run_tool("--threads", "0", "--", "/bin/true")
        self.assertEqual(proc.returncode, 2)
        proc, _ = self.w.run_tool("--runtimes", "libgomp")
        self.assertEqual(proc.returncode, 2)

    def test_elf_flavour(self):
        self.assertIsNone(elfdeps.needed_libraries(__file__))
        self.assertEqual(elfdeps.openmp_flavour(__file__), "unknown")
        libs = elfdeps.needed_libraries("/bin/sh")
        if libs is not None:
            self.assertTrue(any(l.startswith("libc.so") for l in libs), libs)



class OutputFilterTest(unittest.TestCase):
    def test_check_regex_with_group_compares_only_the_group(self):
        out = "Success 350.md base ref ratio=3.1, runtime=12.5\nnoise line\n"
        text = runner.normalize_output(out, runner.DEFAULT_TIME_REGEX,
                                       check_regex=r"^(Success \S+|\*\*\*.*)")
        self.assertEqual(text, "Success 350.md")

    def test_ignore_regex_and_threads_placeholder(self):
        text = runner.normalize_output("a 1\nseed 99\nb 2\n", runner.DEFAULT_TIME_REGEX,
                                       ignore_regexes=[r"^seed "])
        self.assertEqual(text, "a 1\nb 2")
        self.assertEqual(runner.expand_threads(["x", "--threads={threads}"], 4),
                         ["x", "--threads=4"])


if __name__ == "__main__":
    unittest.main()
