"""Normalisers for poll and event data: shares, dates with precision, and names.

Each function takes a pandas Series (or a scalar, for the ``parse_*_one`` forms) and
returns plain pandas objects, so they work on any table, including partition-wise on a
Dask DataFrame. Bad values raise :class:`analysis.errors.ParseError` naming the value;
nothing is dropped or guessed silently.

Name mappings (pollster, region and answer aliases) are data files in
``analysis/resources/``; an alias that is not listed raises rather than passing through.

>>> import pandas as pd
>>> parse_share(pd.Series(["approximately 50%", "over 69 percent", "20.6 percent"]))
   share    qualifier
0   50.0  approximate
1   69.0  lower_bound
2   20.6        exact
"""

from __future__ import annotations

import calendar
import datetime
import numbers
import re
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.paths import RESOURCES

# --------------------------------------------------------------------------- shares

_QUALIFIERS = {
    "approximate": r"approximately|approx\.?|about|around|roughly|nearly|almost|some|~",
    "lower_bound": r"over|more than|above|at least|in excess of",
    "upper_bound": r"under|less than|below|fewer than|up to|at most",
}
_QUALIFIER_RE = "|".join(f"(?P<{k}>{v})" for k, v in _QUALIFIERS.items())
_SHARE_RE = re.compile(
    rf"^\s*\(?\s*(?:(?:{_QUALIFIER_RE})\s+)?"
    r"(?P<number>\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?P<unit>%|#|per\s?cent|percent|pct)\.?\s*\)?\s*$",
    re.IGNORECASE,
)

SHARE_QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound")
"""How a share was stated: as is, 'approximately', 'over/more than', 'under/up to'."""


class Share(NamedTuple):
    """A parsed share: the number (0–100) and how it was qualified."""

    share: float
    qualifier: str


def parse_share_one(text: str) -> Share:
    """Parse one written percentage such as ``"approximately 50%"`` or ``"47.3#"``.

    A ``#`` in place of ``%`` (a common OCR/typing garble) is accepted as a percent sign.
    A decimal comma is accepted, except before exactly three digits (``"1,000%"``), which
    may as well be a thousands separator and is refused rather than read as 1.0. The
    number must lie in 0–100.

    >>> parse_share_one("More than 36%")
    Share(share=36.0, qualifier='lower_bound')
    >>> parse_share_one("47.3#")
    Share(share=47.3, qualifier='exact')
    >>> parse_share_one("150%")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: share '150%' is outside 0-100
    >>> parse_share_one("fifty")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: cannot parse share 'fifty': expected e.g. '37%', 'over 69 percent'
    >>> parse_share_one("1,000%")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: share '1,000%' is ambiguous: ',' before three digits may be a thousands separator
    """
    if not isinstance(text, str):
        raise ParseError(f"cannot parse share {text!r}: expected a string")
    m = _SHARE_RE.match(text)
    if m is None:
        raise ParseError(f"cannot parse share {text!r}: expected e.g. '37%', 'over 69 percent'")
    if re.fullmatch(r"\d+,\d{3}", m["number"]):
        raise ParseError(f"share {text!r} is ambiguous: ',' before three digits may be a thousands separator")
    value = float(m["number"].replace(",", "."))
    if not 0 <= value <= 100:
        raise ParseError(f"share {text!r} is outside 0-100")
    qualifier = next((k for k in _QUALIFIERS if m[k]), "exact")
    return Share(value, qualifier)


def parse_share(texts: pd.Series) -> pd.DataFrame:
    """Parse a Series of written percentages into ``share`` (float) and ``qualifier``.

    Each distinct string is parsed once, so long columns with repeated values are fast.
    The result keeps the input's index. The first value that is not a string or cannot be
    parsed raises :class:`ParseError` naming it.

    >>> parse_share(pd.Series(["37%", "up to 38.6%"], index=[10, 11]))
        share    qualifier
    10   37.0        exact
    11   38.6  upper_bound
    """
    uniques, codes = _factorize(texts, parse_share_one)
    parsed = pd.DataFrame([parse_share_one(u) for u in uniques], columns=["share", "qualifier"])
    out = parsed.iloc[codes].set_axis(texts.index)
    return out.astype({"share": "float64", "qualifier": "str"})


