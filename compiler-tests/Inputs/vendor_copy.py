#!/usr/bin/env python3
"""vendor_copy.py SRC DST NEWNAME: copy a shared library, renaming its SONAME.

Makes a "vendored" runtime the way Python wheels ship one (libgomp renamed to
libgomp-<hash>.so.1): NEWNAME must have the old SONAME's length, so the
string is replaced in place in .dynstr and nothing else moves."""
import sys

src, dst, new = sys.argv[1:4]
data = open(src, "rb").read()
old = b"libgomp.so.1\0"
new_b = new.encode() + b"\0"
if len(new_b) != len(old):
    sys.exit("vendor_copy.py: %s must be %d characters" % (new, len(old) - 1))
if data.count(old) != 1:
    sys.exit("vendor_copy.py: %s does not name itself libgomp.so.1 exactly once" % src)
open(dst, "wb").write(data.replace(old, new_b))
