"""Tests for analysis.models.regional: the model on simulated tables (definition mapping, hand-computed:
tests/models/test_regional_rows.py; the tables read as published: test_regional_tables.py)."""

import numpy as np
import pandas as pd
import pytest

from analysis.models import regional as R
from analysis.models.periods import PERIODS
from analysis.models.regional_sensitivity import sensitivity

TRUTH = pd.DataFrame(
    {
        "region": [r for r in R.REGIONS for _ in PERIODS],
        "period": list(PERIODS) * 4,
        "share": [60, 75, 92, 40, 55, 85, 20, 30, 70, 15, 28, 72],
    }
).set_index(["region", "period"])


def test_model_recovers_known_gaps():
    rng = np.random.default_rng(1)
    rows = R.simulate_tables(TRUTH, n_polls=30, rng=rng, n=2000, house_sd=0.0)
    fit = R.fit_regional(rows)
    gaps = R.gap_table(fit).set_index(["contrast", "period"])
    for period in PERIODS:
        truth = TRUTH.loc[("West", period), "share"] - TRUTH.loc[("East", period), "share"]
        assert gaps.loc[("West − East", period), "gap"] == pytest.approx(truth, abs=4)


def test_one_poll_period_keeps_its_sampling_error():
    # Only one poll after February 2022: its interval must still be about the binomial one.
    rng = np.random.default_rng(2)
    rows = R.simulate_tables(TRUTH, n_polls=7, rng=rng, n=2000, house_sd=0.0)
    rows = rows[(rows["period"] != PERIODS[2]) | (rows["poll_id"] == "p2")]
    g = R.gap(R.fit_regional(rows), "West", "East", PERIODS[2])
    # binomial s.e. of a difference of two shares from n = 500 each near 0.92 and 0.72: about 2.4 points
    assert g["se"] >= 2.0


def test_interval_coverage_near_nominal():
    rng = np.random.default_rng(3)
    hits, reps = 0, 100
    for _ in range(reps):
        rows = R.simulate_tables(TRUTH, n_polls=12, rng=rng, n=1200, house_sd=0.1)
        g = R.gap(R.fit_regional(rows), "West", "South", PERIODS[1])
        hits += g["low"] <= 75 - 30 <= g["high"]
    assert hits / reps >= 0.88  # nominal 0.95; taking the larger s.e. errs on the wide side


def test_sensitivity_refits_each_question_alone_and_each_house_out_and_flags_a_house_that_decides():
    rng = np.random.default_rng(4)
    rows = R.simulate_tables(TRUTH, n_polls=24, rng=rng, n=2000, house_sd=0.0)
    rows.loc[rows["poll_id"].isin(rows["poll_id"].unique()[::2]), "question_type"] = "q2"  # two questions
    table = sensitivity(rows, PERIODS[1], PERIODS[2]).set_index(["variant", "contrast"])
    assert {"baseline", "only q (all)", "only q2 (all)", "without A", "without B", "without C"} == set(
        table.index.get_level_values("variant")
    )
    truth = {c: (TRUTH.loc[("West", PERIODS[2]), "share"] - TRUTH.loc[(c, PERIODS[2]), "share"])
             - (TRUTH.loc[("West", PERIODS[1]), "share"] - TRUTH.loc[(c, PERIODS[1]), "share"]) for c in ("East", "South")}  # fmt: skip
    for contrast, second in (("West − East", "East"), ("West − South", "South")):
        assert table.loc[("baseline", contrast), "change"] == pytest.approx(truth[second], abs=5)
        assert table.loc[("baseline", contrast), "reading"] == R.change_reading(
            table.loc[("baseline", contrast), "low"], table.loc[("baseline", contrast), "high"]
        )
    # positive control: one house's tables after the invasion turned upside down (East above West)
    flipped = rows.copy()
    late_a = (flipped["pollster"] == "A") & (flipped["period"] == PERIODS[2])
    flipped.loc[late_a & (flipped["geography"] == "West"), "share"] = 20.0
    flipped.loc[late_a & (flipped["geography"] == "East"), "share"] = 95.0
    checked = sensitivity(flipped, PERIODS[1], PERIODS[2]).set_index(["variant", "contrast"])
    without_a = checked.loc[("without A", "West − East"), "change"]
    assert abs(without_a - truth["East"]) < abs(checked.loc[("baseline", "West − East"), "change"] - truth["East"])


