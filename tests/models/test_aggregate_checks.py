"""Checks around the aggregator, on polls simulated from a known truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.aggregate import fit_aggregate
from analysis.models.aggregate_checks import (
    break_long_gaps,
    conclusion,
    droppable_houses,
    jump_table,
    leave_one_out,
    robustness,
    without_outliers,
)
from analysis.models.aggregate_sim import simulate_polls

BREAKS = ["2014-02-22", "2022-02-24"]


@pytest.fixture(scope="module")
def simulated():
    polls, truth = simulate_polls(np.random.default_rng(5), polls_per_year=(3.0, 8.0, 8.0), start="2008-01-01")
    return polls, truth, fit_aggregate(polls, BREAKS, param_uncertainty=False)


@pytest.fixture(scope="module")
def checks_of_simulated(simulated) -> pd.DataFrame:  # noqa: ANN001 - a fixture
    """Every robustness variant of the simulated polls (default design effects and variance
    factors), run once for the tests that read it."""
    polls, _, fit = simulated
    return robustness(polls, BREAKS, fit, param_uncertainty=False)


def test_break_long_gaps_blanks_only_inside_long_gaps() -> None:
    dates = pd.to_datetime(pd.Series(["2000-01-01", "2000-03-01", "2003-01-01"]))
    latent = pd.DataFrame(
        {
            "date": pd.to_datetime(["2000-02-01", "2001-06-01", "2003-01-01"]),
            "estimate": [1.0, 2.0, 3.0],
            "lower": 0.0,
            "upper": 5.0,
        }
    )
    out = break_long_gaps(latent, dates, max_gap_days=365)
    assert out["estimate"].isna().tolist() == [False, True, False]
    assert out["upper"].isna().tolist() == [False, True, False]


def test_planted_outlier_is_flagged_and_dropped(simulated) -> None:
    polls, _, _ = simulated
    bad = polls.copy()
    i = len(bad) // 2
    bad.loc[i, "share"] = bad.loc[i, "share"] + 30  # 30 points off: far beyond 3 robust SDs
    fit = fit_aggregate(bad, BREAKS, param_uncertainty=False)
    refit, dropped = without_outliers(bad, fit, BREAKS, param_uncertainty=False)
    assert bad.loc[i, "poll_id"] in dropped
    assert len(refit.residuals) == len(bad) - len(dropped)


def test_droppable_houses_counts_both_sides_of_every_break() -> None:
    s = pd.DataFrame(
        {
            "pollster": ["A"] * 3 + ["B"] * 7,
            "date": pd.to_datetime(["2010", "2015", "2023", "2010", "2011", "2012", "2015", "2016", "2023", "2024"]),
        }
    )
    out = droppable_houses(s, BREAKS, min_polls=2).set_index("pollster")
    # without A: 3 polls before 2014, 2 in 2014-2022, 2 after 2022 -> droppable at min_polls=2;
    # without B: 1, 1 and 1 -> not
    assert out.loc["A", "before 2014-02-22"] == 3 and out.loc["A", "after 2022-02-24"] == 2
    assert bool(out.loc["A", "droppable"]) and not bool(out.loc["B", "droppable"])


def test_conclusion_labels() -> None:
    assert [conclusion(1, 2), conclusion(-2, -1), conclusion(-1, 1)] == ["rise", "fall", "no clear change"]


def test_robustness_recovers_the_simulated_jumps_in_every_variant(simulated, checks_of_simulated) -> None:
    _, truth, _ = simulated
    table = checks_of_simulated
    assert {"baseline", "innovation variance x 0.5", "innovation variance x 2", "design effect 1"} <= set(
        table["variant"]
    )
    assert (table["fit_seconds"] < 2.0).all()
    for b, j in truth.jumps.items():
        rows = table[table["break_date"] == b]
        # simulated jumps +15 and +20; every variant within 8 points (about 2.5 SE of the benchmark RMSE)
        assert (rows["jump"] - j).abs().max() < 8, rows
        assert not rows["overturned"].any()


def test_robustness_refits_without_the_mode_effect_where_one_is_identified(simulated, checks_of_simulated) -> None:
    polls, _, fit = simulated
    table = checks_of_simulated
    identified = bool(fit.mode_effects["identified"].any()) if len(fit.mode_effects) else False
    assert ("without a mode effect" in set(table["variant"])) == identified
    no_modes = polls.assign(mode="unknown")
    table = robustness(no_modes, BREAKS, fit_aggregate(no_modes, BREAKS, param_uncertainty=False),
                       param_uncertainty=False, deffs=(), variance_factors=())  # fmt: skip
    assert "without a mode effect" not in set(table["variant"])


def test_unknown_modes_are_read_as_either_mode_where_a_mode_effect_is_identified(
    simulated, checks_of_simulated
) -> None:
    polls, _, _ = simulated
    some_unknown = polls.assign(mode=polls["mode"].where(polls.index % 4 != 0, "unknown"))
    fit = fit_aggregate(some_unknown, BREAKS, param_uncertainty=False)
    table = robustness(some_unknown, BREAKS, fit, param_uncertainty=False, deffs=(), variance_factors=())
    assert bool(fit.mode_effects["identified"].any())
    assert {"unknown modes as face-to-face", "unknown modes as telephone"} <= set(table["variant"])
    known = checks_of_simulated
    assert not known["variant"].str.startswith("unknown modes").any()  # nothing to read when every mode is known


def test_a_jump_one_poll_decides_is_shown_without_that_poll(simulated) -> None:
    polls, truth, _ = simulated
    before = polls[polls["date"] < pd.Timestamp(BREAKS[0])].sort_values("date")
    last = before.index[-1]
    bad = polls.copy()
    bad.loc[last, "share"] = bad.loc[last, "share"] + 25  # the last poll before 2014 reads 25 points high
    fit = fit_aggregate(bad, BREAKS, param_uncertainty=False)
    table = robustness(bad, BREAKS, fit, param_uncertainty=False, deffs=(), variance_factors=())
    name = f"without the last poll before {BREAKS[0]} ({bad.loc[last, 'poll_id']})"
    jumps = table[table["break_date"] == pd.Timestamp(BREAKS[0])].set_index("variant")["jump"]
    true = truth.jumps.iloc[0]  # the simulated 2014 jump
    # positive control: the planted poll pulls the baseline jump down; leaving it out brings it back
    assert jumps["baseline"] < true - 3
    assert abs(jumps[name] - true) < abs(jumps["baseline"] - true)
    assert table["variant"].str.startswith("without the first poll after").sum() == 2 * 2  # two breaks, two rows each


def test_jump_table_gives_each_jump_twice_and_withholds_a_jump_with_too_few_polls_on_a_side(simulated) -> None:
    polls, truth, fit = simulated
    refit, _ = without_outliers(polls, fit, BREAKS, param_uncertainty=False)
    table = jump_table(polls, fit, refit, BREAKS, min_polls=3)
    assert table["polls used"].tolist() == ["all polls"] * 2 + ["without flagged polls"] * 2
    assert table["break"].tolist() == BREAKS * 2
    first = table.iloc[0]
    assert first["jump reading"] == conclusion(first["lower"], first["upper"])
    assert abs(first["jump"] - truth.jumps.iloc[0]) < 8
    n_before = int((polls["date"] < pd.Timestamp(BREAKS[0])).sum())
    strict = jump_table(polls, fit, refit, BREAKS, min_polls=n_before + 1)  # one poll more than 2014 has before it
    assert strict.loc[strict["break"] == BREAKS[0], "jump"].isna().all()
    assert strict.loc[strict["break"] == BREAKS[0], "jump reading"].str.contains(f"{n_before} before").all()


def test_leave_one_out_finds_a_far_poll_that_moves_the_change_across_a_gap() -> None:
    """One variance spans both regimes: a wild poll years after the break inflates it, and so
    widens the interval of the change across the break; leaving that poll out narrows it most."""
    polls, _ = simulate_polls(
        np.random.default_rng(4),
        start="2012-01-01",
        end="2018-12-31",
        breaks=["2014-02-22"],
        jumps=[15.0],
        polls_per_year=[3.0, 3.0],
        n_houses=3,
    )
    wild = polls["date"].idxmax()  # the last poll, years after the break
    polls.loc[wild, "share"] += 25
    fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    loo = leave_one_out(polls, ["2014-02-22"], fit, param_uncertainty=False)
    assert len(loo) == len(polls) and loo["poll_id"].tolist() == polls["poll_id"].astype(str).tolist()
    width = loo["change_upper"] - loo["change_lower"]
    base = fit.jumps.iloc[0]
    assert loo.loc[width.idxmin(), "poll_id"] == polls.loc[wild, "poll_id"]
    assert width.min() < 0.8 * (base["change_upper"] - base["change_lower"])
    last_before = polls.loc[polls["date"] < pd.Timestamp("2014-02-22"), "date"].idxmax()
    moved = loo.set_index("poll_id").loc[polls.loc[last_before, "poll_id"]]
    assert moved["change_from"] < base["change_from"] and moved["change_to"] == base["change_to"]  # a longer span
    expected = [
        conclusion(lo, hi) != conclusion(base["change_lower"], base["change_upper"])
        for lo, hi in zip(loo["change_lower"], loo["change_upper"], strict=True)
    ]
    assert loo["change_overturned"].tolist() == expected


def test_robustness_reads_named_polls_as_their_own_house_and_leaves_out_year_dated_polls(simulated) -> None:
    polls, _, fit = simulated
    own = polls[polls["date"] >= pd.Timestamp(BREAKS[1])].sort_values("date").index[:4]  # the first polls after
    shifted = polls.copy()
    shifted.loc[own, "share"] -= 8  # a sponsor's questionnaire, fielded by several houses, reads 8 points lower
    shifted["date_precision"] = "day"
    shifted.loc[shifted.index[5], "date_precision"] = "year"
    base = fit_aggregate(shifted, BREAKS, param_uncertainty=False)
    table = robustness(
        shifted,
        BREAKS,
        base,
        deffs=(),
        variance_factors=(),
        min_polls=99,
        param_uncertainty=False,
        own_houses={"sponsored": shifted.loc[own, "poll_id"].astype(str).tolist()},
    )
    jumps = table.set_index(["variant", "break_date"])["jump"]
    at22 = pd.Timestamp(BREAKS[1])
    # their own offsets absorb the shift: the 2022 jump (20 in truth) moves back up
    assert jumps[("sponsored as a house of their own", at22)] > jumps[("baseline", at22)] + 2
    assert ("without polls dated only to a year", at22) in jumps.index
    plain = robustness(polls, BREAKS, fit, deffs=(), variance_factors=(), min_polls=99, param_uncertainty=False)
    assert not plain["variant"].str.contains("year|own", regex=True).any()  # neither without the inputs
