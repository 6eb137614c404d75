#!/usr/bin/env python3
"""Checks a TEMPO_STATS JSON file against what a test program knows it did.

usage: check_stats.py FILE [NAME=N ...] [regions=C1,C2,...]
  NAME=N        the sum over threads of counter NAME is N; NAME may be a sum
                of counters joined by '+' (tasks_now+tasks_run=400)
  regions=...   the regions' counts, in any order (one entry per function)
  same=A,B      counters A and B have the same sum
Prints "stats ok" or one line per mismatch ("stats: ...") and exits 1.
"""
import json
import sys

from verdict import verdict


def main():
    path, checks = sys.argv[1], sys.argv[2:]
    with open(path) as f:
        data = json.load(f)
    bad = []
    threads = data["threads"]
    for c in checks:
        name, want = c.split("=", 1)
        if name == "regions":
            got = sorted(r["count"] for r in data["regions"])
            exp = sorted(int(x) for x in want.split(","))
            if got != exp:
                bad.append("regions: counts %s, expected %s" % (got, exp))
            continue
        if name == "same":
            a, b = want.split(",")
            sa, sb = (sum(t[x] for t in threads) for x in (a, b))
            if sa != sb:
                bad.append("%s is %d but %s is %d" % (a, sa, b, sb))
            continue
        got = sum(t[k] for t in threads for k in name.split("+"))
        if got != int(want):
            bad.append("%s: %d, expected %s" % (name, got, want))
    for t in threads:
        if any(v < 0 for k, v in t.items()):
            bad.append("negative count in thread %s" % t["uid"])
    for r in data["regions"]:
        if not (r["p50_ns"] <= r["p99_ns"] <= 2 * r["max_ns"] + 1):
            bad.append("region %s: percentiles out of order %s" % (r["function"], r))
    return verdict("stats", bad)


if __name__ == "__main__":
    sys.exit(main())
