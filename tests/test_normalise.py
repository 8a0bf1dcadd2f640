"""Share, date and name normalisers: expected values are read off the written forms."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ParseError
from analysis.normalise import (
    format_date,
    harmonise_answer,
    harmonise_pollster,
    harmonise_region,
    parse_date_one,
    parse_share,
    parse_share_one,
)


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


def test_names_are_harmonised_case_and_punctuation_insensitively() -> None:
    assert harmonise_pollster(pd.Series(["razumkov  center"])).tolist() == ["Razumkov Centre"]
    assert harmonise_region(pd.Series(["western ukraine"])).tolist() == ["West"]
    assert harmonise_answer(pd.Series(["Unsure"])).tolist() == ["undecided"]


@pytest.mark.parametrize(
    ("func", "value", "kind"),
    [
        (harmonise_pollster, "Acme Polls", "pollster"),
        (harmonise_region, "Atlantis", "region"),
        (harmonise_answer, "maybe", "answer"),
    ],
)
def test_unknown_names_raise_naming_the_value_and_the_mapping_file(func, value, kind) -> None:
    with pytest.raises(ParseError, match=f"{value}.*{kind}_aliases.csv"):
        func(pd.Series([value]))
