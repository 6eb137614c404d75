"""The small part of Tcl syntax that DejaGnu directives use.

DejaGnu evaluates each `{ dg-xxx args }` comment as a Tcl command, so its
arguments follow Tcl word rules: `{...}` is literal (and may itself be a
list), `"..."` and bare words undergo backslash substitution.  dg-output
patterns are Tcl regular expressions (ARE), which we translate to Python.
"""

import re

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}


def backslash_subst(text):
    """Apply Tcl backslash substitution (\\n -> newline, \\[ -> [, ...)."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 == len(text):
            out.append(c)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
            if m:
                out.append(chr(int(m.group(0), 16)))
                i += 2 + len(m.group(0))
            else:
                out.append("x")
                i += 2
        elif nxt in "01234567":
            m = re.match(r"[0-7]{1,3}", text[i + 1:])
            out.append(chr(int(m.group(0), 8)))
            i += 1 + len(m.group(0))
        elif nxt == "\n":
            out.append(" ")
            i += 2
        else:
            out.append(nxt)
            i += 2
    return "".join(out)


def split_words(text):
    """Split a Tcl command or list into words.

    Braced words are returned verbatim (without the outer braces) so that a
    caller can split them again when they are nested lists (selectors).
    Raises ValueError on unbalanced braces or quotes.
    """
    words = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            return words
        if text[i] == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                if text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                j += 1
            if depth:
                raise ValueError("unbalanced braces in: " + text)
            words.append(text[i + 1:j - 1])
            i = j
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise ValueError("unbalanced quote in: " + text)
            words.append(backslash_subst(text[i + 1:j]))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace():
                j += 2 if text[j] == "\\" else 1
            words.append(backslash_subst(text[i:j]))
            i = j


# Tcl ARE escapes with no (or a different) Python spelling.
_ARE_ESCAPES = {"m": r"\b(?=\w)", "M": r"\b(?<=\w)", "y": r"\b", "Y": r"\B"}


def tcl_regex_to_python(pattern):
    """Translate a Tcl ARE into a Python regex with the same meaning.

    Tcl's `regexp` without -line lets `.` match newlines and anchors `^`/`$`
    at the ends of the whole string, so callers compile with re.DOTALL and
    without re.MULTILINE.  Word-boundary escapes differ; POSIX bracket
    classes ([[:digit:]]) are expanded.
    """
    classes = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9",
               "space": r"\s", "upper": "A-Z", "lower": "a-z",
               "xdigit": "0-9a-fA-F"}
    # "[:name:]" only occurs inside a bracket expression: "[[:digit:]]".
    pattern = re.sub(r"\[:(%s):\]" % "|".join(classes),
                     lambda m: classes[m.group(1)], pattern)
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append(_ARE_ESCAPES.get(nxt, c + nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)
