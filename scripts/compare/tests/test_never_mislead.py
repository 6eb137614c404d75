"""ompcompare must never mislead: it finds Tempo from anywhere, a runtime
asked for is there or the run stops, a program that cannot run is said once,
a program without OpenMP is flagged, results say where they come from."""
import csv
import json
import os
import subprocess
import unittest

import _path  # noqa: F401
from helpers import Workdir, runs_counted


def load(out):
    with open(os.path.join(out, "results.json")) as f:
        return json.load(f)


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@t"] +
                   list(args), check=True, capture_output=True)


class FindsTempoTest(unittest.TestCase):
    """Run from another directory, without --build, the tool measures the
    Tempo next to itself; before, it looked for ./build and silently dropped
    the Tempo column."""

    def setUp(self):
        self.w = Workdir()
        self.addCleanup(self.w.cleanup)
        self.elsewhere = os.path.join(self.w.path, "elsewhere")
        os.makedirs(self.elsewhere)
        self.prog = self.w.script("p.sh", 'echo "checksum 1"\n')

    def tempo_rows(self, out):
        return [r for r in load(out)["summary"] if r["runtime"] == "tempo" and r["n"] == 2]

    def test_source_tree_layout(self):
        repo = os.path.join(self.w.path, "repo")
        tool = self.w.copy_tool(repo)
        os.makedirs(os.path.join(repo, "build"))
        lib = os.path.join(repo, "build", "libtempo.so")
        open(lib, "w").close()
        proc, _ = self.w.run_tool("--runtimes", "tempo,libgomp", "--threads", "1", "--reps", "2",
                                  "--", self.prog, tool=tool, cwd=self.elsewhere, out=False)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = os.path.join(repo, "build", "compare")    # default --out: beside the build
        self.assertEqual(len(self.tempo_rows(out)), 1, proc.stdout)
        prov = load(out)["meta"]["provenance"]["tempo"]
        self.assertEqual(prov["library"], lib)
        self.assertEqual(prov["found"], "source tree")
        self.assertFalse(os.path.exists(os.path.join(self.elsewhere, "build")))

    def test_installed_layout_through_bin_symlink(self):
        prefix = os.path.join(self.w.path, "P")
        share = os.path.join(prefix, "share", "tempo")
        tool = self.w.copy_tool(os.path.join(self.w.path, "tmpsrc"))
        os.makedirs(os.path.dirname(share), exist_ok=True)
        os.rename(os.path.dirname(tool), share)           # P/share/tempo/{ompcompare,compare/}
        os.makedirs(os.path.join(prefix, "bin"))
        os.symlink("../share/tempo/ompcompare", os.path.join(prefix, "bin", "ompcompare"))
        os.makedirs(os.path.join(prefix, "lib", "tempo"))
        lib = os.path.join(prefix, "lib", "tempo", "libtempo.so")
        open(lib, "w").close()
        proc, out = self.w.run_tool("--runtimes", "tempo,libgomp", "--threads", "1",
                                    "--reps", "2", "--", self.prog, cwd=self.elsewhere,
                                    tool=os.path.join(prefix, "bin", "ompcompare"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(len(self.tempo_rows(out)), 1, proc.stdout)
        self.assertEqual(load(out)["meta"]["provenance"]["tempo"]["library"], lib)

    def test_no_tempo_anywhere_is_an_error_saying_where_it_looked(self):
        repo = os.path.join(self.w.path, "repo")
        tool = self.w.copy_tool(repo)
        proc, _ = self.w.run_tool("--threads", "1", "--reps", "1", "--", self.prog,
                                  tool=tool, cwd=self.elsewhere)
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("Tempo library not found", proc.stderr)
        self.assertIn(os.path.join(repo, "build", "libtempo.so"), proc.stderr)
        self.assertIn("--runtimes libgomp,libomp", proc.stderr)
        self.assertEqual(proc.stdout, "")


class MissingRuntimeTest(unittest.TestCase):
    def setUp(self):
        self.w = Workdir()
        self.addCleanup(self.w.cleanup)
        self.prog, self.count = self.w.counting_script("ok.sh", "echo fine\n")

    def test_named_libomp_missing_is_an_error_before_any_run(self):
        nope = os.path.join(self.w.path, "nope.so")
        proc, _ = self.w.run_tool("--runtimes", "libgomp,libomp", "--libomp", nope,
                                  "--threads", "1", "--reps", "1", "--", self.prog)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("runtime libomp: libomp.so.5 not found: no such file " + nope,
                      proc.stderr)
        self.assertEqual(runs_counted(self.count), 0)

    def test_libomp_path_given_but_missing_is_an_error_with_the_default_list(self):
        build = self.w.fake_build()
        proc, _ = self.w.run_tool("--build", build, "--libomp", "/nonexistent/libomp.so.5",
                                  "--threads", "1", "--reps", "1", "--", self.prog)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("no such file /nonexistent/libomp.so.5", proc.stderr)
        self.assertEqual(runs_counted(self.count), 0)

    def test_named_tempo_missing_is_an_error(self):
        proc, _ = self.w.run_tool("--build", os.path.join(self.w.path, "nobuild"),
                                  "--runtimes", "tempo,libgomp", "--threads", "1",
                                  "--reps", "1", "--", self.prog)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("Tempo library not found", proc.stderr)
        self.assertEqual(runs_counted(self.count), 0)

    def test_variant_without_tempo_is_an_error(self):
        proc, _ = self.w.run_tool("--build", os.path.join(self.w.path, "nobuild"),
                                  "--runtimes", "libgomp", "--variant", "v:X=1",
                                  "--threads", "1", "--reps", "1", "--", self.prog)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertEqual(runs_counted(self.count), 0)

    def test_default_list_leaves_out_an_uninstalled_libomp_with_one_notice(self):
        build = self.w.fake_build()
        env = dict(os.environ, OMPCOMPARE_LIBOMP=os.path.join(self.w.path, "nope.so"))
        proc, out = self.w.run_tool("--build", build, "--threads", "1,2", "--reps", "2",
                                    "--", self.prog, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr.count("libomp left out"), 1, proc.stderr)
        self.assertEqual({r["runtime"] for r in load(out)["summary"]}, {"tempo", "libgomp"})


class CannotStartTest(unittest.TestCase):
    def setUp(self):
        self.w = Workdir()
        self.addCleanup(self.w.cleanup)
        self.build = self.w.fake_build()

    def test_missing_program_fails_at_once(self):
        missing = os.path.join(self.w.path, "not-built")
        proc, _ = self.w.run_tool("--build", self.build, "--threads", "1,2", "--reps", "3",
                                  "--runtimes", "tempo,libgomp", "--", missing)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertEqual(proc.stderr.count("ompcompare:"), 1, proc.stderr)
        self.assertIn("no such file: " + missing, proc.stderr)

    def test_not_executable_and_not_in_path(self):
        plain = os.path.join(self.w.path, "data.txt")
        open(plain, "w").close()
        for prog, why in ((plain, "not an executable file"),
                          ("no-such-program-xyz", "not found in PATH")):
            proc, _ = self.w.run_tool("--build", self.build, "--runtimes", "tempo,libgomp",
                                      "--threads", "1", "--", prog)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(why, proc.stderr)

    def test_crash_on_first_run_is_said_once(self):
        prog, count = self.w.counting_script("crash.sh", """\
            echo "crash.sh: cannot open input.dat" >&2
            exit 4
            """)
        other = self.w.script("fine.sh", "echo fine\n")
        suite_path = os.path.join(self.w.path, "suite.txt")
        with open(suite_path, "w") as f:
            f.write("crash %s\nfine %s\n" % (prog, other))
        proc, out = self.w.run_tool("--suite", suite_path, "--build", self.build,
                                    "--runtimes", "tempo,libgomp", "--threads", "1,2",
                                    "--reps", "3")
        self.assertEqual(proc.returncode, 1, proc.stderr)
        # one run under each runtime to tell "the program" from "a runtime"
        self.assertEqual(runs_counted(count), 2)
        self.assertEqual(proc.stderr.count("FAILED"), 1, proc.stderr)
        self.assertEqual(proc.stderr.count("cannot open input.dat"), 1, proc.stderr)
        self.assertIn("fails under every runtime tried (exit status 4 under", proc.stderr)
        rows = load(out)["summary"]
        self.assertTrue(all(r["skipped"].startswith("cannot run") for r in rows
                            if r["job"] == "crash"))
        self.assertTrue(all(r["n"] == 3 for r in rows if r["job"] == "fine"))

    def test_failure_under_one_runtime_only_is_still_reported_per_run(self):
        prog = self.w.script("flaky.sh", """\
            case "$LD_PRELOAD" in *libtempo*) echo "bad" >&2; exit 3 ;; esac
            echo ok
            """)
        proc, _ = self.w.run_tool("--build", self.build, "--runtimes", "tempo,libgomp",
                                  "--threads", "1", "--reps", "3", "--", prog)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr.count("FAILED flaky.sh under tempo"), 3, proc.stderr)
        self.assertNotIn("every runtime", proc.stderr)


class ProvenanceTest(unittest.TestCase):
    def test_commit_dirty_host_and_settings_in_every_output(self):
        w = Workdir()
        self.addCleanup(w.cleanup)
        repo = os.path.join(w.path, "repo")
        tool = w.copy_tool(repo)
        with open(os.path.join(repo, ".gitignore"), "w") as f:
            f.write("build/\n__pycache__/\n")
        git(repo, "init", "-q")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", "c")
        head = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        os.makedirs(os.path.join(repo, "build"))
        open(os.path.join(repo, "build", "libtempo.so"), "w").close()
        prog = w.script("p.sh", "echo x\n")
        args = ["--runtimes", "tempo,libgomp", "--threads", "1,2", "--reps", "2",
                "--env", "OMP_PROC_BIND=true", "--variant", "tempo-v:TEMPO_X=0", "--", prog]
        proc, out = w.run_tool(*args, tool=tool)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        prov = load(out)["meta"]["provenance"]
        self.assertEqual(prov["tempo"]["commit"], head)
        self.assertIs(prov["tempo"]["dirty"], False)
        for key in ("date", "host", "cpu_model", "kernel"):
            self.assertTrue(prov[key], key)
        self.assertEqual(prov["threads"], [1, 2])
        self.assertEqual(prov["reps"], 2)
        self.assertEqual(prov["env"], {"OMP_PROC_BIND": "true"})
        self.assertEqual(prov["variants"], {"tempo-v": {"TEMPO_X": "0"}})
        with open(os.path.join(out, "summary.csv")) as f:
            row = next(csv.DictReader(f))
        self.assertEqual(row["tempo_commit"], head)
        self.assertEqual(row["tempo_dirty"], "clean")
        self.assertEqual(row["env"], "OMP_PROC_BIND=true")
        self.assertEqual(row["host"], prov["host"])
        with open(os.path.join(out, "runs.csv")) as f:
            self.assertEqual(next(csv.DictReader(f))["tempo_commit"], head)
        with open(os.path.join(out, "summary.md")) as f:
            md = f.read()
        self.assertIn("commit %s (clean tree)" % head, md)
        self.assertIn("threads: 1,2; repetitions: 2", md)
        self.assertIn("tempo-v: TEMPO_X=0", md)
        # a tracked file changed: the tree is dirty
        with open(os.path.join(repo, "scripts", "compare", "__init__.py"), "a") as f:
            f.write("# edit\n")
        proc, out = w.run_tool(*args, tool=tool)
        self.assertIs(load(out)["meta"]["provenance"]["tempo"]["dirty"], True)


if __name__ == "__main__":
    unittest.main()
