"""The labelled evaluation set is sound (read by analysis.extract.scoring and the benchmark)."""

from __future__ import annotations

import re

import pandas as pd

from analysis.extract import STANCES
from analysis.extract.figures import WORD_NUMBER
from analysis.text.shares import parse_share_one
from tests.extract._evalset import ANSWER_STANCE, EVAL, SEEDS, seed_polls


def test_labels_point_at_their_text_and_parse(docs: pd.DataFrame, labels: pd.DataFrame) -> None:
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    assert set(labels["doc_id"]) <= set(texts)
    for row in labels.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.as_written, row
    assert set(labels["nato_poll"]) == {"yes", "no"}
    yes, no = labels[labels["nato_poll"] == "yes"], labels[labels["nato_poll"] == "no"]
    assert set(yes["stance"]) <= set(STANCES)
    assert (yes["category"] == "").all() and (no["category"] != "").all()
    ranges = yes[yes["share_qualifier"] == "range"]
    for row in ranges.itertuples():  # a range's share is the midpoint of its two numbers (README)
        low, high = (float(n) for n in re.findall(r"\d+(?:\.\d+)?", row.as_written))
        assert float(row.share) == (low + high) / 2, row
    single = yes[(yes["share_qualifier"] != "range") & yes["as_written"].str.contains(r"%|percent|per cent|#")]
    for row in single.itertuples():
        written = re.sub(rf"(?i)\b{WORD_NUMBER}\s+point\s+{WORD_NUMBER}\b", "29.5", row.as_written)  # spelled decimal
        written = re.sub(rf"(?i)\b(?:{WORD_NUMBER}|zero)\b", "29", written)  # spelled out: the qualifier is the point
        written = re.sub(r"\s+a\s+percentage$", " percent", written)  # garbled unit as published ("56 a percentage")
        written = re.sub(r"^(\d+), (\d) ", r"\1.\2 ", written)  # garbled decimal as published ("16, 6 percent")
        assert parse_share_one(written).qualifier == row.share_qualifier, row


def test_passages_meet_the_brief(docs: pd.DataFrame, labels: pd.DataFrame) -> None:
    passages = docs[docs["split"] != "seed"]
    assert len(passages) >= 15
    assert passages["url"].str.match(r"^https?://\S+$").all()
    assert passages["text"].str.len().max() <= 1700, "passages stay short: only the sentences needed"
    nato_docs = set(labels.loc[labels["nato_poll"] == "yes", "doc_id"])
    distractor_only = passages[~passages["doc_id"].isin(nato_docs)]
    assert len(distractor_only) >= 5
    assert set(labels.loc[labels["doc_id"].isin(distractor_only["doc_id"]), "nato_poll"]) == {"no"}
    about = " ".join(passages["about"])
    for country in ("Finland", "Sweden", "Georgia", "Moldova"):
        assert country in about


def test_seed_labels_agree_with_data_polls(labels: pd.DataFrame) -> None:
    polls = seed_polls().set_index(["share_start", "share_end"])
    exceptions = pd.read_csv(EVAL / "known_exceptions.csv", dtype="str", keep_default_na=False)
    yes = labels[(labels["doc_id"] == SEEDS[1]) & (labels["nato_poll"] == "yes")]
    for row in yes.itertuples():
        poll = polls.loc[(row.start, row.end)]
        assert poll["share_as_written"] == row.as_written
        assert float(poll["share"]) == float(row.share) and poll["share_qualifier"] == row.share_qualifier
        assert ANSWER_STANCE.get(poll["answer"], poll["answer"]) == row.stance, row
        assert poll["geography_as_written"] == row.geography
        assert (poll["field_start"], poll["field_end"], poll["date_precision"]) == (
            row.date_start,
            row.date_end,
            row.date_precision,
        )
        assert poll["pollster_as_written"] == row.pollster
    # every seed row of data/polls.csv is labelled yes, or labelled no and listed as a known miss
    missing = set(polls.index) - set(zip(yes["start"], yes["end"], strict=True))
    listed = set(zip(exceptions["share_start"].astype(int), exceptions["share_end"].astype(int), strict=True))
    assert missing == listed
