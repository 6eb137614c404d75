#!/usr/bin/env python3
"""Generate LLVM's __kmpc_atomic_* entry points and their test table.

One table (TYPES, the op tables and entries() below) drives everything:

  gen_atomic.py --list atomic-symbols.txt --out-dir DIR

writes to DIR
  kmpc_atomic.h        prototypes of every entry point, with the signatures
                       clang (and libomp's kmp_atomic.h) use;
  kmpc_atomic.c        their definitions, on the helpers of atomic_rmw.h;
  kmpc_atomic_cases.h  the unit test's table (tests/unit/test_kmpc_atomic.c):
                       one case per entry point with a call adapter, the
                       operation as a plain sequential reference, how to
                       hammer it and hand-written examples of its result;
  kmpc_atomic_names.txt
                       the generated names, one per line, sorted;
and fails (exit 1, listing the difference) if those names are not exactly
the ones of the checked-in list (abi/kmpc/atomic-symbols.txt, taken from
`nm -D` of LLVM 14's libomp.so.5).  --print-names prints the names instead.
"""
import argparse
import os
import sys


# --------------------------------------------------------------------------
# Types.  code: C type, sizeof, class ('int', 'float', 'cplx').  Objects of
# 1/2/4/8 bytes are updated lock-free (when aligned), wider ones under the
# address locks.  `sig`: the bytes that hold the value (long double has 6
# bytes of padding), as (offset, length) pairs, for the test's comparisons.
class Type:
    def __init__(self, code, ctype, size, cls, signed=True, sig=None):
        self.code, self.c, self.size, self.cls = code, ctype, size, cls
        self.signed = signed
        self.bits = size * 8
        self.sig = sig or [(0, size)]
        # Integer arithmetic is done in an unsigned type at least as wide as
        # int: wraps instead of overflowing (no undefined behaviour), and a
        # 16-bit product cannot overflow int after promotion.
        self.au = "uint64_t" if size == 8 else "unsigned"

    @property
    def lockfree(self):
        return self.size <= 8


TYPES = {t.code: t for t in [
    Type("fixed1", "int8_t", 1, "int"),
    Type("fixed1u", "uint8_t", 1, "int", signed=False),
    Type("fixed2", "int16_t", 2, "int"),
    Type("fixed2u", "uint16_t", 2, "int", signed=False),
    Type("fixed4", "int32_t", 4, "int"),
    Type("fixed4u", "uint32_t", 4, "int", signed=False),
    Type("fixed8", "int64_t", 8, "int"),
    Type("fixed8u", "uint64_t", 8, "int", signed=False),
    Type("float4", "float", 4, "float"),
    Type("float8", "double", 8, "float"),
    Type("float10", "long double", 16, "float", sig=[(0, 10)]),
    Type("cmplx4", "float _Complex", 8, "cplx"),
    Type("cmplx8", "double _Complex", 16, "cplx"),
    Type("cmplx10", "long double _Complex", 32, "cplx", sig=[(0, 10), (16, 10)]),
    # Test-only: the 20-byte object of __kmpc_atomic_20 (five int lanes).
    Type("lanes5", "struct kt_lanes5", 20, "lanes"),
]}

# --------------------------------------------------------------------------
# Operations.  A is the left operand, B the right one (for _rev: A is rhs,
# B the old value), AU the lhs type's unsigned arithmetic type.  The result
# is converted to the lhs type.  Expressions are libomp's operators: eqv is
# Fortran .EQV. (A ^ ~B), neqv .NEQV. (xor), andl/orl C's && and ||.
INT_EXPR = {
    "add": "(AU)A + (AU)B", "sub": "(AU)A - (AU)B", "mul": "(AU)A * (AU)B",
    "div": "A / B", "andb": "A & B", "orb": "A | B", "xor": "A ^ B",
    "neqv": "A ^ B", "eqv": "A ^ ~B", "andl": "A && B", "orl": "A || B",
    "shl": "(AU)A << B", "shr": "A >> B",
}
FLOAT_EXPR = {"add": "A + B", "sub": "A - B", "mul": "A * B", "div": "A / B"}
# max/min: store rhs when `old CMP rhs` (libomp's test; a NaN never wins).
MINMAX = {"max": "<", "min": ">"}
# Integer ops done with one fetch-and-op instruction.
FETCH = {"add": "add", "sub": "sub", "andb": "and", "orb": "or", "xor": "xor",
         "neqv": "xor"}

