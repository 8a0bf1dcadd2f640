"""Period labels derived from dates: before/after 2014 and February 2022, and presidencies.

The break points are data, not constants typed into notebooks: "before/after 2014" breaks on the
day parliament removed Yanukovych, the event ``ev-2014-yanukovych-removed`` of the event table
(22 February 2014, before the occupation of Crimea and the war in Donbas), and the full-scale
invasion is the event ``ev-2022-invasion`` (24 February 2022 in the seed).

>>> import pandas as pd
>>> breaks = {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")}
>>> period_of(pd.Series(pd.to_datetime(["2012-06-15", "2017-06-11", "2022-05-20"])), breaks).tolist()
['before 2014', '2014 to Feb 2022', 'after Feb 2022']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.errors import ParseError
from analysis.text._distinct import as_column

PERIODS = ("before 2014", "2014 to Feb 2022", "after Feb 2022")
REMOVAL_EVENT = "ev-2014-yanukovych-removed"
INVASION_EVENT = "ev-2022-invasion"


def period_breaks(events: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """The two break dates, from the event table: Yanukovych's removal and the full-scale invasion.

    >>> from analysis.tables.load import load_events
    >>> {k: f"{v:%Y-%m-%d}" for k, v in period_breaks(load_events()).items()}
    {'2014': '2014-02-22', '2022': '2022-02-24'}
    """
    out = {}
    for label, event in (("2014", REMOVAL_EVENT), ("2022", INVASION_EVENT)):
        day = events.loc[events["event_id"] == event, "date"]
        if len(day) != 1:
            raise ParseError(f"the event table must hold exactly one {event!r} row")
        out[label] = pd.Timestamp(day.iloc[0])
    return out


def midpoint(start: pd.Series | Sequence | str, end: pd.Series | Sequence | str) -> pd.Series:
    """Middle day of each interval (ISO strings or timestamps; Series, lists or single values), e.g. the
    fieldwork midpoint.

    >>> midpoint(pd.Series(["2014-06-01"]), pd.Series(["2014-06-30"])).dt.strftime("%Y-%m-%d").tolist()
    ['2014-06-15']
    """
    s, e = pd.to_datetime(as_column(start)), pd.to_datetime(as_column(end))
    backwards = (e < s).to_numpy()
    if backwards.any():
        i = int(backwards.argmax())
        raise ParseError(f"interval ends before it starts: {s.iloc[i]:%Y-%m-%d} to {e.iloc[i]:%Y-%m-%d} (row {i + 1})")
    return (s + (e - s) / 2).dt.floor("D")


def period_of(dates: pd.Series, breaks: dict[str, pd.Timestamp]) -> pd.Series:
    """Label each date with one of :data:`PERIODS` (an ordered categorical).

    A date on a break belongs to the period it opens:

    >>> breaks = {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")}
    >>> labels = period_of(pd.Series(pd.to_datetime(["2014-02-21", "2014-02-22", "2022-02-24"])), breaks)
    >>> labels.tolist(), labels.cat.ordered
    (['before 2014', '2014 to Feb 2022', 'after Feb 2022'], True)
    """
    bins = [pd.Timestamp.min, breaks["2014"], breaks["2022"], pd.Timestamp.max]
    labels = pd.cut(pd.to_datetime(dates), bins=bins, labels=list(PERIODS), right=False)
    return labels


def presidency_of(dates: pd.Series, presidencies: pd.DataFrame) -> pd.Series:
    """Label each date with the president(s) in office that year, from the presidency table.

    Terms are known to the year only (the seed's headings), so a date in a year when power
    changed hands gets both names, e.g. ``"Viktor Yanukovych / Petro Poroshenko"``.

    >>> from analysis.tables.load import load_table
    >>> terms = load_table("presidencies")
    >>> presidency_of(pd.Series(pd.to_datetime(["2012-06-15", "2014-06-15"])), terms).tolist()
    ['Viktor Yanukovych', 'Viktor Yanukovych / Petro Poroshenko']
    """
    years = pd.to_datetime(dates).dt.year
    start = pd.to_datetime(presidencies["term_start"]).dt.year
    end = pd.to_datetime(presidencies["term_end"].replace("", None)).dt.year.fillna(9999)  # open-ended: in office
    names = presidencies["president"].tolist()

    def label(year: int) -> str:
        return " / ".join(n for n, s, e in zip(names, start, end, strict=True) if s <= year <= e)

    return years.map(label).astype("str")
