"""The poll aggregator against simulated truth and hand computations (its input checks:
tests/models/test_aggregate_input.py; the CSV command: test_aggregate_io.py).

Tolerances on recovery come from the benchmark (benchmarks/aggregate_results.md): on the
default simulation the jump RMSE is about 3 points and house-effect intervals are about
2.4 points wide; the test simulation below has three times as many polls, so its errors are
smaller and the stated tolerances leave a margin of about three standard errors.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.aggregate import (
    DEFAULT_DEFF,
    DEFAULT_SAMPLE_SIZE,
    AggregateResult,
    fit_aggregate,
)
from analysis.models.aggregate_sim import simulate_polls

BREAKS = ["2014-02-22", "2022-02-24"]
DENSE = {"polls_per_year": (4.0, 12.0, 12.0), "start": "2008-01-01"}


@pytest.fixture(scope="module")
def simulated() -> tuple[pd.DataFrame, object, AggregateResult]:
    polls, truth = simulate_polls(np.random.default_rng(11), **DENSE)
    return polls, truth, fit_aggregate(polls, BREAKS)


def test_recovers_jumps_house_effects_and_latent_path(simulated) -> None:
    polls, truth, fit = simulated
    jumps = fit.jumps.set_index("break_date")["jump"]
    assert jumps.to_numpy() == pytest.approx(truth.jumps.to_numpy(), abs=5.0)
    # each truth inside its 99.9 % interval (3.3 SE)
    assert ((jumps - truth.jumps).abs() < 3.3 * fit.jumps.set_index("break_date")["se"]).all()
    houses = fit.house_effects.set_index("pollster")
    error = houses["effect"] - truth.house_effects[houses.index]
    assert error.abs().max() < 2.0
    assert (error.abs() < 3.3 * houses["se"]).all()
    lat = fit.latent.dropna(subset=["estimate"])
    rmse = np.sqrt(np.mean((lat["estimate"] - truth.latent_at(lat["date"])) ** 2))
    assert rmse < 2.0
    assert fit.variances["converged"]


def test_house_effects_sum_to_zero(simulated) -> None:
    _, _, fit = simulated
    assert fit.house_effects["effect"].sum() == pytest.approx(0.0, abs=1e-9)
    assert fit.house_effects["polls"].sum() == len(simulated[0])


def test_mode_effect_identified_when_a_house_ran_both_modes(simulated) -> None:
    _, truth, fit = simulated
    modes = fit.mode_effects.set_index("mode")
    assert modes["identified"].all() and "identified by houses" in fit.mode_note
    assert modes["effect"].sum() == pytest.approx(0.0, abs=1e-9)
    assert modes.loc["telephone", "effect"] == pytest.approx(truth.mode_effects["telephone"], abs=2.5)


def test_mode_effect_not_identified_without_a_house_running_both() -> None:
    polls, _ = simulate_polls(np.random.default_rng(2))
    polls["mode"] = np.where(polls["pollster"] == "H2", "telephone", "face_to_face")
    fit = fit_aggregate(polls, BREAKS, param_uncertainty=False)
    assert not fit.mode_effects["identified"].any()
    assert fit.mode_effects["effect"].isna().all()
    assert fit.mode_note.startswith("not identified: no house ran more than one known mode")


def test_two_fits_give_identical_numbers() -> None:
    polls, _ = simulate_polls(np.random.default_rng(5))
    a, b = fit_aggregate(polls, BREAKS), fit_aggregate(polls.sample(frac=1, random_state=1), BREAKS)
    for name in ("latent", "jumps", "house_effects", "mode_effects", "residuals"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    pd.testing.assert_series_equal(a.variances, b.variances, check_exact=True)
    pd.testing.assert_series_equal(a.slope("2015-01-01", "2019-01-01"), b.slope("2015-01-01", "2019-01-01"))


def test_missing_sample_size_uses_the_default_and_is_flagged(simulated) -> None:
    polls, _, fit = simulated
    res = fit.residuals.set_index("poll_id")
    imputed = polls.set_index("poll_id")["sample_size"].isna()
    assert imputed.any()
    pd.testing.assert_series_equal(res["sample_size_imputed"], imputed[res.index], check_names=False)
    p = res.loc[imputed[imputed].index, "share"] / 100
    # sampling SD by hand: sqrt(10^4 p (1 - p) deff / n) with n = DEFAULT_SAMPLE_SIZE
    expected = np.sqrt(1e4 * p * (1 - p) * DEFAULT_DEFF / DEFAULT_SAMPLE_SIZE)
    assert res.loc[imputed[imputed].index, "sampling_sd"].to_numpy() == pytest.approx(expected.to_numpy())


def test_injected_outlier_is_flagged() -> None:
    polls, _ = simulate_polls(np.random.default_rng(7), **DENSE)
    target = polls.index[(polls["pollster"] == "H1") & (polls["date"] > "2017-01-01")][0]
    polls.loc[target, "share"] += 15.0
    fit = fit_aggregate(polls, BREAKS, param_uncertainty=False)
    flagged = fit.residuals.loc[fit.residuals["outlier"], "poll_id"].tolist()
    assert flagged == [polls.loc[target, "poll_id"]]


def test_no_latent_value_across_a_break(simulated) -> None:
    polls, _, fit = simulated
    lat = fit.latent
    for b in pd.to_datetime(BREAKS):
        last_before, first_after = (
            polls.loc[polls["date"] < b, "date"].max(),
            polls.loc[polls["date"] >= b, "date"].min(),
        )
        between = lat[(lat["date"] > last_before) & (lat["date"] < first_after)]
        assert len(between) >= 1 and between["estimate"].isna().all() and between["upper"].isna().all()
        assert lat.loc[lat["date"] <= last_before, "date"].max() == last_before  # band ends at the last poll
    shown = lat.dropna(subset=["estimate"])
    assert shown["date"].min() == polls["date"].min() and shown["date"].max() == polls["date"].max()
    assert shown.groupby("regime")["date"].agg(["min", "max"]).shape == (3, 2)


def test_slope_within_a_regime_and_refused_across_a_break(simulated) -> None:
    _, truth, fit = simulated
    s = fit.slope("2015-01-01", "2021-01-01")
    true = (truth.latent["2021-01-01"] - truth.latent["2015-01-01"]) / (
        (pd.Timestamp("2021") - pd.Timestamp("2015")).days / 365.25
    )
    assert s["lower"] < s["slope_per_year"] < s["upper"]
    assert abs(s["slope_per_year"] - true) < 3.3 * s["se"]
    with pytest.raises(ValueError, match="not inside one regime"):
        fit.slope("2013-01-01", "2015-01-01")


def test_single_house_no_drift_gives_the_precision_weighted_mean() -> None:
    # hand computation: with a random walk of (almost) zero variance and one house, the latent
    # value is the mean of the polls weighted by 1 / (sampling variance + tau^2)
    polls = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2016-01-10", "2016-03-01", "2016-05-20", "2016-08-01", "2016-11-15", "2017-02-01"]
            ),
            "share": [40.0, 44.0, 41.0, 47.0, 42.0, 45.0],
            "sample_size": [1000, 2000, np.nan, 1500, 2400, 1200],
            "pollster": "A",
            "mode": "unknown",
            "poll_id": [f"p{i}" for i in range(6)],
        }
    )
    fit = fit_aggregate(polls, [], innovation_scale=1e-6, param_uncertainty=False)
    assert fit.variances["innovation_fixed"] and fit.variances["innovation_sd"] == pytest.approx(1e-6)
    w = 1 / (fit.residuals["sampling_sd"] ** 2 + fit.variances["nonsampling_sd"] ** 2)
    expected = float((w * polls["share"]).sum() / w.sum())
    assert fit.latent["estimate"].to_numpy() == pytest.approx(expected, abs=1e-4)
    assert fit.latent["upper"].iloc[0] - fit.latent["estimate"].iloc[0] == pytest.approx(
        1.959964 / np.sqrt(w.sum()), rel=1e-3
    )
    assert fit.house_effects["effect"].tolist() == [0.0]


def test_break_without_polls_on_one_side_is_reported() -> None:
    polls, _ = simulate_polls(np.random.default_rng(4))
    fit = fit_aggregate(polls[polls["date"] >= "2014-02-22"], BREAKS, param_uncertainty=False)
    assert fit.jumps["note"].tolist() == ["not estimated: no poll before the break", ""]
    assert fit.jumps["jump"].isna().tolist() == [True, False]


def test_level_on_a_day_without_polls_drifts_as_a_random_walk_from_the_last_poll() -> None:
    """Between the last poll of a regime and its break the level is the last smoothed level, and its
    variance grows by the innovation variance times the years since (no poll after the break informs
    it: the jump is free)."""
    polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
                              breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)  # fmt: skip
    fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    last = polls.loc[polls["date"] < "2014-02-22", "date"].max()
    at_last, at_break = fit.level_on(last), fit.level_on("2014-02-21")
    years = (pd.Timestamp("2014-02-21") - last).days / 365.25
    assert at_break["estimate"] == pytest.approx(at_last["estimate"])
    expected = at_last["se"] ** 2 + float(fit.variances["innovation_sd"]) ** 2 * years
    assert at_break["se"] ** 2 == pytest.approx(expected, rel=1e-3)
    with pytest.raises(ValueError, match="outside the polls' span"):
        fit.level_on("2030-01-01")


def test_a_change_within_a_regime_is_the_slope_times_the_years_and_across_a_gap_it_is_narrower_than_the_jump() -> None:
    from analysis.models.aggregate_sim import simulate_polls

    polls, truth = simulate_polls(
        np.random.default_rng(11),
        start="2010-01-01",
        end="2016-12-31",
        breaks=["2014-02-22"],
        jumps=[15.0],
        polls_per_year=[3.0, 3.0],
        n_houses=3,
    )
    gap = (polls["date"] > "2013-05-01") & (polls["date"] < "2014-03-01")  # fifteen months without polls
    fit = fit_aggregate(polls[~gap], ["2014-02-22"], param_uncertainty=False)
    start, end = polls["date"].min(), pd.Timestamp("2013-04-01")
    change, slope = fit.change(start, end), fit.slope(start, end)
    years = (end - start).days / 365.25
    assert change["estimate"] == pytest.approx(slope["slope_per_year"] * years)
    assert change["se"] == pytest.approx(slope["se"] * years)
    row = fit.jumps.iloc[0]
    truth_change = float(np.diff(truth.latent_at([row["change_from"], row["change_to"]]))[0])
    assert row["change_lower"] <= truth_change <= row["change_upper"]
    assert row["change_upper"] - row["change_lower"] < row["upper"] - row["lower"]
    # a change outside the polls' span is refused (positive control of the check above)
    with pytest.raises(ValueError, match="start < end"):
        fit.change(start - pd.Timedelta(days=1), end)


def test_a_variance_per_regime_recovers_calm_and_volatile_periods() -> None:
    polls, truth = simulate_polls(np.random.default_rng(5), innovation_sd=(0.8, 1.0, 8.0), **DENSE)
    one = fit_aggregate(polls, BREAKS)
    per = fit_aggregate(polls, BREAKS, variance_by_regime=True)
    sd = per.variances["innovation_sd"]
    assert list(sd) == ["before 2014-02-22", "2014-02-22 to 2022-02-24", "from 2022-02-24"]
    assert sd["from 2022-02-24"] == pytest.approx(8.0, rel=0.5)
    assert sd["from 2022-02-24"] > 3 * max(sd["before 2014-02-22"], sd["2014-02-22 to 2022-02-24"])
    # nested models: a variance per regime fits at least as well, and here well enough to be preferred
    assert per.variances["loglike"] >= one.variances["loglike"] - 1e-6
    assert per.variances["aic"] < one.variances["aic"]
    assert per.variances["aic"] == pytest.approx(2 * 4 - 2 * per.variances["loglike"])
    jumps = per.jumps.set_index("break_date")
    assert ((jumps["jump"] - truth.jumps).abs() < 3.3 * jumps["se"]).all()


def test_one_true_variance_gives_similar_regime_variances_and_no_preference() -> None:
    # no drift: a steady drift in one regime reads as a larger variance there (the benchmark's
    # drifting simulation shows the criterion then prefers a variance per regime in about 1 of 5 datasets)
    polls, truth = simulate_polls(np.random.default_rng(0), drift_per_year=(0.0, 0.0, 0.0), **DENSE)
    one = fit_aggregate(polls, BREAKS, param_uncertainty=False)
    per = fit_aggregate(polls, BREAKS, variance_by_regime=True, param_uncertainty=False)
    assert list(per.variances["innovation_sd"].values()) == pytest.approx([truth.innovation_sd] * 3, rel=0.5)
    assert per.variances["loglike"] >= one.variances["loglike"] - 1e-6
    assert per.variances["aic"] > one.variances["aic"]  # two more variances do not pay for themselves
    assert one.variances["aic"] == pytest.approx(2 * 2 - 2 * one.variances["loglike"])


def test_a_variance_per_regime_cannot_be_fixed() -> None:
    polls, _ = simulate_polls(np.random.default_rng(11))
    with pytest.raises(ValueError, match="innovation_scale"):
        fit_aggregate(polls, BREAKS, innovation_scale=2.0, variance_by_regime=True)
