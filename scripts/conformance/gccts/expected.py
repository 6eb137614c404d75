"""Expected-result lists: read, compare with a run, rewrite.

File format, one test a line:  `<name> <RESULT>  # optional reason`.
Blank lines and lines starting with '#' are comments.  A failure listed
here is an accepted, explained failure; a PASS that stops passing is a
regression.
"""

import re

STATUSES = ("PASS", "FAIL-compile", "FAIL-run", "FAIL-output", "TIMEOUT",
            "UNSUPPORTED")
FAILURES = ("FAIL-compile", "FAIL-run", "FAIL-output", "TIMEOUT")


def read(path):
    """Returns (ordered dict name -> (status, reason), header lines)."""
    entries, header = {}, []
    try:
        f = open(path)
    except FileNotFoundError:
        return entries, header
    with f:
        for line in f:
            raw = line.rstrip("\n")
            if not raw.strip() or raw.lstrip().startswith("#"):
                if not entries:
                    header.append(raw)
                continue
            body, _, reason = raw.partition("#")
            parts = body.split()
            if len(parts) != 2 or parts[1] not in STATUSES:
                raise SystemExit("%s: malformed line: %s" % (path, raw))
            entries[parts[0]] = (parts[1], reason.strip())
    return entries, header


def write(path, entries, header):
    width = max([len(n) for n in entries] + [10])
    with open(path, "w") as f:
        for line in header:
            f.write(line + "\n")
        for name in sorted(entries):
            status, reason = entries[name]
            line = "%-*s %s" % (width, name, status)
            if reason and status != "PASS":
                line = "%-*s  # %s" % (width + 13, line, reason)
            f.write(line.rstrip() + "\n")


_MISSING = [
    # the runtime's own "not implemented" abort names the entry point
    re.compile(r"((?:GOMP|GOACC|omp|__kmpc)_\w+)[^\n]{0,80}?"
               r"(?:not (?:yet )?implemented|unimplemented|unsupported)", re.I),
    re.compile(r"(?:not (?:yet )?implemented|unimplemented|unsupported)"
               r"[^\n]{0,80}?\b((?:GOMP|GOACC|omp|__kmpc)_\w+)", re.I),
    # ld.so in --mode link, or the static linker
    re.compile(r"undefined symbol: ((?:GOMP|omp|__kmpc)_\w+)"),
    re.compile(r"undefined reference to `((?:GOMP|omp|__kmpc)_\w+)'"),
    re.compile(r"version `(\w+(?:_[\d.]+)+)' not found"),
]


def derive_reason(result, baseline=None):
    """Best guess at why a test fails, for the expected list's comment.

    `baseline` is the stock libgomp's result for the same test, when known:
    a failure shared with the baseline is not the runtime's fault.
    """
    if result.status == "UNSUPPORTED":
        return result.detail
    log = result.log
    for pattern in _MISSING:
        m = pattern.search(log)
        if m:
            what = m.group(1)
            if pattern is _MISSING[-1]:
                return "symbol version %s not provided" % what
            return "not implemented yet: " + what
    if result.detail == "runtime could not be preloaded":
        return result.detail
    if baseline in FAILURES:
        return "fails with stock libgomp too (%s); %s" % (baseline,
                                                          result.detail)
    if result.status == "TIMEOUT":
        return "hangs or too slow: " + result.detail
    tail = [ln.strip() for ln in log.splitlines()
            if ln.strip() and not ln.startswith(("$ ", "# built with"))]
    if not tail and result.detail == "killed by SIGABRT":
        return "a check in the test failed (abort() without a message)"
    msg = tail[-1][:120] if tail else ""
    return "; ".join(x for x in (result.detail, msg) if x)


# Prefixes of the reasons derive_reason() writes; other reasons were
# written by hand and survive --update-expected while the result holds.
_DERIVED = ("not implemented yet:", "symbol version ", "runtime could not",
            "fails with stock libgomp too", "uses omp target:",
            "hangs or too slow:", "a check in the test failed", "killed by",
            "exit status", "exited 0 but", "output does not match",
            "expected error not reported", "compiled but", "compiler ")


def is_derived(reason):
    return reason.startswith(_DERIVED)


def is_flaky(reason):
    return reason.lower().startswith("flaky")


def merge(want, run, existing=None):
    """The expected list --update-expected writes.

    want: current list; run: this run's name -> (status, derived reason);
    existing: names of all tests (entries for other names are dropped), or
    None to keep every entry not in this run.
    """
    merged = {n: v for n, v in want.items()
              if existing is None or n in existing}
    for name, (status, derived) in run.items():
        old_status, old_reason = want.get(name, (None, ""))
        if is_flaky(old_reason) and status == "PASS":
            continue    # a flaky test's pass proves nothing
        keep = (old_status == status and old_reason
                and not is_derived(old_reason))
        merged[name] = (status, old_reason if keep else derived)
    return merged


class Comparison:
    """Sorts a run's results against the expected list."""

    def __init__(self, expected):
        self.expected = expected
        self.passed = self.failed = self.unsupported = self.xfail = 0
        self.regressions = []        # (name, expected, got, detail)
        self.unexpected_passes = []  # (name, expected)
        self.changed_failures = []   # (name, expected, got)
        self.notes = []

    def flaky(self, name):
        """Entries whose reason starts with "flaky" fail only sometimes:
        a pass is no news and must not tighten the list."""
        return is_flaky(self.expected.get(name, ("", ""))[1])

    def add(self, result):
        want = self.expected.get(result.name, (None, ""))[0]
        got = result.status
        if got == "PASS":
            self.passed += 1
            if want is not None and want != "PASS" and not self.flaky(result.name):
                self.unexpected_passes.append((result.name, want))
        elif got == "UNSUPPORTED":
            self.unsupported += 1
            if want not in (None, "UNSUPPORTED"):
                self.notes.append("%s: expected %s, now UNSUPPORTED (%s)"
                                  % (result.name, want, result.detail))
        elif want in FAILURES:
            self.xfail += 1
            if want != got:
                self.changed_failures.append((result.name, want, got))
        else:
            self.failed += 1
            self.regressions.append((result.name, want or "(not listed)",
                                     got, result.detail))
