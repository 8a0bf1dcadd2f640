"""The poll aggregator against simulated truth, hand computations and bad input.

Tolerances on recovery come from the benchmark (benchmarks/aggregate_results.md): on the
default simulation the jump RMSE is about 3 points and house-effect intervals are about
2.4 points wide; the test simulation below has three times as many polls, so its errors are
smaller and the stated tolerances leave a margin of about three standard errors.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataValidationError, OutputError, ParseError
from analysis.models.aggregate import (
    DEFAULT_DEFF,
    DEFAULT_SAMPLE_SIZE,
    AggregateResult,
    fit_aggregate,
)
from analysis.models.aggregate_io import CSV_COLUMNS, aggregate_csv
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


# ----------------------------------------------------------------------------- bad input


def _csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "mini.csv"
    pd.DataFrame(rows, columns=list(CSV_COLUMNS)).to_csv(path, index=False)
    return path


def _rows(k: int = 8) -> list[dict]:
    out = []
    for i in range(k):
        day = pd.Timestamp("2012-01-01") + pd.Timedelta(days=400 * i)
        out.append(
            {
                "poll_id": f"p{i}",
                "pollster": "A" if i % 2 else "B",
                "field_start": day.strftime("%Y-%m-%d"),
                "field_end": (day + pd.Timedelta(days=6)).strftime("%Y-%m-%d"),
                "sample_size": 2000 if i % 3 else "",
                "mode": "unknown",
                "question_type": "nato_referendum_vote",
                "answer": "for",
                "base": "all_respondents",
                "geography": "national",
                "share": 30.0 + 5 * i,
            }
        )
    return out


def _run(path: Path, out: Path) -> AggregateResult:
    return aggregate_csv(path, "nato_referendum_vote", "for", "all_respondents", "national", BREAKS, out)


def test_aggregate_csv_writes_the_four_tables(tmp_path: Path) -> None:
    fit = _run(_csv(tmp_path, _rows()), tmp_path / "out")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["house_effects.csv", "jumps.csv", "latent.csv", "mode_effects.csv"]
    back = pd.read_csv(tmp_path / "out" / "jumps.csv")
    assert back["jump"].to_numpy() == pytest.approx(fit.jumps["jump"].to_numpy(), nan_ok=True)
    assert pd.read_csv(tmp_path / "out" / "mode_effects.csv")["note"].str.startswith("not identified").all()


def test_aggregate_csv_writes_no_value_that_no_poll_supports(tmp_path: Path) -> None:
    """Every jump needs 3 polls a side (else blank, with the counts) and the latent line is blank
    inside a stretch of more than a year without polls (positive control: the fit itself fills it)."""
    rows = [r for r in _rows() if r["field_start"] < "2014" or r["field_start"] >= "2017"]  # a gap of years
    fit = _run(_csv(tmp_path, rows), tmp_path / "out")
    latent = pd.read_csv(tmp_path / "out" / "latent.csv", parse_dates=["date"])
    dates = fit.residuals["date"].sort_values()
    gaps = [(a, b) for a, b in zip(dates, dates[1:], strict=False) if (b - a).days > 365]
    assert gaps, "the rows leave a gap of more than a year"
    inside = latent[(latent["date"] > gaps[0][0]) & (latent["date"] < gaps[0][1])]
    assert len(inside) and inside["estimate"].isna().all()
    raw = fit_aggregate(fit.residuals[["poll_id", "pollster", "mode", "share", "sample_size", "date"]], BREAKS).latent
    assert raw[(raw["date"] > gaps[0][0]) & (raw["date"] < gaps[0][1])]["estimate"].notna().any()
    jumps = pd.read_csv(tmp_path / "out" / "jumps.csv")
    assert {"polls_before", "polls_after"} <= set(jumps.columns)
    short = jumps[jumps[["polls_before", "polls_after"]].min(axis=1) < 3]
    assert short["jump"].isna().all() and short["note"].str.startswith(("too few polls", "not estimated")).all()


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("share", "abc", "mini.csv, row 3 (line 4), column 'share': value 'abc': not a number between 0 and 100"),
        ("share", "130", "mini.csv, row 3 (line 4), column 'share': value '130': not a number"),
        ("field_start", "2015-13-01", "row 3 (line 4), column 'field_start': value '2015-13-01': not an ISO date"),
        ("field_end", "2010-01-01", "column 'field_end': value '2010-01-01': before field_start"),
        ("sample_size", "-5", "column 'sample_size': value '-5': not a positive whole number"),
        ("pollster", "", "row 3 (line 4), column 'pollster': value '': required value is missing"),
    ],
)
def test_bad_values_name_file_row_column_and_value(tmp_path: Path, column: str, value: str, expected: str) -> None:
    rows = _rows()
    rows[2][column] = value
    with pytest.raises(DataValidationError, match="validation issue") as info:
        _run(_csv(tmp_path, rows), tmp_path / "out")
    assert expected in str(info.value)
    assert not (tmp_path / "out").exists()


def test_missing_column_repeated_poll_and_empty_selection(tmp_path: Path) -> None:
    path = tmp_path / "mini.csv"
    pd.DataFrame(_rows()).drop(columns="mode").to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=r"mini.csv, column 'mode': missing column"):
        _run(path, tmp_path / "out")
    rows = _rows()
    rows[4]["poll_id"] = "p1"
    with pytest.raises(DataValidationError, match=r"row 2 .*'poll_id': value 'p1': poll_id repeated"):
        _run(_csv(tmp_path, rows), tmp_path / "out")
    with pytest.raises(DataValidationError, match=r"no rows with question_type='nato_referendum_vote', answer='x'"):
        aggregate_csv(_csv(tmp_path, _rows()), "nato_referendum_vote", "x", "all_respondents", "national", [], tmp_path)


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write to"):
        _run(_csv(tmp_path, _rows()), blocker / "out")


def test_fit_aggregate_rejects_bad_series() -> None:
    polls, _ = simulate_polls(np.random.default_rng(1))
    with pytest.raises(DataValidationError, match=r"series, column 'pollster': missing column"):
        fit_aggregate(polls.drop(columns="pollster"), BREAKS)
    bad = polls.assign(sample_size=polls["sample_size"].astype(object), date=polls["date"].astype(object))
    bad.loc[3, "sample_size"] = 0
    bad.loc[5, "date"] = "someday"
    with pytest.raises(DataValidationError) as info:
        fit_aggregate(bad, BREAKS)
    text = str(info.value)
    assert "row 4 (line 5), column 'sample_size': value '0': not a positive whole number" in text
    assert "row 6 (line 7), column 'date': value 'someday': not a date" in text


def test_aggregate_csv_on_the_poll_table_gives_the_notebook_jumps(tmp_path: Path) -> None:
    # the command reads the whole CSV: the page of each poll and its dates must be chosen from all
    # that the poll's pages report, as poll_series does on the loaded table (not from the one answer)
    from analysis.models.series import poll_series
    from analysis.paths import DATA
    from analysis.tables.load import load_polls

    polls = load_polls()
    external = polls[polls["source_type"] == "external"]
    expected = fit_aggregate(poll_series(external, "nato_referendum_vote", "for"), BREAKS).jumps
    got = aggregate_csv(  # the keywords are poll_series's names
        DATA / "polls.csv",
        question_type="nato_referendum_vote",
        answer="for",
        base="all_respondents",
        geography="national",
        breaks=BREAKS,
        out_dir=tmp_path,
    ).jumps
    pd.testing.assert_frame_equal(
        got[["break_date", "jump", "lower", "upper"]], expected[["break_date", "jump", "lower", "upper"]]
    )


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


def test_breaks_as_the_periods_mapping_use_its_dates_and_a_bare_year_is_refused() -> None:
    # period_breaks() gives {"2014": Timestamp(...), ...}: its keys would silently mean 1 January (review 11)
    polls, _ = simulate_polls(np.random.default_rng(5))
    as_list = fit_aggregate(polls, BREAKS)
    as_mapping = fit_aggregate(polls, {"2014": pd.Timestamp(BREAKS[0]), "2022": pd.Timestamp(BREAKS[1])})
    pd.testing.assert_frame_equal(as_list.jumps, as_mapping.jumps, check_exact=True)
    with pytest.raises(DataValidationError, match="value '2014': not a date"):
        fit_aggregate(polls, ["2014", "2022-02-24"])


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"level": 95}, "level must be within"),
        ({"deff": -1}, "deff"),
        ({"grid_days": 0}, "grid_days"),
        ({"innovation_scale": -1.0}, "innovation_scale"),
        ({"default_n": 0}, "default_n"),
    ],
)
def test_options_the_model_cannot_use_are_refused_by_name(options, named) -> None:
    polls, _ = simulate_polls(np.random.default_rng(5))
    with pytest.raises(ParseError, match=named):
        fit_aggregate(polls, BREAKS, **options)


def test_shares_given_as_proportions_are_refused_with_the_hint() -> None:
    polls, _ = simulate_polls(np.random.default_rng(5))
    with pytest.raises(ParseError, match="multiply by 100"):
        fit_aggregate(polls.assign(share=polls["share"] / 100), BREAKS)
    one = fit_aggregate(polls, "2014-02-22")  # one date is one break, not ten characters
    assert one.jumps["break_date"].tolist() == [pd.Timestamp("2014-02-22")]


def test_aggregate_csv_names_rows_a_spelling_would_drop_or_split(tmp_path: Path) -> None:
    # review 11: "For" was silently left out; " Pollster North" and "phone" became a house and a mode of their own
    from analysis.paths import ROOT

    example = ROOT / "examples" / "illustrative-country-polls.csv"
    table = pd.read_csv(example, dtype="str", keep_default_na=False)
    for column, value, message in [
        ("answer", "For", "written differently from the series asked for"),
        ("pollster", " " + table.loc[3, "pollster"], "surrounding spaces"),
        ("mode", "phone", "not one of face_to_face, telephone"),
    ]:
        edited = table.copy()
        edited.loc[3, column] = value
        path = tmp_path / f"{column}.csv"
        edited.to_csv(path, index=False)
        question, answer, base, geography = table.loc[3, ["question_type", "answer", "base", "geography"]]
        with pytest.raises(DataValidationError, match=rf"row 4 \(line 5\), column '{column}'.*{message}"):
            aggregate_csv(path, question, answer, base, geography, ["2020-03-01"], tmp_path / "out")
    with pytest.raises(DataValidationError, match=r"no rows with .*the file has answer: for"):
        aggregate_csv(example, question, "maybe", base, geography, ["2020-03-01"], tmp_path / "out")
