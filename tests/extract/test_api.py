"""Public API (analysis.extract.api): seeds recalled, distractors left out, output contract, robustness, CLI."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import DataValidationError, ParseError
from analysis.extract import (
    GEOGRAPHY_LEVELS,
    MENTION_COLUMNS,
    QUESTION_TYPES,
    STANCES,
    empty_mentions,
    extract_batch,
    extract_poll_mentions,
)
from tests.extract._evalset import EVAL, SEEDS, seed_polls


def test_every_seed_nato_poll_figure_is_found_with_its_fields(labels: pd.DataFrame, found: pd.DataFrame) -> None:
    gold = labels[(labels["doc_id"].isin(SEEDS)) & (labels["nato_poll"] == "yes")]
    got = found.set_index(["doc_id", "share_start", "share_end"])
    for row in gold.itertuples():
        assert (row.doc_id, row.start, row.end) in got.index, f"missed {row.as_written!r} at {row.start}"
        hit = got.loc[(row.doc_id, row.start, row.end)]
        assert hit["share"] == float(row.share) and hit["stance"] == row.stance, row
        assert (hit["geography"], hit["pollster"], hit["country"]) == (row.geography, row.pollster, row.country), row
        assert (hit["date_start"], hit["date_end"], hit["date_precision"]) == (
            row.date_start,
            row.date_end,
            row.date_precision,
        )


def test_seed_results_reconcile_with_data_polls(found: pd.DataFrame) -> None:
    """Found in the seeds = data/polls.csv seed rows, up to the listed known exceptions (with reasons)."""
    exceptions = pd.read_csv(EVAL / "known_exceptions.csv", dtype="str", keep_default_na=False)
    assert set(exceptions["kind"]) <= {"miss", "extra"} and (exceptions["reason"].str.len() > 20).all()
    key = ["doc_id", "share_start", "share_end"]
    exceptions[["share_start", "share_end"]] = exceptions[["share_start", "share_end"]].astype("int64")
    polls = seed_polls().rename(columns={"source": "doc_id"})
    in_polls = set(map(tuple, polls[key].to_numpy()))
    ours = set(map(tuple, found.loc[found["doc_id"].isin(SEEDS), key].to_numpy()))
    misses = set(map(tuple, exceptions.loc[exceptions["kind"] == "miss", key].to_numpy()))
    extras = set(map(tuple, exceptions.loc[exceptions["kind"] == "extra", key].to_numpy()))
    assert ours - in_polls == extras, "an extra figure is neither in data/polls.csv nor a listed exception"
    assert in_polls - ours == misses, "a data/polls.csv seed row is neither found nor a listed known miss"


def test_distractor_passages_yield_nothing(labels: pd.DataFrame, found: pd.DataFrame, docs: pd.DataFrame) -> None:
    # The splits labelled after the rules were written (holdout_new, blind4 onwards; and blind3, read in the third round
    # but still with two false positives on its distractor passages) are measured in
    # benchmarks/extract_results.md, not asserted: its errors are the extractor's unseen-text errors.
    fresh = docs["split"].str.fullmatch(r"blind\d+") | (docs["split"] == "holdout_new")  # blind3, blind4, ...
    unseen = set(docs.loc[fresh, "doc_id"])
    assert {"holdout_new", "blind3", "blind14"} <= set(docs.loc[fresh, "split"])  # the pattern catches them
    nato_docs = set(labels.loc[labels["nato_poll"] == "yes", "doc_id"])
    distractors = set(labels["doc_id"]) - nato_docs - unseen
    assert not found["doc_id"].isin(distractors).any()


def test_no_reported_figure_is_labelled_a_distractor_in_dev(
    labels: pd.DataFrame, found: pd.DataFrame, docs: pd.DataFrame
) -> None:
    dev = set(docs.loc[docs["split"].isin(["seed", "dev"]), "doc_id"])
    no = labels[labels["nato_poll"] == "no"].set_index(["doc_id", "start"]).index
    hits = found[found["doc_id"].isin(dev)].set_index(["doc_id", "share_start"]).index
    wrong = set(hits[hits.isin(no)])
    # The passages labelled blind for issue 14 (d*) still hold this one (see benchmarks/extract_results.md);
    # every other dev passage, and every seed, has no false positive at all.
    known = {("d09-macedonia-name-2008", 367)}  # "should enter NATO, EU, only as Republic of Macedonia" (the name)
    assert wrong <= known
    assert not any(d.startswith(("x", "0")) for d, _ in wrong)


def test_output_columns_dtypes_and_offsets(docs: pd.DataFrame, found: pd.DataFrame) -> None:
    assert list(found.columns) == list(MENTION_COLUMNS)
    assert {c: str(t) for c, t in found.dtypes.items()} == {c: str(t) for c, t in empty_mentions().dtypes.items()}
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for row in found.itertuples():
        text = texts[row.doc_id]
        assert text[row.share_start : row.share_end] == row.share_as_written
        assert row.sentence_start <= row.share_start < row.share_end <= row.sentence_end
        assert row.stance in STANCES and row.geography
        assert row.question_type in QUESTION_TYPES and row.geography_level in GEOGRAPHY_LEVELS
        assert (row.share_qualifier == "range") == (row.share_low == row.share_low)  # bounds only for a range
    assert found["share"].between(0, 100).all()
    assert found["date_precision"].isin(["", "day", "month", "season", "year"]).all()


def test_batch_equals_one_document_at_a_time(docs: pd.DataFrame, found: pd.DataFrame) -> None:
    one_by_one = pd.concat(
        [extract_poll_mentions(t, d) for d, t in zip(docs["doc_id"], docs["text"], strict=True)], ignore_index=True
    )
    pd.testing.assert_frame_equal(one_by_one, found)


def test_batch_through_dask_bag_partitions_agrees_with_pandas(docs: pd.DataFrame, found: pd.DataFrame) -> None:
    dask_bag = pytest.importorskip("dask.bag")
    records = docs[["doc_id", "text"]].to_dict("records")
    bag = dask_bag.from_sequence(records, partition_size=-(-len(records) // 4))  # four partitions
    frames = bag.map_partitions(lambda part: [extract_batch(pd.DataFrame(list(part), columns=["doc_id", "text"]))])
    result = pd.concat(frames.compute(scheduler="synchronous"), ignore_index=True)
    assert bag.npartitions == 4
    pd.testing.assert_frame_equal(result, found)


def test_bad_input_raises() -> None:
    with pytest.raises(ParseError, match="expected a string"):
        extract_poll_mentions(None)  # type: ignore[arg-type]
    with pytest.raises(DataValidationError, match="text"):
        extract_batch(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ParseError, match="doc 'b'"):
        extract_batch(pd.DataFrame({"doc_id": ["a", "b"], "text": ["ok", float("nan")]}))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "%%%% ### 12% 150% 1000% -5% 0% 100%",
        "support ranging from 24 to 31 percent of Ukrainians in a NATO poll",
        "A poll: 64 of Ukrainians support NATO, 17 oppose it.",  # numbers without a unit
        "NATO poll 14.\n\n1% voted; 2,400 respondents; 58-62% back NATO membership",
        "\x00\ufffd poll NATO 5% \u200b 7% (((( )))) ,,,, ;;;; “” ” “",
        "poll NATO " + "in favour, 12%, " * 200,
    ],
)
def test_garbled_text_does_not_crash(text: str) -> None:
    out = extract_poll_mentions(text)
    assert list(out.columns) == list(MENTION_COLUMNS)
    for row in out.itertuples():
        assert text[row.share_start : row.share_end] == row.share_as_written


def test_random_token_soup_does_not_crash_and_offsets_hold() -> None:
    rng = random.Random(7)
    tokens = [
        "NATO",
        "poll",
        "12%",
        "in",
        "June",
        "2014,",
        "Ukrainians",
        "support",
        "oppose",
        "(",
        "),",
        "respectively,",
    ]
    tokens += ["Western Ukraine", "Kiev", "and", "from", "to", "per cent", "#", "47.3#", "margin of error", "by", "up"]
    tokens += [
        "Finland",
        "in Poland",
        "Rating",
        "said",
        "survey",
        "\n",
        ".",
        "May 6,",
        "Twenty-nine percent",
        "against —",
    ]
    tokens += ["2%", "between", "ranging from 24 to 31 percent", "\u200b", "“", "”"]
    text = " ".join(rng.choice(tokens) for _ in range(6000))
    out = extract_poll_mentions(text)
    assert len(out) > 0
    for row in out.itertuples():
        assert text[row.share_start : row.share_end] == row.share_as_written


def test_a_huge_sentence_is_handled_in_linear_time() -> None:
    """Garbled text can make one 'sentence' of thousands of figures: look-ups must not be quadratic.

    Measured as a ratio (4x the text must take well under 16x the time), so a busy machine
    slows both runs alike and cannot fail the test; the quadratic version scaled about 16x."""

    def seconds(repeats: int) -> float:
        text = "poll NATO " + "in favour from 30 to 20 per cent, (12%), " * repeats
        started = time.perf_counter()
        out = extract_poll_mentions(text)
        elapsed = time.perf_counter() - started
        assert len(out) == 3 * repeats  # per repeat: the unit-less start ("from 30"), "20 per cent", "(12%)"
        return elapsed

    small, large = min(seconds(1000) for _ in range(2)), min(seconds(4000) for _ in range(2))
    assert large / small < 8.0, f"4x the text took {large / small:.1f}x the time (linear: about 4x)"


@pytest.mark.parametrize(
    "text",
    [
        "A poll found 58% of Ukrainians support joining the EU.",
        "A poll of NATO members: 80% of Ukrainians trust Zelensky.",
        "NATO allies agreed to spend 2% of GDP; a poll found Finns approve.",
        "The NATO poll has a margin of error of 3%.",
        "In a NATO poll, support rose by 5 percentage points and by 4%.",
        "A NATO poll: the IMF is forecasting inflation could rise to 20 percent.",
        "Zelensky received 30.24% of the vote, a poll on NATO policy said.",
    ],
)
def test_distractors_are_not_reported(text: str) -> None:
    assert extract_poll_mentions(text).empty


def test_cli_extract_writes_a_table(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("A Yle poll found 53 percent of Finns support joining NATO.", encoding="utf-8")
    (folder / "b.txt").write_text("Inflation reached 18 percent.", encoding="utf-8")
    (folder / "notes.md").write_text("ignored 50%", encoding="utf-8")
    out = tmp_path / "out" / "mentions.csv"
    assert main(["extract", str(folder), str(out)]) == 0
    table = pd.read_csv(out, dtype="str", keep_default_na=False)
    assert table[["doc_id", "share", "stance", "country", "pollster"]].values.tolist() == [
        ["a.txt", "53.0", "for", "Finland", "Yle"]
    ]


def test_cli_extract_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "missing"), str(tmp_path / "o.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["extract", str(tmp_path), str(tmp_path / "o.csv")]) == 1
    assert "no .txt files" in capsys.readouterr().err
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe 50%")
    assert main(["extract", str(tmp_path), str(tmp_path / "o.csv")]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path)])
