"""Aggregate run results; write the table, JSON, CSV and the PNG chart."""
import csv
import json
import math

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


def row_notes(r):
    """What went wrong in a row's runs, for the table's notes column."""
    notes = []
    if r["skipped"]:
        notes.append("skipped: " + r["skipped"])
    if r["failures"]:
        notes.append("FAILED x%d (%s)" % (r["failures"], r["failure"]))
    if r["mismatches"]:
        notes.append("OUTPUT MISMATCH x%d" % r["mismatches"])
    return notes


def format_table(rows, geo, baseline):
    header = ["job", "thr", "runtime", "median(s)", "min(s)", "max(s)",
              "vs " + baseline, "notes"]
    lines = []
    for r in rows:
        notes = row_notes(r)
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
    out += verdict_lines(rows, baseline)
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


def verdict_lines(rows, baseline):
    """One line per runtime: the cases it was faster or slower in, by the
    table's own noise rule (a row's "noise" flag, stats.is_noise): only
    cases whose repetitions are apart count; the rest are level ("~")."""
    out = []
    names = []
    for r in rows:
        if r["runtime"] != baseline and r["runtime"] not in names:
            names.append(r["runtime"])
    for rt in names:
        mine = [r for r in rows if r["runtime"] == rt and r["ratio"]]
        faster = [r for r in mine if not r["noise"] and r["ratio"] < 1]
        slower = [r for r in mine if not r["noise"] and r["ratio"] > 1]
        level = [r for r in mine if r["noise"] or r["ratio"] == 1]

        def cases(rs):
            return ", ".join("%s@%dT %.2f" % (r["job"], r["threads"], r["ratio"]) for r in rs)
        if not mine:
            out.append("verdict: %s vs %s: no case to compare" % (rt, baseline))
            continue
        if not faster and not slower:
            word = "level (every difference is inside the run-to-run spread)"
        elif faster and not slower:
            word = "faster or level, never slower"
        elif slower and not faster:
            word = "slower or level, never faster"
        else:
            word = "mixed"
        out.append("verdict: %s vs %s over %d cases: %s" % (rt, baseline, len(mine), word))
        out.append("  faster in %d%s" % (len(faster), ": " + cases(faster) if faster else ""))
        out.append("  slower in %d%s" % (len(slower), ": " + cases(slower) if slower else ""))
        out.append("  level (~, spreads overlap) in %d" % len(level))
    return out


def write_markdown(path, rows, geo, baseline, provenance_lines):
    """The table as markdown, with where it comes from above it."""
    lines = ["# ompcompare results", ""] + provenance_lines + ["",
             "| job | threads | runtime | median (s) | min (s) | max (s) | vs %s | notes |"
             % baseline, "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        notes = row_notes(r)
        ratio = "1.00 (base)" if r["runtime"] == baseline and r["ratio"] else \
            stats.format_ratio(r["ratio"], r["noise"])
        lines.append("| %s | %d | %s | %s | %s | %s | %s | %s |" % (
            r["job"], r["threads"], r["runtime"], _fmt_time(r["median"]), _fmt_time(r["min"]),
            _fmt_time(r["max"]), ratio, "; ".join(notes).replace("|", "/")))
    lines += ["", "`~` (noise): the two min–max ranges overlap and the spread is at least the "
              "difference of the medians.", ""]
    lines += verdict_lines(rows, baseline)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def readable_ticks(lo, hi):
    """Plain ratio ticks covering lo..hi on a log axis, spaced so their
    labels do not overlap (at most about a dozen), 1 always among them."""
    cands = (0.05, 0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5,
             2.0, 3.0, 4.0, 5.0, 10.0, 20.0)
    lo, hi = min(lo, 1.0), max(hi, 1.0)
    inside = [t for t in cands if lo / 1.3 <= t <= hi * 1.3]
    gap = max(math.log(hi * 1.3) - math.log(lo / 1.3), 0.1) / 12
    kept = [1.0]
    for t in sorted(inside, key=lambda t: abs(math.log(t))):   # outwards from 1
        if all(abs(math.log(t / k)) >= gap for k in kept):
            kept.append(t)
    return sorted(kept)


def plot(path, rows, runtime_names, baseline, threads=None, reps=None):
    """Grouped bars: median time relative to the baseline per job/threads,
    the ratio printed on each bar, min..max of the repetitions as error bars.
    Returns (error string or None, what the chart shows: title, y tick
    labels, bar labels; the tests read these from the drawn figure)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator
    except Exception as e:  # matplotlib missing or broken
        return "matplotlib unavailable: %s" % e, None
    groups = []
    for r in rows:
        key = (r["job"], r["threads"])
        if key not in groups:
            groups.append(key)
    base = {(r["job"], r["threads"]): r["median"] for r in rows if r["runtime"] == baseline}
    nrt = len(runtime_names)
    width = 0.8 / max(nrt, 1)
    fig, ax = plt.subplots(figsize=(min(40, max(8, 0.45 * len(groups) * nrt + 2)), 5.5))
    failed_x, all_vals = [], [1.0]
    for k, rt in enumerate(runtime_names):
        xs, ys, lo, hi, labels = [], [], [], [], []
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
            all_vals += [r["min"] / b, r["max"] / b]
            labels.append(("~%.2f" if r["noise"] else "%.2f") % (r["median"] / b))
        if not xs:
            continue
        bars = ax.bar(xs, ys, width, yerr=[lo, hi], capsize=2, label=rt,
                      error_kw={"elinewidth": 0.8, "alpha": 0.8})
        ax.bar_label(bars, labels=labels, fontsize=7, rotation=90, padding=2)
    if failed_x:
        ax.plot(failed_x, [1.0] * len(failed_x), "rx", markersize=8, label="failed")
    # a log axis (a ratio of 0.5 is as far from 1 as 2 is) with plain,
    # labelled ticks around the data, not matplotlib's bare powers of ten
    ax.set_yscale("log")
    lo_v, hi_v = min(all_vals), max(all_vals)
    ticks = readable_ticks(lo_v, hi_v)
    # headroom above the highest error bar for its value label
    ax.set_ylim(min(ticks + [lo_v]) / 1.15, max(ticks + [hi_v]) * 2.5)
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.set_yticklabels(["%g" % t for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.axhline(1.0, color="gray", linewidth=0.8, linestyle="--")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(["%s @%dT" % g for g in groups], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("median time / %s's (log scale; < 1 is faster)" % baseline)
    what = []
    if threads:
        what.append("%s thread%s" % (",".join(map(str, threads)),
                                      "" if threads == [1] else "s"))
    if reps:
        what.append("%d repetition%s each" % (reps, "" if reps == 1 else "s"))
    ax.set_title("OpenMP runtimes vs %s%s\nbars: ratio of medians (~: inside the noise); "
                 "error bars: min..max of the repetitions"
                 % (baseline, " (" + ", ".join(what) + ")" if what else ""), fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.canvas.draw()
    info = {"title": ax.get_title(),
            "yticklabels": [t.get_text() for t in ax.get_yticklabels()],
            "bar_labels": [t.get_text() for t in ax.texts],
            "errorbars": sum(len(c.errorbar.lines[2][0].get_segments())
                             for c in ax.containers
                             if getattr(c, "errorbar", None) and c.errorbar.lines[2])}
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None, info