# --------------------------------------------------------------------------
# How the test hammers a read-modify-write (tests/unit/test_kmpc_atomic.c):
#   seq  every call applies the same rhs, so the value after k calls is
#        s_k = f^k(s0) whatever the interleaving: the final value must be
#        s_M and the captured values exactly {s_1..s_M} (new) or
#        {s_0..s_M-1} (old).  (s0, rhs, most calls per round: None = many,
#        or a function of the type's bits; chosen so the values stay
#        distinct for as long as possible and no operation is undefined.)
#   bits each call sets (clears, toggles) its own bit: orb/andb/xor/...
#   mono max/min of distinct increasing (decreasing) values.
# Complex values are (re, im).
def _maxpos(t):
    return 2 ** (t.bits - 1) - 1


SEQ = {
    ("add", "int"): (0, 1, None), ("add", "float"): (0, 1, None),
    ("add", "cplx"): ((0, 0), (1, 2), None),
    ("sub", "int"): (0, 1, None), ("sub", "float"): (0, 1, None),
    ("sub", "cplx"): ((0, 0), (1, 2), None),
    ("mul", "int"): (1, 3, None), ("mul", "float"): (1, 1.25, 200),
    ("mul", "cplx"): ((1, 0), (1, 1), 200),
    ("div", "int"): (_maxpos, 2, lambda t: t.bits - 1),
    ("div", "float"): (1, 1.25, 200), ("div", "cplx"): ((1, 0), (1, 1), 200),
    ("sub_rev", "int"): (0, 1, None), ("sub_rev", "float"): (0, 1, None),
    ("sub_rev", "cplx"): ((0, 0), (1, 2), None),
    ("div_rev", "int"): (1, 12, None), ("div_rev", "float"): (1, 3, None),
    ("div_rev", "cplx"): ((1, 0), (1, 1), None),
    ("shl", "int"): (1, 1, lambda t: t.bits - 1),
    ("shl_rev", "int"): (0, 1, 4),            # 0 1 2 4 16, then 1 << 16
    ("shr", "int"): (_maxpos, 1, lambda t: t.bits - 1),
    ("shr_rev", "int"): (0, 16, None),        # 16 >> 0, 16 >> 16, ...
    # 5 -> 1 -> 1 ...: only the first call changes the value, so a lost
    # update shows only as a second capture of 5: short rounds, many races.
    ("andl", "int"): (5, 7, 4), ("orl", "int"): (5, 0, 4),
    # rhs float8 / cmplx8 (the _float8 / _cmplx8 entry points)
    ("mul_mixed", "int"): (1, 2.0, lambda t: t.bits - 2),
    ("div_mixed", "int"): (lambda t: 2 ** (t.bits - 2), 2.0, lambda t: t.bits - 2),
}
BITS = {"orb": (0, False), "xor": (0, False), "neqv": (0, False),
        "eqv": (0, True), "andb": (-1, True)}   # s0, rhs is ~bit

