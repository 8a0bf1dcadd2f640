"""Tests for analysis.models.regional: definition mapping (hand-computed) and the model on simulated tables."""

import numpy as np
import pandas as pd
import pytest

from analysis.models import regional as R
from analysis.models.periods import PERIODS
from analysis.models.regional_sensitivity import sensitivity
from analysis.tables.load import load_table


@pytest.fixture(scope="module")
def defs():
    return load_table("region_definitions")


@pytest.fixture(scope="module")
def pop():
    return load_table("population")


def test_rating_south_composition_is_hand_computed(defs, pop):
    # 2001 census (data/population.csv): Dnipropetrovsk 3,567,600; Kherson 1,175,100; Mykolaiv 1,264,700;
    # Odesa 2,469,000; Zaporizhzhia 1,929,200 -> total 10,405,600; Dnipropetrovsk = 3,567,600 / 10,405,600.
    c = R.composition(defs, pop, "Rating Group", "South")
    assert c["East"] == pytest.approx(3_567_600 / 10_405_600)
    assert c["South"] == pytest.approx(6_838_000 / 10_405_600)
    assert c[["West", "Centre", "Donbas"]].sum() == 0


def test_dif_razumkov_east_has_no_donbas(defs, pop):
    # Dnipropetrovsk 3,567,600 + Kharkiv 2,914,200 = 6,481,800 (East block); Zaporizhzhia 1,929,200 (South).
    w = R.unit_weights(defs, pop, "Democratic Initiatives Foundation & Razumkov Centre", "East")
    assert w["Zaporizhzhia oblast"] == pytest.approx(1_929_200 / 8_411_000)
    c = R.composition(defs, pop, "Democratic Initiatives Foundation & Razumkov Centre", "East")
    assert c["East"] == pytest.approx(6_481_800 / 8_411_000)
    assert c["Donbas"] == 0


def test_default_east_before_and_after_2014(defs, pop):
    # Default East = Dnipropetrovsk, Kharkiv (6,481,800) + Donetsk 4,841,100 + Luhansk 2,546,200 = 13,869,100.
    c = R.composition(defs, pop, "Some pollster", "East")
    assert c["Donbas"] == pytest.approx(7_387_300 / 13_869_100)
    c_after = R.composition(defs, pop, "Some pollster", "East", exclude=("Donetsk oblast", "Luhansk oblast"))
    assert c_after["East"] == 1.0


def test_unit_and_unknown_region(defs, pop):
    assert R.composition(defs, pop, "X", "Lviv oblast")["West"] == 1.0
    assert R.composition(defs, pop, "X", "Kyiv city")["Centre"] == 1.0
    with pytest.raises(KeyError):
        R.composition(defs, pop, "X", "Atlantis")


def test_dated_definitions_are_respected(pop):
    defs = pd.DataFrame(
        {
            "pollster": ["P", "P", "(default)"],
            "region": ["South", "South", "South"],
            "unit": ["Odesa oblast", "Dnipropetrovsk oblast", "Odesa oblast"],
            "valid_from": ["", "2015-01-01", ""],
            "valid_to": ["", "", ""],
        }
    ).replace("", None)
    early = R.unit_weights(defs, pop, "P", "South", date=pd.Timestamp("2010-01-01"))
    late = R.unit_weights(defs, pop, "P", "South", date=pd.Timestamp("2016-01-01"))
    assert list(early.index) == ["Odesa oblast"]
    assert late["Dnipropetrovsk oblast"] == pytest.approx(3_567_600 / (3_567_600 + 2_469_000))


def test_geography_level_column_wins():
    polls = pd.DataFrame({"geography": ["Lviv city", "West"], "geography_level": ["unit", "composite"]})
    assert R.geography_level(polls).tolist() == ["unit", "composite"]


def test_geography_level_without_the_column_uses_the_builds_rule():
    polls = pd.DataFrame({"geography": ["national", "West", "Kyiv city", "Lviv city", "Donbas and Crimea", "X"]})
    assert R.geography_level(polls).tolist() == ["national", "macro_region", "unit", "city", "composite", "unknown"]


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


def test_orderings_counts():
    rows = pd.DataFrame(
        {
            "table_id": ["a"] * 4 + ["b"] * 2,
            "pollster": ["P"] * 6,
            "question_type": ["q"] * 6,
            "date": [pd.Timestamp("2016-01-01")] * 4 + [pd.Timestamp("2023-01-01")] * 2,
            "geography": ["West", "Centre", "South", "East", "West", "East"],
            "share": [70.0, 50.0, 30.0, 35.0, 90.0, 60.0],
        }
    )
    breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
    counts = R.agreement(R.orderings(rows, breaks))
    assert counts.loc["south_gt_east"].tolist() == [0, 1]
    assert counts.loc["all_majority"].tolist() == [1, 0]
    assert counts.loc["south_below_half"].tolist() == [1, 0]


