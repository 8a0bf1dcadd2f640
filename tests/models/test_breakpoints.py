"""Change points on a regular grid: a planted step is found, dated and given an interval."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.aggregate import fit_aggregate
from analysis.models.aggregate_sim import simulate_polls
from analysis.models.breakpoints import adjusted_grid, detect_breaks, robust_sigma


def _stepped(seed: int = 0, gaps: bool = False) -> pd.Series:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2010-01-01", periods=40, freq="QS")
    values = np.where(np.arange(40) < 20, 30.0, 45.0) + rng.normal(0, 2, 40)
    s = pd.Series(values, index=dates)
    if gaps:
        s.iloc[[3, 4, 11, 27]] = np.nan
    return s


def test_planted_step_is_found_with_an_interval_around_it() -> None:
    table, pen = detect_breaks(_stepped(), n_boot=100)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["break_date"] == pd.Timestamp("2015-01-01")  # period 20 of a quarterly grid from 2010
    assert row["lower"] <= row["break_date"] <= row["upper"]
    assert row["support"] > 0.9
    assert row["mean_after"] - row["mean_before"] == pytest.approx(15, abs=2.5)  # 15 +- about 3 SE
    assert pen > 0


def test_no_step_no_break_and_missing_periods_are_skipped() -> None:
    rng = np.random.default_rng(1)
    flat = pd.Series(30 + rng.normal(0, 2, 40), index=pd.date_range("2010-01-01", periods=40, freq="QS"))
    assert detect_breaks(flat, n_boot=20)[0].empty
    table, _ = detect_breaks(_stepped(gaps=True), n_boot=20)
    assert len(table) == 1 and table.iloc[0]["break_date"] == pd.Timestamp("2015-01-01")


def test_seeded_and_validated() -> None:
    a, _ = detect_breaks(_stepped(), n_boot=30, seed=3)
    b, _ = detect_breaks(_stepped(), n_boot=30, seed=3)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="need at least"):
        detect_breaks(pd.Series([1.0, 2.0], index=pd.date_range("2000", periods=2, freq="QS")))
    assert robust_sigma(np.array([0.0, 0.0, 0.0])) == 0.0


def test_adjusted_grid_on_simulated_polls_finds_the_2022_jump() -> None:
    polls, truth = simulate_polls(np.random.default_rng(2), polls_per_year=(3.0, 8.0, 8.0), start="2008-01-01")
    fit = fit_aggregate(polls, [], param_uncertainty=False)
    grid = adjusted_grid(fit)
    assert grid.index.freqstr == "QS-JAN" and grid.notna().sum() > 20
    table, _ = detect_breaks(grid, n_boot=50)
    nearest = (table["break_date"] - pd.Timestamp("2022-02-24")).abs().min()
    assert nearest <= pd.Timedelta(days=200)  # the simulated +20 jump, dated within two quarters


def test_a_table_or_an_integer_seed_is_refused_with_what_is_expected() -> None:
    import numpy as np

    from analysis.errors import ParseError
    from analysis.models.aggregate_sim import simulate_polls
    from analysis.models.breakpoints import detect_breaks

    with pytest.raises(ParseError, match="Series of shares on a DatetimeIndex"):
        detect_breaks(pd.DataFrame({"share": [1.0, 2.0]}))
    with pytest.raises(ParseError, match="numpy Generator"):
        simulate_polls(0)
    assert len(simulate_polls(np.random.default_rng(0))[0])  # the Generator it asks for works
