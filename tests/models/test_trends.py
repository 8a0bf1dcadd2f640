"""Trend models against hand computations and statsmodels/ruptures reference behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models import trends as models


def _series(shares, dates, pollsters=None, n=1000):
    return pd.DataFrame(
        {
            "poll_id": [f"p{i}" for i in range(len(shares))],
            "date": pd.to_datetime(dates),
            "share": np.asarray(shares, dtype=float),
            "sample_size": n,
            "pollster": pollsters or ["A"] * len(shares),
        }
    )


def test_kernel_smooth_reproduces_a_line_and_weighted_least_squares() -> None:
    dates = pd.date_range("2015-01-01", periods=9, freq="180D")
    s = _series(np.linspace(30, 50, 9), dates)
    got = models.kernel_smooth(s, dates, bandwidth_days=365)
    assert got.to_numpy() == pytest.approx(np.linspace(30, 50, 9), abs=1e-9)  # local-linear is exact on a line
    # against statsmodels WLS at one point, with uneven sample sizes
    s = _series([30, 42, 35, 50, 41], dates[:5]).assign(sample_size=[500, 2000, 1000, 1500, 800])
    x0 = pd.Timestamp(dates[2])
    t = models._years(s["date"]) - models._years(pd.Series([x0]))[0]
    w = np.exp(-0.5 * (t / (200 / 365.25)) ** 2) * s["sample_size"] / s["sample_size"].mean()
    from statsmodels.regression.linear_model import WLS  # slow to import: only here

    ref = WLS(s["share"].to_numpy(), np.column_stack([np.ones_like(t), t]), weights=w.to_numpy()).fit().params[0]
    assert models.kernel_smooth(s, [x0], bandwidth_days=200).iloc[0] == pytest.approx(ref)


def test_kernel_smooth_leaves_gaps_empty() -> None:
    s = _series([30, 32], ["2010-01-01", "2010-02-01"])
    assert np.isnan(models.kernel_smooth(s, ["2020-01-01"], bandwidth_days=30).iloc[0])


def test_segmented_regression_recovers_known_jumps() -> None:
    dates = pd.date_range("2008-01-01", "2025-01-01", freq="90D")
    t = models._years(pd.Series(dates))
    share = 20 + 0.5 * (t - t.min()) + 20 * (dates >= "2014-01-01") + 15 * (dates >= "2022-02-24")
    r = models.segmented_regression(
        _series(share, dates), {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
    )
    assert r.loc["level_2014", "estimate"] == pytest.approx(20, abs=1e-6)
    assert r.loc["level_2022", "estimate"] == pytest.approx(15, abs=1e-6)
    assert r.loc["trend", "estimate"] == pytest.approx(0.5, abs=1e-6)
    assert r.loc["slope_2014", "estimate"] == pytest.approx(0, abs=1e-6)


def test_change_points_find_planted_breaks() -> None:
    rng = np.random.default_rng(1)
    dates = pd.date_range("2010-01-01", periods=60, freq="60D")
    share = np.r_[np.full(20, 20.0), np.full(25, 45.0), np.full(15, 75.0)] + rng.normal(0, 1, 60)
    found = models.change_points(_series(share, dates), n_breaks=2)
    assert [d.strftime("%Y-%m") for d in found] == [
        (dates[19] + (dates[20] - dates[19]) / 2).strftime("%Y-%m"),
        (dates[44] + (dates[45] - dates[44]) / 2).strftime("%Y-%m"),
    ]


def test_house_effects_recover_planted_offsets() -> None:
    rng = np.random.default_rng(2)
    dates = pd.date_range("2015-01-01", periods=60, freq="30D")
    pollsters = ["A", "B", "C"] * 20
    offset = {"A": -3.0, "B": 0.0, "C": 3.0}
    share = 40 + np.array([offset[p] for p in pollsters]) + rng.normal(0, 0.5, 60)
    effects = models.house_effects(_series(share, dates, pollsters))
    assert effects["offset"].sum() == pytest.approx(0, abs=1e-9)
    for p, o in offset.items():
        assert effects.loc[p, "offset"] == pytest.approx(o, abs=0.5)
    adjusted = models.adjust_for_house(_series(share, dates, pollsters), effects)
    assert adjusted.groupby("pollster")["share"].mean().std() < 0.5


def test_participant_base_matches_a_published_pair() -> None:
    # KIIS December 2021 (data/raw/external/kiis.csv): 59.2 for, 28.1 against of all; 67.8 of participants
    assert models.to_participant_base(pd.Series([59.2]), pd.Series([28.1])).iloc[0] == pytest.approx(67.8, abs=0.05)


def test_mode_effect_recovers_a_planted_offset_and_refuses_thin_data() -> None:
    dates = pd.date_range("2015-01-01", periods=20, freq="90D")
    modes = ["telephone", "face_to_face"] * 10
    share = 40 + np.where(np.array(modes) == "telephone", 4.0, 0.0) + np.linspace(0, 2, 20)
    s = _series(share, dates).assign(mode=modes)
    assert models.mode_effect(s)["estimate"] == pytest.approx(4.0, abs=0.3)
    with pytest.raises(ValueError, match="at least two polls of each mode"):
        models.mode_effect(s.iloc[:3].assign(mode=["telephone", "telephone", "face_to_face"]))
