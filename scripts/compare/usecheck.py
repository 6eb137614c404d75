"""Does a program run OpenMP code at all?  A program that never enters the
runtime runs the same serial code in every column: the comparison measures
nothing, and ratios near 1 would read as "the runtimes are level".

How it is told, most reliable first:
- At run time, with Tempo: the first Tempo run of each ELF program writes
  TEMPO_STATS=<file> (JSON at exit).  Tempo counts what it did (parallel
  regions, tasks, loop chunks); zero means the program never ran OpenMP
  code, even if it links libgomp (e.g. only omp_get_wtime); no file means
  Tempo was not loaded at all (a static binary).  This also sees OpenMP
  reached through a library (a BLAS linked against libgomp), which the
  program's own ELF dependencies would not show.  Counting costs one test
  of a pointer per event, so the run stays a fair sample.
- A script (not ELF) is not checked at run time: every process in it (the
  shell too) writes the same statistics file at exit, the last one wins.
- Without a Tempo column: the program's ELF NEEDED entries, which can only
  say that it links no OpenMP runtime directly.
"""
import json

from .elfdeps import needed_libraries, openmp_flavour

COUNTS = ("regions", "tasks_deferred", "tasks_now", "loop_chunks")


def can_check_at_run_time(program, user_env):
    return needed_libraries(program) is not None and "TEMPO_STATS" not in user_env


def stats_file_verdict(path):
    """(status, detail) from a TEMPO_STATS JSON file: 'used', 'unused' or
    'not-loaded'."""
    try:
        with open(path) as f:
            data = json.load(f)
    except FileNotFoundError:
        return "not-loaded", "Tempo wrote no statistics: it was not loaded (a static binary?)"
    except (OSError, ValueError) as e:
        return "unknown", "unreadable TEMPO_STATS file: %s" % e
    totals = {k: sum(int(t.get(k, 0)) for t in data.get("threads", [])) for k in COUNTS}
    if any(totals.values()):
        return "used", ", ".join("%s %d" % kv for kv in totals.items())
    return "unused", "Tempo counted no parallel region, task or loop chunk"


def static_verdict(program):
    """Without Tempo to ask: ('unused', ...) if the ELF links no OpenMP
    runtime directly, else ('unknown', ...)."""
    if needed_libraries(program) is None:
        return "unknown", "not an ELF binary: not checked"
    if openmp_flavour(program) == "unknown":
        return "unused", ("links no OpenMP runtime (ELF NEEDED); unless it loads one "
                          "through a library, every column runs the same code")
    return "unknown", "links an OpenMP runtime; not checked at run time (no Tempo column)"


def warning(job, status, detail):
    if status == "unused":
        return ("ompcompare: warning: %s does not run OpenMP code (%s): the comparison "
                "measures nothing" % (job, detail))
    if status == "not-loaded":
        return ("ompcompare: warning: %s: %s, so its Tempo column does not measure Tempo"
                % (job, detail))
    return None
