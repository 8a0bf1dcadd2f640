"""Sentences: quotes are located by verbatim anchors; the one-pass splitter agrees with the per-anchor one."""

from __future__ import annotations

import pytest

from analysis.errors import SeedError
from analysis.text import sentences
from analysis.text.seeds import read_seed


def test_sentence_span_keeps_closing_quote_and_stops_at_line_end() -> None:
    text = 'Intro line\nHe said "Yes." Then 37% agreed. Next.'
    span = sentences.sentence_span(text, "37%")
    assert text[span.start : span.end] == "Then 37% agreed."
    span = sentences.sentence_span(text, "Yes")
    assert text[span.start : span.end] == 'He said "Yes."'


def test_sentence_right_after_a_boundary_starts_there() -> None:
    text = "First one. Second has 5%. Third."
    assert text[slice(*sentences.sentence_span(text, "Second"))] == "Second has 5%."
    seed = read_seed("002_18a2a5ab5df7844f.txt")
    span = sentences.sentence_span(seed, "Eastern Ukraine has a lower percentage")
    assert seed[span.start : span.end].startswith("Eastern Ukraine has")
    assert seed[span.start : span.end].endswith("than the rest of the country.")


def test_missing_anchor_raises() -> None:
    with pytest.raises(SeedError, match="not found"):
        sentences.sentence_span("abc", "xyz")
