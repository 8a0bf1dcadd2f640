"""Date grammar: expected values are read off the written forms; properties over any input."""

from __future__ import annotations

import calendar
import datetime
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ParseError
from analysis.text.dates import DATE_IN_TEXT, DATE_PRECISIONS, format_date, parse_date, parse_date_one
from tests.text._strategies import COMMON, NEAR_MISS, NOT_TEXT, names_value


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("May 6", 1997, ("1997-05-06", "1997-05-06", "day")),
        ("February 21, 2019", None, ("2019-02-21", "2019-02-21", "day")),
        ("29 February 2008", None, ("2008-02-29", "2008-02-29", "day")),
        ("January 25 until March 4, 2008", None, ("2008-01-25", "2008-03-04", "day")),
        ("13-16 December 2021", None, ("2021-12-13", "2021-12-16", "day")),
        ("June 2014", None, ("2014-06-01", "2014-06-30", "month")),
        ("February 2008", None, ("2008-02-01", "2008-02-29", "month")),
        ("August-September 2006", None, ("2006-08-01", "2006-09-30", "month")),
        ("end of June", 2018, ("2018-06-01", "2018-06-30", "month")),
        ("summer of 1995", None, ("1995-06-01", "1995-08-31", "season")),
        ("2012", None, ("2012-01-01", "2012-12-31", "year")),
        ("1991-1994", None, ("1991-01-01", "1994-12-31", "year")),
        ("2019-02", None, ("2019-02-01", "2019-02-28", "month")),
    ],
)
def test_parse_date(text: str, year: int | None, expected: tuple[str, str, str]) -> None:
    assert tuple(parse_date_one(text, year)) == expected


