"""The OpenMP runtimes a program can be run under, and how to select each
one through the environment (LD_PRELOAD, LD_LIBRARY_PATH) for a given binary."""
import glob
import hashlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from typing import Dict, Optional

from .elfdeps import defined_dynamic_symbols

BUILTIN = ("tempo", "libgomp", "libomp")


def exports_kmpc(library):
    """Whether a runtime library can serve Clang-compiled binaries."""
    syms = defined_dynamic_symbols(library)
    return bool(syms) and "__kmpc_fork_call" in syms


@dataclass
class Runtime:
    name: str                  # column name: tempo, libgomp, libomp, or a variant
    kind: str                  # 'tempo' | 'libgomp' | 'libomp'
    library: Optional[str]     # shared object to preload (None: system default)
    env: Dict[str, str] = field(default_factory=dict)  # variant settings
    missing: Optional[str] = None  # reason it cannot run at all

    def setup(self, flavour):
        """Environment additions to run a binary of this OpenMP flavour
        ('gnu', 'llvm', 'unknown'), or (None, reason) if impossible."""
        if self.missing:
            return None, self.missing
        env = dict(self.env)
        if self.kind == "libgomp":
            if flavour == "llvm":
                return None, "binary is linked against libomp (Clang): libgomp cannot run it"
            return env, None
        if self.kind == "libomp" and flavour == "llvm":
            return env, None       # native: the binary already loads libomp
        if self.kind == "tempo" and flavour == "llvm" and not exports_kmpc(self.library):
            return None, ("binary is linked against libomp (Clang) and %s does not export "
                          "the __kmpc_* entry points" % os.path.basename(self.library))
        env["LD_PRELOAD"] = self.library
        if flavour != "llvm":
            env["LD_LIBRARY_PATH"] = libgomp_substitute_dir(self.library)
        return env, None


def libgomp_substitute_dir(library):
    """A directory whose libgomp.so.1 is `library`, for LD_LIBRARY_PATH, so a
    gcc binary loads the runtime under test in place of the system libgomp.
    LD_PRELOAD alone interposes the symbols but still loads the system
    libgomp, whose constructor acts on OMP_PROC_BIND/OMP_PLACES: it binds the
    initial thread to the first place before the preloaded runtime starts.
    libomp then takes that one-CPU mask as the machine and runs every thread
    on one core (measured: gemm LARGE at 2 threads 0.76 s instead of 0.39 s)."""
    real = os.path.realpath(library)
    tag = hashlib.sha1(real.encode()).hexdigest()[:12]
    d = os.path.join(tempfile.gettempdir(), "ompcompare-libgomp-%d-%s" % (os.getuid(), tag))
    os.makedirs(d, exist_ok=True)
    link = os.path.join(d, "libgomp.so.1")
    if os.path.realpath(link) != real:
        tmp = "%s.%d" % (link, os.getpid())
        os.symlink(real, tmp)
        os.replace(tmp, link)
    return d


def find_libomp(explicit=None):
    """Locate libomp.so.5 at run time: --libomp, $OMPCOMPARE_LIBOMP, the
    dynamic linker cache, then the usual LLVM install directories."""
    for cand in (explicit, os.environ.get("OMPCOMPARE_LIBOMP")):
        if cand:
            return cand if os.path.exists(cand) else None
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True,
                             timeout=10).stdout
        for line in out.splitlines():
            m = re.search(r"^\s*libomp\.so\.5\s.*=>\s*(\S+)", line)
            if m and os.path.exists(m.group(1)):
                return m.group(1)
    except (OSError, subprocess.SubprocessError):
        pass

    def version_key(path):
        m = re.search(r"llvm-(\d+)", path)
        return int(m.group(1)) if m else 0

    patterns = ["/usr/lib/llvm-*/lib/libomp.so.5", "/usr/lib/*/libomp.so.5",
                "/usr/local/lib/libomp.so.5", "/usr/lib/libomp.so.5"]
    found = [p for pat in patterns for p in glob.glob(pat)]
    found.sort(key=version_key, reverse=True)
    return found[0] if found else None


def parse_variant(spec):
    """'tempo-nosteal:TEMPO_LOOP_STEAL=0,X=1' -> ('tempo-nosteal', {...})."""
    if ":" not in spec:
        raise ValueError("variant must be NAME:VAR=VALUE[,VAR=VALUE...]: %r" % spec)
    name, rest = spec.split(":", 1)
    if not name or name in BUILTIN:
        raise ValueError("bad variant name %r" % name)
    env = {}
    for item in filter(None, rest.split(",")):
        if "=" not in item:
            raise ValueError("variant %s: expected VAR=VALUE, got %r" % (name, item))
        k, v = item.split("=", 1)
        env[k] = v
    return name, env


# Where Tempo lies relative to the tool itself (scripts/ompcompare in the
# source tree, or share/tempo/ompcompare once installed), so the tool finds
# the same Tempo from any working directory.
TOOL_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
TEMPO_CANDIDATES = (("source tree", os.path.join("..", "build")),
                    ("installed", os.path.join("..", "..", "lib", "tempo")))


def locate_tempo(explicit=None, tool_dir=TOOL_DIR):
    """(directory holding libtempo.so, how it was found) or (None, what was
    tried).  --build wins; otherwise the places relative to the tool."""
    if explicit:
        return os.path.abspath(explicit), "--build"
    tried = []
    for how, rel in TEMPO_CANDIDATES:
        d = os.path.normpath(os.path.join(tool_dir, rel))
        if os.path.isfile(os.path.join(d, "libtempo.so")):
            return d, how
        tried.append(os.path.join(d, "libtempo.so"))
    return None, " or ".join(tried)


def make_runtimes(names, build_dir, variants, libomp=None):
    """Build the Runtime list for the requested names plus variants.
    Runtimes that cannot run at all carry a 'missing' reason."""
    tempo_lib = os.path.abspath(os.path.join(build_dir or ".", "libtempo.so"))
    tempo_missing = None if build_dir and os.path.exists(tempo_lib) else \
        "Tempo library not found: %s (build it, or pass --build DIR)" % tempo_lib
    result = []
    for name in names:
        if name == "tempo":
            result.append(Runtime("tempo", "tempo", tempo_lib, missing=tempo_missing))
        elif name == "libgomp":
            result.append(Runtime("libgomp", "libgomp", None))
        elif name == "libomp":
            path = find_libomp(libomp)
            if path:
                why = None
            elif libomp or os.environ.get("OMPCOMPARE_LIBOMP"):
                why = "libomp.so.5 not found: no such file %s" % (
                    libomp or os.environ.get("OMPCOMPARE_LIBOMP"))
            else:
                why = "libomp.so.5 not found (ldconfig cache, /usr/lib/llvm-*/lib)"
            result.append(Runtime("libomp", "libomp", path, missing=why))
        else:
            raise ValueError("unknown runtime %r (known: %s)" % (name, ", ".join(BUILTIN)))
    for name, env in variants:
        result.append(Runtime(name, "tempo", tempo_lib, env, tempo_missing))
    return result
