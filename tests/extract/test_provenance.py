"""Pollster, date and sample size of a figure's poll (analysis.extract.provenance). Invented sentences."""

from __future__ import annotations

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
