"""Compile a planned test once and run it under one or more runtimes.

Binaries are cached under the build tree keyed by a hash of everything
that goes into them (compiler version, command line, source text, and for
--mode link the library linked against), because compiling ~550 tests
costs far more than running them.
"""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass

# libgomp.exp ALWAYS_CFLAGS and c.exp's -fopenmp; DejaGnu's
# default_target_compile adds -lm to every executable.
BASE_FLAGS = ["-fopenmp", "-fmessage-length=0",
              "-fno-diagnostics-show-caret", "-fdiagnostics-color=never"]
MAX_LOG = 64 * 1024


@dataclass
class Runtime:
    label: str          # name used in results and expected-<label>.txt
    variant: str        # which binary: "plain" or "link"
    env: dict           # extra environment (LD_PRELOAD)
    link_flags: list    # extra link flags for the "link" variant
    link_lib: str = ""  # library the "link" variant binds to (cache key)


@dataclass
class Result:
    name: str
    label: str
    status: str         # PASS FAIL-compile FAIL-run FAIL-output TIMEOUT UNSUPPORTED
    detail: str = ""
    log: str = ""
    seconds: float = 0.0


def _clean_env():
    """The caller's OpenMP settings must not leak into the tests."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OMP_", "GOMP_", "KMP_", "LD_PRELOAD"))}
    env["LC_ALL"] = "C"   # libgomp.exp sets these
    env["LANG"] = "C"
    return env


def run_limited(cmd, cwd, env, timeout):
    """Run cmd in its own process group; on timeout kill the whole group.

    Returns (returncode or None on timeout, combined stdout+stderr).
    """
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
        rc = None
    text = out.decode("utf-8", "replace")
    if len(text) > MAX_LOG:
        text = text[:MAX_LOG // 2] + "\n...[truncated]...\n" + text[-MAX_LOG // 2:]
    return rc, text, time.monotonic() - start


def _file_hash(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Executor:
    def __init__(self, cache, includes, compiler_id, timeout, use_cache=True):
        self.cache = cache
        self.includes = includes
        self.compiler_id = compiler_id
        self.timeout = timeout
        self.use_cache = use_cache
        self.lib_hashes = {}

    def _workdir(self, plan, variant):
        d = os.path.join(self.cache, "work", variant,
                         plan.name.replace("/", "__"))
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        return d

    def _command(self, plan, runtime):
        cmd = ["gcc", plan.path] + plan.sources + BASE_FLAGS
        cmd += ["-I" + d for d in self.includes]
        cmd += plan.options + plan.additional
        if plan.action in ("compile", "assemble"):
            cmd.append("-S" if plan.action == "compile" else "-c")
        else:
            cmd += runtime.link_flags + ["-lm"]
        return cmd

    def _key(self, plan, runtime, cmd):
        h = hashlib.sha256()
        h.update(self.compiler_id.encode())
        h.update("\0".join(cmd).encode())
        for src in [plan.path] + plan.sources:
            h.update(_file_hash(src).encode())
        if runtime.variant == "link" and runtime.link_lib:
            lib = runtime.link_lib
            if lib not in self.lib_hashes:
                self.lib_hashes[lib] = _file_hash(lib)
            h.update(self.lib_hashes[lib].encode())
        return h.hexdigest()[:32]

    def compile(self, plan, runtime):
        """Returns (failure Result or None, (exe, build command), workdir)."""
        work = self._workdir(plan, runtime.variant)
        cmd = self._command(plan, runtime)
        exe = os.path.join(work, "a.out")
        binary = plan.action in ("run", "link")
        cached = None
        if binary and self.use_cache and not plan.errors:
            cached = os.path.join(self.cache, "bin",
                                  self._key(plan, runtime, cmd))
            if os.path.exists(cached):
                return None, (cached, " ".join(cmd)), work
        rc, out, secs = run_limited(cmd + ["-o", exe], work, _clean_env(),
                                    max(self.timeout, 300))
        log = "$ " + " ".join(cmd + ["-o", exe]) + "\n" + out
        failed = rc != 0
        if plan.errors:
            missing = _missing_errors(plan, out)
            if missing or not failed:
                return Result(plan.name, "", "FAIL-compile",
                              "expected error not reported: " + missing[0]
                              if missing else "compiled but errors expected",
                              log, secs), None, work
            return Result(plan.name, "", "PASS", "", log, secs), None, work
        if failed:
            return Result(plan.name, "", "FAIL-compile",
                          _first_diagnostic(out) if rc is not None
                          else "compiler timed out", log, secs), None, work
        if cached:
            os.makedirs(os.path.dirname(cached), exist_ok=True)
            tmp = cached + ".tmp%d" % os.getpid()
            shutil.copy2(exe, tmp)
            os.replace(tmp, cached)
        return None, (exe, " ".join(cmd)), work

    def run(self, plan, runtime, built, work):
        exe, build_cmd = built
        env = _clean_env()
        env.update(plan.env)
        env.update(runtime.env)
        timeout = plan.timeout or self.timeout
        rc, out, secs = run_limited([exe], work, env, timeout)
        env_text = " ".join("%s=%s" % kv for kv in
                            list(plan.env.items()) + list(runtime.env.items()))
        log = "# built with: %s\n$ %s %s\n%s" % (build_cmd, env_text, exe, out)
        if rc is None:
            return Result(plan.name, runtime.label, "TIMEOUT",
                          "killed after %ds" % timeout, log, secs)
        if "cannot be preloaded" in out:
            # ld.so ignores a preload it cannot load and carries on with
            # the stock libgomp: that run says nothing about the runtime.
            return Result(plan.name, runtime.label, "FAIL-run",
                          "runtime could not be preloaded", log, secs)
        if (rc != 0) != plan.shouldfail:
            detail = ("exited 0 but dg-shouldfail" if plan.shouldfail
                      else _describe_exit(rc))
            return Result(plan.name, runtime.label, "FAIL-run", detail,
                          log, secs)
        if plan.output_regex and not re.search(plan.output_regex, out,
                                               re.DOTALL):
            return Result(plan.name, runtime.label, "FAIL-output",
                          "output does not match dg-output", log, secs)
        return Result(plan.name, runtime.label, "PASS", "", log, secs)


def _describe_exit(rc):
    if rc < 0:
        try:
            return "killed by " + signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit status %d" % rc


def _first_diagnostic(out):
    for line in out.splitlines():
        if "error" in line or "undefined reference" in line:
            return line.strip()[:200]
    return "compiler failed"


def _missing_errors(plan, out):
    """dg-error regexes with no matching `file:LINE:COL: error:` line."""
    base = os.path.basename(plan.path)
    found = []
    for line in out.splitlines():
        m = re.match(r"(.*?):(\d+):(?:\d+:)? (?:fatal )?error: (.*)", line)
        if m and os.path.basename(m.group(1)) == base:
            found.append((int(m.group(2)), m.group(3)))
    missing = []
    for want_line, regex in plan.errors:
        if not any((want_line in (0, ln)) and re.search(regex, msg)
                   for ln, msg in found):
            missing.append("line %d: %s" % (want_line, regex))
    return missing