# Hand-written examples: (x, rhs, result, reversed result or None), by
# class; 'signed' ones apply to signed integer types only.
EXAMPLES = {
    "add": {"int": [(12, 3, 15, None)], "float": [(12, 3, 15, None)],
            "cplx": [((2, 2), (1, 1), (3, 3), None)]},
    "sub": {"int": [(12, 3, 9, -9)], "float": [(12, 3, 9, -9)],
            "cplx": [((2, 2), (1, 1), (1, 1), (-1, -1))]},
    "mul": {"int": [(12, 3, 36, None)], "float": [(12, 3, 36, None)],
            "cplx": [((2, 2), (1, 1), (0, 4), None)]},
    "div": {"int": [(12, 3, 4, 0)], "signed": [(-12, 5, -2, 0)],
            "float": [(12, 3, 4, 0.25)],
            "cplx": [((2, 2), (1, 1), (2, 0), (0.5, 0))]},
    "andb": {"int": [(12, 10, 8, None)]}, "orb": {"int": [(12, 10, 14, None)]},
    "xor": {"int": [(12, 10, 6, None)]}, "neqv": {"int": [(12, 10, 6, None)]},
    "eqv": {"int": [(12, 10, -7, None)]},
    "andl": {"int": [(12, 3, 1, None), (12, 0, 0, None)]},
    "orl": {"int": [(12, 3, 1, None), (0, 0, 0, None)]},
    "shl": {"int": [(5, 2, 20, 64)]},
    "shr": {"int": [(20, 2, 5, 0)], "signed": [(-20, 2, -5, None)]},
    "max": {"int": [(12, 3, 12, None), (3, 12, 12, None)],
            "float": [(12, 3, 12, None), (3, 12.5, 12.5, None)]},
    "min": {"int": [(12, 3, 3, None), (3, 12, 3, None)],
            "float": [(12, 3.5, 3.5, None), (3, 12, 3, None)]},
}
MIXED_EXAMPLES = {  # (lhs class, op): rhs is float8 / cmplx8
    ("int", "mul"): [(12, 0.5, 6, None)], ("int", "div"): [(12, 0.5, 24, None)],
    ("float", "add"): [(12, 0.25, 12.25, None)],
    ("float", "sub"): [(12, 0.25, 11.75, None)],
    ("float", "mul"): [(12, 0.25, 3, None)], ("float", "div"): [(12, 0.25, 48, None)],
}


# --------------------------------------------------------------------------
# The entry points.
class Entry:
    def __init__(self, name, form, lt=None, rt=None, op=None, rev=False, **kw):
        self.name, self.form, self.lt, self.op, self.rev = name, form, lt, op, rev
        self.rt = rt or lt
        self.__dict__.update(kw)


SIGNED_OPS = ["add", "sub", "mul", "div", "andb", "orb", "xor", "shl", "shr",
              "andl", "orl", "eqv", "neqv", "max", "min"]
INT_REV = ["sub", "div", "shl", "shr"]
UNSIGNED_OPS = ["div", "shr"]
REAL_OPS = ["add", "sub", "mul", "div", "max", "min"]
CPLX_OPS = ["add", "sub", "mul", "div"]
REV_FLOAT = ["sub", "div"]
GENERIC_SIZES = [1, 2, 4, 8, 10, 16, 20, 32]


def entries():
    T = TYPES
    out = []

    def rmw(t, op, rev=False, rt=None):
        suffix = "_rev" if rev else ""
        mixed = "_" + rt.code if rt else ""
        out.append(Entry("__kmpc_atomic_%s_%s%s%s" % (t.code, op, suffix, mixed),
                         "upd", t, rt, op, rev))
        if not rt:
            out.append(Entry("__kmpc_atomic_%s_%s_cpt%s" % (t.code, op, suffix),
                             "cpt", t, rt, op, rev))

    def rws(t):
        for form in ("rd", "wr", "swp"):
            out.append(Entry("__kmpc_atomic_%s_%s" % (t.code, form), form, t))

    for n in (1, 2, 4, 8):
        s, u = T["fixed%d" % n], T["fixed%du" % n]
        for op in SIGNED_OPS:
            rmw(s, op)
        for op in INT_REV:
            rmw(s, op, rev=True)
        for op in UNSIGNED_OPS:
            rmw(u, op)
            rmw(u, op, rev=True)
        rws(s)
        for op in ("mul", "div"):
            rmw(s, op, rt=T["float8"])
    for codes, ops in ((("float4", "float8", "float10"), REAL_OPS),
                       (("cmplx4", "cmplx8", "cmplx10"), CPLX_OPS)):
        for code in codes:
            for op in ops:
                rmw(T[code], op)
            for op in REV_FLOAT:
                rmw(T[code], op, rev=True)
            rws(T[code])
        if codes[0] == "float4":
            for op in ("add", "sub", "mul", "div"):
                rmw(T["float4"], op, rt=T["float8"])
    for op in CPLX_OPS:
        rmw(T["cmplx4"], op, rt=T["cmplx8"])
    # OpenMP 5.1 compare: { r = x == e; if (r) x = d; } and friends.
    for n in (1, 2, 4, 8):
        for kind in ("bool", "val"):
            for cpt in (False, True):
                out.append(Entry("__kmpc_atomic_%s_%d_cas%s" % (kind, n, "_cpt" if cpt else ""),
                                 "cas", T["fixed%d" % n], kind=kind, cpt=cpt))
    gtypes = {1: "fixed1", 2: "fixed2", 4: "fixed4", 8: "fixed8", 10: "float10",
              16: "cmplx8", 20: "lanes5", 32: "cmplx10"}
    for n in GENERIC_SIZES:
        out.append(Entry("__kmpc_atomic_%d" % n, "generic", T[gtypes[n]], size=n))
    out.append(Entry("__kmpc_atomic_start", "start"))
    out.append(Entry("__kmpc_atomic_end", "end"))
    return out


