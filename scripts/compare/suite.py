"""Suite files: one benchmark per line.

Format (blank lines and lines starting with '#' are ignored):

    NAME  [VAR=VALUE ...]  PROGRAM [ARG ...]

Tokens are split like a POSIX shell (shlex: quotes work).  Leading
VAR=VALUE tokens after the name are environment settings for that entry
only (like a shell command prefix).  Placeholders expanded in every token:

    {build}      the --build directory
    {polybench}  the PolyBench build (--polybench; default {build}/polybench)
    {suite_dir}  the directory containing the suite file
    {threads}    (left for run time) the thread count of each run

Example:
    gemm        {polybench}/bin/gemm SMALL
    syrk-dyn    OMP_SCHEDULE=dynamic,4  {polybench}/bin/syrk-rt SMALL
"""
import os
import re
import shlex
from dataclasses import dataclass, field
from typing import Dict, List

_ENV_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_NAME = re.compile(r"^[A-Za-z0-9_.@+:-]+$")


class SuiteError(ValueError):
    pass


@dataclass
class Job:
    name: str
    argv: List[str]
    env: Dict[str, str] = field(default_factory=dict)


def parse_env_assignments(items):
    """['A=1', 'B=x=y'] -> {'A': '1', 'B': 'x=y'}; raises SuiteError."""
    env = {}
    for item in items:
        if not _ENV_TOKEN.match(item):
            raise SuiteError("expected VAR=VALUE, got %r" % item)
        key, value = item.split("=", 1)
        env[key] = value
    return env


def parse_line(line, subst=None, where="line"):
    """Parse one suite line; returns a Job or None for blank/comment lines."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    try:
        tokens = shlex.split(text, comments=True)
    except ValueError as e:
        raise SuiteError("%s: %s" % (where, e))
    if not tokens:
        return None
    subst = subst or {}

    def expand(tok):
        for key, value in subst.items():
            tok = tok.replace("{%s}" % key, value)
        return tok

    name, rest = tokens[0], [expand(t) for t in tokens[1:]]
    if not _NAME.match(name):
        raise SuiteError("%s: bad job name %r" % (where, name))
    env_tokens = []
    while rest and _ENV_TOKEN.match(rest[0]):
        env_tokens.append(rest.pop(0))
    if not rest:
        raise SuiteError("%s: job %r has no command" % (where, name))
    return Job(name, rest, parse_env_assignments(env_tokens))


def parse_suite(text, subst=None, source="suite"):
    jobs, seen = [], set()
    for lineno, line in enumerate(text.splitlines(), 1):
        job = parse_line(line, subst, "%s:%d" % (source, lineno))
        if job is None:
            continue
        if job.name in seen:
            raise SuiteError("%s:%d: duplicate job name %r" % (source, lineno, job.name))
        seen.add(job.name)
        jobs.append(job)
    if not jobs:
        raise SuiteError("%s: no jobs" % source)
    return jobs


def load_suite(path, build_dir, polybench_dir=None):
    with open(path) as f:
        text = f.read()
    subst = {"build": build_dir,
             "polybench": polybench_dir or os.path.join(build_dir, "polybench"),
             "suite_dir": os.path.dirname(os.path.abspath(path))}
    return parse_suite(text, subst, path)
