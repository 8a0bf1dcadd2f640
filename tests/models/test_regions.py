"""Regions: definitions per pollster, population weights, reweighting, gaps and composition."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.models.regions import (
    OCCUPIED_SINCE_2014,
    dated,
    decompose_shift,
    definition,
    gap_to_national,
    region_weights,
    reweight,
    uncovered_regions,
    unit_values,
)
from analysis.tables.load import load_polls, load_table
from analysis.tables.schema import MACRO_REGIONS


@pytest.fixture(scope="module")
def polls() -> pd.DataFrame:
    return load_polls()


def test_each_pollsters_regions_are_defined(polls) -> None:
    definitions = load_table("region_definitions")
    assert uncovered_regions(polls, definitions, MACRO_REGIONS).empty
    assert set(definitions.loc[definitions["status"] == "stated", "source"].str[:4]) == {"http"}


def test_stated_definition_replaces_the_default_for_that_region() -> None:
    definitions = load_table("region_definitions")
    rating = definition(dated(definitions, pd.Timestamp("2023-09-10")), "Rating Group")
    south = rating.loc[rating["region"] == "South", "unit"]
    assert "Dnipropetrovsk oblast" in set(south)
    assert (rating.loc[rating["region"] == "South", "status"] == "stated").all()
    assert (rating.loc[rating["region"] == "West", "status"] == "assumed").all()


def test_a_stated_list_is_dated_to_its_poll_and_carried_as_assumed_elsewhere() -> None:
    definitions = load_table("region_definitions")
    days = ("2016-06-01", "2023-09-10", "2024-06-01")
    souths = {}
    for day in days:
        rating = definition(dated(definitions, pd.Timestamp(day)), "Rating Group")
        souths[day] = rating.loc[rating["region"] == "South"]
    assert [set(souths[d]["status"]) for d in days] == [{"assumed"}, {"stated"}, {"assumed"}]
    assert len({tuple(sorted(s["unit"])) for s in souths.values()}) == 1  # the same list carried
    stated = definitions[definitions["status"] == "stated"]
    assert stated["valid_to"].notna().all()  # every stated list is dated to the polls its page describes


def test_population_and_weights() -> None:
    definitions = load_table("region_definitions")
    population = load_table("population")
    census = population[population["measure"] == "census_2001_present"]
    assert len(census) == 27
    four = ["West", "Centre", "South", "East"]
    w = region_weights(definitions, population, "Kyiv International Institute of Sociology", regions=four)
    assert w.sum() == pytest.approx(1.0)
    without = region_weights(
        definitions, population, "Kyiv International Institute of Sociology", regions=four, exclude=OCCUPIED_SINCE_2014
    )
    assert without["East"] < w["East"] and without["West"] > w["West"]
    # hand check: share of the four occupied-since-2014 units in the 2001 census
    occupied = census[census["unit"].isin(OCCUPIED_SINCE_2014)]["population"].sum() / census["population"].sum()
    assert 0.15 < occupied < 0.25
    with pytest.raises(ValueError, match="no estimate_2021_resident population"):
        region_weights(definitions, population, "x", measure="estimate_2021_resident")


def test_reweight_refuses_mismatched_regions() -> None:
    with pytest.raises(ValueError, match="regions differ"):
        reweight(pd.Series({"West": 50.0}), pd.Series({"West": 0.5, "East": 0.5}))


def test_unit_values_spread_regions_to_units() -> None:
    defs = pd.DataFrame(
        {
            "pollster": ["(default)"] * 3,
            "region": ["West", "Centre", "Centre"],
            "unit": ["Lviv oblast", "Poltava oblast", "Kyiv city"],
            "status": ["assumed"] * 3,
        }
    )
    got = unit_values(defs, "P", pd.Series({"West": 70.0, "Centre": 50.0, "Kyiv city": 65.0}))
    assert got.to_dict() == {"Kyiv city": 65.0, "Lviv oblast": 70.0, "Poltava oblast": 50.0}


def test_decomposition_adds_up() -> None:
    before = pd.Series({"West": 60.0, "Centre": 35.0, "South": 15.0, "East": 10.0})
    after = pd.Series({"West": 70.0, "Centre": 50.0, "South": 30.0, "East": 25.0})
    w0 = pd.Series({"West": 0.2, "Centre": 0.35, "South": 0.2, "East": 0.25})
    w1 = pd.Series({"West": 0.25, "Centre": 0.4, "South": 0.18, "East": 0.17})
    r = decompose_shift(before, after, w0, w1)
    assert r["composition"] + r["within"] == pytest.approx(r["total"])
    assert r["composition"] > 0  # weight moves toward the pro-NATO West
    with pytest.raises(ValueError, match="regions differ"):
        decompose_shift(before, after.drop("East"), w0, w1)


def test_gap_to_national_leaves_unmatched_regions_missing() -> None:
    p = pd.DataFrame(
        {
            "poll_id": ["x", "x", "y"],
            "question_type": ["q"] * 3,
            "base": ["b"] * 3,
            "answer": ["for"] * 3,
            "geography": ["national", "West", "East"],
            "share": [60.0, 70.0, 40.0],
        }
    )
    out = gap_to_national(p)
    assert out.set_index("poll_id")["gap"].loc["x"] == 10.0
    assert math.isnan(out.set_index("poll_id")["gap"].loc["y"])
