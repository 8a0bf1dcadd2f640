"""The one date grammar: written dates (and ranges) -> first day, last day, precision.

Both the data build and the extractor read dates with these patterns: :data:`DATE_PATTERNS`
(anchored, one per written form) parse a whole value; :data:`DATE_IN_TEXT` finds the same
forms inside running text.

>>> parse_date_one("February 22 and 23, 1992")
DateSpan(start='1992-02-22', end='1992-02-23', precision='day')
"""

from __future__ import annotations

import calendar
import datetime
import numbers
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.text._distinct import as_column, factorize

DATE_PRECISIONS = ("day", "month", "season", "year")
"""Precision of a date: the interval [start, end] is a day, a month, a season or a year."""

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_FUZZY = r"(?:(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of)\s*-?\s*)?"
_YEAR = r"(?P<{}>1[89]\d\d|20\d\d)"


_GROUPS = {
    "m1": _MONTH.format("m1"),
    "m2": _MONTH.format("m2"),
    "y": _YEAR.format("y"),
    "y1": _YEAR.format("y1"),
    "d1": r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?",
    "d2": r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?",
    "fuzzy": _FUZZY,
    "season": r"(?P<season>" + "|".join(_SEASONS) + r")",
}
_RANGE_SEP = r"\s*(?:-|–|—|to|until|and|through)\s*"
_SPAN_SEP = r"\s*(?:-|–|—|to|until|through)\s*"  # between two dated ends: "and" there joins two dates, not a range

DATE_FORMS: tuple[tuple[str, str], ...] = (
    ("day", r"{m1}\s+{d1},?\s+{y}"),  # February 21, 2019
    ("day", r"{d1}\s+{m1},?\s+{y}"),  # 21 February 2019
    ("day_range", r"{m1}\s+{d1}" + _RANGE_SEP + r"{d2},?\s+{y}"),  # Feb 22 and 23, 1992
    ("day_range", r"{d1}" + _RANGE_SEP + r"{d2}\s+{m1},?\s+{y}"),  # 13-16 December 2021
    ("day_range_months", r"{m1}\s+{d1}" + _RANGE_SEP + r"{m2}\s+{d2},?\s+{y}"),  # January 25 until March 4, 2008
    ("month", r"{fuzzy}{m1},?\s+(?:of\s+)?{y}"),  # (late) February 2014
    ("month_range", r"{m1}" + _RANGE_SEP + r"{m2},?\s+{y}"),  # August-September 2006
    ("season", r"(?:the\s+)?{season}\s+(?:of\s+)?{y}"),  # summer of 1995
    ("year", r"{fuzzy}{y}"),  # 1997, mid-2014
    ("year_range", r"{y1}" + _RANGE_SEP + r"{y}"),  # 2005-2013
    ("day_range_years", r"{m1}\s+{d1},?\s+{y1}" + _SPAN_SEP + r"{m2}\s+{d2},?\s+{y}"),  # Dec 28, 2021 - Jan 3, 2022
    ("day_range_years", r"{d1}\s+{m1},?\s+{y1}" + _SPAN_SEP + r"{d2}\s+{m2},?\s+{y}"),  # 28 Dec 2021 - 3 Jan 2022
    ("day_range_months", r"{d1}\s+{m1}" + _RANGE_SEP + r"{d2}\s+{m2},?\s+{y}"),  # 25 January - 4 March 2008
    ("month_range_years", r"{m1},?\s+{y1}" + _SPAN_SEP + r"{m2},?\s+{y}"),  # December 2021 to January 2022
)
"""The written English date forms, as templates (``{m1}`` month, ``{d1}`` day, ``{y}`` year...). :data:`DATE_PATTERNS` anchors them to parse a value; :data:`DATE_IN_TEXT`
finds them in running text."""


def _pattern(template: str) -> re.Pattern[str]:
    """Compile a date form anchored to a whole value, with named month/day/year groups."""
    return re.compile(r"^\s*(?:in\s+|on\s+)?" + template.format(**_GROUPS) + r"\s*$", re.I)


DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_day", re.compile(r"^(?P<y>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})$")),
    ("iso_month", re.compile(r"^(?P<y>\d{4})-(?P<m1>\d{2})$")),
    *((kind, _pattern(template)) for kind, template in DATE_FORMS),
]
"""Each written form (ISO first) as an anchored pattern, tried in order by :func:`parse_date_one`."""


def _unnamed(template: str) -> str:
    """A date form as a regex without named groups, to sit beside others in one alternation."""
    return re.sub(r"\(\?P<\w+>", "(?:", template.format(**_GROUPS))


def text_pattern(*kinds: str) -> str:
    """The written forms of ``kinds`` (in :data:`DATE_FORMS` order) as one case-insensitive alternative
    without named groups: how the extractor's sentence model reuses this grammar.

    >>> re.fullmatch(text_pattern("month_range_years"), "December 2021 to January 2022") is not None
    True
    """
    return "(?i:" + "|".join(_unnamed(t) for k, t in DATE_FORMS if k in kinds) + ")"


