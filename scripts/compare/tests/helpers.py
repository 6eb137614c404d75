"""Fixtures for the ompcompare tests: tiny shell-script 'programs', a fake
Tempo build directory, and a way to run the tool."""
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.normpath(os.path.join(HERE, "..", "..", "ompcompare"))


class Workdir:
    def __init__(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="ompcompare-test-")
        self.path = self._tmp.name

    def cleanup(self):
        self._tmp.cleanup()

    def script(self, name, body):
        """Write an executable /bin/sh script and return its path."""
        path = os.path.join(self.path, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + textwrap.dedent(body))
        os.chmod(path, 0o755)
        return path

    def fake_build(self):
        """A build dir whose libtempo.so is an empty file: the loader ignores
        it with a warning, but the program sees it in LD_PRELOAD, which is
        all the shell-script fixtures need to behave differently."""
        build = os.path.join(self.path, "build")
        os.makedirs(build, exist_ok=True)
        open(os.path.join(build, "libtempo.so"), "w").close()
        return build

    def run_tool(self, *args, env=None, cwd=None, tool=TOOL, out=True):
        """Run ompcompare (by default this tree's; --out into the work dir
        unless out=False, for tests of the default)."""
        out = os.path.join(self.path, "out") if out else None
        cmd = [sys.executable, tool] + (["--out", out] if out else []) + \
            ["--no-plot", "--no-progress"] + list(args)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                              env=env, cwd=cwd)
        return proc, out

    def copy_tool(self, root):
        """A copy of scripts/ompcompare and scripts/compare/ (no tests) under
        ROOT/scripts, as in a source tree; returns the copied script."""
        dst = os.path.join(root, "scripts")
        os.makedirs(dst, exist_ok=True)
        shutil.copy2(TOOL, os.path.join(dst, "ompcompare"))
        shutil.copytree(os.path.join(os.path.dirname(TOOL), "compare"),
                        os.path.join(dst, "compare"),
                        ignore=shutil.ignore_patterns("tests", "__pycache__"))
        return os.path.join(dst, "ompcompare")

    def counting_script(self, name, body):
        """A script that appends a line to NAME.count each time it runs."""
        count = os.path.join(self.path, name + ".count")
        return self.script(name, 'echo run >> "%s"\n' % count + textwrap.dedent(body)), count


def runs_counted(count_file):
    if not os.path.exists(count_file):
        return 0
    with open(count_file) as f:
        return len(f.read().splitlines())


def real_tempo_build():
    """A real Tempo build for the tests that need Tempo to run: $OMPCOMPARE_TEST_BUILD,
    else the source tree's build/ (what scripts/build and scripts/test make)."""
    for d in (os.environ.get("OMPCOMPARE_TEST_BUILD"), os.path.join(HERE, "..", "..", "..", "build")):
        if d and os.path.isfile(os.path.join(d, "libtempo.so")):
            return os.path.abspath(d)
    return None
