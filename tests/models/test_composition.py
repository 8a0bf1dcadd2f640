"""Composition Monte Carlo: hand computations on small tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.composition import composition_draws, regional_ratios, summarise_draws, unsurveyed_shares

POP = pd.DataFrame(
    {"unit": ["A", "B", "C", "D"], "measure": "m", "population": [100, 200, 300, 400]}
)  # national total 1000


def test_unsurveyed_shares_parts_and_whole_oblast_bound() -> None:
    parts = unsurveyed_shares(POP, "m", parts={"B": (50, 150)}, whole=("A",))
    # A whole: 100/1000; B: 50/1000 to 150/1000 (hand computation)
    assert parts.set_index("unit")[["low", "high"]].to_dict("index") == {
        "A": {"low": 0.1, "high": 0.1},
        "B": {"low": 0.05, "high": 0.15},
    }
    whole = unsurveyed_shares(POP, "m", parts={"B": (50, 150)}, whole=("A",), whole_oblasts=True)
    assert whole.set_index("unit").loc["B", "high"] == pytest.approx(0.2)
    with pytest.raises(ValueError, match="no m population"):
        unsurveyed_shares(POP, "m", parts={"Z": (1, 2)}, whole=())


def test_composition_matches_formula_and_is_zero_when_opinion_is_national() -> None:
    w = pd.DataFrame({"unit": ["A", "B"], "low": [0.1, 0.1], "high": [0.1, 0.1]})
    same = pd.DataFrame({"unit": ["A", "B"], "low": [1.0, 1.0], "high": [1.0, 1.0]})
    assert composition_draws(30.0, 0.0, w, same, draws=5)["composition"].abs().max() < 1e-12
    half = pd.DataFrame({"unit": ["A", "B"], "low": [0.5, 0.0], "high": [0.5, 0.0]})
    # 30 * (0.2 - 0.1*0.5 - 0) / 0.8 = 5.625
    assert composition_draws(30.0, 0.0, w, half, draws=5)["composition"].iloc[0] == pytest.approx(5.625)
    with pytest.raises(ValueError, match="no opinion ratio"):
        composition_draws(30.0, 0.0, w, half.iloc[:1], draws=5)


def test_draws_are_seeded_and_stay_inside_their_bounds() -> None:
    w = pd.DataFrame({"unit": ["A"], "low": [0.05], "high": [0.15]})
    rho = pd.DataFrame({"unit": ["A"], "low": [0.2], "high": [0.6]})
    a = composition_draws(40.0, 2.0, w, rho, draws=2000, seed=1)
    b = composition_draws(40.0, 2.0, w, rho, draws=2000, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert a["w"].between(0.05, 0.15).all()
    # bounds: L*(w - w*rho)/(1-w) with w, rho at their extremes and L within +-5 SD
    assert a["composition"].between(0.0, 50.0 * 0.15 * 0.8 / 0.85).all()
    s = summarise_draws(a["composition"])
    assert s["lower"] < s["median"] < s["upper"]


def test_regional_ratios_use_each_pollsters_own_regions() -> None:
    defs = pd.DataFrame(
        {
            "pollster": ["(default)", "(default)", "P"],
            "region": ["East", "South", "South"],
            "unit": ["Donetsk oblast", "Crimea", "Odesa oblast"],
            "status": ["assumed", "assumed", "stated"],
        }
    )
    regional = pd.DataFrame(
        {
            "poll_id": ["q1", "q1", "p1"],
            "pollster": ["Q", "Q", "P"],
            "date": pd.to_datetime(["2015-01-01"] * 3),
            "geography": ["East", "South", "South"],
            "share": [20.0, 30.0, 30.0],
        }
    )
    national = pd.DataFrame({"poll_id": ["q1", "p1"], "share": [40.0, 40.0]})
    out = regional_ratios(regional, national, defs, ("Donetsk oblast", "Crimea"))
    # P's South does not contain Crimea in its own definition: only Q's rows are used
    assert out[["unit", "poll_id", "ratio"]].values.tolist() == [["Crimea", "q1", 0.75], ["Donetsk oblast", "q1", 0.5]]
    assert np.isfinite(out["ratio"]).all()