@pytest.mark.parametrize("text", ["", "2008bthat", "February 30, 2019", "2019-13", "someday", "1994-1991"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        parse_date_one(text)


@pytest.mark.parametrize("text", ["2019-02-21", "2014-06", "2012"])
def test_iso_dates_round_trip(text: str) -> None:
    assert format_date(*parse_date_one(text)) == text


# --------------------------------------------------------------------------- dates

DAY_FORMS = [
    "{iso}",
    "{Month} {d}, {y}",
    "{Month} {d} {y}",
    "{d} {Month} {y}",
    "{d} {Month}, {y}",
    "{Mon}. {d}, {y}",
    "{Mon} {d}{th}, {y}",
    "on {Month} {d}, {y}",
    "  {MONTH} {d}, {y} ",
]
MONTH_FORMS = ["{y}-{mm}", "{Month} {y}", "{Month}, {y}", "{Month} of {y}", "mid-{Month} {y}", "late {Month} {y}"]
YEAR_FORMS = ["{y}", "mid-{y}", "early {y}", "the end of {y}", "in {y}"]
DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


def _fields(day: datetime.date) -> dict[str, str]:
    month = calendar.month_name[day.month]
    th = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    return {
        "iso": day.isoformat(),
        "Month": month,
        "MONTH": month.upper(),
        "Mon": calendar.month_abbr[day.month],
        "d": str(day.day),
        "th": th,
        "y": str(day.year),
        "mm": f"{day.month:02d}",
    }


def _month_span(day: datetime.date) -> tuple[str, str]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1).isoformat(), day.replace(day=last).isoformat()


def _valid_span(start: str, end: str, precision: str) -> bool:
    datetime.date.fromisoformat(start)
    datetime.date.fromisoformat(end)
    return "1900-01-01" <= start <= end and precision in DATE_PRECISIONS


@settings(max_examples=400, **COMMON)
@given(st.one_of(st.text(max_size=30), NEAR_MISS), st.one_of(st.none(), st.integers(1800, 2100)))
def test_parse_date_any_text_gives_a_valid_interval_or_names_the_value(text: str, year: int | None) -> None:
    try:
        span = parse_date_one(text, year)
    except ParseError as exc:
        assert names_value(exc, text), str(exc)
        return
    assert _valid_span(*span)


@settings(max_examples=50, **COMMON)
@given(NOT_TEXT, st.one_of(st.none(), st.integers(1990, 2020)))
def test_parse_date_refuses_non_text(value: object, year: int | None) -> None:
    with pytest.raises(ParseError) as err:
        parse_date_one(value, year)  # type: ignore[arg-type]
    assert names_value(err.value, value)


@settings(max_examples=50, **COMMON)
@given(st.one_of(st.floats(), st.booleans(), st.text(max_size=4), st.lists(st.integers(), max_size=1)))
def test_parse_date_refuses_a_default_year_that_is_not_an_integer(year: object) -> None:
    with pytest.raises(ParseError, match="not a whole number") as err:
        parse_date_one("December 16", year)  # type: ignore[arg-type]
    assert names_value(err.value, year)


@settings(max_examples=300, **COMMON)
@given(DATES, st.sampled_from(DAY_FORMS))
def test_parse_date_reads_a_day_in_every_written_form(day: datetime.date, form: str) -> None:
    text = form.format(**_fields(day))
    assert parse_date_one(text) == (day.isoformat(), day.isoformat(), "day")


@settings(max_examples=200, **COMMON)
@given(DATES, st.sampled_from(MONTH_FORMS))
def test_parse_date_reads_a_month_in_every_written_form(day: datetime.date, form: str) -> None:
    assert parse_date_one(form.format(**_fields(day))) == (*_month_span(day), "month")


@settings(max_examples=100, **COMMON)
@given(DATES, st.sampled_from(YEAR_FORMS))
def test_parse_date_reads_a_year_in_every_written_form(day: datetime.date, form: str) -> None:
    y = day.year
    assert parse_date_one(form.format(**_fields(day))) == (f"{y}-01-01", f"{y}-12-31", "year")


# Characters that match an ASCII letter case-insensitively under Unicode rules but are not
# it: 'ſ' (long s) ~ 's', 'İ' ~ 'i', the Kelvin sign ~ 'k'.
LOOKALIKES = {"s": "ſ", "i": "İ", "k": "\u212a", "S": "ſ", "I": "İ"}


@settings(max_examples=150, **COMMON)
@given(DATES, st.sampled_from(["{Month} {y}", "{Month} {d}, {y}", "summer of {y}", "{d} {Month} {y}"]), st.data())
def test_parse_date_refuses_or_reads_right_names_with_unicode_lookalikes(day: datetime.date, form: str, data) -> None:
    plain = form.format(**_fields(day))
    swaps = [i for i, c in enumerate(plain) if c in LOOKALIKES]
    if not swaps:
        return
    at = data.draw(st.sampled_from(swaps))
    text = plain[:at] + LOOKALIKES[plain[at]] + plain[at + 1 :]
    try:
        assert parse_date_one(text) == parse_date_one(plain)  # read as the name it resembles, or
    except ParseError as exc:  # refused, naming it; never a KeyError
        assert names_value(exc, text)


@settings(max_examples=200, **COMMON)
@given(DATES, st.integers(0, 20), st.sampled_from(["-", "–", " to ", " and ", " through "]))
def test_parse_date_reads_day_ranges_and_refuses_reversed_ones(day: datetime.date, length: int, sep: str) -> None:
    last = min(day + datetime.timedelta(days=length), day.replace(day=calendar.monthrange(day.year, day.month)[1]))
    f = _fields(day)
    text = f"{f['Month']} {day.day}{sep}{last.day}, {day.year}"
    assert parse_date_one(text) == (day.isoformat(), last.isoformat(), "day")
    if last > day:
        with pytest.raises(ParseError, match=re.escape(repr(f"{f['Month']} {last.day}{sep}{day.day}, {day.year}"))):
            parse_date_one(f"{f['Month']} {last.day}{sep}{day.day}, {day.year}")


@settings(max_examples=100, **COMMON)
@given(DATES)
def test_default_year_fills_in_a_missing_year(day: datetime.date) -> None:
    f = _fields(day)
    assert parse_date_one(f"{f['Month']} {day.day}", day.year) == (day.isoformat(), day.isoformat(), "day")


@settings(max_examples=300, **COMMON)
@given(DATES, st.sampled_from(["day", "month", "year"]))
def test_iso_dates_round_trip_through_format_date(day: datetime.date, precision: str) -> None:
    iso = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
    span = parse_date_one(iso)
    assert span.precision == precision
    assert format_date(*span) == iso
    assert parse_date_one(format_date(*span)) == span


@settings(max_examples=300, **COMMON)
@given(
    st.one_of(DATES.map(str), st.text(max_size=12)),
    st.one_of(DATES.map(str), st.text(max_size=12)),
    st.one_of(st.sampled_from(DATE_PRECISIONS), st.text(max_size=6)),
)
def test_format_date_writes_only_forms_that_read_back_exactly(start: str, end: str, precision: str) -> None:
    try:
        text = format_date(start, end, precision)
    except ParseError:
        return
    assert parse_date_one(text) == (start, end, precision)


@settings(max_examples=50, **COMMON)
@given(st.lists(st.tuples(DATES, st.booleans()), max_size=6))
def test_parse_date_series_uses_the_default_year_where_the_text_has_none(rows) -> None:
    texts = pd.Series([f"{calendar.month_name[d.month]} {d.day}" + ("" if drop else f", {d.year}") for d, drop in rows])
    years = pd.Series([float(d.year) if drop else None for d, drop in rows], dtype="float64")
    out = parse_date(texts, years)
    assert out["start"].tolist() == [d.isoformat() for d, _ in rows]


@pytest.mark.parametrize("year", [2021.5, "x", True])
def test_parse_date_series_refuses_a_default_year_that_is_not_whole(year: object) -> None:
    with pytest.raises(ParseError, match="not a whole number"):
        parse_date(pd.Series(["December 16"]), pd.Series([year], dtype="object"))


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("A poll on February 21, 2019 found 40%.", "February 21, 2019"),
        ("Fieldwork ran 13-16 December 2021 in all oblasts.", "13-16 December 2021"),
        ("From January 25 until March 4, 2008 they asked.", "January 25 until March 4, 2008"),
        ("In the summer of 1995, 30% agreed.", "the summer of 1995"),
        ("By mid-2014 support had risen.", "mid-2014"),
    ],
)
def test_dates_in_text_are_found_with_the_same_grammar_and_read_back(sentence: str, found: str) -> None:
    m = DATE_IN_TEXT.search(sentence)
    assert m is not None and m.group() == found
    parse_date_one(m.group())  # what is found parses
