"""Candidate figures (analysis.extract.figures)."""

from __future__ import annotations

import pandas as pd
from _evalset import SEEDS

from analysis.extract import extract_poll_mentions
from analysis.extract.figures import find_figures
from analysis.seeds import read_seed


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
