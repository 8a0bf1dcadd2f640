"""The labelled evaluation set is sound (read by analysis.extract.scoring and the benchmark)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.extract import STANCES
from analysis.extract.figures import WORD_NUMBER
from analysis.extract.scoring import _kappa, labeller_agreement
from analysis.text.shares import parse_share_one
from tests.extract._evalset import ANSWER_STANCE, EVAL, SEEDS, seed_polls

TWICE = sorted(f.name.removeprefix("labels_").removesuffix("_second.csv") for f in EVAL.glob("labels_*_second.csv"))
"""Splits labelled a second time, blind to the first labels (labeller agreement)."""


def _labels(file: str) -> pd.DataFrame:
    table = pd.read_csv(EVAL / file, dtype="str", keep_default_na=False)
    table[["start", "end"]] = table[["start", "end"]].astype("int64")
    return table


@pytest.mark.parametrize("file", ["labels.csv", *(f"labels_{split}_second.csv" for split in TWICE)])
def test_labels_point_at_their_text_and_parse(docs: pd.DataFrame, file: str) -> None:
    labels = _labels(file)
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
        written = re.sub(r"^(\d+), (\d)(?=\s|%)", r"\1.\2", written)  # garbled decimal as published ("16, 6 percent")
        written = re.sub(r"%\s+percent$", "%", written)  # doubled unit as published ("62.2% percent")
        written = re.sub(r"\s*\(\d+(?:\.\d+)?%\)$", "", written)  # repeated in digits ("Twenty-seven percent (27%)")
        assert parse_share_one(written).qualifier == row.share_qualifier, row


def test_passages_meet_the_brief(docs: pd.DataFrame, labels: pd.DataFrame) -> None:
    passages = docs[docs["split"] != "seed"]
    assert len(passages) >= 15
    assert passages["url"].str.match(r"^https?://\S+$").all()
    # passages stay short: only the sentences needed (the longest, j006, a list of security options, holds
    # figures from its 70th to its 1751st character)
    assert passages["text"].str.len().max() <= 2000, "passages stay short: only the sentences needed"
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


def test_a_labeller_agrees_with_itself_and_disagreement_lowers_every_measure(labels: pd.DataFrame) -> None:
    same = labeller_agreement(labels, labels)
    assert all(same[level]["f1"] == 1.0 for level in ("span", "span+share", "span+share+stance"))
    assert same["nato_poll"]["kappa"] == pytest.approx(1.0) and same["stance"]["kappa"] == pytest.approx(1.0)
    assert same["nato_poll"]["unpaired_first"] == same["nato_poll"]["unpaired_second"] == 0
    # positive control: a second labeller who calls 20 NATO figures "no" and flips 10 stances
    other = labels.copy()
    yes = other.index[other["nato_poll"] == "yes"]
    other.loc[yes[:20], ["nato_poll", "category"]] = ["no", "other_topic"]
    flip = yes[20:30]
    other.loc[flip, "stance"] = other.loc[flip, "stance"].map(lambda s: "against" if s != "against" else "for")
    worse = labeller_agreement(labels, other)
    n_yes, n_all = len(yes), len(labels)
    assert worse["span"]["recall"] == pytest.approx((n_yes - 20) / n_yes) and worse["span"]["precision"] == 1.0
    assert worse["span+share+stance"]["tp"] == n_yes - 30
    assert worse["nato_poll"]["agreement"] == pytest.approx((n_all - 20) / n_all)
    assert worse["nato_poll"]["kappa"] < 1.0 and worse["stance"]["kappa"] < 1.0


def test_kappa_is_cohens_on_a_table_worked_by_hand() -> None:
    # 50 pairs: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> p_o = 0.7, p_e = 0.5*0.6 + 0.5*0.4 = 0.5
    pairs = pd.DataFrame({"a": ["yes"] * 25 + ["no"] * 25, "b": ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15})
    k = _kappa(pairs)
    assert k["agreement"] == pytest.approx(0.7) and k["kappa"] == pytest.approx((0.7 - 0.5) / (1 - 0.5))
    assert k["low"] < k["kappa"] < k["high"]


@pytest.mark.parametrize(
    ("labels_file", "types_file"),
    [
        ("labels.csv", "question_types.csv"),
        *((f"labels_{s}_second.csv", f"question_types_{s}_second.csv") for s in TWICE),
    ],
)
def test_every_nato_figure_of_a_typed_passage_has_one_question_type(labels_file: str, types_file: str) -> None:
    labels, types = _labels(labels_file), pd.read_csv(EVAL / types_file, dtype="str", keep_default_na=False)
    assert set(types["question_type"]) <= {
        "referendum_vote",
        "membership_support",
        "threat_protection",
        "security_option",
        "other_construct",
    }
    typed = labels[(labels["nato_poll"] == "yes") & labels["doc_id"].isin(set(types["doc_id"]))]
    keys = list(zip(types["doc_id"], types["start"].astype("int64"), strict=True))
    assert len(keys) == len(set(keys)), "one question type per figure"
    assert set(keys) == set(zip(typed["doc_id"], typed["start"], strict=True))


def test_a_split_labelled_twice_is_labelled_whole_both_times(docs: pd.DataFrame, labels: pd.DataFrame) -> None:
    assert "blind5" in TWICE
    for split in TWICE:
        passages = set(docs.loc[docs["split"] == split, "doc_id"])
        assert set(_labels(f"labels_{split}_second.csv")["doc_id"]) == set(labels["doc_id"]) & passages == passages


def test_kappa_of_perfect_agreement_is_one_with_no_width_and_no_warning() -> None:
    import warnings

    pairs = pd.DataFrame({"a": ["yes"] * 7 + ["no"] * 5 + ["other"] * 3, "b": ["yes"] * 7 + ["no"] * 5 + ["other"] * 3})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "invalid value in sqrt" would fail the test
        k = _kappa(pairs)
    assert k["kappa"] == pytest.approx(1.0) and k["low"] == k["high"] == 1.0
    # positive control: one disagreement gives an interval with width
    k = _kappa(pairs.assign(b=["no"] + pairs["b"].tolist()[1:]))
    assert k["low"] < k["kappa"] < k["high"] <= 1.0