def test_within_house_gaps_keep_only_series_on_both_sides_of_the_invasion_and_never_pool_questions():
    breaks = {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")}
    rows = pd.DataFrame(
        {
            "table_id": ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e"],
            "pollster": ["P"] * 4 + ["P"] * 2 + ["Q"] * 4,
            "question_type": ["q"] * 4 + ["other"] * 2 + ["q"] * 4,
            "base": ["all"] * 10,
            "date": pd.to_datetime(["2012-01-01"] * 2 + ["2023-01-01"] * 2 + ["2016-01-01"] * 2 + ["2016-01-01"] * 4),
            "geography": ["West", "South"] * 5,
            "share": [70.0, 30.0, 85.0, 75.0, 60.0, 20.0, 80.0, 40.0, 82.0, 41.0],
        }
    )
    # P's question q has no table between 2014 and the invasion (2012 is before 2014); P's other question
    # has no table after it; Q has none after it: nothing is like for like
    assert R.within_house_gaps(rows, breaks, "West", "South").empty
    later = rows.assign(date=rows["date"].where(rows["table_id"] != "a", pd.Timestamp("2016-06-01")))
    got = R.within_house_gaps(later, breaks, "West", "South")
    assert got[["pollster", "question_type", "gap"]].values.tolist() == [["P", "q", 40.0], ["P", "q", 10.0]]
    assert R.within_house_gaps(rows, breaks, "West", "Donbas").empty  # a region no table reports


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


def test_government_held_donbas_counts_in_an_east_from_2014_to_the_invasion_and_not_after(pop):
    from analysis.models.composition import OCCUPIED_PARTS, held_fractions
    from analysis.models.regional_rows import _surveyed

    held = held_fractions(pop)
    in_2014 = pop[(pop["unit"] == "Donetsk oblast") & (pop["measure"] == "estimate_2014_present")]["population"]
    assert held["Donetsk oblast"] == pytest.approx(
        1 - sum(OCCUPIED_PARTS["Donetsk oblast"]) / 2 / float(in_2014.iloc[0])
    )
    breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}

    def surveyed(date: str, donbas: str = "no") -> dict:
        row = pd.Series({"date": pd.Timestamp(date), "covers_crimea": "no", "covers_occupied_donbas": donbas})
        return _surveyed(row, breaks, held)

    assert surveyed("2010-06-01") == {}
    mid, late = surveyed("2016-06-01"), surveyed("2023-06-01")
    assert mid["Crimea"] == 0 and 0 < mid["Donetsk oblast"] < 1 and mid["Luhansk oblast"] == held["Luhansk oblast"]
    assert late["Donetsk oblast"] == late["Luhansk oblast"] == 0
    assert "Donetsk oblast" not in surveyed("2016-06-01", donbas="yes")  # the poll covered the occupied part too


def test_a_region_reported_beside_a_larger_one_is_taken_out_of_it(defs):
    from analysis.models.regional_rows import _nested_units, _Resolver

    rows = pd.DataFrame(
        {
            "table_id": ["t"] * 3 + ["u"] * 2,
            "pollster": ["Some house"] * 5,
            "date": pd.Timestamp("2016-06-01"),
            "geography": ["East", "Donbas", "West", "East", "West"],
            "definition": ["Some house"] * 5,
        }
    )
    nested = _nested_units(rows, _Resolver(defs))
    assert nested[0] == {"Donetsk oblast", "Luhansk oblast"}  # t reports Donbas beside East
    assert nested[1] == nested[2] == nested[3] == nested[4] == frozenset()  # u reports no Donbas


def test_donbas_readings_a_stated_gap_in_coverage_and_nesting_change_the_east_as_said(defs, pop):
    """One real table (Rating, June 2019: its East holds Kharkiv, Donetsk and Luhansk oblasts) read
    each way: the government-held part (stated), none of the two oblasts, both whole; a page that
    says the poll left both oblasts out counts as none; an unknown reading is refused."""
    from analysis import load_events, load_polls
    from analysis.models.periods import period_breaks

    polls, breaks = load_polls(), period_breaks(load_events())
    one = polls[polls["poll_id"] == "rating-group-2019-06-13"]

    def east(frame: pd.DataFrame, **kwargs) -> pd.Series:
        rows = R.regional_rows(frame, defs, pop, breaks, **kwargs)
        return rows.set_index("geography").loc["East", ["c_East", "c_Donbas"]]

    stated, none, whole = (east(one, donbas=d) for d in ("stated", "none", "whole"))
    assert stated["c_Donbas"] == pytest.approx(0.59, abs=0.01)  # as regional_rows' own example shows
    assert none["c_Donbas"] == 0 and none["c_East"] == 1
    assert whole["c_Donbas"] > stated["c_Donbas"]
    left_out = east(one.assign(covers_held_donbas="no"))
    assert left_out["c_Donbas"] == 0  # the page says so: no part of the two oblasts
    with pytest.raises(ValueError, match="donbas must be one of"):
        R.regional_rows(one, defs, pop, breaks, donbas="half")


def test_tables_of_an_unstated_base_are_not_modelled(defs, pop):
    from analysis import load_events, load_polls
    from analysis.models.periods import period_breaks

    polls, breaks = load_polls(), period_breaks(load_events())
    one = polls[polls["poll_id"] == "rating-group-2019-06-13"]
    assert len(R.regional_rows(one, defs, pop, breaks)) == 4
    assert R.regional_rows(one.assign(base="unknown"), defs, pop, breaks).empty


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


def test_reweighting_check_rebuilds_only_tables_of_all_respondents(defs, pop):
    from analysis import load_events, load_polls
    from analysis.models.periods import period_breaks

    polls, breaks = load_polls(), period_breaks(load_events())
    one = polls[polls["poll_id"] == "rating-group-2019-06-13"]
    rows = R.regional_rows(one, defs, pop, breaks)
    assert len(R.reweighting_check(one, rows, defs, pop)) == 1
    voters = one.assign(base="referendum_participants")  # turnout differs by region: population weights do not apply
    assert R.reweighting_check(voters, R.regional_rows(voters, defs, pop, breaks), defs, pop).empty


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
