"""Command line of scripts/ompcompare."""
import argparse
import os
import shutil
import sys
import tempfile
import time

from . import provenance, report, runner, suite, traces, usecheck
from .elfdeps import openmp_flavour, search_paths
from .progress import Progress
from .runtimes import locate_tempo, make_runtimes, parse_variant

EPILOG = """\
examples:
  scripts/ompcompare --threads 1,2 --reps 5 -- build/polybench/bin/gemm SMALL
  scripts/ompcompare --suite polybench/suite-demo.txt --threads 2 --reps 3
  scripts/ompcompare --suite polybench/suite-demo.txt \\
      --variant tempo-nosteal:TEMPO_LOOP_STEAL=0 --runtimes tempo,libgomp

Suite file: one job per line, NAME [VAR=VALUE ...] PROGRAM [ARGS]; '#' comments;
'{build}' expands to Tempo's build directory, '{threads}' to each run's thread count
(details: scripts/compare/README.md).
Exit status: 0 if every run succeeded and outputs agreed, 1 if a run failed or
outputs differed, 2 on usage errors, a runtime named but not found, or a
program that cannot be started.
"""


DEFAULT_RUNTIMES = ("tempo", "libgomp", "libomp")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="ompcompare", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run OpenMP programs under Tempo, libgomp and libomp side by side.")
    p.add_argument("--suite", help="suite file listing programs (one per line)")
    p.add_argument("--name", help="job name for a single program (default: its basename)")
    p.add_argument("--build", default=None,
                   help="directory of the libtempo.so to measure (default: found relative "
                        "to this tool: the source tree's build/, or an installed "
                        "PREFIX/lib/tempo)")
    p.add_argument("--polybench", default=None,
                   help="PolyBench build directory for {polybench} in suite files (default: "
                        "<build>/polybench; e.g. a clang build: cmake -S polybench -B "
                        "build/polybench-clang -DCMAKE_C_COMPILER=clang)")
    p.add_argument("--runtimes", default=None,
                   help="comma list of tempo,libgomp,libomp (default: all three; libomp is "
                        "left out with a notice if it is not installed).  A runtime named "
                        "here that cannot be found is an error")
    p.add_argument("--variant", action="append", default=[], metavar="NAME:VAR=VAL,...",
                   help="extra Tempo column with extra environment (repeatable)")
    p.add_argument("--threads", default="1,2", help="comma list of thread counts (default 1,2)")
    p.add_argument("--reps", type=int, default=3, help="repetitions per configuration (default 3)")
    p.add_argument("--warmup", type=int, default=0, help="untimed runs per configuration first")
    p.add_argument("--env", action="append", default=[], metavar="VAR=VALUE",
                   help="environment setting applied to every run (repeatable)")
    p.add_argument("--baseline", default=None,
                   help="runtime ratios refer to (default libgomp; libomp when every "
                        "program is clang-built, as libgomp cannot run those)")
    p.add_argument("--libomp", help="path of libomp.so.5 (default: found at run time)")
    p.add_argument("--time-regex", default=runner.DEFAULT_TIME_REGEX,
                   help="regex whose group 1 is the program-printed time in seconds; "
                        "without a match the process wall-clock time is used")
    p.add_argument("--ignore-regex", action="append", default=[],
                   help="stdout lines matching this are not compared across runtimes")
    p.add_argument("--check-regex",
                   help="compare only stdout lines matching this (e.g. '^checksum'); "
                        "with a group, only the group's text")
    p.add_argument("--timeout", type=float, default=600, help="seconds per run (default 600)")
    p.add_argument("--out", default=None,
                   help="output directory for JSON/CSV/markdown/PNG (default: compare/ in "
                        "the source tree's build directory, else ./ompcompare-out)")
    p.add_argument("--no-plot", action="store_true", help="skip the PNG chart")
    p.add_argument("--trace", action="store_true",
                   help="after the timed runs, one untimed run of each program under each "
                        "Tempo column at each thread count with TEMPO_TRACE: a Perfetto "
                        "timeline in OUT/traces/ and its PNG (trace-png)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("command", nargs=argparse.REMAINDER,
                   help="program and arguments (after --) when no --suite is given")
    args = p.parse_args(argv)
    if args.command and args.command[0] == "--":
        args.command = args.command[1:]
    if bool(args.suite) == bool(args.command):
        p.error("give either --suite FILE or a program to run (after --)")
    try:
        args.threads = [int(t) for t in args.threads.split(",") if t]
        assert args.threads and all(t > 0 for t in args.threads)
    except (ValueError, AssertionError):
        p.error("--threads wants positive integers like 1,2,4")
    if args.reps < 1:
        p.error("--reps must be >= 1")
    try:
        args.env = suite.parse_env_assignments(args.env)
        args.variants = [parse_variant(v) for v in args.variant]
    except ValueError as e:
        p.error(str(e))
    args.runtimes_given = args.runtimes is not None
    args.runtimes = [r.strip() for r in (args.runtimes or ",".join(DEFAULT_RUNTIMES)).split(",")
                     if r.strip()]
    if not args.runtimes:
        p.error("--runtimes names no runtime")
    return args