def _factorize(values: pd.Series, check) -> tuple[list, np.ndarray]:  # noqa: ANN001 - any one-value parser
    """Distinct values and, per row, the position of its value among them.

    Each distinct value is parsed once (1M rows with few distinct values cost little more
    than the distinct values). Unhashable values cannot be factorized: ``check`` is then run
    on each value so that the first bad one raises its own error naming it.
    """
    nulls = values.isna()
    if nulls.any():  # factorize would turn None into nan: let the parser name the original value
        check(values[nulls].iloc[0])
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    except TypeError:
        for value in values:
            check(value)
        raise
    return list(uniques), codes


# --------------------------------------------------------------------------- dates

DATE_PRECISIONS = ("day", "month", "season", "year")
"""Precision of a date: the interval [start, end] is a day, a month, a season or a year."""

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_FUZZY = r"(?:(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of)\s*-?\s*)?"
_YEAR = r"(?P<{}>1[89]\d\d|20\d\d)"


def _pattern(template: str) -> re.Pattern[str]:
    """Compile a date pattern; ``{m1}``, ``{y}`` etc. become named month/year/day groups."""
    groups = {
        "m1": _MONTH.format("m1"),
        "m2": _MONTH.format("m2"),
        "y": _YEAR.format("y"),
        "y1": _YEAR.format("y1"),
        "d1": r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?",
        "d2": r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?",
        "fuzzy": _FUZZY,
        "season": r"(?P<season>" + "|".join(_SEASONS) + r")",
    }
    return re.compile(r"^\s*(?:in\s+|on\s+)?" + template.format(**groups) + r"\s*$", re.I)


_RANGE_SEP = r"\s*(?:-|–|—|to|until|and|through)\s*"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_day", re.compile(r"^(?P<y>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})$")),
    ("iso_month", re.compile(r"^(?P<y>\d{4})-(?P<m1>\d{2})$")),
    ("day", _pattern(r"{m1}\s+{d1},?\s+{y}")),  # February 21, 2019
    ("day", _pattern(r"{d1}\s+{m1},?\s+{y}")),  # 21 February 2019
    ("day_range", _pattern(r"{m1}\s+{d1}" + _RANGE_SEP + r"{d2},?\s+{y}")),  # Feb 22 and 23, 1992
    ("day_range", _pattern(r"{d1}" + _RANGE_SEP + r"{d2}\s+{m1},?\s+{y}")),  # 13-16 December 2021
    (
        "day_range_months",
        _pattern(r"{m1}\s+{d1}" + _RANGE_SEP + r"{m2}\s+{d2},?\s+{y}"),
    ),  # January 25 until March 4, 2008
    ("month", _pattern(r"{fuzzy}{m1},?\s+(?:of\s+)?{y}")),  # (late) February 2014
    ("month_range", _pattern(r"{m1}" + _RANGE_SEP + r"{m2},?\s+{y}")),  # August-September 2006
    ("season", _pattern(r"(?:the\s+)?{season}\s+(?:of\s+)?{y}")),  # summer of 1995
    ("year", _pattern(r"{fuzzy}{y}")),  # 1997, mid-2014
    ("year_range", _pattern(r"{y1}" + _RANGE_SEP + r"{y}")),  # 2005-2013
]


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
    >>> parse_date_one("2008bthat")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: cannot parse date '2008bthat'
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
    for kind, pattern in _DATE_PATTERNS:
        m = pattern.match(candidate)
        if m is None:
            continue
        span = _span(kind, m, text)
        if not "1900-01-01" <= span.start <= span.end:
            raise ParseError(f"date {text!r} ends before it starts or is before 1900")
        return span
    raise ParseError(f"cannot parse date {text!r}")


