"""Sentences (analysis.extract.sentences) rest on the package's one splitter."""

from __future__ import annotations

from analysis.text.seeds import read_seed
from analysis.text.sentences import sentence_span, sentence_spans
from tests.extract._evalset import SEEDS


def test_sentence_spans_splits_as_sentence_span() -> None:
    """The one-pass helper agrees with the per-anchor one on every sentence of the seeds."""
    for seed in SEEDS:
        text = read_seed(seed)
        for span in sentence_spans(text):
            first = text[span.start]
            assert sentence_span(text, first, text.count(first, 0, span.start) + 1) == span


def test_folding_keeps_offsets() -> None:
    from analysis.extract.sentences import fold

    assert fold("İ NATO") == "İ nato" and len(fold("İstanbul")) == len("İstanbul")
