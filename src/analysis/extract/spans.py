"""Sentence spans of a whole document, as the extractor reads them: hard-wrapped lines joined again, and a
sentence split where an elision mark "[...]" shows text was left out."""

from __future__ import annotations

import re

from analysis.text.sentences import Span

ELISION = re.compile(r"\[(?:\.\.\.|…)\]\s*")
"""An elision mark "[...]" (text left out) with the spaces after it."""


def join_wrapped(text: str, spans: list[Span]) -> list[Span]:
    r"""Sentence spans of hard-wrapped text joined again: a span that ends without a full stop is
    continued by the next one when that starts in lower case ("Around 70 percent of citizens" /
    "oppose joining, while ...") or with a number after a line ending on a lower-case word or a comma ("the share
    of proponents is" / "52.7 percent").

    >>> t = "Around 70 percent of citizens\noppose it. Fine."
    >>> [t[s.start : s.end] for s in join_wrapped(t, [Span(0, 29), Span(30, 40), Span(41, 46)])]
    ['Around 70 percent of citizens\noppose it.', 'Fine.']
    """
    out: list[Span] = []
    for span in spans:
        head = text[span.start : span.start + 1]
        if out and (
            (head.islower() and _open_end(text, out[-1]))
            or (head.isdigit() and text[out[-1].start : out[-1].end].rstrip()[-1:] in _WRAPPED_BEFORE_NUMBER)
            or _initialism_in_title(text, out[-1], span)
        ):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _initialism_in_title(text: str, before: Span, after: Span) -> bool:
    """A title-case line cut after an initialism ("Only 49% Think U.S." / "Still Needs to Belong to NATO"): a
    headline capitalises every word, so the capital after "U.S." starts no sentence there.

    >>> t = "Only 49% Think U.S. Still Needs to Belong to NATO"
    >>> _initialism_in_title(t, Span(0, 19), Span(20, len(t)))
    True
    >>> t = "Polls show the U.S. public backs NATO. The Poll Was Run by Gallup in May"
    >>> _initialism_in_title(t, Span(0, 19), Span(20, 38))
    False
    """
    if (
        text[before.end - 1 : before.end] != "."
        or not _INITIALISM_END.search(text, max(before.start, before.end - 12), before.end)
        or "\n" in text[before.end : after.start]
    ):
        return False
    line_start = text.rfind("\n", 0, before.start) + 1
    line_end = text.find("\n", after.start)
    words = _TITLE_WORD.findall(text, line_start, len(text) if line_end < 0 else line_end)
    return len(words) >= 4 and all(w[0].isupper() for w in words)


_INITIALISM_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
_TITLE_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
"""Words a title capitalises (four letters or more: "to", "of", "the" may stay lower case)."""

_WRAPPED_BEFORE_NUMBER = set("abcdefghijklmnopqrstuvwxyz,")
"""Last characters of a line that a wrapped line starting with a number continues ("the share is" / "52.7")."""


def _open_end(text: str, span: Span) -> bool:
    """The span stops mid-sentence: it ends on a letter, digit or ``,;:`` (not a full stop)."""
    last = text[span.start : span.end].rstrip()[-1:]
    return last.isalnum() or last in ",;:–—-"


def split_elisions(text: str, spans: list[Span]) -> list[Span]:
    """Sentence spans split after an elision mark "[...]" (the text between was left out).

    >>> t = "Half said yes. [...] A third said no."
    >>> [t[s.start : s.end] for s in split_elisions(t, [Span(0, 14), Span(15, len(t))])]
    ['Half said yes.', '[...] ', 'A third said no.']
    """
    if "[" not in text:
        return spans
    out: list[Span] = []
    for span in spans:
        start = span.start
        for m in ELISION.finditer(text, span.start, span.end):
            if m.start() > start:
                out.append(Span(start, m.start()))
            out.append(Span(m.start(), m.end()))
            start = m.end()
        if start < span.end:
            out.append(Span(start, span.end))
    return out
