"""Regional rows and their definitions (analysis.models.regional_rows): each reported region mapped to
oblasts and blocks by population (hand-computed), the part of Donbas and Crimea a poll surveyed, and the
rows of real regional tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models import regional as R


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


def test_the_sample_size_of_a_poll_without_one_is_a_choice_of_the_rows() -> None:
    from analysis.models.periods import period_breaks
    from analysis.models.regional_rows import DEFAULT_N
    from analysis.tables.load import load_events, load_polls, load_table

    args = (load_polls(), load_table("region_definitions"), load_table("population"), period_breaks(load_events()))
    usual = R.regional_rows(*args, R.SUPPORT)
    half = R.regional_rows(*args, R.SUPPORT, default_n=DEFAULT_N // 2)
    assumed = usual["n_source"] == "n_default"
    assert assumed.any() and (~assumed).any()
    np.testing.assert_allclose(half.loc[assumed, "n"], usual.loc[assumed, "n"] / 2)
    np.testing.assert_allclose(half.loc[~assumed, "n"], usual.loc[~assumed, "n"])
