"""Candidate figures: percentages (with a unit or spelled out) and the ranges they belong to."""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.errors import ParseError
from analysis.normalise import parse_share_one

_QUALIFIER_WORDS = (
    "approximately|approx\\.|about|around|roughly|nearly|almost|some|over|more than|above|at least|"
    "in excess of|under|less than|below|fewer than|at most"
)
"""Qualifiers taken into ``share_as_written`` (all understood by ``parse_share_one``).
"up to" is left out on purpose: in poll reports it mostly means "rose to"."""

_UNITS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS, 1)} | {w: 10 * i for i, w in enumerate(_TENS, 2)}
_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(sorted(_UNITS, key=len, reverse=True))}"
    r"|(?:one\s+|a\s+)?hundred)"
)
_FIGURE = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_QUALIFIER_WORDS})\s+)?"
    r"(?:(?P<num>\d{1,3}(?:[.,]\d+)?)\s?(?P<unit>%|#(?![\w#])|per\s?cent(?!\w)|percent(?!\w)|pct(?!\w))"
    rf"|(?P<word>{_WORD_NUMBER})\s+(?:per\s?cent|percent)(?!\w))",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"(?:(?P<kw>between|ranging from|ranges? from|range of|from)\s+)?(?P<first>\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?P<unit>%|percent|per cent)?\s*(?:to|and|-|–)\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"\s*(?:and|to|-|–)\s*\d", re.IGNORECASE)  # used with .match(text, pos)
_RANGE_OPENERS = re.compile(r"(?:between|ranging from|ranges? from|range of)\s*$", re.IGNORECASE)
COMPARISON_BEFORE = re.compile(r"(?:(?<!\w)from|[-–—,]\s*against)\s+$", re.IGNORECASE)
_CHANGE_VERB = re.compile(
    r"\b(?:increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|climbed|changed|went)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


class Figure(NamedTuple):
    start: int
    end: int
    as_written: str
    share: float
    qualifier: str


def _word_value(words: str) -> int:
    words = words.lower().replace("-", " ").split()
    if words[-1] == "hundred":
        return 100
    return sum(_WORD_VALUE[w] for w in words)


_UNIT_ANCHOR = re.compile(r"%|#(?![\w#])|(?i:per\s?cent|percent|pct)(?!\w)")
_FIGURE_ENDING = re.compile(_FIGURE.pattern + r"$", re.IGNORECASE)


def _figure_matches(text: str) -> list[re.Match[str]]:
    """Matches of ``_FIGURE``, found from the units (fast literals) backwards."""
    out: list[re.Match[str]] = []
    last = 0
    for unit in _UNIT_ANCHOR.finditer(text):
        m = _FIGURE_ENDING.search(text, max(last, unit.start() - 48), unit.end())
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def find_figures(text: str) -> list[Figure]:
    """Every percentage in ``text`` that parses as a share (0-100) and is not part of a range."""
    found = []
    for m in _figure_matches(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _is_range(m, before, text):
            continue
        as_written = m.group(0)
        try:
            if m["word"]:
                value = _word_value(m["word"])
                share = parse_share_one(f"{m['qual'] or ''} {value} percent".strip())
            else:
                share = parse_share_one(as_written)
        except ParseError:
            continue
        found.append(Figure(m.start(), m.end(), as_written, share.share, share.qualifier))
    return found


def _is_range(m: re.Match[str], before: str, text: str) -> bool:
    if m["qual"] is None and re.search(r"\d\s*(?:%|percent|per cent)?\s*[-–]\s*$", before, re.IGNORECASE):
        return True  # 58-62%
    r = _RANGE_BEFORE.search(before)
    if r is not None and m["qual"] is None and (r["unit"] is None or r["kw"] not in (None, "from")):
        if r["kw"] == "from" and r["unit"] is None and m["num"]:
            first = float(r["first"].replace(",", "."))
            # "from 24 to 22 per cent" or "increased ... from 50 to 59 per cent": a change; the second is a level
            at = m.start() - len(r.group(0))
            if first > float(m["num"].replace(",", ".")) or _CHANGE_VERB.search(text[max(0, at - 80) : at]):
                return False
        return True  # from 24 to 31 percent; between 24% and 31%
    return bool(_RANGE_OPENERS.search(before) and _RANGE_AFTER.match(text, m.end()))
