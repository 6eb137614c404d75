"""Run one program once under one runtime: environment, timing, output."""
import hashlib
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import List, Optional

# A program-printed time line: the harness's 'PB_TIME seconds=<t>' or a
# generic 'time: <t>' / 'Time = <t>' line.  Group 1 is seconds.
DEFAULT_TIME_REGEX = (r"(?im)^\s*(?:PB_TIME\s+seconds=|(?:kernel\s+|elapsed\s+)?time"
                      r"\s*[:=]\s*)([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)")


@dataclass
class RunResult:
    job: str
    runtime: str
    threads: int
    rep: int
    returncode: Optional[int] = None
    ok: bool = False
    time: Optional[float] = None       # seconds used for the statistics
    time_source: str = "wall"          # 'program' or 'wall'
    wall: Optional[float] = None
    error: Optional[str] = None
    stderr_tail: str = ""
    output_digest: Optional[str] = None
    output: str = field(default="", repr=False)
    mismatch: Optional[str] = None
    skipped: Optional[str] = None

    def to_dict(self):
        d = dict(self.__dict__)
        d.pop("output", None)
        return d


def extract_time(stdout, time_regex):
    """Sum of all time values printed by the program, or None."""
    values = [float(m.group(1)) for m in re.finditer(time_regex, stdout)]
    return sum(values) if values else None


def normalize_output(stdout, time_regex, ignore_regexes=(), check_regex=None):
    """The part of stdout that must agree across runtimes: every line except
    time lines and ignored lines; with check_regex, only lines matching it
    (only its group 1 when it has a group)."""
    time_re = re.compile(time_regex)
    ignores = [re.compile(r) for r in ignore_regexes]
    check = re.compile(check_regex) if check_regex else None
    keep = []
    for line in stdout.splitlines():
        if check is not None:
            m = check.search(line)
            if m:   # with a group, only the group's text must agree
                keep.append((m.group(1) or "") if check.groups else line.rstrip())
            continue
        if time_re.search(line + "\n") or any(r.search(line) for r in ignores):
            continue
        keep.append(line.rstrip())
    return "\n".join(keep)


def describe_status(code):
    if code is None:
        return "did not finish"
    if code < 0:
        try:
            return "killed by signal %s" % signal.Signals(-code).name
        except ValueError:
            return "killed by signal %d" % -code
    return "exit status %d" % code


def tail(text, lines=8):
    return "\n".join(text.rstrip().splitlines()[-lines:])


def run_once(argv: List[str], env, timeout, time_regex, result: RunResult,
             ignore_regexes=(), check_regex=None):
    t0 = time.monotonic()
    try:
        # own process group, so a timeout also ends the program's children
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, errors="replace",
                                start_new_session=True)
    except OSError as e:
        result.error = "could not start: %s" % e
        return result
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        stdout, stderr = proc.communicate()
        result.wall = time.monotonic() - t0
        result.error = "timed out after %gs" % timeout
        result.stderr_tail = tail(stderr or "")
        return result
    except BaseException:       # e.g. Ctrl-C: do not leave the program running
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        raise
    result.wall = time.monotonic() - t0
    result.returncode = proc.returncode
    result.stderr_tail = tail(stderr)
    if proc.returncode != 0:
        result.error = describe_status(proc.returncode)
        return result
    result.ok = True
    prog_time = extract_time(stdout, time_regex)
    if prog_time is not None:
        result.time, result.time_source = prog_time, "program"
    else:
        result.time, result.time_source = result.wall, "wall"
    result.output = normalize_output(stdout, time_regex, ignore_regexes, check_regex)
    result.output_digest = hashlib.sha1(result.output.encode()).hexdigest()[:12]
    return result


def build_env(base, global_env, threads, job_env, runtime_env):
    env = dict(base)
    env.update(global_env)
    env["OMP_NUM_THREADS"] = str(threads)
    env.update(job_env)
    runtime_env = dict(runtime_env)
    # The runtime's library paths go first; the user's own stay after them.
    prepend = {k: runtime_env.pop(k) for k in ("LD_PRELOAD", "LD_LIBRARY_PATH")
               if k in runtime_env}
    env.update(runtime_env)
    for key, value in prepend.items():
        existing = env.get(key, "")
        env[key] = value + (":" + existing if existing else "")
    return env


def expand_threads(argv, threads):
    """Replace the {threads} placeholder in a command (for programs that take
    the thread count as an argument, e.g. runspec --threads={threads})."""
    return [a.replace("{threads}", str(threads)) for a in argv]


def resolve_program(argv):
    """Absolute path of argv[0] if it can be found (for ELF inspection)."""
    prog = argv[0]
    if os.sep in prog:
        return os.path.abspath(prog)
    from shutil import which
    return which(prog) or prog
