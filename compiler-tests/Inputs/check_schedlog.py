"""Compares TEMPO_SCHEDULE_LOG files (compiler-tests/deterministic.c).

usage: check_schedlog.py SAME LOG1 LOG2 ...   every log is identical to LOG1
       check_schedlog.py DIFFER LOG1 LOG2     the two schedules differ
       check_schedlog.py THREADS N LOG        tasks ran on at least N threads
Prints one line a check: 'ok ...' or 'FAIL ...'."""
import sys


def schedule(path):
    with open(path) as f:
        lines = f.read().splitlines()
    if not lines or not lines[0].startswith("# tempo schedule log: TEMPO_DETERMINISTIC="):
        sys.exit("FAIL %s is not a schedule log" % path)
    return lines[0], [tuple(map(int, l.split())) for l in lines[2:]]


def main(argv):
    what = argv[1]
    if what == "SAME":
        head, first = schedule(argv[2])
        if not first:
            print("FAIL %s records no task" % argv[2])
            return
        for p in argv[3:]:
            if schedule(p) != (head, first):
                print("FAIL %s differs from %s" % (p, argv[2]))
                return
        print("ok %d logs the same, %d tasks each" % (len(argv) - 2, len(first)))
    elif what == "DIFFER":
        a, b = schedule(argv[2])[1], schedule(argv[3])[1]
        tasks_a = sorted((r, t) for r, t, _ in a)
        tasks_b = sorted((r, t) for r, t, _ in b)
        print("ok the same tasks" if tasks_a == tasks_b else "FAIL different tasks")
        print("ok the schedules differ" if a != b else "FAIL the same schedule")
    elif what == "THREADS":
        n = len({th for _, _, th in schedule(argv[3])[1]})
        print("ok tasks on %d threads" % n if n >= int(argv[2]) else
              "FAIL tasks on %d threads only" % n)


if __name__ == "__main__":
    main(sys.argv)
