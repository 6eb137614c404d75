"""Checks that need the real Tempo (OMPCOMPARE_TEST_BUILD, or the source tree's
build/, which scripts/test builds first) and real compilers: whether a
program runs OpenMP code at all, and clang-built programs."""
import json
import os
import shutil
import subprocess
import unittest

import _path  # noqa: F401
from helpers import Workdir, real_tempo_build

PARALLEL = r"""
#include <stdio.h>
int main(void)
{
    long s = 0;
#pragma omp parallel for reduction(+ : s)
    for (long i = 0; i < 100000; i++) s += i % 7;
    printf("sum %ld\n", s);
    return 0;
}
"""
SERIAL = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n"
TIMER_ONLY = r"""
#include <stdio.h>
#include <omp.h>
int main(void) { printf("%d\n", omp_get_wtime() >= 0); return 0; }
"""

BUILD = real_tempo_build()
CLANG = shutil.which("clang") or shutil.which("clang-14")


def load(out):
    with open(os.path.join(out, "results.json")) as f:
        return json.load(f)


@unittest.skipUnless(BUILD, "no Tempo build (set OMPCOMPARE_TEST_BUILD or run scripts/build)")
class RealTempoTest(unittest.TestCase):
    def setUp(self):
        self.w = Workdir()
        self.addCleanup(self.w.cleanup)

    def compile(self, cc, name, text, *flags):
        src = os.path.join(self.w.path, name + ".c")
        with open(src, "w") as f:
            f.write(text)
        exe = os.path.join(self.w.path, name)
        subprocess.run([cc, "-O1", src, "-o", exe] + list(flags), check=True)
        return exe

    def run_tool(self, exe, *extra):
        return self.w.run_tool("--build", BUILD, "--threads", "1,2", "--reps", "2",
                               *extra, "--", exe)

    def test_program_without_openmp_is_warned_about(self):
        for name, text, flags in (("serial", SERIAL, ()), ("timer", TIMER_ONLY, ("-fopenmp",))):
            exe = self.compile("gcc", name, text, *flags)
            proc, out = self.run_tool(exe, "--runtimes", "tempo,libgomp")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(proc.stderr.count("does not run OpenMP code"), 1, proc.stderr)
            self.assertEqual(load(out)["meta"]["provenance"]["openmp_use"][name]["status"],
                             "unused")

    def test_openmp_program_is_not_warned_about(self):
        exe = self.compile("gcc", "par", PARALLEL, "-fopenmp")
        proc, out = self.run_tool(exe, "--runtimes", "tempo,libgomp")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertNotIn("warning", proc.stderr)
        use = load(out)["meta"]["provenance"]["openmp_use"]["par"]
        self.assertEqual(use["status"], "used")
        self.assertIn("regions 1", use["detail"])

    def test_static_binary_does_not_load_tempo(self):
        """LD_PRELOAD cannot reach a static binary: its Tempo column would be
        libgomp's code again."""
        try:
            exe = self.compile("gcc", "static", PARALLEL, "-fopenmp", "-static")
        except subprocess.CalledProcessError:
            self.skipTest("no static libgomp/libc to link with")
        proc, out = self.run_tool(exe, "--runtimes", "tempo,libgomp")
        self.assertIn("it was not loaded (a static binary?), so its Tempo column does not "
                      "measure Tempo", proc.stderr)
        self.assertEqual(load(out)["meta"]["provenance"]["openmp_use"]["static"]["status"],
                         "not-loaded")

    def test_without_tempo_column_the_elf_dependencies_tell(self):
        exe = self.compile("gcc", "serial", SERIAL)
        proc, _ = self.run_tool(exe, "--runtimes", "libgomp")
        self.assertIn("links no OpenMP runtime (ELF NEEDED)", proc.stderr)

    @unittest.skipUnless(CLANG, "clang not installed")
    def test_trace_gives_one_timeline_per_tempo_column_and_thread_count(self):
        exe = self.compile("gcc", "par", PARALLEL, "-fopenmp")
        proc, out = self.run_tool(exe, "--runtimes", "tempo,libgomp", "--variant",
                                  "nosteal:TEMPO_LOOP_STEAL=0", "--trace")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr.count("no trace under libgomp"), 1, proc.stderr)
        listed = load(out)["meta"]["traces"]
        self.assertEqual(sorted((t["runtime"], t["threads"]) for t in listed),
                         [("nosteal", 1), ("nosteal", 2), ("tempo", 1), ("tempo", 2)])
        for t in listed:
            self.assertIsNone(t["error"])
            with open(t["trace"]) as f:
                events = json.load(f)["traceEvents"]
            threads = {e["tid"] for e in events if e.get("name", "").startswith("parallel")}
            self.assertEqual(len(threads), t["threads"], t["trace"])
            with open(t["png"], "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        # the timed runs do not trace: no TEMPO_TRACE in their environment
        self.assertNotIn("TEMPO_TRACE", json.dumps(load(out)["meta"]["runtimes"]))

    def test_clang_binary(self):
        """Tempo preloaded, libomp native, libgomp cannot: said once, and
        ratios refer to libomp."""
        exe = self.compile(CLANG, "clangpar", PARALLEL, "-fopenmp")
        proc, out = self.run_tool(exe)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr.count("not run under libgomp"), 1, proc.stderr)
        self.assertNotIn("FAILED", proc.stderr)
        self.assertIn("ratios refer to libomp", proc.stderr)
        data = load(out)
        self.assertEqual(data["meta"]["baseline"], "libomp")
        self.assertEqual(data["meta"]["jobs"]["clangpar"]["flavour"], "llvm")
        rows = {(r["runtime"], r["threads"]): r for r in data["summary"]}
        for t in (1, 2):
            self.assertEqual(rows[("tempo", t)]["n"], 2)
            self.assertEqual(rows[("libomp", t)]["n"], 2)
            self.assertIsNotNone(rows[("tempo", t)]["ratio"])
            self.assertIn("libgomp cannot run it", rows[("libgomp", t)]["skipped"])
        # the Tempo column really ran Tempo (its statistics came back)
        self.assertEqual(data["meta"]["provenance"]["openmp_use"]["clangpar"]["status"], "used")


if __name__ == "__main__":
    unittest.main()