# --------------------------------------------------------------------------
# Implementation.
def prototype(e):
    lt = e.lt.c if e.lt else None
    head = "ident_t *id_ref, int gtid"
    cmplx4 = e.lt is not None and e.lt.code == "cmplx4"
    if e.form == "upd" or e.form == "wr":
        return "void %s(%s, %s *lhs, %s rhs)" % (e.name, head, lt, e.rt.c)
    if e.form == "cpt":
        if cmplx4:  # libomp returns cmplx4 captures through `out`
            return "void %s(%s, %s *lhs, %s rhs, %s *out, int flag)" % (e.name, head, lt, lt, lt)
        return "%s %s(%s, %s *lhs, %s rhs, int flag)" % (lt, e.name, head, lt, lt)
    if e.form == "rd":
        return "%s %s(%s, %s *loc)" % (lt, e.name, head, lt)
    if e.form == "swp":
        if cmplx4:
            return "void %s(%s, %s *lhs, %s rhs, %s *out)" % (e.name, head, lt, lt, lt)
        return "%s %s(%s, %s *lhs, %s rhs)" % (lt, e.name, head, lt, lt)
    if e.form == "cas":
        ret = "bool" if e.kind == "bool" else lt
        extra = ", %s *pv" % lt if e.cpt else ""
        return "%s %s(ident_t *loc, int gtid, %s *x, %s e, %s d%s)" % (ret, e.name, lt, lt, lt, extra)
    if e.form == "generic":
        return ("void %s(%s, void *lhs, void *rhs, void (*f)(void *, void *, void *))"
                % (e.name, head))
    return "void %s(void)" % e.name


def expr(e, a, b):
    """C expression of e's operation on a (left) and b (right)."""
    t = e.lt
    if e.lt.cls == "int" and e.rt.cls == "int":
        s = INT_EXPR[e.op]
    else:
        s = FLOAT_EXPR[e.op]
    return "(%s)(%s)" % (t.c, s.replace("AU", t.au).replace("A", a).replace("B", b))


def step(e, o, r, n):
    """Statement computing n from o and r (sets `store` for max/min)."""
    if e.op in MINMAX:
        return "store = %s %s %s; %s = store ? %s : %s" % (o, MINMAX[e.op], r, n, r, o)
    a, b = (r, o) if e.rev else (o, r)
    return "%s = %s" % (n, expr(e, a, b))


