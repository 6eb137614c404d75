"""Helpers for running GCC's libgomp DejaGnu testsuite without DejaGnu.

Each module covers one concept: Tcl word/regex syntax (tcl), DejaGnu
directives (directives), target selectors (targets), the source tarball
(source), compiling and running (execute), expected-result lists (expected).
"""
