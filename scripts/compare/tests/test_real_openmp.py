"""A tiny generated OpenMP C program run under the real system runtimes."""
import json
import os
import shutil
import subprocess
import unittest

import _path  # noqa: F401
from compare import elfdeps, runner, runtimes
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


MAPS_PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include <omp.h>
int main(void)
{
    int n = 0;
#pragma omp parallel
    {
#pragma omp atomic
        n++;
    }
    char line[4096];
    FILE *f = fopen("/proc/self/maps", "r");
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "/libgomp.so"))
            printf("mapped %s", strchr(line, '/'));
    printf("ran %d\n", n > 0);
    return 0;
}
"""


@unittest.skipUnless(shutil.which("gcc"), "gcc not available")
class SubstituteTest(unittest.TestCase):
    """A runtime run over a gcc binary replaces the system libgomp instead of
    merely being preloaded over it (whose constructor would bind threads)."""

    def test_libomp_replaces_system_libgomp(self):
        lib = runtimes.find_libomp()
        if not lib:
            self.skipTest("libomp not installed")
        w = Workdir()
        self.addCleanup(w.cleanup)
        src = os.path.join(w.path, "maps.c")
        with open(src, "w") as f:
            f.write(MAPS_PROGRAM)
        exe = os.path.join(w.path, "maps")
        subprocess.run(["gcc", "-fopenmp", src, "-o", exe], check=True)
        base = dict(os.environ, OMP_PROC_BIND="true", OMP_NUM_THREADS="2")
        plain = subprocess.run([exe], env=base, capture_output=True, text=True, check=True)
        self.assertIn("mapped /", plain.stdout)  # the system libgomp, as a control
        rt_env, why = runtimes.Runtime("libomp", "libomp", lib).setup("gnu")
        self.assertIsNone(why)
        env = runner.build_env(base, {}, 2, {}, rt_env)
        out = subprocess.run([exe], env=env, capture_output=True, text=True, check=True)
        self.assertEqual(out.stdout, "ran 1\n", out.stdout + out.stderr)

    def test_substitute_dir_and_env_order(self):
        w = Workdir()
        self.addCleanup(w.cleanup)
        lib = os.path.join(w.path, "libx.so")
        open(lib, "w").close()
        d = runtimes.libgomp_substitute_dir(lib)
        self.assertEqual(os.path.realpath(os.path.join(d, "libgomp.so.1")),
                         os.path.realpath(lib))
        self.assertEqual(runtimes.libgomp_substitute_dir(lib), d)  # reused
        env = runner.build_env({"LD_LIBRARY_PATH": "/mine", "LD_PRELOAD": "/p.so"}, {}, 1, {},
                               {"LD_PRELOAD": lib, "LD_LIBRARY_PATH": d})
        self.assertEqual(env["LD_LIBRARY_PATH"], d + ":/mine")
        self.assertEqual(env["LD_PRELOAD"], lib + ":/p.so")
        # a Clang binary runs libomp natively: nothing substituted
        llvm_env, why = runtimes.Runtime("libomp", "libomp", lib).setup("llvm")
        self.assertIsNone(why)
        self.assertNotIn("LD_LIBRARY_PATH", llvm_env)
        gnu_env, _ = runtimes.Runtime("libomp", "libomp", lib).setup("gnu")
        self.assertEqual(gnu_env["LD_LIBRARY_PATH"], d)


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