def load_jobs(args, build_dir):
    if args.suite:
        return suite.load_suite(args.suite, build_dir, args.polybench)
    name = args.name or os.path.basename(args.command[0])
    return [suite.Job(name, list(args.command), {})]


class Unusable(Exception):
    """Nothing can be measured as asked: one message, exit status 2."""


def select_runtimes(args, build_dir, err):
    """The runtimes to measure.  One the user named (--runtimes, a variant)
    that cannot be found is an error: a table without it would read as if
    it had been measured.  In the default list, Tempo missing is an error
    too (it is what the tool is for); libomp missing (not installed) is
    left out with one notice."""
    runtimes = make_runtimes(args.runtimes, build_dir, args.variants, args.libomp)
    errors, kept = [], []
    for rt in runtimes:
        if not rt.missing:
            kept.append(rt)
        elif rt.kind == "libomp" and not args.runtimes_given and not args.libomp:
            print("ompcompare: note: libomp left out: %s (install libomp5-14, or pass --libomp "
                  "PATH)" % rt.missing, file=err)
        else:
            how = "" if args.runtimes_given or rt.kind != "tempo" else \
                "; to compare without Tempo, pass --runtimes libgomp,libomp"
            errors.append("runtime %s: %s%s" % (rt.name, rt.missing, how))
    if errors:
        raise Unusable("; ".join(errors))
    return kept


def check_programs(jobs):
    """Programs that cannot be started are found before anything runs."""
    problems = []
    for job in jobs:
        prog = job.argv[0]
        path = runner.resolve_program(job.argv)
        if os.sep not in prog and path == prog:
            problems.append("%s: program %r not found in PATH" % (job.name, prog))
        elif not os.path.exists(path):
            problems.append("%s: no such file: %s" % (job.name, path))
        elif os.path.isdir(path) or not os.access(path, os.X_OK):
            problems.append("%s: not an executable file: %s" % (job.name, path))
    if problems:
        raise Unusable("cannot start: " + "; ".join(problems))