def test_sensitivity_with_a_reference_fits_that_question_alone_and_pools_only_as_a_check():
    rng = np.random.default_rng(4)
    rows = R.simulate_tables(TRUTH, n_polls=24, rng=rng, n=2000, house_sd=0.0)
    second = rows["poll_id"].isin(rows["poll_id"].unique()[::2])
    rows.loc[second, "question_type"] = "q2"
    rows.loc[second, "share"] = rows.loc[second, "share"] - 8  # the other question reads 8 points lower everywhere
    table = sensitivity(rows, PERIODS[1], PERIODS[2], reference=("q", "all")).set_index(["variant", "contrast"])
    variants = set(table.index.get_level_values("variant"))
    assert {"baseline", "every question type and base pooled, with offsets", "only q2 (all)"} <= variants
    assert "only q (all)" not in variants  # that is the baseline
    alone = R.fit_regional(rows[rows["question_type"] == "q"])
    for contrast, other in (("West − East", "East"), ("West − South", "South")):
        expected = R.gap_change(alone, "West", other, PERIODS[1], PERIODS[2])
        assert table.loc[("baseline", contrast), "change"] == pytest.approx(expected["change"])
        assert table.loc[("baseline", contrast), "tables"] == rows.loc[~second, "table_id"].nunique()
    # the houses left out are the baseline's, each fitted on the reference question alone
    assert (
        table.loc[("without A", "West − East"), "tables"]
        == rows.loc[~second & (rows["pollster"] != "A"), "table_id"].nunique()
    )


def test_too_few_tables_give_a_named_error_and_a_check_that_is_not_estimated():
    from analysis.errors import DataValidationError

    rows = R.simulate_tables(TRUTH, n_polls=4, rng=np.random.default_rng(0))
    with pytest.raises(DataValidationError, match="too few regional"):
        R.fit_regional(rows[rows["poll_id"] == rows["poll_id"].iloc[0]])
    table = sensitivity(rows, PERIODS[1], PERIODS[2])  # leaving a house out leaves no residual degree of freedom
    assert (table.loc[table["variant"].str.startswith("without"), "reading"] == "not estimated").all()


def test_a_period_whose_houses_appear_nowhere_else_gets_no_estimate():
    rng = np.random.default_rng(6)
    rows = R.simulate_tables(TRUTH, n_polls=18, rng=rng, n=2000, house_sd=0.0)
    est = R.region_estimates(R.fit_regional(rows)).set_index(["region", "period"])
    assert est["anchored"].all() and est.loc[("West", PERIODS[0]), "share"] == pytest.approx(60, abs=5)
    alone = rows.assign(pollster=rows["pollster"].where(rows["period"] != PERIODS[0], "D"))  # D polls only then
    est = R.region_estimates(R.fit_regional(alone)).set_index(["region", "period"])
    assert not est.loc[("West", PERIODS[0]), "anchored"] and np.isnan(est.loc[("West", PERIODS[0]), "share"])
    assert est.loc[("West", PERIODS[1]), "share"] == pytest.approx(75, abs=5)  # the other periods keep theirs
    # those tables are left out of the fit: it is the fit without them, so their house's effect,
    # which nothing but the sum-to-zero rule fixes, cannot move the other periods
    without = R.region_estimates(R.fit_regional(alone[alone["period"] != PERIODS[0]])).set_index(["region", "period"])
    pd.testing.assert_series_equal(est["share"], without["share"])


