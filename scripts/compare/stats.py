"""Summary statistics, ratios and the noise rule."""
import math
import statistics


def summarize(times):
    if not times:
        return None
    return {"n": len(times), "median": statistics.median(times),
            "min": min(times), "max": max(times)}


def is_noise(a, b):
    """True when the data cannot tell a winner: the repetition spread
    (max - min) of either side is at least the difference of the medians
    and the two min..max ranges overlap.  (When every run of one side beats
    every run of the other, the difference is real even if one side is
    spread out.)  With a single repetition per side there is no spread and
    no noise call."""
    if a is None or b is None:
        return False
    if a["n"] < 2 and b["n"] < 2:
        return False
    spread = max(a["max"] - a["min"], b["max"] - b["min"])
    overlap = a["min"] <= b["max"] and b["min"] <= a["max"]
    return overlap and abs(a["median"] - b["median"]) <= spread


def ratio(a, base):
    if a is None or base is None or base["median"] <= 0:
        return None
    return a["median"] / base["median"]


def format_ratio(r, noise):
    if r is None:
        return "-"
    return "~%.2f (noise)" % r if noise else "%.2f" % r


def geomean(values):
    vals = [v for v in values if v is not None and v > 0]
    if not vals:
        return None
    return math.exp(sum(math.log(v) for v in vals) / len(vals))
