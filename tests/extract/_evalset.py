"""The evaluation set's location, the seed files and the seed rows of data/polls.csv (shared by the tests)."""

from __future__ import annotations

import pandas as pd

from analysis.extract import extract_poll_mentions
from analysis.paths import DATA, ROOT

EVAL = ROOT / "tests" / "extract_eval"
SEEDS = ("000_60eda7383af66051.txt", "002_18a2a5ab5df7844f.txt")
# Answer labels of data/polls.csv as stances of the extractor (the labelling rules in
# tests/extract_eval/README.md): options other than for/against/... are "other".
ANSWER_STANCE = {"neither": "other", "neutrality": "other", "nato": "for"}
COLUMNS = ["share_as_written", "stance"]


def found(text: str, columns: list[str] = COLUMNS) -> list[list[object]]:
    """``columns`` of each figure the extractor reports in ``text``, as lists (for invented-sentence tests)."""
    return extract_poll_mentions(text)[columns].values.tolist()


def seed_polls() -> pd.DataFrame:
    polls = pd.read_csv(DATA / "polls.csv", dtype="str", keep_default_na=False)
    polls = polls[polls["source"].str.endswith(".txt")].copy()
    polls[["share_start", "share_end"]] = polls[["share_start", "share_end"]].astype("int64")
    return polls
