"""Lexicons and name lists (analysis.extract.lexicon)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.extract import STANCES
from analysis.extract.lexicon import _alternation, _expand, _Lexicon, canonical_pollster, pollster_aliases
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
        # "opposite" ("took the opposite view") is the inverse of the previous figure's stance, "same" ("feel
        # this way") that stance
        assert (
            set(table["stance"]) <= {*STANCES, "opposite", "same"} and table["priority"].isin(["strong", "weak"]).all()
        )


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


def _plain_scan(rows: list[tuple[str, str, bool]], text: str) -> list[tuple[int, int, str]]:
    """The lexicon's meaning spelled out: one alternation in listed order, first match wins at a position."""
    regex = re.compile(
        r"(?<!\w)(?:" + "|".join(f"((?i:{p}))" if ci else f"((?:{p}))" for p, _, ci in rows) + r")(?!\w)"
    )
    return [(m.start(), m.end(), rows[(m.lastindex or 1) - 1][1]) for m in regex.finditer(text)]


def test_branches_grouped_by_first_character_keep_the_listed_order() -> None:
    # branches that start with an optional word, a class, a group of alternatives, a character of any kind,
    # or share a first letter with an earlier row: the first listed row still wins where both match
    rows = [
        ("(?:strongly )?support(?:s|ed)?", "for", True),
        ("[Ss]upport for neutrality|neutral", "other", False),
        ("(?:pro|anti)-nato", "stance", True),
        (r"\w+ed against|oppos\w+", "against", True),
        ("don't know|(?:the )?undecided", "undecided", True),
        ("NATO(?: membership)?", "nato", False),
    ]
    lexicon = _Lexicon(rows)
    text = (
        "Strongly supported NATO membership, 40% opposed; support for neutrality stood at 9%, the undecided 5%. "
        "Anti-NATO voters voted against; pro-nato ones don't know. Nato and neutral."
    )
    assert lexicon.scan(text) == _plain_scan(rows, text)
    assert lexicon.search("He is NEUTRAL.") is False and lexicon.search("He is neutral.") is True
    branches = _alternation(["ab|(?:c|d)e", "f?g"])
    assert branches is not None and [branches[0].search(x) is not None for x in ("ab", "de", "g", "fg", "x")] == [
        True,
        True,
        True,
        True,
        False,
    ]


def test_leading_groups_are_distributed_in_their_order_of_preference() -> None:
    assert _expand("(?:the )?(?:a|b)c") == [("t", "he (?:a|b)c"), ("a", "c"), ("b", "c")]
    assert _expand("(?:x )*y") == [("x", " (?:x )*y"), ("y", "")]
    assert _expand("[sz]ee") == [("s", "ee"), ("z", "ee")]
    assert _expand(r"\+/-") == [("+", "/-")]
    for left_as_written in (r"\w+ed", "(?<=%\\s)no", "(?:a|b){2}c", "s?ee", "(?i:x)y"):
        assert _expand(left_as_written) is None
    # a lexicon mixing both kinds of branches under one first letter still scans as the plain alternation
    rows = [("(?:the )?nato", "nato", True), ("(?<=%\\s)no", "against", True), ("not (?:yet )?sure", "undecided", True)]
    text = "The NATO question: 30% no, 20% not yet sure, 10% not sure; the nato bloc."
    assert _Lexicon(rows).scan(text) == _plain_scan(rows, text)
