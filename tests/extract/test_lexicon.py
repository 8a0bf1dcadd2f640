"""Lexicons and name lists (analysis.extract.lexicon)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.extract import STANCES
from analysis.extract.lexicon import canonical_pollster, pollster_aliases
from analysis.paths import RESOURCES


@pytest.mark.parametrize("name", ["stance", "topic", "context"])
def test_every_cue_matches_its_own_example(name: str) -> None:
    table = pd.read_csv(RESOURCES / f"extract_{name}_cues.csv", dtype="str", keep_default_na=False)
    assert table["ignore_case"].isin(["yes", "no"]).all()
    assert not table["pattern"].duplicated().any()
    for row in table.to_dict("records"):
        pattern = re.compile(row["pattern"], re.IGNORECASE if row["ignore_case"] == "yes" else 0)
        assert pattern.groups == 0, f"{row['pattern']!r}: use (?:...) groups"
        assert pattern.search(row["example"]), f"{row['pattern']!r} does not match its example {row['example']!r}"
    if name == "stance":
        # "opposite" ("took the opposite view") is the inverse of the previous figure's stance
        assert set(table["stance"]) <= {*STANCES, "opposite"} and table["priority"].isin(["strong", "weak"]).all()


def test_name_lists_are_complete_and_unambiguous() -> None:
    # One alias table for the package and the extractor: every name the extractor looks for
    # harmonises to a canonical pollster, and no second pollster table exists.
    assert not (RESOURCES / "extract_pollsters.csv").exists()
    names = pollster_aliases()
    assert names and all(canonical_pollster(n) for n in names)
    places = pd.read_csv(RESOURCES / "extract_places.csv", dtype="str", keep_default_na=False)
    assert not places["name"].duplicated().any() and places["kind"].isin(["region", "oblast", "city"]).all()
    countries = pd.read_csv(RESOURCES / "extract_countries.csv", dtype="str", keep_default_na=False)
    assert not countries["country"].duplicated().any()
    assert set(places.loc[places["country"] != "", "country"]) <= set(countries["country"])