def body(e):
    t = e.lt
    unused = ["(void)id_ref;", "(void)gtid;"]
    if e.form in ("upd", "cpt"):
        lines = unused + ["%s o, n;" % t.c]
        st = step(e, "o", "rhs", "n")
        fetch = FETCH.get(e.op)
        if not t.lockfree:
            lines.append("KA_RMW_LOCKED(lhs, o, n, %s);" % st)
        elif t.cls == "int" and e.rt is t and fetch and not e.rev:
            lines.append("KA_FETCH(%d, %s, lhs, rhs, o, n, %s);" % (t.bits, fetch, st))
        else:
            lines.append("KA_RMW(%d, lhs, o, n, %s);" % (t.bits, st))
        if e.form == "upd":
            lines.append("(void)o; (void)n;")
        elif t.code == "cmplx4":
            lines.append("*out = flag ? n : o;")
        else:
            lines.append("return flag ? n : o;")
        return lines
    if e.form == "rd":
        rd = "KA_READ(%d, loc, v);" % t.bits if t.lockfree else "KA_READ_LOCKED(loc, v);"
        return unused + ["%s v;" % t.c, rd, "return v;"]
    if e.form == "wr":
        return unused + ["KA_WRITE(%d, lhs, rhs);" % t.bits if t.lockfree
                         else "KA_WRITE_LOCKED(lhs, rhs);"]
    if e.form == "swp":
        sw = "KA_SWAP(%d, lhs, o, rhs);" % t.bits if t.lockfree else "KA_SWAP_LOCKED(lhs, o, rhs);"
        ret = "*out = o;" if t.code == "cmplx4" else "return o;"
        return unused + ["%s o;" % t.c, sw, ret]
    if e.form == "cas":
        lines = ["(void)loc;", "(void)gtid;", "%s o;" % t.c, "bool ok;",
                 "KA_CAS(%d, x, e, d, o, ok);" % t.bits]
        if e.kind == "bool":
            if e.cpt:
                lines.append("if (!ok)\n    *pv = o;")
            else:
                lines.append("(void)o;")
            lines.append("return ok;")
        else:
            if e.cpt:
                lines.append("*pv = ok ? d : o;")
            else:
                lines.append("(void)ok;")
            lines.append("return o;")
        return lines
    if e.form == "generic":
        if e.size <= 8:
            return unused + ["KA_GENERIC(%d, lhs, rhs, f);" % (e.size * 8)]
        return unused + ["KA_GENERIC_LOCKED(lhs, rhs, f);"]
    if e.form == "start":
        return ["tp_mutex_lock(&tp_rt.atomic_lock);"]
    return ["tp_mutex_unlock(&tp_rt.atomic_lock);"]


def emit_header(es):
    out = ["/* Generated by abi/kmpc/gen_atomic.py: prototypes of LLVM's "
           "__kmpc_atomic_* entry points. */",
           "#ifndef TEMPO_KMPC_ATOMIC_H", "#define TEMPO_KMPC_ATOMIC_H", "",
           "#include <stdbool.h>", "#include <stdint.h>", "",
           "typedef struct ident ident_t; /* source location: never looked at */", ""]
    out += ["%s;" % prototype(e) for e in es]
    out += ["", "#endif", ""]
    return "\n".join(out)


def emit_source(es):
    out = ["/* Generated by abi/kmpc/gen_atomic.py: LLVM's __kmpc_atomic_* "
           "entry points (see",
           " * abi/kmpc/atomic_rmw.h for how memory is accessed). */",
           '#include "kmpc_atomic.h"', '#include "atomic_rmw.h"',
           '#include "rt.h"', ""]
    for e in es:
        out.append(prototype(e) + " {")
        for line in body(e):
            out.append("  " + line)
        out.append("}")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------
# The test table.
def cnum(v):
    """(re, im) as C long double literals."""
    if isinstance(v, tuple):
        re, im = v
    else:
        re, im = v, 0
    return "{%sL, %sL}" % (repr(float(re)), repr(float(im)))


def resolve(x, t):
    return x(t) if callable(x) else x


