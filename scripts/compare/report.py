"""Aggregate run results; write the table, JSON, CSV and the PNG chart."""
import csv
import json
import os

from . import stats


def aggregate(results, jobs, threads_list, runtime_names, baseline):
    """One row per (job, threads, runtime) with statistics and the ratio of
    medians to the baseline runtime (lower is faster)."""
    rows = []
    for job in jobs:
        for threads in threads_list:
            group = [r for r in results if r.job == job and r.threads == threads]
            summaries = {}
            for rt in runtime_names:
                rs = [r for r in group if r.runtime == rt]
                times = [r.time for r in rs if r.ok and r.time is not None]
                summaries[rt] = stats.summarize(times)
            base = summaries.get(baseline)
            for rt in runtime_names:
                rs = [r for r in group if r.runtime == rt]
                s = summaries[rt]
                fails = [r for r in rs if not r.ok and not r.skipped]
                skipped = next((r.skipped for r in rs if r.skipped), None)
                mism = [r for r in rs if r.mismatch]
                ratio = stats.ratio(s, base)
                noise = rt != baseline and stats.is_noise(s, base)
                rows.append({
                    "job": job, "threads": threads, "runtime": rt,
                    "n": s["n"] if s else 0,
                    "median": s["median"] if s else None,
                    "min": s["min"] if s else None,
                    "max": s["max"] if s else None,
                    "ratio": ratio, "noise": noise,
                    "failures": len(fails),
                    "failure": fails[0].error if fails else None,
                    "mismatches": len(mism),
                    "skipped": skipped,
                    "time_source": rs[0].time_source if rs and rs[0].ok else None,
                })
    return rows


def geomeans(rows, runtime_names):
    out = {}
    for rt in runtime_names:
        ratios = [r["ratio"] for r in rows if r["runtime"] == rt and r["ratio"]]
        out[rt] = {"geomean_ratio": stats.geomean(ratios), "count": len(ratios),
                   "noise": sum(1 for r in rows if r["runtime"] == rt and r["noise"]),
                   "faster": sum(1 for r in rows if r["runtime"] == rt and r["ratio"]
                                 and not r["noise"] and r["ratio"] < 1),
                   "slower": sum(1 for r in rows if r["runtime"] == rt and r["ratio"]
                                 and not r["noise"] and r["ratio"] > 1),
                   "failed": sum(1 for r in rows if r["runtime"] == rt and r["failures"])}
    return out


def _fmt_time(t):
    if t is None:
        return "-"
    if t >= 100:
        return "%.1f" % t
    if t >= 1:
        return "%.3f" % t
    return "%.6f" % t


def format_table(rows, geo, baseline):
    header = ["job", "thr", "runtime", "median(s)", "min(s)", "max(s)",
              "vs " + baseline, "notes"]
    lines = []
    for r in rows:
        notes = []
        if r["skipped"]:
            notes.append("skipped: " + r["skipped"])
        if r["failures"]:
            notes.append("FAILED x%d (%s)" % (r["failures"], r["failure"]))
        if r["mismatches"]:
            notes.append("OUTPUT MISMATCH x%d" % r["mismatches"])
        if r["time_source"] == "wall":
            notes.append("wall-clock")
        ratio = "-" if r["runtime"] == baseline and r["ratio"] else \
            stats.format_ratio(r["ratio"], r["noise"])
        if r["runtime"] == baseline and r["ratio"]:
            ratio = "1.00 (base)"
        lines.append([r["job"], str(r["threads"]), r["runtime"], _fmt_time(r["median"]),
                      _fmt_time(r["min"]), _fmt_time(r["max"]), ratio, "; ".join(notes)])
    widths = [max(len(x[i]) for x in lines + [header]) for i in range(len(header))]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    prev = None
    for line in lines:
        key = (line[0], line[1])
        shown = line if key != prev else [""] * 2 + line[2:]
        prev = key
        out.append("  ".join(c.ljust(w) for c, w in zip(shown, widths)).rstrip())
    out.append("")
    if rows and max(r["n"] for r in rows) < 2:
        out.append("(one repetition: no spread, so no noise marking; use --reps 3 or more)")
    out.append("geometric mean of median ratios (runtime / %s; < 1 is faster):" % baseline)
    for rt, g in geo.items():
        if rt == baseline:
            continue
        gm = "-" if g["geomean_ratio"] is None else "%.3f" % g["geomean_ratio"]
        line = "  %-14s %s over %d cases  (faster %d, slower %d, noise %d)" % (
            rt, gm, g["count"], g["faster"], g["slower"], g["noise"])
        if g["failed"]:
            line += "; %d case(s) with failed runs" % g["failed"]
        out.append(line)
    return "\n".join(out)


def write_json(path, meta, results, rows, geo):
    with open(path, "w") as f:
        json.dump({"meta": meta, "summary": rows, "geomean": geo,
                   "runs": [r.to_dict() for r in results]}, f, indent=1)


def write_csv(path, dict_rows):
    if not dict_rows:
        return
    keys = list(dict_rows[0].keys())
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        for r in dict_rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})


def plot(path, rows, runtime_names, baseline):
    """Grouped bars: median time relative to the baseline per job/threads,
    with min..max whiskers.  Returns an error string or None."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as e:  # matplotlib missing or broken
        return "matplotlib unavailable: %s" % e
    groups = []
    for r in rows:
        key = (r["job"], r["threads"])
        if key not in groups:
            groups.append(key)
    base = {(r["job"], r["threads"]): r["median"] for r in rows if r["runtime"] == baseline}
    nrt = len(runtime_names)
    width = 0.8 / max(nrt, 1)
    fig, ax = plt.subplots(figsize=(min(40, max(7, 0.3 * len(groups) * nrt + 2)), 5))
    failed_x = []
    for k, rt in enumerate(runtime_names):
        xs, ys, lo, hi = [], [], [], []
        for g, key in enumerate(groups):
            r = next((x for x in rows if (x["job"], x["threads"]) == key
                      and x["runtime"] == rt), None)
            b = base.get(key)
            x = g + (k - (nrt - 1) / 2) * width
            if r and r["failures"] and r["median"] is None:
                failed_x.append(x)
            if not r or r["median"] is None or not b:
                continue
            xs.append(x)
            ys.append(r["median"] / b)
            lo.append((r["median"] - r["min"]) / b)
            hi.append((r["max"] - r["median"]) / b)
        ax.bar(xs, ys, width, yerr=[lo, hi], capsize=2, label=rt,
               error_kw={"elinewidth": 0.8, "alpha": 0.7})
    if failed_x:
        ax.plot(failed_x, [1.0] * len(failed_x), "rx", markersize=8, label="failed")
    ax.set_yscale("log")
    ax.axhline(1.0, color="gray", linewidth=0.8, linestyle="--")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(["%s @%dT" % g for g in groups], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("median time / %s (log; lower is faster)" % baseline)
    ax.set_title("OpenMP runtime comparison (whiskers: min..max of repetitions)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None
