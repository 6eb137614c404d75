import os
import tempfile
import unittest

import _path  # noqa: F401
from compare import suite


class SuiteParsingTest(unittest.TestCase):
    def test_name_env_and_command(self):
        jobs = suite.parse_suite(
            "# comment line\n"
            "\n"
            "gemm   {build}/polybench/bin/gemm SMALL\n"
            "syrk-dyn  OMP_SCHEDULE=dynamic,4 X=a=b  {build}/bin/syrk-rt 'two words'  # tail\n",
            {"build": "bdir"})
        self.assertEqual([j.name for j in jobs], ["gemm", "syrk-dyn"])
        self.assertEqual(jobs[0].argv, ["bdir/polybench/bin/gemm", "SMALL"])
        self.assertEqual(jobs[0].env, {})
        self.assertEqual(jobs[1].env, {"OMP_SCHEDULE": "dynamic,4", "X": "a=b"})
        self.assertEqual(jobs[1].argv, ["bdir/bin/syrk-rt", "two words"])

    def test_env_only_after_name(self):
        # VAR=VALUE tokens after the program are ordinary arguments
        job = suite.parse_line("j prog A=1")
        self.assertEqual(job.argv, ["prog", "A=1"])
        self.assertEqual(job.env, {})

    def test_errors(self):
        with self.assertRaisesRegex(suite.SuiteError, "no command"):
            suite.parse_suite("lonely OMP_SCHEDULE=static\n")
        with self.assertRaisesRegex(suite.SuiteError, "duplicate"):
            suite.parse_suite("a prog\na prog2\n")
        with self.assertRaisesRegex(suite.SuiteError, "bad job name"):
            suite.parse_suite("a/b prog\n")
        with self.assertRaisesRegex(suite.SuiteError, "no jobs"):
            suite.parse_suite("# nothing\n\n")
        with self.assertRaisesRegex(suite.SuiteError, "x.txt:2"):
            suite.parse_suite("ok prog\nbad 'unterminated\n", source="x.txt")

    def test_load_suite_placeholders(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.txt")
            with open(path, "w") as f:
                f.write("k {suite_dir}/run.sh {build}\n")
            jobs = suite.load_suite(path, "mybuild")
        self.assertEqual(jobs[0].argv, [os.path.join(d, "run.sh"), "mybuild"])

    def test_polybench_placeholder(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.txt")
            with open(path, "w") as f:
                f.write("gemm {polybench}/bin/gemm SMALL\n")
            default = suite.load_suite(path, "mybuild")
            other = suite.load_suite(path, "mybuild", "pb-clang")
        self.assertEqual(default[0].argv, ["mybuild/polybench/bin/gemm", "SMALL"])
        self.assertEqual(other[0].argv, ["pb-clang/bin/gemm", "SMALL"])

    def test_repo_suites_parse(self):
        repo = os.path.join(os.path.dirname(__file__), "..", "..", "..")
        for name in ("suite-demo.txt", "suite-full.txt"):
            path = os.path.join(repo, "polybench", name)
            if os.path.exists(path):
                jobs = suite.load_suite(path, "build")
                self.assertGreater(len(jobs), 3, name)
                for job in jobs:
                    self.assertTrue(job.argv[0].startswith("build/polybench/bin/"), job.argv)


if __name__ == "__main__":
    unittest.main()