def _span(kind: str, m: re.Match[str], text: str) -> DateSpan:
    y = int(m["y"])
    if kind in {"iso_day", "day"}:
        day = _iso(y, _month(m["m1"], text), int(m["d1"]), text)
        return DateSpan(day, day, "day")
    if kind == "day_range":
        mo = _month(m["m1"], text)
        return DateSpan(_iso(y, mo, int(m["d1"]), text), _iso(y, mo, int(m["d2"]), text), "day")
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


def parse_date(texts: pd.Series, default_year: pd.Series | None = None) -> pd.DataFrame:
    """Parse a Series of written dates into ``start``, ``end`` (ISO) and ``precision``.

    ``default_year`` (same index, may hold nulls) supplies years the text omits; a year
    that is not a whole number raises :class:`ParseError` rather than being truncated.

    >>> parse_date(pd.Series(["May 6, 1997", "June 2014", "2012"]))
            start         end precision
    0  1997-05-06  1997-05-06       day
    1  2014-06-01  2014-06-30     month
    2  2012-01-01  2012-12-31      year
    """
    text_values, text_codes = _factorize(texts, lambda t: parse_date_one(t))
    if default_year is None:
        year_values, year_codes = [None], np.zeros(len(texts), dtype="int64")
    else:
        raw_years, year_codes = _factorize(default_year, _whole_year)
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


# --------------------------------------------------------------------------- names


@cache
def _aliases(kind: str) -> dict[str, str]:
    table = pd.read_csv(RESOURCES / f"{kind}_aliases.csv", dtype="str", keep_default_na=False)
    return {_key(a): v for a, v in zip(table["alias"], table[kind], strict=True)}


def _key(name: str) -> str:
    return re.sub(r"[\s\-_'’.,]+", " ", name).strip().casefold()


def _harmonise(names: pd.Series, kind: str) -> pd.Series:
    """Map each name through the alias table; every unknown (or non-string) value raises."""
    mapping = _aliases(kind)
    unknown: dict[str, object] = {repr(n): n for n in names if not isinstance(n, str)}  # may be unhashable
    strings = names[[isinstance(n, str) for n in names]] if unknown else names
    uniques, codes = _factorize(strings, lambda n: n)
    for n in uniques:
        if _key(n) not in mapping:
            unknown.setdefault(repr(n), n)
    if unknown:
        listed = [unknown[r] for r in sorted(unknown)]
        raise ParseError(f"unknown {kind} name(s) {listed}: add them to analysis/resources/{kind}_aliases.csv")
    harmonised = np.array([mapping[_key(n)] for n in uniques], dtype=object)
    return pd.Series(harmonised[codes], index=names.index, dtype="str")


def harmonise_pollster(names: pd.Series) -> pd.Series:
    """Map pollster names as written to one harmonised name each.

    Matching ignores case, spaces, dashes, dots and apostrophes. An empty string stands for
    "pollster not named in the source" and maps to ``""``.

    >>> harmonise_pollster(pd.Series(["Razumkov Center", "Foundation for Democratic Initiatives"]))
    0                                    Razumkov Centre
    1    Ilko Kucheriv Democratic Initiatives Foundation
    dtype: str
    """
    return _harmonise(names, "pollster")


def harmonise_region(names: pd.Series) -> pd.Series:
    """Map geography names as written to the harmonised scheme (``national`` or a region).

    The harmonised values are ``national``, the macro-regions ``West``, ``Centre``,
    ``South``, ``East``, ``Donbas`` and the units ``Kyiv city`` and ``Crimea``.

    >>> harmonise_region(pd.Series(["Western Ukraine", "Kiev", "national"]))
    0         West
    1    Kyiv city
    2     national
    dtype: str
    """
    return _harmonise(names, "region")


def harmonise_answer(names: pd.Series) -> pd.Series:
    """Map answer labels as written (``"unsure"``, ``"danger"``) to the answer vocabulary.

    >>> harmonise_answer(pd.Series(["in favour", "danger", "unsure"]))
    0          for
    1       threat
    2    undecided
    dtype: str
    """
    return _harmonise(names, "answer")
