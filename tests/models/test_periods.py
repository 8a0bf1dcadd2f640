"""Periods and presidencies derive from the event and presidency tables."""

from __future__ import annotations

import pandas as pd

from analysis.models.periods import PERIODS, midpoint, period_breaks, period_of, presidency_of
from analysis.tables.load import load_events, load_table


def test_periods_and_presidencies_derive_from_the_tables() -> None:
    breaks = period_breaks(load_events())
    dates = pd.Series(pd.to_datetime(["2014-02-21", "2014-02-22", "2022-02-23", "2022-02-24"]))
    assert period_of(dates, breaks).tolist() == [PERIODS[0], PERIODS[1], PERIODS[1], PERIODS[2]]
    terms = load_table("presidencies")
    assert presidency_of(pd.Series(pd.to_datetime(["1997-05-06", "2023-01-01"])), terms).tolist() == [
        "Leonid Kuchma",
        "Volodymyr Zelenskyy",
    ]


def test_midpoint_of_dates_or_iso_strings() -> None:
    start, end = pd.Series(["2014-06-01"]), pd.Series(["2014-06-30"])
    assert midpoint(start, end).tolist() == midpoint(pd.to_datetime(start), pd.to_datetime(end)).tolist()
    assert midpoint(start, end).iloc[0] == pd.Timestamp("2014-06-15")
