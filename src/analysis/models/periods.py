"""Period labels derived from dates: before/after 2014 and February 2022, and presidencies.

The break points are data, not constants typed into notebooks: the start of 2014 is the
convention used for "before/after 2014" (the Euromaidan, the occupation of Crimea and the
war in Donbas all fall early in that year), and the full-scale invasion is the event
``ev-2022-invasion`` of the event table (24 February 2022 in the seed).

>>> import pandas as pd
>>> breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
>>> period_of(pd.Series(pd.to_datetime(["2012-06-15", "2017-06-11", "2022-05-20"])), breaks).tolist()
['before 2014', '2014 to Feb 2022', 'after Feb 2022']
"""

from __future__ import annotations

import pandas as pd

PERIODS = ("before 2014", "2014 to Feb 2022", "after Feb 2022")
START_OF_2014 = pd.Timestamp("2014-01-01")
INVASION_EVENT = "ev-2022-invasion"


def period_breaks(events: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """The two break dates: the start of 2014, and the invasion date from the event table.

    >>> from analysis.tables.load import load_events
    >>> period_breaks(load_events())["2022"]
    Timestamp('2022-02-24 00:00:00')
    """
    invasion = events.loc[events["event_id"] == INVASION_EVENT, "date"]
    if len(invasion) != 1:
        raise ValueError(f"the event table must hold exactly one {INVASION_EVENT!r} row")
    return {"2014": START_OF_2014, "2022": pd.Timestamp(invasion.iloc[0])}


def midpoint(start: pd.Series, end: pd.Series) -> pd.Series:
    """Middle day of each interval (ISO strings or timestamps), e.g. the fieldwork midpoint.

    >>> midpoint(pd.Series(["2014-06-01"]), pd.Series(["2014-06-30"])).dt.strftime("%Y-%m-%d").tolist()
    ['2014-06-15']
    """
    s, e = pd.to_datetime(start), pd.to_datetime(end)
    return (s + (e - s) / 2).dt.floor("D")


def period_of(dates: pd.Series, breaks: dict[str, pd.Timestamp]) -> pd.Series:
    """Label each date with one of :data:`PERIODS` (an ordered categorical).

    A date on a break belongs to the period it opens:

    >>> breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
    >>> labels = period_of(pd.Series(pd.to_datetime(["2013-12-31", "2014-01-01", "2022-02-24"])), breaks)
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
