"""Which stock libgomp entry points a preloaded runtime fails to define.

With LD_PRELOAD the stock libgomp.so.1 is still loaded (the test binary
needs it), so any GOMP_*/omp_* symbol the preloaded library does not
define silently resolves to the stock one: the test then exercises stock
libgomp for that construct, not Tempo.  We list such symbols up front.
"""

import os
import subprocess


def _defined(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib],
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] not in ("A",):
            names.add(parts[2].split("@")[0])
    return names


def stock_libgomp():
    """Path of the libgomp gcc links against, or "" when not found."""
    try:
        path = subprocess.run(["gcc", "-print-file-name=libgomp.so"],
                              capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
    return os.path.realpath(path) if os.path.isabs(path) else ""


def missing_from(lib):
    """C-callable GOMP_*/omp_* symbols of the stock libgomp `lib` lacks.

    Offload-plugin hooks (GOMP_PLUGIN_*) and Fortran bindings (trailing
    underscore) are left out: no C test can reach them.
    """
    stock = stock_libgomp()
    if not stock:
        return []
    ours = _defined(lib)
    return sorted(n for n in _defined(stock)
                  if n.startswith(("GOMP_", "omp_"))
                  and not n.startswith("GOMP_PLUGIN_")
                  and not n.endswith("_") and n not in ours)
