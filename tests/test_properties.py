"""Property-based tests (hypothesis) of every parser and normaliser.

The property, for ANY input: a parser either returns a valid value or raises
:class:`analysis.errors.ParseError` whose message names the value; never another exception,
never a silently wrong value. Well-formed inputs generated from the documented written
forms must parse to the value they were generated from, and ISO dates round-trip through
``format_date``.

Each property states its number of examples; ``derandomize=True`` makes every run (and CI)
try the same examples, and ``database=None`` keeps hypothesis from writing a cache folder.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ParseError
from analysis.external import security_answer
from analysis.normalise import (
    DATE_PRECISIONS,
    SHARE_QUALIFIERS,
    _key,
    format_date,
    harmonise_answer,
    harmonise_pollster,
    harmonise_region,
    parse_date,
    parse_date_one,
    parse_share,
    parse_share_one,
)
from analysis.paths import RESOURCES
from analysis.schema import ANSWERS, GEOGRAPHIES

COMMON = {"deadline": None, "database": None, "derandomize": True}

# Any Python value a careless caller might pass instead of a string.
NOT_TEXT = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.lists(st.text(max_size=3), max_size=2),
    st.binary(max_size=5),
)
# Text that looks a little like the real thing: digits, units, month names, separators.
NEAR_MISS = st.lists(
    st.sampled_from(
        [*"0123456789 %#.,-–()~pPerctnoavuJjFfMmAaSsDd\u00a0ſİ٥٠", "per cent", "over ", "June ", "summer ", "19", "20"]
    ),
    max_size=12,
).map("".join)


def _names_value(exc: ParseError, value: object) -> bool:
    return repr(value) in str(exc)


def _randomise_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=True))


# --------------------------------------------------------------------------- shares

QUALIFIER_WORDS = {
    "exact": [""],
    "approximate": ["approximately", "approx.", "about", "around", "roughly", "nearly", "almost", "some", "~"],
    "lower_bound": ["over", "more than", "above", "at least", "in excess of"],
    "upper_bound": ["under", "less than", "below", "fewer than", "up to", "at most"],
}


@st.composite
def written_shares(draw: st.DrawFn) -> tuple[str, float, str]:
    """A share written as the seeds write them, with the number and qualifier it states."""
    tenths = draw(st.integers(0, 1000))
    decimals = draw(st.sampled_from([0, 1, 2]) if tenths % 10 == 0 else st.just(1))
    number = f"{tenths / 10:.{decimals}f}"
    if draw(st.booleans()):
        number = number.replace(".", ",")  # decimal comma (never before 3 digits here)
    qualifier = draw(st.sampled_from(SHARE_QUALIFIERS))
    word = draw(st.sampled_from(QUALIFIER_WORDS[qualifier]))
    unit = draw(st.sampled_from(["%", "#", " %", " percent", " per cent", "percent", " pct", "%."]))
    text = f"{word} {number}{unit}".strip() if word else f"{number}{unit}"
    text = _randomise_case(draw, text)
    if draw(st.booleans()):
        text = f"({text})"
    pad = draw(st.sampled_from(["", " ", "  ", "\t"]))
    return pad + text + pad, tenths / 10, qualifier


@settings(max_examples=400, **COMMON)
@given(st.one_of(st.text(max_size=30), NEAR_MISS))
def test_parse_share_any_text_gives_a_valid_share_or_names_the_value(text: str) -> None:
    try:
        share, qualifier = parse_share_one(text)
    except ParseError as exc:
        assert _names_value(exc, text), str(exc)
        return
    assert 0 <= share <= 100
    assert qualifier in SHARE_QUALIFIERS
    # never a silently wrong value: the number read is the one written
    digits = re.search(r"\d+(?:[.,]\d+)?", text)
    assert digits is not None and float(digits[0].replace(",", ".")) == share


@settings(max_examples=50, **COMMON)
@given(NOT_TEXT)
def test_parse_share_refuses_non_text(value: object) -> None:
    with pytest.raises(ParseError) as err:
        parse_share_one(value)  # type: ignore[arg-type]
    assert _names_value(err.value, value)


@settings(max_examples=400, **COMMON)
@given(written_shares())
def test_parse_share_reads_every_written_form(case: tuple[str, float, str]) -> None:
    text, share, qualifier = case
    assert parse_share_one(text) == (share, qualifier)


@settings(max_examples=200, **COMMON)
@given(st.integers(0, 1000))
def test_share_round_trips_through_its_shortest_written_form(tenths: int) -> None:
    share = tenths / 10
    assert parse_share_one(f"{share:g}%") == (share, "exact")
    assert parse_share_one(f"{share:g} percent") == (share, "exact")


@settings(max_examples=100, **COMMON)
@given(st.integers(1, 99), st.integers(0, 999))
def test_comma_before_three_digits_is_refused_not_read_as_a_decimal(whole: int, part: int) -> None:
    text = f"{whole},{part:03d}%"  # '1,000%': thousands separator or decimal comma?
    with pytest.raises(ParseError, match="ambiguous"):
        parse_share_one(text)


@settings(max_examples=100, **COMMON)
@given(st.lists(written_shares(), min_size=0, max_size=6), st.lists(st.integers(), unique=True, min_size=6))
def test_parse_share_series_matches_the_scalar_parser_and_keeps_the_index(cases, labels) -> None:
    texts = pd.Series([c[0] for c in cases], index=labels[: len(cases)], dtype="object")
    out = parse_share(texts)
    assert out.index.tolist() == texts.index.tolist()
    assert [tuple(r) for r in out.itertuples(index=False)] == [tuple(parse_share_one(t)) for t in texts]


@settings(max_examples=100, **COMMON)
@given(st.lists(written_shares(), max_size=4), st.one_of(NOT_TEXT, st.just("fifty")), st.integers(0, 4))
def test_parse_share_series_names_its_bad_value(cases, bad: object, at: int) -> None:
    values: list[object] = [c[0] for c in cases]
    values.insert(min(at, len(values)), bad)
    with pytest.raises(ParseError) as err:
        parse_share(pd.Series(values, dtype="object"))
    assert _names_value(err.value, bad)


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
        assert _names_value(exc, text), str(exc)
        return
    assert _valid_span(*span)


@settings(max_examples=50, **COMMON)
@given(NOT_TEXT, st.one_of(st.none(), st.integers(1990, 2020)))
def test_parse_date_refuses_non_text(value: object, year: int | None) -> None:
    with pytest.raises(ParseError) as err:
        parse_date_one(value, year)  # type: ignore[arg-type]
    assert _names_value(err.value, value)


@settings(max_examples=50, **COMMON)
@given(st.one_of(st.floats(), st.booleans(), st.text(max_size=4), st.lists(st.integers(), max_size=1)))
def test_parse_date_refuses_a_default_year_that_is_not_an_integer(year: object) -> None:
    with pytest.raises(ParseError, match="not a whole number") as err:
        parse_date_one("December 16", year)  # type: ignore[arg-type]
    assert _names_value(err.value, year)


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
        assert _names_value(exc, text)


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


# --------------------------------------------------------------------------- names


@functools.cache
def _alias_table(kind: str) -> pd.DataFrame:
    return pd.read_csv(RESOURCES / f"{kind}_aliases.csv", dtype="str", keep_default_na=False)


HARMONISERS = {"pollster": harmonise_pollster, "region": harmonise_region, "answer": harmonise_answer}
ALLOWED = {
    "pollster": set(_alias_table("pollster")["pollster"]),
    "region": {*GEOGRAPHIES, ""},  # "" = outside the harmonised scheme (a city, a merged region)
    "answer": set(ANSWERS),
}


@functools.cache
def _alias_pairs(kind: str) -> list[tuple[str, str]]:
    table = _alias_table(kind)
    return list(zip(table["alias"], table[kind], strict=True))


@st.composite
def respelt_alias(draw: st.DrawFn, kind: str) -> tuple[str, str]:
    """An alias from the table, re-spelt the ways matching must ignore."""
    alias, target = draw(st.sampled_from(_alias_pairs(kind)))
    words = re.split(r"[\s\-_'’.,]+", alias.strip())
    glue = draw(
        st.lists(st.sampled_from([" ", "  ", "-", "_", " - ", ". "]), min_size=len(words) - 1, max_size=len(words) - 1)
    )
    text = words[0] + "".join(g + w for g, w in zip(glue, words[1:], strict=True))
    return draw(st.sampled_from(["", " ", "\t"])) + _randomise_case(draw, text) + " ", target


@pytest.mark.parametrize("kind", sorted(HARMONISERS))
def test_alias_tables_map_each_spelling_to_one_allowed_name(kind: str) -> None:
    table = _alias_table(kind)
    targets = table.groupby(table["alias"].map(_key))[kind].nunique()
    assert (targets == 1).all(), f"aliases that match alike but map apart: {targets[targets > 1].index.tolist()}"
    assert set(table[kind]) <= ALLOWED[kind]


@pytest.mark.parametrize("kind", sorted(HARMONISERS))
@settings(max_examples=150, **COMMON)
@given(value=st.one_of(st.text(max_size=25), NOT_TEXT))
def test_harmonise_any_name_gives_an_allowed_name_or_names_the_value(kind: str, value: object) -> None:
    try:
        out = HARMONISERS[kind](pd.Series([value], dtype="object"))
    except ParseError as exc:
        assert _names_value(exc, value), str(exc)
        assert f"{kind}_aliases.csv" in str(exc)
        return
    assert isinstance(value, str)
    assert out.tolist()[0] in ALLOWED[kind]


@pytest.mark.parametrize("kind", sorted(HARMONISERS))
@settings(max_examples=150, **COMMON)
@given(data=st.data())
def test_harmonise_ignores_case_spacing_and_punctuation(kind: str, data: st.DataObject) -> None:
    cases = data.draw(st.lists(respelt_alias(kind), min_size=1, max_size=5))
    names = pd.Series([c[0] for c in cases], index=range(10, 10 + len(cases)))
    out = HARMONISERS[kind](names)
    assert out.tolist() == [c[1] for c in cases]
    assert out.index.tolist() == names.index.tolist()


# --------------------------------------------------------------------------- security_option answers

SECURITY_KEYWORDS = {"neutrality": ["нейтральн", "non-aligned", "позаблок"], "russia_alliance": ["Росі", "CSTO"]}
# Filler that cannot spell any keyword of resources/security_option_answers.csv.
FILLER = st.text(alphabet="0123456789 ,;()xyz", max_size=10)


@settings(max_examples=300, **COMMON)
@given(st.one_of(st.sampled_from(["for", "other", "undecided", "would_not_vote"]), st.text(max_size=8)), st.text())
def test_security_answer_always_gives_an_answer_of_the_vocabulary(answer: str, as_written: str) -> None:
    if answer not in {"for", "against", "other", "undecided", "would_not_vote"}:
        with pytest.raises(ParseError, match=re.escape(repr(answer))):
            security_answer(answer, as_written)
        return
    out = security_answer(answer, as_written)
    assert out in ANSWERS
    if answer == "for":
        assert out == "nato"
    elif answer in {"undecided", "would_not_vote"}:
        assert out == answer
    else:
        assert out in {"neutrality", "russia_alliance", "other"}


@settings(max_examples=100, **COMMON)
@given(st.sampled_from(sorted(SECURITY_KEYWORDS)), FILLER, FILLER, st.data())
def test_security_answer_finds_the_option_keyword_anywhere(option: str, before: str, after: str, data) -> None:
    keyword = data.draw(st.sampled_from(SECURITY_KEYWORDS[option]))
    written = before + _randomise_case(data.draw, keyword) + after
    assert security_answer("other", written) == option
    assert security_answer("other", before + after) == "other"


def test_security_answer_refuses_a_missing_answer_as_written() -> None:
    with pytest.raises(ParseError):
        security_answer("other", float("nan"))  # type: ignore[arg-type]
