"""A tiny generated OpenMP C program run under the real system runtimes."""
import json
import os
import shutil
import subprocess
import unittest

import _path  # noqa: F401
from compare import elfdeps, runtimes
from helpers import Workdir

PROGRAM = r"""
#include <stdio.h>
#include <omp.h>
int main(void)
{
    long sum = 0;
    double t0 = omp_get_wtime();
#pragma omp parallel for schedule(dynamic, 7) reduction(+ : sum)
    for (long i = 0; i < 100000; i++) sum += i % 13;
    printf("threads %d\n", omp_get_max_threads());
    printf("sum %ld\n", sum);
    printf("time: %.9f\n", omp_get_wtime() - t0);
    return 0;
}
"""


@unittest.skipUnless(shutil.which("gcc"), "gcc not available")
class RealOpenMPTest(unittest.TestCase):
    def setUp(self):
        self.w = Workdir()
        src = os.path.join(self.w.path, "sum.c")
        with open(src, "w") as f:
            f.write(PROGRAM)
        self.exe = os.path.join(self.w.path, "sum")
        subprocess.run(["gcc", "-O2", "-fopenmp", src, "-o", self.exe], check=True)

    def tearDown(self):
        self.w.cleanup()

    def test_gcc_binary_under_system_runtimes(self):
        self.assertEqual(elfdeps.openmp_flavour(self.exe), "gnu")
        rts = "libgomp,libomp" if runtimes.find_libomp() else "libgomp"
        proc, out = self.w.run_tool("--runtimes", rts, "--threads", "1,2", "--reps", "2",
                                    "--", self.exe)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        with open(os.path.join(out, "results.json")) as f:
            data = json.load(f)
        runs = data["runs"]
        self.assertEqual(len(runs), 4 * len(rts.split(",")))
        self.assertTrue(all(r["ok"] and r["time_source"] == "program" for r in runs))
        # the OMP_NUM_THREADS setting reached the program (its output differs
        # between thread counts, so each thread count has its own reference)
        digests = {r["threads"]: r["output_digest"] for r in runs}
        self.assertNotEqual(digests[1], digests[2])



@unittest.skipUnless(shutil.which("gcc"), "gcc not available")
class RunpathWarningTest(unittest.TestCase):
    def test_binary_with_rpath_to_tempo_is_flagged(self):
        import io
        from compare import cli, suite
        w = Workdir()
        self.addCleanup(w.cleanup)
        build = w.fake_build()
        os.symlink("libtempo.so", os.path.join(build, "libgomp.so.1"))
        src = os.path.join(w.path, "p.c")
        with open(src, "w") as f:
            f.write("int main(void) { return 0; }\n")
        exe = os.path.join(w.path, "p")
        subprocess.run(["gcc", src, "-o", exe, "-Wl,-rpath," + build], check=True)
        self.assertIn(build, elfdeps.search_paths(exe))
        err = io.StringIO()
        cli.warn_tempo_in_search_path(exe, suite.Job("p", [exe]), err)
        self.assertIn("its libgomp column measures Tempo", err.getvalue())
        err = io.StringIO()
        cli.warn_tempo_in_search_path("/bin/sh", suite.Job("sh", ["/bin/sh"]), err)
        self.assertEqual(err.getvalue(), "")


class ExportsTest(unittest.TestCase):
    def test_libomp_serves_clang_binaries(self):
        lib = runtimes.find_libomp()
        if not lib:
            self.skipTest("libomp not installed")
        syms = elfdeps.defined_dynamic_symbols(lib)
        self.assertIn("__kmpc_fork_call", syms)
        self.assertIn("GOMP_parallel", syms)     # libomp's GNU compatibility layer
        self.assertTrue(runtimes.exports_kmpc(lib))
        self.assertFalse(runtimes.exports_kmpc("/bin/sh"))


if __name__ == "__main__":
    unittest.main()
