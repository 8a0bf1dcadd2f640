"""Sentences of a text: the one splitter, and locating verbatim quotes and figures in it.

>>> from analysis.text.seeds import read_seed
>>> text = read_seed("002_18a2a5ab5df7844f.txt")
>>> span = sentence_span(text, "37% of respondents")
>>> text[span.start:span.end]
'On May 6, a Ukrainian opinion poll found that 37% of respondents were in favour of joining NATO, 28% were opposed, and 34% were unsure.'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.errors import SeedError


class Span(NamedTuple):
    """Character offsets ``[start, end)`` into a seed text."""

    start: int
    end: int


# A sentence ends at . ! or ? (optionally followed by a closing quote) before white space
# and an upper-case letter or opening quote, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”]?(?=\s+[\"“A-Z])|\n")
_FAST_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])(?P<quote>[\"”]?)(?=\s+[\"“A-Z])|(?<=\n))")
""":data:`_BOUNDARY` anchored on its first character (several times faster in long texts): a match
of the first branch starts one character late, on the stop itself."""


def sentence_span(text: str, anchor: str, occurrence: int = 1) -> Span:
    """Find the sentence that contains ``anchor`` (its ``occurrence``-th match) in ``text``.

    The anchor must be verbatim. Raises :class:`SeedError` if it does not occur, or occurs
    fewer than ``occurrence`` times.

    >>> sentence_span("One. Two has 5%. Three.", "5%")
    Span(start=5, end=16)
    """
    start = -1
    for _ in range(occurrence):
        start = text.find(anchor, start + 1)
        if start < 0:
            raise SeedError(f"anchor {anchor!r} (occurrence {occurrence}) not found in seed text")
    end = start + len(anchor)
    # Search the whole text: an end position would hide the look-ahead at the boundary.
    left = max((m.end() for m in _BOUNDARY.finditer(text) if m.end() <= start), default=0)
    right = next((m.start() for m in _BOUNDARY.finditer(text, end)), len(text))
    # Trim the white space a boundary leaves at either side.
    while text[left].isspace():
        left += 1
    return Span(left, right + (1 if right < len(text) and text[right] in '"”' else 0))


def sentence_spans(text: str) -> list[Span]:
    """Every sentence of ``text`` in order, split exactly as :func:`sentence_span` splits.

    One pass over the text (for long documents, where calling :func:`sentence_span` per
    anchor would rescan the text each time). Leading white space is trimmed as
    :func:`sentence_span` trims it; blank stretches between boundaries are skipped. For any
    anchor inside a sentence, ``sentence_span(text, anchor)`` is the span listed here (an
    anchor that includes the sentence's own closing quote is not inside it: that quote is
    part of the boundary).

    >>> text = 'Intro line\\nHe said "Yes." Then 37% agreed. Next.'
    >>> [text[s.start : s.end] for s in sentence_spans(text)]
    ['Intro line', 'He said "Yes."', 'Then 37% agreed.', 'Next.']
    """
    trimmed: list[Span] = []
    left, n = 0, len(text)
    for m in _FAST_BOUNDARY.finditer(text):
        right = m.start() if m["quote"] is None else m.start() + 1  # the boundary begins after the stop
        if right < n and text[right] in '"”':
            right += 1
        while left < right and text[left].isspace():
            left += 1
        if left < right:
            trimmed.append(Span(left, right))
        left = m.end()
    while left < n and text[left].isspace():
        left += 1
    if left < n:
        trimmed.append(Span(left, n))
    return trimmed


def find_within(text: str, span: Span, needle: str) -> Span:
    """Offsets of ``needle`` inside ``text[span.start:span.end]`` (first occurrence).

    >>> find_within("ab 37% cd", Span(0, 9), "37%")
    Span(start=3, end=6)
    """
    at = text.find(needle, span.start, span.end)
    if at < 0:
        raise SeedError(f"{needle!r} not found in the quoted sentence {text[span.start : span.end]!r}")
    return Span(at, at + len(needle))