# In running text the first alternative that matches wins: try the longer forms first.
_LONGEST_FIRST = [DATE_FORMS[i][1] for i in (10, 11, 13, 4, 12, 2, 3, 0, 1, 6, 5, 7, 9, 8)]
DATE_IN_TEXT = re.compile(r"(?<![\w$€£])(?:" + "|".join(_unnamed(t) for t in _LONGEST_FIRST) + r")(?![\w%])", re.I)
"""Every written form of :data:`DATE_FORMS`, unanchored: finds dates in running text. A match
reads back with :func:`parse_date_one`.

>>> [m.group() for m in DATE_IN_TEXT.finditer("Polled 13-16 December 2021, and in mid-2014.")]
['13-16 December 2021', 'mid-2014']
"""


class DateSpan(NamedTuple):
    """A parsed date: first and last day (ISO strings) and the precision."""

    start: str
    end: str
    precision: str


def _month(value: str, text: str) -> int:
    """Month number of a matched month group (digits or an English name)."""
    if value.isdecimal():
        return int(value)
    # The patterns match case-insensitively over Unicode, so e.g. 'Auguſt' (long s) matches
    # 'august' but lower-cases to a name not in the table: refuse it rather than crash.
    number = _MONTHS.get(value.lower().rstrip("."))
    if number is None:
        raise ParseError(f"date {text!r} has an unknown month name {value!r}")
    return number


def _iso(year: int, month: int, day: int, text: str) -> str:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError as exc:
        raise ParseError(f"date {text!r} does not exist ({exc})") from None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def parse_date_one(text: str, default_year: int | None = None) -> DateSpan:
    """Parse one written date (or date range) into first day, last day and precision.

    Understands ISO (``2019-02-21``, ``2019-02``, ``2019``) and English forms found in news
    text. ``default_year`` fills in a year the text leaves out (``"December 16"``), for
    dates whose year the surrounding text gives. Any value that is not a date, including a
    non-string, raises :class:`ParseError` naming it.

    >>> parse_date_one("February 21, 2019")
    DateSpan(start='2019-02-21', end='2019-02-21', precision='day')
    >>> parse_date_one("February 22 and 23, 1992")
    DateSpan(start='1992-02-22', end='1992-02-23', precision='day')
    >>> parse_date_one("late February 2014")
    DateSpan(start='2014-02-01', end='2014-02-28', precision='month')
    >>> parse_date_one("summer of 1995")
    DateSpan(start='1995-06-01', end='1995-08-31', precision='season')
    >>> parse_date_one("December 16", default_year=2021)
    DateSpan(start='2021-12-16', end='2021-12-16', precision='day')
    >>> parse_date_one("December 28, 2021 - January 3, 2022")  # fieldwork over New Year
    DateSpan(start='2021-12-28', end='2022-01-03', precision='day')
    >>> parse_date_one("Dec 2021-Jan 2022")
    DateSpan(start='2021-12-01', end='2022-01-31', precision='month')
    >>> parse_date_one("2008bthat")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: cannot parse date '2008bthat': expected e.g. '2019-02-21', 'February 21, 2019', ...
    """
    if not isinstance(text, str):
        raise ParseError(f"cannot parse date {text!r}: expected a string")
    if default_year is not None and (not isinstance(default_year, numbers.Integral) or isinstance(default_year, bool)):
        raise ParseError(f"default year {default_year!r} for date {text!r} is not a whole number")
    return _parse_date(text, None if default_year is None else int(default_year))


@cache
def _parse_date(text: str, default_year: int | None) -> DateSpan:
    """:func:`parse_date_one` after its argument checks (cached: inputs are hashable here)."""
    candidate = text
    if default_year is not None and not re.search(r"\d{4}", text):
        candidate = f"{text.strip()}, {default_year}"
    for kind, pattern in DATE_PATTERNS:
        m = pattern.match(candidate)
        if m is None:
            continue
        span = _span(kind, m, text)
        if not "1900-01-01" <= span.start <= span.end:
            raise ParseError(f"date {text!r} ends before it starts or is before 1900")
        return span
    raise ParseError(f"cannot parse date {text!r}: expected e.g. {_EXAMPLES}")


_EXAMPLES = "'2019-02-21', 'February 21, 2019', '13-16 December 2021', 'December 28, 2021 - January 3, 2022', 'May 2014', 'mid-2014'"
"""Written forms named in the error for a value that is not a date."""


