"""Fixtures for the ompcompare tests: tiny shell-script 'programs', a fake
Tempo build directory, and a way to run the tool."""
import os
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

    def run_tool(self, *args):
        out = os.path.join(self.path, "out")
        cmd = [sys.executable, TOOL, "--out", out, "--no-plot", "--no-progress"] + list(args)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return proc, out
