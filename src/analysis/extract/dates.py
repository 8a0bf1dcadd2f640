"""Date expressions in news sentences: the package's date grammar (:func:`analysis.text.dates.text_pattern`)
with the looser forms news text writes ("mid-2014", "the spring of 2022", "in May"), and whether a date can be a
poll's (not "since 2014", not a publication date)."""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.text.dates import text_pattern

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SEP = r"\s*(?:-|–|—|to|until|and|through)\s*"
_FUZZY = r"(?:(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of)\s*-?\s*)?"
_DATE_FIRST = r"[\dADFJMNOSabdefjlmnostw]"
"""Every character a date expression of :data:`_DATE` can start with (digits, month initials, "early",
"mid", "late", "the", "end", "beginning", "spring"...): checked first, it lets the regex engine skip
other positions quickly (the look-behind alone is tried at every position). A test keeps it complete."""
_DATE = re.compile(
    rf"(?={_DATE_FIRST})(?<![\w$€£])(?:"
    + "|".join(
        [
            text_pattern("day_range_years", "month_range_years"),  # over New Year: the package's date grammar
            text_pattern("day_range_months"),
            rf"{_MONTH}\s+{_DAY}{_SEP}{_DAY},?\s+{_YEAR}",
            rf"{_DAY}{_SEP}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
            rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
            rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
            rf"{_MONTH}{_SEP}{_MONTH},?\s+{_YEAR}",
            rf"{_FUZZY}{_MONTH},?\s+(?:of\s+)?{_YEAR}",
            rf"(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}",
            rf"{_YEAR}{_SEP}{_YEAR}",
            rf"{_FUZZY}{_YEAR}",
            rf"{_MONTH}\s+{_DAY}{_SEP}{_DAY}",
            rf"{_DAY}{_SEP}{_DAY}\s+{_MONTH}",
            rf"{_MONTH}\s+{_DAY}",
            rf"{_DAY}\s+{_MONTH}",
            r"(?:"
            + "|".join(
                rf"(?<=\b{w}\s)"
                for w in ("in", "In", "of", "since", "Since", "from", "during", "until", "late", "early")
            )
            + rf"){_MONTH}",
        ]
    )
    + r")(?![\w%])"
)
_HAS_YEAR = re.compile(_YEAR)
_DATE_QUICK = re.compile(r"(?:19[5-9]\d|20[0-4]\d)|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_SINCE = re.compile(r"\b(?:since|before|after|until)\b[^,;:()]*$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"\b(?:published|released|reported|said|announced|showed|revealed|updated)\s+(?:on\s+)?$", re.IGNORECASE
)


class Date(NamedTuple):
    """A date expression found in the text (offsets into the document)."""

    start: int  # offsets in the document
    end: int
    as_written: str
    has_year: bool
    since: bool  # a reference point ("since 2014"), not the date of a poll


def find_dates(text: str, start: int, end: int) -> list[Date]:
    """The date expressions of ``text[start:end]`` (a sentence of the document ``text``), offsets into ``text``.

    ``since`` marks a reference point ("since 2014") or a publication date ("published on July 9", a dateline
    in a parenthesis opening the text): neither is the date of a poll.

    >>> t = "Since 2014 support grew; in May 2022, 68% backed NATO."
    >>> [(d.as_written, d.has_year, d.since) for d in find_dates(t, 0, len(t))]
    [('2014', True, True), ('May 2022', True, False)]
    """
    out: list[Date] = []
    sentence = text[start:end]
    if not _DATE_QUICK.search(sentence):
        return out
    for m in _DATE.finditer(sentence):
        written = m.group(0)
        head = sentence[max(0, m.start() - 80) : m.start()]
        at = start + m.start()
        opening = text[:at] if at < 80 else ""  # a dateline opens the text, inside a parenthesis
        dateline = opening.count("(") > opening.count(")")
        since = bool(_SINCE.search(head) or _PUBLISHED.search(head) or dateline)
        out.append(Date(start + m.start(), start + m.end(), written, bool(_HAS_YEAR.search(written)), since))
    return out


def is_date(text: str) -> bool:
    """Whether the whole of ``text`` is one date expression (a name that is a date is no pollster's).

    >>> is_date("June 2022"), is_date("Gallup")
    (True, False)
    """
    return _DATE.fullmatch(text) is not None
