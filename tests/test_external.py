"""External poll series: every row sourced and dated, poll ids coherent, regions covered."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.external import build_external, read_external, security_answer
from analysis.io import load_table
from analysis.paths import DATA, RAW
from analysis.regions import OCCUPIED_SINCE_2014, definition, region_weights, reweight, uncovered_regions
from analysis.schema import MACRO_REGIONS


@pytest.fixture(scope="module")
def polls() -> pd.DataFrame:
    return load_table(DATA / "polls.csv", "polls").data


def test_every_external_row_has_a_url_and_a_fieldwork_date(polls) -> None:
    ext = polls[polls["source_type"] == "external"]
    assert len(ext) > 400
    assert ext["source"].str.match(r"^https?://").all()
    assert (ext["field_start"] != "").all() and (ext["field_start"] <= ext["field_end"]).all()


def test_a_poll_id_is_one_pollster_and_one_fieldwork_interval(polls) -> None:
    per_id = polls.groupby("poll_id").agg(pollsters=("pollster", "nunique"), starts=("field_start", "nunique"))
    assert (per_id["pollsters"] == 1).all()
    # sources may date the same poll at different precision (a day vs its month)
    multi = per_id[per_id["starts"] > 1].index
    for pid in multi:
        months = polls.loc[polls["poll_id"] == pid, "field_start"].str[:7].unique()
        assert len(months) == 1, pid


def test_every_transcribed_row_is_loaded_or_reported(polls) -> None:
    transcribed = sum(len(f) for f in read_external(RAW / "external").values())
    rejected = load_table(DATA / "external_rejected.csv", "external_rejected").data
    assert (polls["source_type"] == "external").sum() + len(rejected) == transcribed
    assert set(rejected["reason"].str.split(":").str[0]) <= {
        "no fieldwork date in the source",
        "geography outside the harmonised scheme",
        "repeat of a row read from the same page",
        "excluded",
    }


def test_build_external_is_deterministic() -> None:
    a, ra = build_external(RAW)
    b, rb = build_external(RAW)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(ra, rb)


def test_targets_of_the_series(polls) -> None:
    ext = polls[polls["source_type"] == "external"]
    membership = ext[ext["question_type"].isin(["nato_referendum_vote", "nato_membership_support"])]
    national = membership[membership["geography"] == "national"]
    assert national["poll_id"].nunique() >= 100
    assert national.loc[national["field_start"] < "2014-01-01", "poll_id"].nunique() >= 20
    regional = ext[ext["geography"] != "national"]
    assert regional["poll_id"].nunique() >= 20
    assert regional.loc[regional["field_start"] < "2014-01-01", "poll_id"].nunique() >= 6
    assert regional.loc[regional["field_start"] >= "2022-02-24", "poll_id"].nunique() >= 6


def test_conflicting_sources_are_all_kept_and_flagged(polls) -> None:
    disagree = polls[polls["confidence"] == "sources_disagree"]
    key = ["poll_id", "question_type", "geography", "base", "answer_as_written"]
    for _, group in disagree.groupby(key):
        assert group["source"].nunique() >= 2
        assert group["share"].max() - group["share"].min() > 0.5


def test_each_pollsters_regions_are_defined(polls) -> None:
    definitions = load_table(DATA / "region_definitions.csv", "region_definitions").data
    assert uncovered_regions(polls, definitions, MACRO_REGIONS).empty
    assert set(definitions.loc[definitions["status"] == "stated", "source"].str[:4]) == {"http"}


def test_stated_definition_replaces_the_default_for_that_region() -> None:
    definitions = load_table(DATA / "region_definitions.csv", "region_definitions").data
    rating = definition(definitions, "Rating Group")
    south = rating.loc[rating["region"] == "South", "unit"]
    assert "Dnipropetrovsk oblast" in set(south)
    assert (rating.loc[rating["region"] == "South", "status"] == "stated").all()
    assert (rating.loc[rating["region"] == "West", "status"] == "assumed").all()


def test_population_and_weights() -> None:
    definitions = load_table(DATA / "region_definitions.csv", "region_definitions").data
    population = load_table(DATA / "population.csv", "population").data
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


@pytest.mark.parametrize(
    ("answer", "written", "expected"),
    [
        ("for", "вступ до НАТО", "nato"),
        ("other", "non-aligned status", "neutrality"),
        ("other", "военный союз с Россией и другими странами СНГ", "russia_alliance"),
        ("other", "strategic defence cooperation with the USA", "other"),
        ("undecided", "hard to say", "undecided"),
    ],
)
def test_security_option_answers(answer: str, written: str, expected: str) -> None:
    assert security_answer(answer, written) == expected