def choose_baseline(args, names, flavours, err):
    if args.baseline is None:
        if "libomp" in names and flavours and all(f == "llvm" for f in flavours.values()):
            print("ompcompare: note: clang-built programs: ratios refer to libomp (libgomp "
                  "cannot run them)", file=err)
            return "libomp"
        want = "libgomp"
    else:
        want = args.baseline
    if want in names:
        return want
    print("ompcompare: baseline %s not selected; ratios refer to %s" % (want, names[0]),
          file=err)
    return names[0]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    err = sys.stderr
    try:
        args = parse_args(argv)
        build_dir, how = locate_tempo(args.build)
        if build_dir is None:
            how = "looked for " + how
        # {build} in a suite: the Tempo found, else the source tree's build/
        subst_build = build_dir or os.path.normpath(
            os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                         "..", "build"))
        jobs = load_jobs(args, subst_build)
        if "tempo" in args.runtimes or args.variants:
            if build_dir is None:
                # say where it looked, not just a path under the current directory
                raise Unusable("Tempo library not found (%s): build it (scripts/build), "
                               "pass --build DIR%s" % (how, "" if args.runtimes_given else
                                                       ", or leave Tempo out with "
                                                       "--runtimes libgomp,libomp"))
        runtimes = select_runtimes(args, build_dir, err)
        check_programs(jobs)
    except (suite.SuiteError, ValueError, OSError, Unusable) as e:
        print("ompcompare: %s" % e, file=err)
        return 2
    if args.out is None:
        in_tree = build_dir is not None and how == "source tree"
        args.out = os.path.join(build_dir, "compare") if in_tree else "ompcompare-out"
    tempo_lib = os.path.join(build_dir, "libtempo.so") if build_dir else None
    return run(args, jobs, runtimes, argv, tempo_lib, how)