def emit_cases(es):
    used = list(TYPES.values())
    out = ["/* Generated by abi/kmpc/gen_atomic.py: one test case per "
           "__kmpc_atomic_* entry point,",
           " * for tests/unit/test_kmpc_atomic.c (which defines the kt_* "
           "types this uses). */",
           '#include "kmpc_atomic.h"', ""]
    # The value union and per-type helpers.
    out.append("typedef union kt_val {")
    out.append("  unsigned char bytes[32];")
    for t in used:
        out.append("  %s %s;" % (t.c, t.code))
    out.append("} kt_val;")
    out.append("")
    for t in used:
        c = t.code
        out.append("static void kt_setf_%s(kt_val *v, long double re, long double im) {" % c)
        out.append("  memset(v, 0, sizeof *v);")
        if t.cls == "int":
            out.append("  (void)im;")
            out.append("  v->%s = (%s)(int64_t)re;" % (c, t.c))
        elif t.cls == "float":
            out.append("  (void)im;")
            out.append("  v->%s = (%s)re;" % (c, t.c))
        elif t.cls == "cplx":
            base = t.c.replace(" _Complex", "")
            out.append("  v->%s = __builtin_complex((%s)re, (%s)im);" % (c, base, base))
        else:
            out.append("  (void)im;")
            out.append("  for (int i = 0; i < 5; i++)")
            out.append("    v->%s.lane[i] = (int32_t)(int64_t)re * (i + 1);" % c)
        out.append("}")
        if t.cls == "int":
            out.append("static void kt_seti_%s(kt_val *v, uint64_t b) {" % c)
            out.append("  memset(v, 0, sizeof *v);")
            out.append("  v->%s = (%s)b;" % (c, t.c))
            out.append("}")
            out.append("static uint64_t kt_geti_%s(const kt_val *v) {" % c)
            out.append("  return (uint%d_t)v->%s;" % (t.bits, c))
            out.append("}")
        out.append("static long double kt_getf_%s(const kt_val *v) {" % c)
        if t.cls == "cplx":
            out.append("  return __real__ v->%s;" % c)
        elif t.cls == "lanes":
            out.append("  return v->%s.lane[0];" % c)
        else:
            out.append("  return v->%s;" % c)
        out.append("}")
        sig = ", ".join("{%d, %d}" % s for s in t.sig) + (", {0, 0}" if len(t.sig) == 1 else "")
        seti = "kt_seti_%s, kt_geti_%s" % (c, c) if t.cls == "int" else "NULL, NULL"
        out.append("static const struct kt_type kt_type_%s = {\"%s\", %d, KT_%s, %d, %d, {%s}, "
                   "kt_setf_%s, %s, kt_getf_%s};"
                   % (c, c, t.size, t.cls.upper(), int(t.signed), t.bits, sig, c, seti, c))
        out.append("")

    # Callbacks of the generic entry points, and their sequential use.
    for n in GENERIC_SIZES:
        e = next(x for x in es if x.form == "generic" and x.size == n)
        t = e.lt
        out.append("static void kt_cb_%d(void *out, void *a, void *b) {" % n)
        out.append("  %s x, y;" % t.c)
        out.append("  memcpy(&x, a, sizeof x);")
        out.append("  memcpy(&y, b, sizeof y);")
        if t.cls == "int":
            out.append("  x = (%s)((%s)x + (%s)y);" % (t.c, t.au, t.au))
        elif t.cls == "lanes":
            out.append("  for (int i = 0; i < 5; i++)")
            out.append("    x.lane[i] = (int32_t)((uint32_t)x.lane[i] + (uint32_t)y.lane[i]);")
        else:
            out.append("  x = x + y;")
        out.append("  memcpy(out, &x, sizeof x);")
        out.append("}")
    out.append("")

    cases = []
    for i, e in enumerate(es):
        if e.form == "end":
            continue  # tested together with __kmpc_atomic_start
        cases.append(emit_case(out, i, e))
    out.append("static const struct kt_case kt_cases[] = {")
    for c in cases:
        out.append("  {%s}," % c)
    out.append("};")
    out.append("")
    # Every generated name is exercised by a case.
    out.append("static const char *const kt_names[] = {")
    for e in es:
        out.append('  "%s",' % e.name)
    out.append("};")
    out.append("")
    return "\n".join(out)