def _span(kind: str, m: re.Match[str], text: str) -> DateSpan:
    y = int(m["y"])
    if kind in {"iso_day", "day"}:
        day = _iso(y, _month(m["m1"], text), int(m["d1"]), text)
        return DateSpan(day, day, "day")
    if kind == "day_range":
        mo = _month(m["m1"], text)
        return DateSpan(_iso(y, mo, int(m["d1"]), text), _iso(y, mo, int(m["d2"]), text), "day")
    if kind == "day_range_years":  # over New Year: each end has its own year
        start = _iso(int(m["y1"]), _month(m["m1"], text), int(m["d1"]), text)
        return DateSpan(start, _iso(y, _month(m["m2"], text), int(m["d2"]), text), "day")
    if kind == "month_range_years":
        m1, m2 = _month(m["m1"], text), _month(m["m2"], text)
        return DateSpan(_iso(int(m["y1"]), m1, 1, text), _iso(y, m2, _last_day(y, m2), text), "month")
    if kind == "day_range_months":
        start = _iso(y, _month(m["m1"], text), int(m["d1"]), text)
        return DateSpan(start, _iso(y, _month(m["m2"], text), int(m["d2"]), text), "day")
    if kind in {"iso_month", "month", "month_range"}:
        m1 = _month(m["m1"], text)
        if not 1 <= m1 <= 12:
            raise ParseError(f"date {text!r} has no month {m1}")
        m2 = _month(m["m2"], text) if kind == "month_range" else m1
        return DateSpan(_iso(y, m1, 1, text), _iso(y, m2, _last_day(y, m2), text), "month")
    if kind == "season":
        season = _SEASONS.get(m["season"].lower())
        if season is None:  # e.g. 'ſummer': matched case-insensitively, not a season name
            raise ParseError(f"date {text!r} has an unknown season name {m['season']!r}")
        first, last = season
        return DateSpan(_iso(y, first, 1, text), _iso(y, last, _last_day(y, last), text), "season")
    first_year = int(m["y1"]) if kind == "year_range" else y
    return DateSpan(_iso(first_year, 1, 1, text), _iso(y, 12, 31, text), "year")


def parse_date(
    texts: pd.Series | Sequence[str] | str, default_year: pd.Series | Sequence[int] | int | None = None
) -> pd.DataFrame:
    """Parse written dates (a Series, a list or one string) into ``start``, ``end`` (ISO) and ``precision``.

    ``default_year`` (one year, or a column of the same length that may hold nulls) supplies years the text omits; a year
    that is not a whole number raises :class:`ParseError` rather than being truncated.

    >>> parse_date(pd.Series(["May 6, 1997", "June 2014", "2012"]))
            start         end precision
    0  1997-05-06  1997-05-06       day
    1  2014-06-01  2014-06-30     month
    2  2012-01-01  2012-12-31      year
    """
    texts = as_column(texts)
    text_values, text_codes = factorize(texts, lambda t: parse_date_one(t))
    if default_year is not None and not isinstance(default_year, pd.Series):  # one year for all, or a list
        default_year = pd.Series([default_year] * len(texts)) if np.ndim(default_year) == 0 else as_column(default_year)
    if default_year is None:
        year_values, year_codes = [None], np.zeros(len(texts), dtype="int64")
    else:
        raw_years, year_codes = factorize(default_year, _whole_year)
        year_values = [_whole_year(y) for y in raw_years]
    codes, pairs = pd.factorize(text_codes * len(year_values) + year_codes)
    rows = [parse_date_one(text_values[p // len(year_values)], year_values[p % len(year_values)]) for p in pairs]
    out = pd.DataFrame(rows, columns=["start", "end", "precision"]).iloc[codes].set_axis(texts.index)
    return out.astype("str")


def _whole_year(value: object) -> int | None:
    """A ``default_year`` cell as an int (``None`` if missing); 2021.5 or 'x' raise."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if isinstance(value, bool):
        raise ParseError(f"default year {value!r} is not a whole number")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = float("nan")
    if not number.is_integer():
        raise ParseError(f"default year {value!r} is not a whole number")
    return int(number)


def format_date(start: str, end: str, precision: str) -> str:
    """Write a parsed date back in the ISO form ``parse_date_one`` reads (round trip).

    Raises :class:`ParseError` when no single ISO form gives back exactly this interval
    (a day range, a season, a month that does not run from its first to its last day).

    >>> format_date(*parse_date_one("June 2014"))
    '2014-06'
    >>> parse_date_one(format_date("2019-02-21", "2019-02-21", "day"))
    DateSpan(start='2019-02-21', end='2019-02-21', precision='day')
    >>> format_date("2014-06-01", "2014-06-15", "month")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: no single ISO form for '2014-06-01'..'2014-06-15' at precision 'month'
    """
    forms = {"day": 10, "month": 7, "year": 4}
    if all(isinstance(v, str) for v in (start, end, precision)) and precision in forms:
        text = start[: forms[precision]]
        try:
            if parse_date_one(text) == (start, end, precision):
                return text
        except ParseError:
            pass
    raise ParseError(f"no single ISO form for {start!r}..{end!r} at precision {precision!r}")
