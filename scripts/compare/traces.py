"""ompcompare --trace: one timeline per program, Tempo column and thread count.

Traced runs come after the timed ones and are not timed: tracing costs a
little, and the table must not pay for it.  Each is a Perfetto/Chrome
trace-event file (TEMPO_TRACE, runtime/trace.c) under OUT/traces/, drawn as a
PNG by trace-png, which lies next to ompcompare in the source tree and in an
install.  libgomp and libomp have no such trace: their columns get none, said
once."""
import os
import re
import subprocess
import sys


def trace_png_tool():
    """scripts/trace-png beside this package's ompcompare, or None."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    tool = os.path.join(here, "trace-png")
    return tool if os.path.exists(tool) else None


def file_name(*parts):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(str(p) for p in parts))


def record(jobs, runtimes, threads, plans, one_run, out_dir, err):
    """Runs each (job, Tempo column, thread count) once more with TEMPO_TRACE;
    returns one dict per trace: job, runtime, threads, trace, png (or None),
    error (or None)."""
    tempo_cols = [rt for rt in runtimes if rt.kind == "tempo"]
    others = [rt.name for rt in runtimes if rt.kind != "tempo"]
    if others:
        print("ompcompare: --trace: no trace under %s (only Tempo records one)"
              % ", ".join(others), file=err)
    if not tempo_cols:
        return []
    tdir = os.path.join(out_dir, "traces")
    os.makedirs(tdir, exist_ok=True)
    tool = trace_png_tool()
    if not tool:
        print("ompcompare: --trace: trace-png not found next to ompcompare: traces "
              "without pictures", file=err)
    made = []
    for job in jobs:
        for rt in tempo_cols:
            if plans[job.name][rt.name][0] is None:
                continue
            for t in threads:
                base = os.path.join(tdir, file_name(job.name, rt.name, "t%d" % t))
                entry = {"job": job.name, "runtime": rt.name, "threads": t,
                         "trace": base + ".json", "png": None, "error": None}
                if os.path.exists(entry["trace"]):
                    os.remove(entry["trace"])
                res = one_run(job, rt, t, -1, {"TEMPO_TRACE": entry["trace"]})
                if not res.ok:
                    entry["error"] = "traced run failed: %s" % res.error
                elif not os.path.exists(entry["trace"]):
                    entry["error"] = "no trace written (the program never started Tempo?)"
                elif tool:
                    title = "%s under %s, %d thread%s" % (job.name, rt.name, t,
                                                         "" if t == 1 else "s")
                    p = subprocess.run([sys.executable, tool, entry["trace"], "-o",
                                        base + ".png", "--title", title],
                                       capture_output=True, text=True)
                    if p.returncode == 0:
                        entry["png"] = base + ".png"
                    else:
                        entry["error"] = "trace-png: " + (p.stderr.strip().splitlines()
                                                          or ["failed"])[-1]
                if entry["error"]:
                    print("ompcompare: --trace %s %s t=%d: %s" % (job.name, rt.name, t,
                                                                  entry["error"]), file=err)
                made.append(entry)
    return made
