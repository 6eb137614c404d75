import unittest

import _path  # noqa: F401
from compare import stats


def s(*times):
    return stats.summarize(list(times))


class NoiseTest(unittest.TestCase):
    def test_clear_winner_is_not_noise(self):
        fast, slow = s(1.0, 1.01, 1.02), s(2.0, 2.01, 2.02)
        self.assertFalse(stats.is_noise(fast, slow))
        self.assertAlmostEqual(stats.ratio(fast, slow), 1.01 / 2.01)

    def test_spread_larger_than_difference_is_noise(self):
        a, b = s(1.0, 1.05, 1.5), s(1.1, 1.12, 1.13)   # diff 0.07 < spread 0.5
        self.assertTrue(stats.is_noise(a, b))
        self.assertTrue(stats.is_noise(b, a))
        self.assertEqual(stats.format_ratio(stats.ratio(a, b), True), "~0.94 (noise)")

    def test_difference_just_above_spread(self):
        a, b = s(1.0, 1.1, 1.2), s(1.35, 1.4, 1.45)     # diff 0.3 > spread 0.2
        self.assertFalse(stats.is_noise(a, b))

    def test_disjoint_ranges_are_a_real_difference(self):
        # one side is widely spread, but every run beats every run of the other
        a, b = s(0.9, 0.95, 1.0), s(1.5, 2.0, 3.0)   # spread 1.5 > diff 1.05
        self.assertFalse(stats.is_noise(a, b))

    def test_overlap_with_median_gap_beyond_spread(self):
        a, b = s(1.0, 1.0, 1.6), s(1.5, 2.0, 2.0)    # overlap, diff 1.0 > spread 0.6
        self.assertFalse(stats.is_noise(a, b))

    def test_single_repetition_makes_no_noise_call(self):
        self.assertFalse(stats.is_noise(s(1.0), s(1.01)))
        self.assertFalse(stats.is_noise(None, s(1.0)))

    def test_geomean_and_format(self):
        self.assertAlmostEqual(stats.geomean([0.5, 2.0]), 1.0)
        self.assertAlmostEqual(stats.geomean([0.25, 1.0, None]), 0.5)
        self.assertIsNone(stats.geomean([]))
        self.assertEqual(stats.format_ratio(0.8765, False), "0.88")
        self.assertEqual(stats.format_ratio(None, False), "-")


if __name__ == "__main__":
    unittest.main()
