"""Statistics helpers against hand-computed and reference values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.errors import ParseError
from analysis.models.stats import bootstrap_mean_difference, detectable_change, poll_coverage, wilson_interval


def _wilson_by_hand(p: float, n: float, z: float = 1.959963984540054) -> tuple[float, float]:
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("share", "n"), [(50.0, 1000), (20.6, 2000), (3.0, 120), (64.0, 1203)])
def test_wilson_matches_the_formula(share: float, n: int) -> None:
    low, high = _wilson_by_hand(share / 100, n)
    got = wilson_interval(pd.Series([share]), pd.Series([n])).iloc[0]
    assert got["lower"] == pytest.approx(low * 100, abs=1e-9)
    assert got["upper"] == pytest.approx(high * 100, abs=1e-9)


def test_design_effect_widens_like_a_smaller_sample() -> None:
    a = wilson_interval(pd.Series([40.0]), pd.Series([1200]), design_effect=1.5).iloc[0]
    b = wilson_interval(pd.Series([40.0]), pd.Series([800])).iloc[0]
    assert a.tolist() == pytest.approx(b.tolist())
    with pytest.raises(ValueError):
        wilson_interval(pd.Series([40.0]), pd.Series([1200]), design_effect=0.5)


def test_bootstrap_is_seeded_and_brackets_the_difference() -> None:
    before, after = pd.Series([37.0, 28.0, 15.0]), pd.Series([50.0, 69.0, 64.0])
    r1 = bootstrap_mean_difference(before, after, seed=1)
    r2 = bootstrap_mean_difference(before, after, seed=1)
    assert r1.equals(r2)
    assert r1["difference"] == pytest.approx((50 + 69 + 64) / 3 - (37 + 28 + 15) / 3)
    # bounds: all-min vs all-max resamples, i.e. 50 - 37 = 13 and 69 - 15 = 54
    assert 13 <= r1["lower"] < r1["difference"] < r1["upper"] <= 54
    with pytest.raises(ValueError):
        bootstrap_mean_difference(pd.Series([], dtype=float), after)


def test_poll_coverage_counts_distinct_polls_per_year_from_dates() -> None:
    p = pd.DataFrame(
        {
            "poll_id": ["a", "a", "b"],
            "field_start": pd.to_datetime(["2008-01-01", "2008-01-01", "2009-05-01"]),
            "question_type": ["q", "q", "r"],
        }
    )
    assert poll_coverage(p).to_dict() == {"q": {"2008": 1, "2009": 0}, "r": {"2008": 0, "2009": 1}}


# --------------------------------------------------------------------------- input checks (issue 15)


def test_wilson_accepts_lists_arrays_and_numbers() -> None:
    import numpy as np

    expected = wilson_interval(pd.Series([59.2]), pd.Series([1203]))
    for share, n in [([59.2], [1203]), (np.array([59.2]), np.array([1203])), (59.2, 1203)]:
        pd.testing.assert_frame_equal(wilson_interval(share, n), expected)


@pytest.mark.parametrize(
    ("share", "n", "message"),
    [
        ([0.592], [1203], "looks like proportions.*multiply by 100"),
        ([150.0], [1000], "within 0-100"),
        ([-1.0], [1000], "within 0-100"),
        ([50.0], [0], "n must be > 0"),
        ([50.0], [-5], "n must be > 0"),
        (["fifty"], [1000], "share must be numbers"),
        ([50.0, 40.0], [1000], "differ in length"),
    ],
)
def test_wilson_refuses_bad_input_with_the_package_error_and_no_warning(share, n, message) -> None:
    import warnings

    from analysis.errors import ParseError

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ParseError, match=message):
            wilson_interval(share, n)


def test_wilson_keeps_unknown_sample_sizes_missing_and_level_is_checked() -> None:
    from analysis.errors import ParseError

    assert wilson_interval([50.0, 50.0], [None, 1000])["lower"].isna().tolist() == [True, False]
    with pytest.raises(ParseError, match="level"):
        wilson_interval([50.0], [1000], level=95)


def test_bootstrap_accepts_lists() -> None:
    r = bootstrap_mean_difference([30.0, 34.0], [60.0, 64.0])
    assert float(r["difference"]) == 30.0


def test_small_real_shares_are_accepted_when_said_and_misaligned_series_are_refused() -> None:
    from analysis.errors import ParseError

    with pytest.raises(ParseError, match="looks like proportions"):
        wilson_interval([0.5], [1000])
    assert wilson_interval([0.5, 1.0], [1000, 1000], small_shares=True)["lower"].notna().all()
    with pytest.raises(ParseError, match="different indexes"):
        wilson_interval(pd.Series([50.0, 60.0], index=[5, 6]), pd.Series([1000, 500], index=[0, 1]))


@pytest.mark.parametrize(("level", "power"), [(0.95, 0.80), (0.90, 0.50), (0.99, 0.90)])
def test_detectable_change_is_read_as_a_rise_that_often(level: float, power: float) -> None:
    """Simulated normal estimates of a true change equal to the detectable change, with standard error se:
    the share whose ``level`` interval lies above zero is ``power`` (Monte Carlo error about 0.003)."""
    se = 3.4
    true = float(detectable_change(se, level=level, power=power).iloc[0])
    estimates = np.random.default_rng(7).normal(true, se, 40_000)
    q = stats.norm.ppf((1 + level) / 2)
    assert np.mean(estimates - q * se > 0) == pytest.approx(power, abs=0.01)
    # and a change half as large is read as a rise far less often: the check can fail
    half = np.random.default_rng(8).normal(true / 2, se, 40_000)
    assert np.mean(half - q * se > 0) < power - 0.2


def test_detectable_change_keeps_missing_and_refuses_bad_input() -> None:
    got = detectable_change(pd.Series([2.0, np.nan], index=["a", "b"]))
    assert got.index.tolist() == ["a", "b"] and np.isnan(got["b"]) and got["a"] == pytest.approx(5.6035, abs=1e-3)
    with pytest.raises(ParseError, match="se must be positive; got 0.0 at position 1"):
        detectable_change([1.0, 0.0])
    with pytest.raises(ParseError, match="power"):
        detectable_change(1.0, power=1.0)
    with pytest.raises(ParseError, match="numbers"):
        detectable_change(["x"])
