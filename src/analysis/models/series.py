"""One row per poll: the series every model and chart starts from.

The poll table keeps sub-answers as the source gives them (e.g. 'fully' and 'rather'
support, both ``for``) and one row per page reporting a poll. :func:`answer_totals` is the
one place where sub-answers are summed; :func:`poll_series` then keeps one page per poll.

>>> import pandas as pd
>>> p = pd.DataFrame({c: ["x"] * 2 for c in POLL_COLUMNS} | {"share": [40.0, 24.0]})
>>> float(answer_totals(p)["share"].iloc[0])
64.0
"""

from __future__ import annotations

import pandas as pd

from analysis.models.periods import midpoint

POLL_COLUMNS = [
    "poll_id",
    "source",
    "source_type",
    "pollster",
    "field_start",
    "field_end",
    "sample_size",
    "mode",
    "covers_crimea",
    "covers_occupied_donbas",
    "question_type",
    "geography",
    "base",
    "answer",
    "flags",
]


"""What identifies one poll's answer on one page, with what the models need of it."""


def answer_totals(polls: pd.DataFrame) -> pd.DataFrame:
    """Sum sub-answers (e.g. 'fully' + 'rather' support, both ``for``) per poll and source.

    >>> p = pd.DataFrame({c: ["x"] * 2 for c in POLL_COLUMNS} | {"share": [40.0, 24.0]})
    >>> float(answer_totals(p)["share"].iloc[0])
    64.0
    """
    keep = polls[POLL_COLUMNS + ["share"]].fillna({"sample_size": -1})
    out = keep.groupby(POLL_COLUMNS, as_index=False, dropna=False)["share"].sum()
    out["sample_size"] = out["sample_size"].where(out["sample_size"] != -1)
    return out


def poll_series(
    polls: pd.DataFrame, question_type: str, answer: str, base: str = "all_respondents", geography: str = "national"
) -> pd.DataFrame:
    """One row per poll: its share giving ``answer``, with date, sample size and pollster.

    Sub-answers are summed first (:func:`answer_totals`). Where several pages report the same
    poll, the one whose figure is nearest the median of the pages is used and ``sources`` and
    ``spread`` (max - min across pages, points) say how far they disagree: nothing is averaged.
    ``sample_size`` is a float (NaN where the source gives none), as the models take it.
    """
    return series_of_totals(answer_totals(polls), question_type, answer, base, geography)


def series_of_totals(
    totals: pd.DataFrame, question_type: str, answer: str, base: str = "all_respondents", geography: str = "national"
) -> pd.DataFrame:
    """:func:`poll_series` from the :func:`answer_totals` of the poll table, for callers that take
    many series from one table (the sums are then done once, not once per series)."""
    rows = totals[
        (totals["question_type"] == question_type)
        & (totals["answer"] == answer)
        & (totals["base"] == base)
        & (totals["geography"] == geography)
    ]
    by_poll = rows.groupby("poll_id", sort=True)["share"]
    distance = (rows["share"] - by_poll.transform("median")).abs()
    ranked = rows.assign(_distance=distance).sort_values(["poll_id", "_distance", "source"], kind="stable")
    out = ranked.drop_duplicates("poll_id").drop(columns="_distance").reset_index(drop=True)
    out["sample_size"] = out["sample_size"].astype("float64")  # NaN where unknown: what the models take
    out["sources"] = out["poll_id"].map(rows.groupby("poll_id")["source"].nunique()).astype("int64")
    out["spread"] = out["poll_id"].map(by_poll.max() - by_poll.min()).astype("float64")
    out["date"] = midpoint(out["field_start"], out["field_end"])
    return out.sort_values(["date", "poll_id"]).reset_index(drop=True)


def compare_seed_rows(polls: pd.DataFrame) -> pd.DataFrame:
    """Each seed figure beside the external record of the same poll (``linked_poll_id``).

    Matches on geography and answer (the seed's question type is often vaguer than the
    source's); where the external record gives sub-answers (e.g. 'fully' and 'rather'
    support), their shares are summed per source first. Returns one row per seed figure
    with the external share(s) and the difference in points; ``external`` is missing where
    the record has no matching figure.

    >>> p = pd.DataFrame({c: [""] * 3 for c in POLL_COLUMNS} | {"poll_id": ["s", "e", "e"],
    ...     "source_type": ["seed", "external", "external"], "linked_poll_id": ["e", "", ""],
    ...     "geography": ["national"] * 3, "answer": ["for"] * 3, "share": [64.0, 40.0, 24.0],
    ...     "source": ["seed.txt", "u", "u"], "question_type": ["q", "q2", "q2"],
    ...     "base": ["unknown", "all_respondents", "all_respondents"]})
    >>> compare_seed_rows(p)[["poll_id", "share", "external", "difference"]]
      poll_id  share  external  difference
    0       s   64.0      64.0         0.0
    """
    totals = answer_totals(polls[polls["source_type"] == "external"])
    seed = polls[(polls["source_type"] == "seed") & (polls["linked_poll_id"] != "")]
    merged = seed.merge(
        totals.rename(columns={"poll_id": "linked_poll_id", "share": "external", "source": "external_source"})[
            ["linked_poll_id", "geography", "answer", "external", "external_source"]
        ],
        on=["linked_poll_id", "geography", "answer"],
        how="left",
    )
    merged["difference"] = merged["share"] - merged["external"]
    return merged.sort_values(["poll_id", "geography", "answer", "external_source"]).reset_index(drop=True)