def test_a_telephone_offset_is_estimated_where_a_period_holds_both_modes_and_checked_in_sensitivity():
    rng = np.random.default_rng(7)
    rows = R.simulate_tables(TRUTH, n_polls=24, rng=rng, n=4000, house_sd=0.0)
    late = rows["period"] == PERIODS[2]
    phone_polls = rows.loc[late, "poll_id"].unique()[::2]
    rows["mode"] = np.where(rows["poll_id"].isin(phone_polls), "telephone", "face_to_face")
    y = rows["share"] / 100  # telephone tables read 0.5 higher on the logit scale
    rows.loc[rows["mode"] == "telephone", "share"] = 100 / (1 + np.exp(-(np.log(y / (1 - y)) + 0.5)))
    fit = R.fit_regional(rows, mode_offset=True)
    assert fit.result.params[fit.columns.index("mode:telephone")] == pytest.approx(0.5, abs=0.1)
    table = sensitivity(rows, PERIODS[1], PERIODS[2]).set_index(["variant", "contrast"])
    assert ("with a telephone offset", "West − East") in table.index
    assert (
        "with a telephone offset"
        not in sensitivity(rows.drop(columns="mode"), PERIODS[1], PERIODS[2])["variant"].values
    )


def test_sensitivity_reads_alternative_tables_and_an_unidentified_mode_offset_is_not_estimated():
    rng = np.random.default_rng(4)
    rows = R.simulate_tables(TRUTH, n_polls=24, rng=rng, n=2000, house_sd=0.0)
    # telephone tables only after the invasion: the offset is the period's own level, not identified
    rows["mode"] = np.where(rows["period"] == PERIODS[2], "telephone", "face_to_face")
    other = rows.assign(share=rows["share"].where(rows["geography"] != "East", rows["share"] + 10))  # East 10 higher
    table = sensitivity(rows, PERIODS[1], PERIODS[2], alternatives={"East read higher": other})
    table = table.set_index(["variant", "contrast"])
    assert set(table.loc["with a telephone offset", "reading"]) == {"not estimated"}
    assert not table.loc["with a telephone offset", "overturned"].any()
    alone = R.gap_change(R.fit_regional(other), "West", "East", PERIODS[1], PERIODS[2])
    assert table.loc[("East read higher", "West − East"), "change"] == pytest.approx(alone["change"])


def test_donbas_counts_only_tables_that_report_donbas_itself():
    rows = R.simulate_tables(TRUTH, n_polls=9, rng=np.random.default_rng(0))
    late = rows[rows["period"] == PERIODS[1]]
    first = late["table_id"].iloc[0]
    east = late[(late["table_id"] == first) & (late["geography"] == "East")].iloc[0]
    donbas = east.copy()
    donbas[[f"c_{b}" for b in R.BLOCKS]] = 0.0
    donbas["c_Donbas"], donbas["geography"] = 1.0, "Donbas"
    mixed = rows.copy()
    mixed.loc[mixed.index == east.name, ["c_East", "c_Donbas"]] = [0.5, 0.5]  # an East that holds Donbas
    est = R.region_estimates(R.fit_regional(mixed)).set_index(["region", "period"])
    assert est.loc[("Donbas", PERIODS[1]), "tables"] == 0  # an East holding Donbas says nothing of Donbas apart
    with_donbas = pd.concat([mixed, donbas.to_frame().T.astype(mixed.dtypes.to_dict())], ignore_index=True)
    est = R.region_estimates(R.fit_regional(with_donbas)).set_index(["region", "period"])
    assert est.loc[("Donbas", PERIODS[1]), "tables"] == 1


def test_units_partly_occupied_are_marked_only_in_the_periods_they_were(defs) -> None:
    """Donetsk and Luhansk oblasts from 2014 on, Kherson and Zaporizhzhia oblasts after the invasion."""
    truth = pd.DataFrame(
        {"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
        index=pd.MultiIndex.from_product([R.REGIONS, PERIODS]),
    )
    rows = R.simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    dates = dict(zip(PERIODS, pd.to_datetime(["2010-06-01", "2018-06-01", "2023-06-01"]), strict=True))
    fit = R.fit_regional(rows.assign(date=rows["period"].map(dates)))
    units = R.unit_estimates(fit, defs[defs["pollster"] == "(default)"])
    partly = units.set_index(["unit", "period"])["partly_surveyed"]
    for unit, periods in {
        "Donetsk oblast": PERIODS[1:],
        "Kherson oblast": PERIODS[2:],
        "Zaporizhzhia oblast": PERIODS[2:],
        "Lviv oblast": (),
    }.items():
        assert [p for p in PERIODS if partly[(unit, p)]] == list(periods), unit