def run(args, jobs, runtimes, argv=(), tempo_lib=None, tempo_how=None):
    err = sys.stderr
    names = [r.name for r in runtimes]

    # per job: which runtimes can run it, with which environment
    plans, flavours, programs = {}, {}, {}
    for job in jobs:
        program = runner.resolve_program(job.argv)
        programs[job.name] = program
        warn_tempo_in_search_path(program, job, err)
        flavours[job.name] = openmp_flavour(program)
        plans[job.name] = {rt.name: rt.setup(flavours[job.name]) for rt in runtimes}
        for rt_name, (env, why) in plans[job.name].items():
            if env is None:
                print("ompcompare: %s: not run under %s: %s" % (job.name, rt_name, why), file=err)
    baseline = choose_baseline(args, names, flavours, err)

    no_base = [j.name for j in jobs if plans[j.name][baseline][0] is None]
    if no_base:
        print("ompcompare: %s cannot run %s, so those rows have no ratio; pick another "
              "--baseline (e.g. libomp for Clang binaries)" % (baseline, ", ".join(no_base)),
              file=err)

    schedule = []
    for rep in range(-args.warmup, args.reps):
        for job in jobs:
            for threads in args.threads:
                order = list(runtimes)
                k = (rep + len(schedule)) % len(order)  # rotate: interleave fairly
                order = order[k:] + order[:k]
                for rt in order:
                    if plans[job.name][rt.name][0] is not None:
                        schedule.append((rep, job, threads, rt))

    # Whether each program runs OpenMP code at all (compare/usecheck.py).
    tempo_col = next((r.name for r in runtimes if r.kind == "tempo"), None)
    use_check, stats_files = {}, {}
    stats_dir = tempfile.mkdtemp(prefix="ompcompare-stats-")
    for job in jobs:
        user_env = dict(args.env, **job.env)
        if tempo_col and plans[job.name][tempo_col][0] is not None and \
                usecheck.can_check_at_run_time(programs[job.name], user_env):
            stats_files[job.name] = os.path.join(stats_dir, "%s.json" % len(stats_files))
        elif tempo_col and plans[job.name][tempo_col][0] is not None:
            use_check[job.name] = ("unknown", "TEMPO_STATS set by the user: not checked"
                                   if "TEMPO_STATS" in user_env else
                                   "not an ELF binary (a script?): not checked")
        else:
            use_check[job.name] = usecheck.static_verdict(programs[job.name])
            w = usecheck.warning(job.name, *use_check[job.name])
            if w:
                print(w, file=err)

    progress = Progress(len(schedule), enabled=not args.no_progress)
    results, reference, shown_failures = [], {}, set()
    started, dropped = set(), {}
    failed = mismatched = 0
    t_start = time.monotonic()

    def one_run(job, rt, threads, rep, extra_env=None):
        env = runner.build_env(os.environ, args.env, threads, job.env,
                               dict(plans[job.name][rt.name][0], **(extra_env or {})))
        res = runner.RunResult(job.name, rt.name, threads, rep)
        runner.run_once(runner.expand_threads(job.argv, threads), env, args.timeout,
                        args.time_regex, res, args.ignore_regex, args.check_regex)
        return res

    for rep, job, threads, rt in schedule:
        if job.name in dropped:
            progress.total -= 1
            continue
        extra = None
        if rt.name == tempo_col and job.name in stats_files and job.name not in use_check:
            extra = {"TEMPO_STATS": stats_files[job.name]}
        res = one_run(job, rt, threads, rep, extra)
        if extra is not None and res.ok:
            use_check[job.name] = usecheck.stats_file_verdict(stats_files[job.name])
            w = usecheck.warning(job.name, *use_check[job.name])
            if w:
                progress.message(w)
        label = "%s t=%d %s" % (job.name, threads, rt.name)
        if not res.ok and job.name not in started:
            why = cannot_run(job, rt, threads, res, runtimes, plans, one_run)
            if why:
                # fails whatever the runtime: one message, and no more runs
                dropped[job.name] = why
                failed += 1
                progress.message("ompcompare: FAILED %s: %s; its other runs are skipped"
                                 % (job.name, why) + stderr_block(res))
                progress.step(label)
                continue
        if not res.ok:
            failed += 1
            msg = "ompcompare: FAILED %s under %s (threads=%d, rep %d): %s" % (
                job.name, rt.name, threads, rep, res.error)
            seen_key = (job.name, rt.name, res.error, res.stderr_tail)
            if seen_key in shown_failures:
                msg += " (same stderr as before)"
            elif res.stderr_tail:
                shown_failures.add(seen_key)
                msg += stderr_block(res)
            progress.message(msg)
        else:
            started.add(job.name)
            key = (job.name, threads)
            if key not in reference:
                reference[key] = (rt.name, res.output)
            elif reference[key][1] != res.output:
                mismatched += 1
                res.mismatch = first_difference(reference[key], rt.name, res.output)
                progress.message("ompcompare: OUTPUT MISMATCH %s threads=%d: %s"
                                 % (job.name, threads, res.mismatch))
        if rep >= 0:
            results.append(res)
        progress.step(label)
    shutil.rmtree(stats_dir, ignore_errors=True)
    trace_list = []
    if args.trace:
        trace_list = traces.record([j for j in jobs if j.name not in dropped], runtimes,
                                   args.threads, plans, one_run, args.out, err)

    attribute_mismatches(results, baseline)

    # runtimes that could not run a job at all appear as skipped rows
    for job in jobs:
        for rt in runtimes:
            env, why = plans[job.name][rt.name]
            if job.name in dropped:
                results = [r for r in results if r.job != job.name or r.runtime != rt.name]
                why = "cannot run: " + dropped[job.name]
            if env is None or job.name in dropped:
                for threads in args.threads:
                    results.append(runner.RunResult(job.name, rt.name, threads, 0, skipped=why))

    rows = report.aggregate(results, [j.name for j in jobs], args.threads, names, baseline)
    geo = report.geomeans(rows, names)
    print(report.format_table(rows, geo, baseline))

    prov = provenance.collect(argv, args, runtimes, tempo_lib, tempo_how, baseline)
    prov["openmp_use"] = {j.name: {"status": use_check.get(j.name, ("unknown", "no run"))[0],
                                   "detail": use_check.get(j.name, ("unknown", "no run"))[1]}
                          for j in jobs}
    os.makedirs(args.out, exist_ok=True)
    meta = {"provenance": prov,
            "runtimes": {r.name: {"library": r.library, "env": r.env, "missing": r.missing}
                         for r in runtimes},
            "baseline": baseline, "threads": args.threads, "reps": args.reps,
            "env": args.env, "jobs": {j.name: {"argv": j.argv, "env": j.env,
                                               "flavour": flavours[j.name]} for j in jobs},
            "time_regex": args.time_regex,
            "traces": trace_list,
            "elapsed_seconds": round(time.monotonic() - t_start, 3)}
    cols = provenance.csv_columns(prov)
    report.write_json(os.path.join(args.out, "results.json"), meta, results, rows, geo)
    report.write_csv(os.path.join(args.out, "summary.csv"), [dict(r, **cols) for r in rows])
    report.write_csv(os.path.join(args.out, "runs.csv"),
                     [dict(r.to_dict(), **cols) for r in results])
    report.write_markdown(os.path.join(args.out, "summary.md"), rows, geo, baseline,
                          provenance.markdown_lines(prov))
    written = ["results.json", "summary.csv", "runs.csv", "summary.md"]
    if not args.no_plot:
        why, _ = report.plot(os.path.join(args.out, "compare.png"), rows, names, baseline,
                             args.threads, args.reps)
        if why:
            print("ompcompare: no plot: %s" % why, file=err)
        else:
            written.append("compare.png")
    ntraces = sum(1 for t in trace_list if not t["error"])
    if ntraces:
        written.append("%d trace(s) in traces/" % ntraces)
    print("\nwrote %s in %s" % (", ".join(written), args.out), file=err)
    if failed or mismatched:
        print("ompcompare: %d failed run(s), %d output mismatch(es)" % (failed, mismatched),
              file=err)
        return 1
    return 0


