"""Pollster, date and sample size of a figure's poll (analysis.extract.provenance). Invented sentences."""

from __future__ import annotations

import pytest

from analysis.extract import extract_poll_mentions
from analysis.extract.provenance import is_headline
from analysis.extract.sentences import Document
from analysis.text.sentences import sentence_spans

FIELDS = ["share", "pollster", "date_start", "date_end", "date_precision", "sample_size"]


def _found(text: str) -> list[list[object]]:
    out = extract_poll_mentions(text)[FIELDS].astype(object)
    return out.where(out.notna(), None).values.tolist()


def test_the_poll_of_the_sentence_and_methodology_after() -> None:
    text = (
        "A Rating poll found 61% of Ukrainians support joining NATO. "
        "The survey was conducted on March 3-5, 2023 among 1,200 respondents."
    )
    assert _found(text) == [[61.0, "Rating", "2023-03-03", "2023-03-05", "day", 1200]]


def test_a_comparison_point_keeps_only_its_own_date() -> None:
    text = "A KIIS poll in May 2023 found 64% of Ukrainians support NATO membership, up from 28 percent in 2012."
    assert _found(text) == [
        [64.0, "KIIS", "2023-05-01", "2023-05-31", "month", None],
        [28.0, "", "2012-01-01", "2012-12-31", "year", None],
    ]


def test_a_publication_date_is_not_the_poll_date() -> None:
    text = "The Razumkov Centre published on June 9, 2021 a survey: 56% of Ukrainians back joining NATO."
    assert _found(text) == [[56.0, "Razumkov Centre", "", "", "", None]]


def test_a_headline_is_the_first_line_without_a_full_stop() -> None:
    text = "NATO support at 83% in poll\nKYIV - Support for joining NATO reached 83%, the Rating poll showed."
    doc = Document(text, sentence_spans(text))
    first, second = doc.sentence(0), doc.sentence(1)
    assert first is not None and second is not None
    assert is_headline(first) and not is_headline(second)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("A KIIS poll conducted December 28, 2021 - January 3, 2022 found 50% back NATO membership.",
         "2021-12-28", "2022-01-03", "day"),
        ("Half of Ukrainians (50%) back NATO membership, KIIS found in a poll from December 2021 to January 2022.",
         "2021-12-01", "2022-01-31", "month"),
    ],
)  # fmt: skip
def test_fieldwork_over_new_year_is_read_whole_not_one_end(text, start, end, precision) -> None:
    # review 11: only the range's last end was read, as a precise day; a "(50%)" before a date made it a dateline
    row = extract_poll_mentions(text).iloc[0]
    assert (row["date_start"], row["date_end"], row["date_precision"]) == (start, end, precision)