def emit_case(out, i, e):
    t = e.lt
    rt = e.rt
    fn = "kt_call_%d" % i
    ref = "NULL"
    partner = "NULL"
    cas = "NULL"
    plan = "KT_SEQ"
    s0, r, maxops = 0, 0, 0
    mono = 0
    bits_s0, bits_inv = 0, 0
    exs = []
    form = {"upd": "KT_UPD", "cpt": "KT_CPT", "rd": "KT_RD", "wr": "KT_WR",
            "swp": "KT_SWP", "cas": "KT_CAS", "generic": "KT_UPD",
            "start": "KT_UPD"}[e.form]
    name = e.name
    if e.form in ("upd", "cpt"):
        out.append("static void %s(void *lhs, const kt_val *rhs, int flag, kt_val *ret) {" % fn)
        out.append("  (void)flag; (void)ret;")
        args = "NULL, 0, (%s *)lhs, rhs->%s" % (t.c, rt.code)
        if e.form == "upd":
            out.append("  %s(%s);" % (e.name, args))
        elif t.code == "cmplx4":
            out.append("  %s(%s, &ret->%s, flag);" % (e.name, args, t.code))
        else:
            out.append("  ret->%s = %s(%s, flag);" % (t.code, e.name, args))
        out.append("}")
        rname = "kt_ref_%d" % i
        out.append("static void %s(kt_val *x, const kt_val *rhs) {" % rname)
        out.append("  bool store = true;")
        out.append("  %s o = x->%s, n;" % (t.c, t.code))
        out.append("  %s;" % step(e, "o", "rhs->%s" % rt.code, "n"))
        out.append("  x->%s = store ? n : o;" % t.code)
        out.append("}")
        ref = rname
        mixed = rt is not t
        key = e.op + ("_rev" if e.rev else "") + ("_mixed" if mixed and t.cls == "int" else "")
        if e.op in BITS:
            plan = "KT_BITS"
            bits_s0, bits_inv = BITS[e.op]
        elif e.op in MINMAX:
            plan = "KT_MONO"
            mono = 1 if e.op == "max" else -1
        else:
            s0, r, maxops = SEQ[(key, t.cls)]
            s0, maxops = resolve(s0, t), resolve(maxops, t) or 0
        if mixed:
            exs = MIXED_EXAMPLES.get((t.cls, e.op)) or EXAMPLES[e.op][t.cls]
        else:
            exs = list(EXAMPLES[e.op].get(t.cls, []))
            if t.cls == "int" and t.signed:
                exs += EXAMPLES[e.op].get("signed", [])
        exs = [(x, y, rv if e.rev else fw) for x, y, fw, rv in exs
               if (rv if e.rev else fw) is not None]
    elif e.form in ("rd", "wr", "swp"):
        out.append("static void %s(void *lhs, const kt_val *rhs, int flag, kt_val *ret) {" % fn)
        out.append("  (void)flag; (void)rhs; (void)ret;")
        if e.form == "rd":
            out.append("  ret->%s = %s(NULL, 0, (%s *)lhs);" % (t.code, e.name, t.c))
        elif e.form == "wr":
            out.append("  %s(NULL, 0, (%s *)lhs, rhs->%s);" % (e.name, t.c, t.code))
        elif t.code == "cmplx4":
            out.append("  %s(NULL, 0, (%s *)lhs, rhs->%s, &ret->%s);" % (e.name, t.c, t.code, t.code))
        else:
            out.append("  ret->%s = %s(NULL, 0, (%s *)lhs, rhs->%s);" % (t.code, e.name, t.c, t.code))
        out.append("}")
        if e.form == "swp":
            plan = "KT_SWAP"
        else:
            plan = "KT_WRRD"
            # the other half of the pair: rd cases write with _wr, and back
            other = e.name[:-2] + ("wr" if e.form == "rd" else "rd")
            partner = "kt_call_%d" % next(j for j, x in enumerate(ENTRIES) if x.name == other)
        exs = [(12, 3, 3 if e.form != "rd" else 12)]
    elif e.form == "cas":
        out.append("static bool %s(void *x, const kt_val *e, const kt_val *d, kt_val *pv, "
                   "kt_val *ret) {" % fn)
        out.append("  (void)pv; (void)ret;")
        args = "NULL, 0, (%s *)x, e->%s, d->%s" % (t.c, t.code, t.code)
        if e.cpt:
            args += ", &pv->%s" % t.code
        if e.kind == "bool":
            out.append("  return %s(%s);" % (e.name, args))
        else:
            out.append("  ret->%s = %s(%s);" % (t.code, e.name, args))
            out.append("  return ret->%s == e->%s;" % (t.code, t.code))
        out.append("}")
        plan = "KT_CAS"
        cas = fn
        fn = "NULL"
        rd = "__kmpc_atomic_%s_rd" % t.code
        partner = "kt_call_%d" % next(j for j, x in enumerate(ENTRIES) if x.name == rd)
        form = "KT_CAS_%s%s" % (e.kind.upper(), "_CPT" if e.cpt else "")
    elif e.form == "generic":
        out.append("static void %s(void *lhs, const kt_val *rhs, int flag, kt_val *ret) {" % fn)
        out.append("  (void)flag; (void)ret;")
        out.append("  %s(NULL, 0, lhs, (void *)rhs, kt_cb_%d);" % (e.name, e.size))
        out.append("}")
        out.append("static void kt_ref_%d(kt_val *x, const kt_val *rhs) {" % i)
        out.append("  kt_cb_%d(x, x, (void *)rhs);" % e.size)
        out.append("}")
        ref = "kt_ref_%d" % i
        s0, r, maxops = ((0, 0), (1, 2), 0)
    else:  # __kmpc_atomic_start/end around a plain long double update
        t = rt = TYPES["float10"]
        name = "__kmpc_atomic_start/__kmpc_atomic_end"
        out.append("static void %s(void *lhs, const kt_val *rhs, int flag, kt_val *ret) {" % fn)
        out.append("  (void)flag; (void)ret;")
        out.append("  long double x;")
        out.append("  __kmpc_atomic_start();")
        out.append("  memcpy(&x, lhs, sizeof x);")
        out.append("  x += rhs->float10;")
        out.append("  memcpy(lhs, &x, sizeof x);")
        out.append("  __kmpc_atomic_end();")
        out.append("}")
        out.append("static void kt_ref_%d(kt_val *x, const kt_val *rhs) {" % i)
        out.append("  x->float10 += rhs->float10;")
        out.append("}")
        ref = "kt_ref_%d" % i
        s0, r, maxops = (0, 1, 0)
    assert len(exs) <= 3, e.name  # kt_case.ex[3]
    ex = ", ".join("{%s, %s, %s}" % (cnum(a), cnum(b), cnum(c)) for a, b, c in exs)
    return ('"%s", &kt_type_%s, &kt_type_%s, %s, %s, %s, %s, %s, %s, %s, %s, %d, %d, '
            '%d, %d, %d, {%s}'
            % (name, t.code, rt.code, plan, form, fn, ref, partner, cas,
               cnum(s0), cnum(r), maxops, mono, bits_s0, bits_inv, len(exs),
               ex or "{{0, 0}, {0, 0}, {0, 0}}"))


