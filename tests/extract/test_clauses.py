"""Clauses (analysis.extract.clauses): each figure's stretch of its sentence."""

from __future__ import annotations

import re

from analysis.extract.clauses import Spans, clauses


def _clauses_of(text: str) -> list[str]:
    figures = [m.span() for m in re.finditer(r"\d+ ?%", text)]
    breaks = [m.span() for m in re.finditer(r"[,;:]|\s[–—-]\s", text)]
    return [text[c.left : c.right] for c in clauses(text, figures, breaks)]


def test_a_clause_runs_from_the_previous_break_to_the_next() -> None:
    assert _clauses_of("Of all, 40% said yes, 35% said no; the rest 25%.") == [
        " 40% said yes",
        " 35% said no",
        " the rest 25%.",
    ]


def test_a_dash_after_a_figure_introduces_its_object() -> None:
    text = "71 % back the EU, 63 % – NATO, and 50 % - 2 %"
    figures = [m.span() for m in re.finditer(r"\d+ ?%", text)]
    breaks = [m.span() for m in re.finditer(r"[,;:]|\s[–—-]\s", text)]
    found = clauses(text, figures, breaks)
    assert text[found[1].left : found[1].right] == " 63 % – NATO"
    assert [c.elliptic for c in found] == [False, True, False, False]  # "- 2 %": a dash before a number is no object


def test_spans_lookups() -> None:
    spans = Spans([(0, 2, "a"), (5, 7, "b"), (10, 12, "c")])
    assert spans.first_within(3, 12) == (5, 7, "b")
    assert spans.last_within(0, 9) == (5, 7, "b")
    assert spans.nearest(9) == (10, 12, "c")
