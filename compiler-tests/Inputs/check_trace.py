#!/usr/bin/env python3
"""Checks a TEMPO_TRACE file: valid trace-event JSON, every thread's events
properly nested (each end closes the innermost open begin of the same name,
times never go back), no begin left open, and counts of begins by name.

usage: check_trace.py FILE [NAME=N ...] [total-of=OTHER.json]
  NAME=N          N begin events whose name starts with NAME, all threads
                  ("parallel region", "barrier", "task", ...; '_' for ' ')
  total-of=OTHER  recorded + dropped here equals recorded + dropped there
                  (the same run with other buffer sizes: the count is honest)
  max-per-thread=K  no thread recorded more than K events
Prints "trace ok" or one line per problem and "trace FAILED" (exit 1).
"""
import json
import sys

from verdict import verdict


def load(path):
    with open(path) as f:
        return json.load(f)


def main():
    path, checks = sys.argv[1], sys.argv[2:]
    data = load(path)
    events = data["traceEvents"]
    other = data["otherData"]
    bad = []
    per = {}
    for e in events:
        for key in ("name", "ph", "pid", "tid"):
            if key not in e:
                bad.append("event without %s: %s" % (key, e))
        if e.get("ph") != "M":
            if not isinstance(e.get("ts"), (int, float)):
                bad.append("event without a time: %s" % e)
            per.setdefault(e["tid"], []).append(e)
    for tid, evs in per.items():
        stack, last = [], -1.0
        for e in evs:
            if e["ts"] < last:
                bad.append("thread %s: time goes back at %s" % (tid, e))
            last = e["ts"]
            if e["ph"] == "B":
                stack.append(e["name"])
            elif e["ph"] == "E":
                if not stack or stack[-1] != e["name"]:
                    bad.append("thread %s: end of %r does not close %r" %
                               (tid, e["name"], stack[-1] if stack else None))
                else:
                    stack.pop()
        if stack:
            bad.append("thread %s: left open: %s" % (tid, stack))
    recorded = sum(1 for e in events if e.get("ph") != "M")
    closers = sum(1 for e in events if e.get("args", {}).get("closed_by"))
    if recorded - closers != other["tempo_events_recorded"]:
        bad.append("%d events in the file, %d said recorded" %
                   (recorded - closers, other["tempo_events_recorded"]))
    for c in checks:
        name, want = c.split("=", 1)
        if name == "total-of":
            o = load(want)["otherData"]
            mine = other["tempo_events_recorded"] + other["tempo_events_dropped"]
            theirs = o["tempo_events_recorded"] + o["tempo_events_dropped"]
            if mine != theirs:
                bad.append("recorded+dropped %d here, %d in %s" % (mine, theirs, want))
            continue
        if name == "max-per-thread":
            for tid, evs in per.items():
                n = sum(1 for e in evs if not e.get("args", {}).get("closed_by"))
                if n > int(want):
                    bad.append("thread %s recorded %d events, more than %s" % (tid, n, want))
            continue
        prefix = name.replace("_", " ")
        got = sum(1 for e in events if e.get("ph") == "B" and e["name"].startswith(prefix))
        if got != int(want):
            bad.append("%s: %d begins, expected %s" % (prefix, got, want))
    return verdict("trace", bad)


if __name__ == "__main__":
    sys.exit(main())
