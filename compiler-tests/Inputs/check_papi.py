#!/usr/bin/env python3
"""Checks the TEMPO_PAPI counts in a TEMPO_STATS JSON file.

usage: check_papi.py FILE EVENTS [region:COUNT:EVENT=LO..HI ...] [thread:EVENT=LO..HI ...]
  EVENTS                      the events counted, comma-separated, in order
  region:COUNT:EVENT=LO..HI   the region run COUNT times counted LO..HI of EVENT
  thread:EVENT=LO..HI         every thread that ran a region counted LO..HI
Prints "papi ok" or one line per mismatch and exits 1.
"""
import json
import sys

from verdict import verdict


def span(s):
    lo, hi = s.split("..")
    return int(lo), int(hi)


def main():
    path, events, checks = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
    with open(path) as f:
        data = json.load(f)
    bad = []
    for t in data["threads"]:
        if list(t.get("papi", {})) != events:
            bad.append("thread %s counts %s, expected %s" % (t["uid"], list(t.get("papi", {})), events))
    for r in data["regions"]:
        if list(r.get("papi", {})) != events:
            bad.append("region %s counts %s" % (r["function"], list(r.get("papi", {}))))
    for c in checks:
        what, want = c.split("=", 1)
        lo, hi = span(want)
        if what.startswith("region:"):
            _, count, ev = what.split(":", 2)
            rs = [r for r in data["regions"] if r["count"] == int(count)]
            if len(rs) != 1:
                bad.append("%d regions run %s times" % (len(rs), count))
                continue
            got = rs[0]["papi"].get(ev, -1)
            if not lo <= got <= hi:
                bad.append("region run %s times: %s %d, expected %d..%d" % (count, ev, got, lo, hi))
        else:
            ev = what.split(":", 1)[1]
            for t in data["threads"]:
                if t["regions"] == 0 and t["tasks_run"] == 0 and t["barriers"] == 0 and \
                        all(v == 0 for v in t.get("papi", {}).values()):
                    continue  # an initial thread of another kind, never in a region
                got = t["papi"].get(ev, -1)
                if not lo <= got <= hi:
                    bad.append("thread %s: %s %d, expected %d..%d" % (t["uid"], ev, got, lo, hi))
    return verdict("papi", bad)


if __name__ == "__main__":
    sys.exit(main())
