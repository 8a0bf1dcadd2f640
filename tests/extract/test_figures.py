"""Candidate figures (analysis.extract.figures)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_poll_mentions
from analysis.extract.figures import bare_figures, find_figures
from analysis.text.seeds import read_seed
from tests.extract._evalset import SEEDS


def test_every_percentage_in_the_seeds_is_labelled(labels: pd.DataFrame) -> None:
    """Both seeds: each expression the candidate stage sees has a label, and seed 000 has none."""
    for seed in SEEDS:
        spans = {(f.start, f.end) for f in find_figures(read_seed(seed))}
        labelled = (
            set(zip(*labels.loc[labels["doc_id"] == seed, ["start", "end"]].to_numpy().T, strict=True))
            if (labels["doc_id"] == seed).any()
            else set()
        )
        assert spans == labelled, seed
    assert not (labels["doc_id"] == SEEDS[0]).any()


def test_garbled_units_and_ranges() -> None:
    hash_sign = extract_poll_mentions("According to a poll, 47.3# of Ukrainians support joining NATO.")
    assert hash_sign[["share", "share_as_written", "stance"]].values.tolist() == [[47.3, "47.3#", "for"]]
    # Issue 14: a range is one figure (midpoint, bounds, qualifier "range"), no longer dropped
    ranged = extract_poll_mentions("In a NATO poll, support ranged from 24 to 31 percent of respondents.")
    assert ranged[["share_as_written", "share", "share_low", "share_high", "share_qualifier"]].values.tolist() == [
        ["24 to 31 percent", 27.5, 24.0, 31.0, "range"]
    ]
    assert extract_poll_mentions("In a NATO poll, 64 of Ukrainians were in favour.").empty
    spelled = extract_poll_mentions("Twenty-nine percent of Ukrainians said they would vote against joining NATO.")
    assert spelled[["share", "stance", "country"]].values.tolist() == [[29.0, "against", "Ukraine"]]


def test_ranges_and_changes() -> None:
    """A range is one figure with its bounds; "from 24% to 31%" (units on both) and a falling
    "from 24 to 22 per cent" are changes over time: each end is a figure (the unit-less 24 is
    found by :func:`bare_figures`)."""
    text = "between 18 and 27 per cent; 30–32 percent; from 24% to 31%; from 24 to 22 per cent"
    got = [(f.as_written, f.share, f.qualifier, f.low, f.high) for f in find_figures(text)]
    assert got == [
        ("18 and 27 per cent", 22.5, "range", 18.0, 27.0),
        ("30–32 percent", 31.0, "range", 30.0, 32.0),
        ("24%", 24.0, "exact", None, None),
        ("31%", 31.0, "exact", None, None),
        ("22 per cent", 22.0, "exact", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("In May 58.2% were in favour, compared with 41.5 a year earlier.", ["41.5"]),
        ("Some 41 percent said yes, 39 were opposed, and 20 percent did not know.", ["39"]),
        ("Support went from 24 to 22 per cent.", ["24"]),
        ("They perceive 3, 29, 16 percent as protection.", ["3", "29"]),
        ("On May 6, 40% said yes and 2 regions were polled.", []),  # a day; a count of regions
        ("From 12 to 20 February 40% said yes.", []),  # a date range
        ("Only 40% said yes in the poll with 1200 respondents.", []),
        ("Of those aged from 18 to 29 years, 60% said yes.", []),  # an age band, not a change
    ],
)
def test_unit_less_numbers_beside_percentages(text: str, bare: list[str]) -> None:
    figures = find_figures(text)
    assert [f.as_written for f in bare_figures(text, 0, len(text), figures)] == bare
