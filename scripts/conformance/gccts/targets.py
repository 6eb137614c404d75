"""DejaGnu target selectors and effective-target keywords for this host.

The runner only supports what a host-only x86-64 GNU/Linux gcc can do:
there is no offload compiler and no offload device, so every
offload_target_* / offload_device* keyword is false.  Keywords we do not
know are false too (the test becomes UNSUPPORTED with the keyword named),
which is the conservative choice: never claim a test ran when we could not
decide whether it applies.
"""

import fnmatch
import os
import subprocess

from .tcl import split_words

# DejaGnu's canonical name for this host; `gcc -dumpmachine` prints the
# Debian short form (x86_64-linux-gnu) which "*-*-linux*" would not match.
TRIPLET = "x86_64-pc-linux-gnu"


def _cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def _has_gcc_tool(name):
    """True when gcc resolves `name` to an installed program."""
    try:
        out = subprocess.run(["gcc", "-print-prog-name=" + name],
                             capture_output=True, text=True,
                             timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return False
    return os.path.isabs(out) and os.access(out, os.X_OK)


def _has_accel_compiler(target):
    """True when gcc can really compile offload code for `target`.

    Debian's gcc lists nvptx/amdgcn in OFFLOAD_TARGET_NAMES but is built
    with --enable-offload-defaulted: without the gcc-12-offload-* packages
    it silently produces host-only code, so look for mkoffload itself.
    """
    return _has_gcc_tool("accel/%s/mkoffload" % target)


class Host:
    """Answers effective-target queries for the C language on this host."""

    def __init__(self, language="c"):
        flags = _cpu_flags()
        nvptx = _has_accel_compiler("nvptx-none")
        amdgcn = _has_accel_compiler("amdgcn-amdhsa")
        self.keywords = {
            # language of the compilation (libgomp.c-c++-common as C)
            "c": language == "c", "c++": language == "c++",
            # x86-64 LP64 data model and toolchain facts
            "lp64": True, "ilp32": False, "ia32": False, "x32": False,
            "size32plus": True, "large_long_double": True,
            "__float128": True, "int128": True,
            "sync_int_long": True, "sync_char_short": True,
            "cas_char": True, "cas_int": True,
            "tls": True, "tls_native": True, "tls_runtime": True,
            "pthread": True, "shared": True, "fpic": True, "pie": True,
            "alias": True, "weak_undefined": True,
            "lto": _has_gcc_tool("lto-wrapper"),
            "vect_simd_clones": True,
            "fopenmp": True, "fgnu_tm": True,
            # target-supports.exp: opt-in through the environment
            "run_expensive_tests":
                os.environ.get("GCC_TEST_RUN_EXPENSIVE", "") != "",
            # run-time CPU features
            "sse2_runtime": "sse2" in flags,
            "avx_runtime": "avx" in flags,
            "avx2_runtime": "avx2" in flags,
            "avx512f_runtime": "avx512f" in flags,
            # offloading
            "offload_target_nvptx": nvptx,
            "offload_target_amdgcn": amdgcn,
            "offload_target_any": nvptx or amdgcn,
            "offload_device": False,
            "offload_device_nonshared_as": False,
            "offload_device_shared_as": False,
            "offload_device_nvptx": False,
            "offload_device_gcn": False,
            "offload_device_intel_mic": False,
            "offload_device_any_intel_mic": False,
            "openacc_nvidia_accel_selected": False,
            "openacc_radeon_accel_selected": False,
            "openacc_host_selected": False,
        }
        self.unknown = set()

    def keyword(self, name):
        if name in self.keywords:
            return self.keywords[name]
        self.unknown.add(name)
        return False

    def item(self, word):
        """One selector element: a target-triplet glob or a keyword."""
        word = word.strip()
        words = split_words(word)
        if len(words) != 1 or words[0] != word:
            return self.selector(words)
        if "-" in word and not word.startswith("-"):
            return fnmatch.fnmatchcase(TRIPLET, word)
        return self.keyword(word)

    def selector(self, words):
        """Evaluate a selector list as DejaGnu's dg-process-target does.

        A plain list is true when any element matches; a list containing
        &&, || or ! is an expression whose operands are elements (braced
        sub-lists recurse).  Operators apply left to right, as in GCC's
        selector_expression (tests always brace mixed expressions).
        """
        if not any(w in ("&&", "||", "!") for w in words):
            return any(self.item(w) for w in words)
        pos = 0

        def operand():
            nonlocal pos
            if words[pos] == "!":
                pos += 1
                return not operand()
            value = self.item(words[pos])
            pos += 1
            return value

        value = operand()
        while pos < len(words):
            op = words[pos]
            pos += 1
            rhs = operand()
            value = (value and rhs) if op == "&&" else (value or rhs)
        return value

    def target_clause(self, clause):
        """Evaluate `{ target sel }` / `{ xfail sel }` / bare selector.

        Returns (kind, value) where kind is "target", "xfail" or None.
        """
        words = split_words(clause)
        if words and words[0] in ("target", "xfail", "no"):
            return words[0], self.selector(words[1:])
        return None, self.selector(words)