ENTRIES = entries()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", help="checked-in reference list of names")
    ap.add_argument("--out-dir")
    ap.add_argument("--print-names", action="store_true")
    a = ap.parse_args()
    names = sorted(e.name for e in ENTRIES)
    if len(set(names)) != len(names):
        sys.exit("gen_atomic.py: duplicate names in the table")
    if a.print_names:
        print("\n".join(names))
        return 0
    if a.list:
        want = sorted(l.strip() for l in open(a.list) if l.strip() and not l.startswith("#"))
        if want != names:
            missing = sorted(set(want) - set(names))
            extra = sorted(set(names) - set(want))
            sys.stderr.write("gen_atomic.py: generated names differ from %s\n" % a.list)
            for n in missing:
                sys.stderr.write("  missing:    %s\n" % n)
            for n in extra:
                sys.stderr.write("  not listed: %s\n" % n)
            return 1
    if a.out_dir:
        os.makedirs(a.out_dir, exist_ok=True)
        files = {"kmpc_atomic.h": emit_header(ENTRIES),
                 "kmpc_atomic.c": emit_source(ENTRIES),
                 "kmpc_atomic_cases.h": emit_cases(ENTRIES),
                 "kmpc_atomic_names.txt": "\n".join(names) + "\n"}
        for fname, text in files.items():
            with open(os.path.join(a.out_dir, fname), "w") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
