"""Command line of scripts/ompcompare."""
import argparse
import os
import sys
import time

from . import report, runner, suite
from .elfdeps import openmp_flavour, search_paths
from .progress import Progress
from .runtimes import make_runtimes, parse_variant

EPILOG = """\
examples:
  scripts/ompcompare --threads 1,2 --reps 5 -- build/polybench/bin/gemm SMALL
  scripts/ompcompare --suite polybench/suite-demo.txt --threads 2 --reps 3
  scripts/ompcompare --suite polybench/suite-demo.txt \\
      --variant tempo-nosteal:TEMPO_LOOP_STEAL=0 --runtimes tempo,libgomp

Suite file: one job per line, NAME [VAR=VALUE ...] PROGRAM [ARGS]; '#' comments;
'{build}' expands to --build, '{threads}' to each run's thread count
(details: scripts/compare/README.md).
Exit status: 0 if every run succeeded and outputs agreed, 1 if a run failed or
outputs differed, 2 on usage errors.
"""


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="ompcompare", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run OpenMP programs under Tempo, libgomp and libomp side by side.")
    p.add_argument("--suite", help="suite file listing programs (one per line)")
    p.add_argument("--name", help="job name for a single program (default: its basename)")
    p.add_argument("--build", default="build", help="Tempo build directory (default: build)")
    p.add_argument("--polybench", default=None,
                   help="PolyBench build directory for {polybench} in suite files (default: "
                        "<build>/polybench; e.g. a clang build: cmake -S polybench -B "
                        "build/polybench-clang -DCMAKE_C_COMPILER=clang)")
    p.add_argument("--runtimes", default="tempo,libgomp,libomp",
                   help="comma list of tempo,libgomp,libomp (default: all three)")
    p.add_argument("--variant", action="append", default=[], metavar="NAME:VAR=VAL,...",
                   help="extra Tempo column with extra environment (repeatable)")
    p.add_argument("--threads", default="1,2", help="comma list of thread counts (default 1,2)")
    p.add_argument("--reps", type=int, default=3, help="repetitions per configuration (default 3)")
    p.add_argument("--warmup", type=int, default=0, help="untimed runs per configuration first")
    p.add_argument("--env", action="append", default=[], metavar="VAR=VALUE",
                   help="environment setting applied to every run (repeatable)")
    p.add_argument("--baseline", default="libgomp", help="runtime ratios refer to (default libgomp)")
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
    p.add_argument("--out", default=os.path.join("build", "compare"),
                   help="output directory for JSON/CSV/PNG (default build/compare)")
    p.add_argument("--no-plot", action="store_true", help="skip the PNG chart")
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
    args.runtimes = [r.strip() for r in args.runtimes.split(",") if r.strip()]
    return args


def load_jobs(args):
    if args.suite:
        return suite.load_suite(args.suite, args.build, args.polybench)
    name = args.name or os.path.basename(args.command[0])
    return [suite.Job(name, list(args.command), {})]


def main(argv=None):
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        jobs = load_jobs(args)
        runtimes = make_runtimes(args.runtimes, args.build, args.variants, args.libomp)
    except (suite.SuiteError, ValueError, OSError) as e:
        print("ompcompare: %s" % e, file=sys.stderr)
        return 2
    return run(args, jobs, runtimes)


def run(args, jobs, runtimes):
    err = sys.stderr
    names = [r.name for r in runtimes]
    for rt in runtimes:
        if rt.missing:
            print("ompcompare: skipping runtime %s: %s" % (rt.name, rt.missing), file=err)
    baseline = args.baseline if args.baseline in names else names[0]
    if baseline != args.baseline:
        print("ompcompare: baseline %s not selected; ratios refer to %s"
              % (args.baseline, baseline), file=err)

    # per job: which runtimes can run it, with which environment
    plans = {}
    for job in jobs:
        program = runner.resolve_program(job.argv)
        warn_tempo_in_search_path(program, job, err)
        flavour = openmp_flavour(program)
        plans[job.name] = {rt.name: rt.setup(flavour) for rt in runtimes}
        for rt_name, (env, why) in plans[job.name].items():
            rt = next(r for r in runtimes if r.name == rt_name)
            if env is None and not rt.missing:
                print("ompcompare: %s: not run under %s: %s" % (job.name, rt_name, why), file=err)

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

    progress = Progress(len(schedule), enabled=not args.no_progress)
    results, reference, shown_failures = [], {}, set()
    failed = mismatched = 0
    t_start = time.monotonic()
    for rep, job, threads, rt in schedule:
        env = runner.build_env(os.environ, args.env, threads, job.env, plans[job.name][rt.name][0])
        res = runner.RunResult(job.name, rt.name, threads, rep)
        runner.run_once(runner.expand_threads(job.argv, threads), env, args.timeout, args.time_regex, res,
                        args.ignore_regex, args.check_regex)
        label = "%s t=%d %s" % (job.name, threads, rt.name)
        if not res.ok:
            failed += 1
            msg = "ompcompare: FAILED %s under %s (threads=%d, rep %d): %s" % (
                job.name, rt.name, threads, rep, res.error)
            seen_key = (job.name, rt.name, res.error, res.stderr_tail)
            if seen_key in shown_failures:
                msg += " (same stderr as before)"
            elif res.stderr_tail:
                shown_failures.add(seen_key)
                msg += "\n  stderr tail:\n    " + res.stderr_tail.replace("\n", "\n    ")
            progress.message(msg)
        else:
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

    attribute_mismatches(results, baseline)

    # runtimes that could not run a job at all appear as skipped rows
    for job in jobs:
        for rt in runtimes:
            env, why = plans[job.name][rt.name]
            if env is None:
                for threads in args.threads:
                    results.append(runner.RunResult(job.name, rt.name, threads, 0, skipped=why))

    rows = report.aggregate(results, [j.name for j in jobs], args.threads, names, baseline)
    geo = report.geomeans(rows, names)
    print(report.format_table(rows, geo, baseline))

    os.makedirs(args.out, exist_ok=True)
    meta = {"runtimes": {r.name: {"library": r.library, "env": r.env, "missing": r.missing}
                         for r in runtimes},
            "baseline": baseline, "threads": args.threads, "reps": args.reps,
            "env": args.env, "jobs": {j.name: {"argv": j.argv, "env": j.env} for j in jobs},
            "time_regex": args.time_regex,
            "elapsed_seconds": round(time.monotonic() - t_start, 3)}
    report.write_json(os.path.join(args.out, "results.json"), meta, results, rows, geo)
    report.write_csv(os.path.join(args.out, "summary.csv"), rows)
    report.write_csv(os.path.join(args.out, "runs.csv"), [r.to_dict() for r in results])
    written = ["results.json", "summary.csv", "runs.csv"]
    if not args.no_plot:
        why = report.plot(os.path.join(args.out, "compare.png"), rows, names, baseline)
        if why:
            print("ompcompare: no plot: %s" % why, file=err)
        else:
            written.append("compare.png")
    print("\nwrote %s in %s" % (", ".join(written), args.out), file=err)
    if failed or mismatched:
        print("ompcompare: %d failed run(s), %d output mismatch(es)" % (failed, mismatched),
              file=err)
        return 1
    return 0


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
