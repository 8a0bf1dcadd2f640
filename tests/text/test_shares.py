"""Share parser: expected values are read off the written forms; properties over any input."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ParseError
from analysis.text.shares import SHARE_QUALIFIERS, parse_share, parse_share_one
from tests.text._strategies import COMMON, NEAR_MISS, NOT_TEXT, names_value, randomise_case


@pytest.mark.parametrize(
    ("text", "share", "qualifier"),
    [
        ("37%", 37.0, "exact"),
        ("20.6 percent", 20.6, "exact"),
        ("approximately 50%", 50.0, "approximate"),
        ("over 69 percent", 69.0, "lower_bound"),
        ("More than 36%", 36.0, "lower_bound"),
        ("up to 38.6%", 38.6, "upper_bound"),
        ("(47%)", 47.0, "exact"),
        ("47.3#", 47.3, "exact"),
        ("12,5 %", 12.5, "exact"),
        ("0%", 0.0, "exact"),
        ("100 per cent", 100.0, "exact"),
    ],
)
def test_parse_share(text: str, share: float, qualifier: str) -> None:
    assert parse_share_one(text) == (share, qualifier)


@pytest.mark.parametrize("text", ["", "fifty", "37", "101%", "24 to 31 percent", "-5%"])
def test_parse_share_rejects_with_the_value_named(text: str) -> None:
    with pytest.raises(ParseError, match=repr(text).replace("(", r"\(").replace(")", r"\)")):
        parse_share_one(text)


def test_parse_share_keeps_index_and_parses_each_value_once() -> None:
    out = parse_share(pd.Series(["37%"] * 3 + ["over 69 percent"], index=[5, 6, 7, 8]))
    assert out.index.tolist() == [5, 6, 7, 8]
    assert out["share"].tolist() == [37.0, 37.0, 37.0, 69.0]


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
    text = randomise_case(draw, text)
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
        assert names_value(exc, text), str(exc)
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
    assert names_value(err.value, value)


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
    assert names_value(err.value, bad)


def test_a_tilde_needs_no_space_and_a_sentence_comma_may_follow() -> None:
    assert parse_share_one("~50%") == (50.0, "approximate")
    assert parse_share_one("50%,") == parse_share_one("50%.") == (50.0, "exact")