def stderr_block(res):
    if not res.stderr_tail:
        return ""
    return "\n  stderr tail:\n    " + res.stderr_tail.replace("\n", "\n    ")


def cannot_run(job, rt, threads, res, runtimes, plans, one_run):
    """A job's first run failed: try it once under each other runtime that
    can run it.  If none succeeds the program itself cannot run (missing
    input, crash at start): return why, so it is said once, not once per
    run.  If one succeeds, the failure belongs to the runtime (None)."""
    errors = ["%s under %s" % (res.error, rt.name)]
    for other in runtimes:
        if other is rt or plans[job.name][other.name][0] is None:
            continue
        probe = one_run(job, other, threads, -1)
        if probe.ok:
            return None
        errors.append("%s under %s" % (probe.error, other.name))
    return "it fails under every runtime tried (%s)" % ", ".join(errors)


def warn_tempo_in_search_path(program, job, err):
    """A binary linked with -Wl,-rpath,<tempo build> (or an LD_LIBRARY_PATH
    pointing there) loads Tempo as libgomp.so.1: its 'libgomp' column would be
    Tempo too."""
    dirs = search_paths(program) + os.environ.get("LD_LIBRARY_PATH", "").split(":")
    for d in dirs:
        lib = os.path.join(d, "libgomp.so.1") if d else ""
        if lib and os.path.exists(lib) and \
                os.path.realpath(lib).endswith("libtempo.so"):
            print("ompcompare: warning: %s loads libgomp.so.1 from %s, which is Tempo "
                  "(RUNPATH or LD_LIBRARY_PATH): its libgomp column measures Tempo"
                  % (job.name, d), file=err)
            return


def attribute_mismatches(results, baseline):
    """Blame a mismatch on the runs that differ from the baseline's output (or,
    without baseline output, from the most common output) for each job and
    thread count, not on whichever run happened to come first."""
    groups = {}
    for r in results:
        if r.ok:
            groups.setdefault((r.job, r.threads), []).append(r)
    for runs in groups.values():
        base = [r.output for r in runs if r.runtime == baseline] or [r.output for r in runs]
        ref = max(set(base), key=base.count)
        ref_rt = next(r.runtime for r in runs if r.output == ref)
        for r in runs:
            r.mismatch = None if r.output == ref else \
                first_difference((ref_rt, ref), r.runtime, r.output)


def first_difference(ref, rt_name, output):
    ref_rt, ref_out = ref
    a, b = ref_out.splitlines(), output.splitlines()
    for i in range(max(len(a), len(b))):
        la = a[i] if i < len(a) else "<end of output>"
        lb = b[i] if i < len(b) else "<end of output>"
        if la != lb:
            return "line %d: %s printed %r, %s printed %r" % (i + 1, ref_rt, la, rt_name, lb)
    return "outputs differ"
