"""The chart read on its own, and the verdict line's use of the table's
noise rule."""
import os
import unittest

import _path  # noqa: F401
from compare import report, runner
from helpers import Workdir


def results(job, threads, times_by_runtime):
    out = []
    for rt, times in times_by_runtime.items():
        for i, t in enumerate(times):
            out.append(runner.RunResult(job, rt, threads, i, ok=True, time=t,
                                        time_source="program"))
    return out


ROWS_IN = (results("gemm", 2, {"tempo": [0.50, 0.51, 0.52, 0.50, 0.53],      # apart: faster
                               "libgomp": [1.0, 1.01, 1.02, 1.0, 1.03]}) +
           results("lu", 2, {"tempo": [0.80, 1.2, 0.9, 1.3, 0.85],           # overlap: level
                             "libgomp": [1.0, 1.1, 0.95, 1.05, 1.0]}) +
           results("atax", 2, {"tempo": [2.0, 2.1, 2.05, 2.0, 2.02],         # apart: slower
                               "libgomp": [1.0, 1.01, 1.02, 1.0, 1.03]}))


def rows():
    return report.aggregate(ROWS_IN, ["gemm", "lu", "atax"], [2], ["tempo", "libgomp"],
                            "libgomp")


class VerdictTest(unittest.TestCase):
    def test_verdict_counts_by_the_tables_noise_flag(self):
        r = rows()
        by_job = {x["job"]: x for x in r if x["runtime"] == "tempo"}
        self.assertTrue(by_job["lu"]["noise"])        # ratio 0.9, but spreads overlap
        text = "\n".join(report.verdict_lines(r, "libgomp"))
        self.assertIn("verdict: tempo vs libgomp over 3 cases: mixed", text)
        self.assertIn("faster in 1: gemm@2T 0.50", text)
        self.assertIn("slower in 1: atax@2T 2.00", text)
        self.assertIn("level (~, spreads overlap) in 1", text)
        self.assertIn(text, report.format_table(r, report.geomeans(r, ["tempo", "libgomp"]),
                                                "libgomp"))

    def test_all_noise_is_level(self):
        r = report.aggregate(ROWS_IN[10:20], ["lu"], [2], ["tempo", "libgomp"], "libgomp")
        self.assertIn("level (every difference is inside the run-to-run spread)",
                      report.verdict_lines(r, "libgomp")[0])


class PlotTest(unittest.TestCase):
    def test_chart_says_what_it_shows(self):
        w = Workdir()
        self.addCleanup(w.cleanup)
        path = os.path.join(w.path, "c.png")
        why, info = report.plot(path, rows(), ["tempo", "libgomp"], "libgomp", [2], 5)
        self.assertIsNone(why)
        self.assertGreater(os.path.getsize(path), 10000)
        self.assertIn("vs libgomp", info["title"])
        self.assertIn("2 threads", info["title"])
        self.assertIn("5 repetitions", info["title"])
        self.assertIn("min..max", info["title"])
        # labelled ratio ticks on both sides of 1, not bare powers of ten
        ticks = info["yticklabels"]
        self.assertIn("1", ticks)
        self.assertTrue(all(t and "10^" not in t and "$" not in t for t in ticks), ticks)
        self.assertTrue(any(float(t) <= 0.5 for t in ticks), ticks)
        self.assertTrue(any(float(t) >= 2 for t in ticks), ticks)
        # the value on each of the 6 bars, noise marked as in the table
        self.assertEqual(sorted(info["bar_labels"]),
                         sorted(["0.50", "~0.90", "2.00", "1.00", "1.00", "1.00"]))
        self.assertEqual(info["errorbars"], 6)


if __name__ == "__main__":
    unittest.main()
