"""Turn a test's DejaGnu `{ dg-... }` comments into a plan for one test.

Mirrors dg.exp/gcc-dg.exp for the directives that decide how a libgomp C
test is built, run and judged.  Directives that check the compiler rather
than the runtime (dg-final tree-dump scans, dg-warning, dg-excess-errors,
dg-prune-output) are recorded but not enforced: they say nothing about the
OpenMP runtime under test.
"""

import os
import re
from dataclasses import dataclass, field

from .tcl import split_words, tcl_regex_to_python

# dg.exp greps for `{ dg-name args }`; the match is greedy up to the last
# " }" on the line, exactly like DejaGnu's own pattern.
_DIRECTIVE = re.compile(r"\{[ \t]+(dg-[-a-z0-9]+)[ \t]+(.*)[ \t]+\}")

# libgomp.exp: `set dg-do-what-default run`; c.exp: DEFAULT_CFLAGS "-O2".
DEFAULT_ACTION = "run"
DEFAULT_OPTIONS = ["-O2"]
# dg-add-options features that need no flags on x86-64.
_NO_FLAG_FEATURES = {"__float128", "ieee", "c99_runtime"}
_IGNORED = {"dg-final", "dg-warning", "dg-message", "dg-bogus",
            "dg-excess-errors", "dg-prune-output", "dg-note",
            "dg-xfail-if"}


@dataclass
class Plan:
    name: str                       # e.g. libgomp.c/for-1.c
    path: str
    action: str = DEFAULT_ACTION    # run | link | compile | assemble
    unsupported: str = ""           # reason, when the test cannot apply
    options: list = field(default_factory=lambda: list(DEFAULT_OPTIONS))
    additional: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    env: dict = field(default_factory=dict)
    shouldfail: bool = False
    output_regex: str = ""          # Python regex (DOTALL), "" = none
    xfail: str = ""                 # reason the run is expected to fail
    timeout: int = 0                # seconds from dg-timeout, 0 = default
    errors: list = field(default_factory=list)  # (line or 0, regex)
    problems: list = field(default_factory=list)  # parse problems


def _words(text):
    try:
        return split_words(text)
    except ValueError:
        return None


class _Parser:
    def __init__(self, plan, host):
        self.plan = plan
        self.host = host
        self.skip_if = []     # (selector, include, exclude) judged at end
        self.options_seen = False

    def applies(self, clause):
        """True when an optional `{ target sel }` clause holds."""
        if clause is None:
            return True
        kind, value = self.host.target_clause(clause)
        return value if kind != "xfail" else True

    def unsupported(self, reason):
        if not self.plan.unsupported:
            self.plan.unsupported = reason

    def handle(self, name, args, line):
        p = self.plan
        arg = lambda i: args[i] if len(args) > i else None
        if name == "dg-do":
            p.action = arg(0)
            if arg(1) is not None:
                kind, value = self.host.target_clause(arg(1))
                if kind == "xfail" and value:
                    p.xfail = "dg-do xfail " + arg(1).strip()
                elif not value:
                    self.unsupported("dg-do %s only for {%s}"
                                     % (p.action, arg(1).strip()))
        elif name == "dg-options":
            if self.applies(arg(1)):
                p.options = arg(0).split()
        elif name == "dg-additional-options":
            if self.applies(arg(1)):
                p.additional += arg(0).split()
        elif name == "dg-additional-sources":
            if self.applies(arg(1)):
                d = os.path.dirname(p.path)
                p.sources += [os.path.join(d, s) for s in arg(0).split()]
        elif name == "dg-set-target-env-var":
            p.env[arg(0)] = arg(1) or ""
        elif name == "dg-shouldfail":
            if self.applies(arg(1)):
                p.shouldfail = True
        elif name == "dg-output":
            if self.applies(arg(1)):
                # successive dg-output patterns concatenate (dg.exp)
                p.output_regex += tcl_regex_to_python(arg(0))
        elif name == "dg-require-effective-target":
            if self.applies(arg(1)) and not self.host.item(arg(0)):
                self.unsupported("requires " + arg(0).strip())
        elif name == "dg-require-alias":
            if not self.host.keyword("alias"):
                self.unsupported("requires alias")
        elif name == "dg-skip-if":
            self.skip_if.append((arg(0), arg(1) or "*-*-*",
                                 arg(2) or "*", arg(3) or ""))
        elif name == "dg-xfail-run-if":
            if self.host.target_clause(arg(1) or "*-*-*")[1]:
                p.xfail = "dg-xfail-run-if " + (arg(0) or "")
        elif name == "dg-timeout":
            if self.applies(arg(1)):
                p.timeout = int(arg(0))
        elif name == "dg-add-options":
            if arg(0) not in _NO_FLAG_FEATURES:
                p.problems.append("dg-add-options %s not known" % arg(0))
        elif name == "dg-error":
            # dg-error regex [comment [selector [line]]]
            if self.applies(arg(2)):
                p.errors.append((_error_line(arg(3), line),
                                 tcl_regex_to_python(arg(0))))
        elif name not in _IGNORED:
            p.problems.append("line %d: %s not interpreted" % (line, name))

    def finish(self):
        p = self.plan
        flags = set(p.options + p.additional)
        for comment, sel, include, exclude in self.skip_if:
            inc = include.split()
            exc = exclude.split()
            if (self.host.target_clause(sel)[1]
                    and ("*" in inc or flags & set(inc))
                    and not flags & set(exc)):
                self.unsupported("dg-skip-if " + (comment or sel.strip()))
        if p.action not in ("run", "link", "compile", "assemble"):
            p.problems.append("unknown dg-do action " + repr(p.action))
            self.unsupported("dg-do %s not supported" % p.action)


def _error_line(spec, line):
    if spec is None:
        return line
    spec = spec.strip()
    if spec == "0":
        return 0
    if spec.startswith("."):
        return line + int(spec[1:] or 0)
    return int(spec)


def parse(path, name, host):
    """Read `path` and return its Plan."""
    plan = Plan(name=name, path=path)
    parser = _Parser(plan, host)
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, text in enumerate(f, 1):
            m = _DIRECTIVE.search(text)
            if not m:
                continue
            args = _words(m.group(2))
            if args is None:
                plan.problems.append("line %d: cannot parse %s"
                                     % (lineno, m.group(0)))
                continue
            parser.handle(m.group(1), args, lineno)
    parser.finish()
    unknown = sorted(host.unknown)
    if unknown:
        plan.problems.append("unknown effective targets: " + " ".join(unknown))
        host.unknown.clear()
    return plan
