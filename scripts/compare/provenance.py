"""Where results come from: Tempo's commit and build, the machine, the date
and what was varied.  Written into every output (JSON, CSV, markdown) so a
file read later, elsewhere, says what it measured."""
import datetime
import hashlib
import os
import platform
import socket
import subprocess


def _git(repo_dir, *args):
    try:
        p = subprocess.run(["git", "-C", repo_dir] + list(args), capture_output=True,
                           text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return p.stdout.strip() if p.returncode == 0 else None


def tempo_build(library, how):
    """The Tempo library measured: path, how it was found, a digest of the
    file (tells builds apart even when the commit does not), and the commit
    and dirtiness of the git tree it lies in, if any (a build directory
    inside the source tree, as scripts/build makes)."""
    info = {"library": library, "found": how, "sha1": None, "mtime": None,
            "commit": None, "dirty": None}
    if not library or not os.path.isfile(library):
        return info
    with open(library, "rb") as f:
        info["sha1"] = hashlib.sha1(f.read()).hexdigest()
    info["mtime"] = datetime.datetime.fromtimestamp(
        os.path.getmtime(library), datetime.timezone.utc).isoformat(timespec="seconds")
    d = os.path.dirname(os.path.realpath(library))
    commit = _git(d, "rev-parse", "HEAD")
    if commit:
        info["commit"] = commit
        status = _git(d, "status", "--porcelain", "--untracked-files=no")
        info["dirty"] = bool(status) if status is not None else None
    return info


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def collect(argv, args, runtimes, tempo_library, tempo_how, baseline):
    u = platform.uname()
    try:
        allowed = len(os.sched_getaffinity(0))
    except OSError:
        allowed = None
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "cpu_model": cpu_model(),
        "cpus": os.cpu_count(),
        "cpus_allowed": allowed,
        "kernel": "%s %s %s" % (u.system, u.release, u.version),
        "command": ["ompcompare"] + list(argv),
        "tempo": tempo_build(tempo_library, tempo_how),
        "threads": args.threads, "reps": args.reps, "warmup": args.warmup,
        "baseline": baseline,
        "env": args.env,
        "variants": {name: env for name, env in args.variants},
        "runtimes": {r.name: r.library or "system default" for r in runtimes},
    }


def csv_columns(prov):
    """The provenance as flat columns repeated on every CSV row (a CSV has no
    place for a header block that every reader would skip)."""
    t = prov["tempo"]
    return {"tempo_commit": t["commit"] or "",
            "tempo_dirty": "" if t["dirty"] is None else ("dirty" if t["dirty"] else "clean"),
            "tempo_sha1": (t["sha1"] or "")[:12],
            "host": prov["host"], "cpu_model": prov["cpu_model"], "kernel": prov["kernel"],
            "date": prov["date"], "reps": prov["reps"],
            "env": " ".join("%s=%s" % kv for kv in sorted(prov["env"].items()))}


def markdown_lines(prov):
    t = prov["tempo"]
    commit = t["commit"] or "unknown (not in a git tree)"
    if t["dirty"]:
        commit += " (dirty tree)"
    elif t["dirty"] is False:
        commit += " (clean tree)"
    variants = "; ".join("%s: %s" % (n, " ".join("%s=%s" % kv for kv in e.items()))
                         for n, e in prov["variants"].items()) or "none"
    env = " ".join("%s=%s" % kv for kv in sorted(prov["env"].items())) or "none"
    return ["- date: %s" % prov["date"],
            "- host: %s, %s, %s CPUs (%s allowed)" % (prov["host"], prov["cpu_model"],
                                                     prov["cpus"], prov["cpus_allowed"]),
            "- kernel: %s" % prov["kernel"],
            "- Tempo: %s, commit %s, sha1 %s" % (t["library"], commit, (t["sha1"] or "-")[:12]),
            "- runtimes: %s" % ", ".join("%s (%s)" % kv for kv in prov["runtimes"].items()),
            "- threads: %s; repetitions: %d (warm-up %d); baseline: %s" % (
                ",".join(map(str, prov["threads"])), prov["reps"], prov["warmup"],
                prov["baseline"]),
            "- environment for every run: %s; variants: %s" % (env, variants),
            "- command: %s" % " ".join(prov["command"])]
