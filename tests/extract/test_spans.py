"""Sentence spans of a document (analysis.extract.spans): elisions split, wrapped lines joined."""

from __future__ import annotations

from analysis.extract.spans import join_wrapped, split_elisions
from analysis.text.sentences import Span, sentence_spans


def test_elisions_split_sentences() -> None:
    text = "Half said yes to NATO [...] a third said no."
    parts = [text[s.start : s.end] for s in split_elisions(text, [Span(0, len(text))])]
    assert parts == ["Half said yes to NATO ", "[...] ", "a third said no."]
    # a text without an elision mark keeps its spans (positive control of the split above)
    assert split_elisions("Half said yes.", [Span(0, 14)]) == [Span(0, 14)]


def test_wrapped_lines_are_joined_but_full_stops_end_sentences() -> None:
    text = "The share of proponents is\n52.7 percent. Around 70 percent of citizens\noppose it. Fine."
    parts = [text[s.start : s.end] for s in join_wrapped(text, sentence_spans(text))]
    assert parts[0] == "The share of proponents is\n52.7 percent."
    assert parts[-1] == "Fine."
    assert "Around 70 percent of citizens\noppose it." in parts
