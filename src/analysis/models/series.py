"""One row per poll: the series every model and chart starts from.

The poll table keeps sub-answers as the source gives them (e.g. 'fully' and 'rather'
support, both ``for``) and one row per page reporting a poll. :func:`answer_totals` is the
one place where sub-answers are summed; :func:`one_page_per_figure` then keeps one page per
figure by the build's stated rule (:func:`analysis.build.identity.figure_rank`: the
pollster's own release, then an exact figure before an approximate one, then a wire, then news,
then the rest), the page that ``data/disagreements.csv`` marks as used.

>>> import pandas as pd
>>> p = pd.DataFrame({c: ["x"] * 2 for c in POLL_COLUMNS} | {"share": [40.0, 24.0]})
>>> float(answer_totals(p)["share"].iloc[0])
64.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.build.identity import figure_rank, preferred_page
from analysis.errors import DataValidationError, Issue
from analysis.models.periods import midpoint

OPTIONAL_COLUMNS = ["date_precision", "covers_held_donbas"]
"""Kept by :func:`answer_totals` where present: how precisely each page dates the poll, and whether
it reached the government-held Donbas where a page says otherwise than the usual design."""
POLL_COLUMNS = [
    "poll_id",
    "source",
    "source_type",
    "source_kind",
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

FIGURE_ON_PAGE = ["poll_id", "source", "question_type", "geography", "base", "answer"]
"""One figure on one page: the rows :func:`answer_totals` sums (its sub-answers)."""


def answer_totals(polls: pd.DataFrame) -> pd.DataFrame:
    """Sum sub-answers (e.g. 'fully' + 'rather' support, both ``for``) per poll and source.

    Rows are summed per figure of one page (:data:`FIGURE_ON_PAGE`); the other columns of
    :data:`POLL_COLUMNS` describe the poll and must be the same on every sub-answer row, or a
    :class:`~analysis.errors.DataValidationError` names the figure, the column and the values (a
    sub-answer is never split off and lost). ``flags`` are joined (each token once). Where ``polls``
    has a ``share_qualifier`` column, a total is ``exact`` only when every sub-answer is; otherwise it
    takes the first other qualifier (e.g. ``approximate``).

    >>> p = pd.DataFrame({c: ["x"] * 2 for c in POLL_COLUMNS} | {"share": [40.0, 24.0]})
    >>> float(answer_totals(p)["share"].iloc[0])
    64.0
    >>> answer_totals(p.assign(share_qualifier=["exact", "approximate"]))["share_qualifier"].tolist()
    ['approximate']
    >>> answer_totals(p.assign(flags=["a", "b;a"]))[["flags", "share"]].values.tolist()
    [['a;b', 64.0]]
    >>> answer_totals(p.assign(mode=["telephone", "face_to_face"]))
    Traceback (most recent call last):
    ...
    analysis.errors.DataValidationError: 1 validation issue(s):
    poll table, column 'mode': value 'face_to_face; telephone': sub-answers of one figure (poll x, page x, x, x, x, x) disagree
    """
    columns = POLL_COLUMNS + [c for c in OPTIONAL_COLUMNS if c in polls.columns]
    keep = polls[columns + ["share"]].fillna({"sample_size": -1})
    grouped = keep.groupby(FIGURE_ON_PAGE, dropna=False, sort=True)
    described = [c for c in columns if c not in FIGURE_ON_PAGE and c != "flags"]
    counts = grouped[described].nunique(dropna=False)
    issues = [
        Issue(
            "poll table",
            None,
            column,
            "; ".join(sorted(str(v) for v in keep.set_index(FIGURE_ON_PAGE).loc[key, column].unique())),
            "sub-answers of one figure (poll {}, page {}, {}, {}, {}, {}) disagree".format(*key),
        )
        for key, row in counts[(counts > 1).any(axis=1)].iterrows()
        for column in row.index[row > 1]
    ]
    if issues:
        raise DataValidationError(issues)
    out = grouped[described].first()
    out["flags"] = _join_tokens(grouped.ngroup().to_numpy(), keep["flags"], grouped.ngroups)
    out["share"] = grouped["share"].sum()
    if "share_qualifier" in polls.columns:
        rough = polls["share_qualifier"].where(polls["share_qualifier"].ne("exact"))
        out["share_qualifier"] = keep.assign(q=rough).groupby(FIGURE_ON_PAGE, dropna=False)["q"].first().fillna("exact")
    out = out.reset_index()[[*columns, "share", *(["share_qualifier"] if "share_qualifier" in polls.columns else [])]]
    out["sample_size"] = out["sample_size"].where(out["sample_size"] != -1)
    return out


def _join_tokens(group: np.ndarray, flags: pd.Series, groups: int) -> list[str]:
    """Per group (``group[i]`` numbers row i's, ``0 .. groups - 1``), the distinct ";"-separated tokens of its
    rows' ``flags``, in first-seen order: one pass over the rows, not one pandas call per group (a tenth of the
    time on the poll table, where nearly every group is one row).

    >>> _join_tokens(np.array([1, 0, 1]), pd.Series(["b;a", None, "a;c"]), 2)
    ['', 'b;a;c']
    """
    tokens: list[dict[str, None]] = [{} for _ in range(groups)]
    for g, text in zip(group.tolist(), flags.tolist(), strict=True):
        if isinstance(text, str):
            tokens[g].update(dict.fromkeys(t for t in text.split(";") if t))
    return [";".join(t) for t in tokens]


LOW_CREDIBILITY = "low_credibility_source"
"""The ``flags`` token of a figure read on an outlet of ``resources/low_credibility_sources.csv``."""


def has_flag(frame: pd.DataFrame, token: str) -> pd.Series:
    """Whether each row's ``flags`` (tokens joined by ";") include ``token``; all False without a
    ``flags`` column.

    >>> f = pd.DataFrame({"flags": ["house_not_named;low_credibility_source", "", None]})
    >>> has_flag(f, LOW_CREDIBILITY).tolist(), has_flag(f, "house").tolist()
    ([True, False, False], [False, False, False])
    """
    if "flags" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["flags"].fillna("").astype("str").str.split(";").map(lambda tokens: token in tokens).astype("bool")


def poll_fieldwork(totals: pd.DataFrame, ranks: pd.Series) -> pd.DataFrame:
    """Each poll's fieldwork dates and sample size, by ``poll_id``, whichever page gives them.

    One poll is one fieldwork, but pages date it differently (a day, its month, its year): the
    finest ``date_precision`` wins, then the page ranked first (``ranks``, from :func:`page_ranks`);
    without a ``date_precision`` column, the page ranked first. ``sample_size`` is the first page's
    (by rank) that gives one (the build refuses a poll whose pages give two).

    >>> t = pd.DataFrame({"poll_id": ["p", "p"], "source": ["https://a", "https://b"],
    ...     "source_kind": ["pollster_release", "news"], "date_precision": ["year", "day"],
    ...     "field_start": pd.to_datetime(["2008-01-01", "2008-02-07"]),
    ...     "field_end": pd.to_datetime(["2008-12-31", "2008-02-18"])})
    >>> t["sample_size"] = [None, 2007.0]
    >>> f = poll_fieldwork(t, page_ranks(t)).loc["p"]
    >>> f["field_start"].date(), float(f["sample_size"])
    (datetime.date(2008, 2, 7), 2007.0)
    """
    order = {"day": 0, "month": 1, "season": 2, "year": 3}
    fine = totals["date_precision"].map(order) if "date_precision" in totals.columns else 0
    rank = pd.MultiIndex.from_frame(totals[["poll_id", "source"]]).map(ranks)
    ranked = totals.assign(_fine=fine, _rank=rank)
    dated = ranked.sort_values(["poll_id", "_fine", "_rank", "field_start"], kind="stable").drop_duplicates("poll_id")
    sized = ranked.dropna(subset=["sample_size"]).sort_values(["poll_id", "_rank"], kind="stable")
    out = dated.set_index("poll_id")[["field_start", "field_end"]]
    out["sample_size"] = sized.drop_duplicates("poll_id").set_index("poll_id")["sample_size"].astype("float64")
    return out


def page_ranks(polls: pd.DataFrame) -> pd.Series:
    """Rank of each page within its poll, by (``poll_id``, ``source``): the build's stated rule
    (:func:`~analysis.build.identity.preferred_page`: kind, then the fuller table, then the URL
    only to break a tie).

    >>> p = pd.DataFrame({"poll_id": ["p", "p", "q"], "source": ["https://news", "https://release", "https://wire"],
    ...     "source_kind": ["news", "pollster_release", "wire"]})
    >>> page_ranks(p).to_dict()
    {('p', 'https://release'): 0, ('p', 'https://news'): 1, ('q', 'https://wire'): 0}
    """
    return preferred_page(polls.rename(columns={"source": "url"}))


def one_page_per_figure(totals: pd.DataFrame, ranks: pd.Series, keys: list[str]) -> pd.DataFrame:
    """The rows of ``totals`` (from :func:`answer_totals`) from one page per ``keys`` group.

    The page is the one ranked first among the pages of the poll (``ranks``, from
    :func:`page_ranks` of the poll table), except that a page giving the figure only approximately
    comes after those that print it exactly (:func:`~analysis.build.identity.figure_rank`, where
    ``totals`` has a ``share_qualifier``); nothing is averaged. Columns ``sources`` (pages reporting the figure) and ``spread``
    (max - min across those pages, points) say how far they disagree.

    >>> polls = pd.DataFrame({"poll_id": ["p", "p"], "source": ["https://a", "https://b"],
    ...     "source_kind": ["news", "pollster_release"], "share": [60.0, 58.0]})
    >>> one_page_per_figure(polls, page_ranks(polls), ["poll_id"])[["source", "share", "sources", "spread"]].to_dict("records")
    [{'source': 'https://b', 'share': 58.0, 'sources': 2, 'spread': 2.0}]
    """
    rank = pd.Series(pd.MultiIndex.from_frame(totals[["poll_id", "source"]]).map(ranks), index=totals.index)
    qualifier = totals["share_qualifier"] if "share_qualifier" in totals.columns else "exact"
    grouped = totals.groupby(keys)["share"]
    ranked = totals.assign(
        _rank=figure_rank(rank, totals["source_kind"], qualifier),
        sources=totals.groupby(keys)["source"].transform("nunique").astype("int64"),
        spread=(grouped.transform("max") - grouped.transform("min")).astype("float64"),
    )
    ranked = ranked.sort_values([*keys, "_rank", "source"], kind="stable", na_position="last")
    return ranked.drop_duplicates(keys).drop(columns="_rank").reset_index(drop=True)


def poll_series(
    polls: pd.DataFrame, question_type: str, answer: str, base: str = "all_respondents", geography: str = "national"
) -> pd.DataFrame:
    """One row per poll: its share giving ``answer``, with date, sample size and pollster.

    Sub-answers are summed first (:func:`answer_totals`). Where several pages report the same
    poll, the preferred page is used (:func:`one_page_per_figure`: the pollster's release, then
    an exact figure before an approximate one, then a wire, then news, then the rest) and ``sources``
    and ``spread`` (max - min across pages,
    points) say how far they disagree: nothing is averaged. ``sample_size`` is a float (NaN
    where the source gives none), as the models take it. A filter value that no row of
    ``polls`` has raises :class:`~analysis.errors.DataValidationError` naming the known ones.

    >>> from analysis import load_polls
    >>> s = poll_series(load_polls(), "nato_referendum_vote", "for")
    >>> s[["pollster", "date", "share", "sources"]].head(2)
                                    pollster       date  share  sources
    0  Institute of Social and Political Psychology 2006-01-23   30.6        1
    1      Sofia Center for Sociological Studies 2006-09-13   21.5        2
    """
    return series_of_totals(answer_totals(polls), page_ranks(polls), question_type, answer, base, geography)


def series_of_totals(
    totals: pd.DataFrame,
    ranks: pd.Series,
    question_type: str,
    answer: str,
    base: str = "all_respondents",
    geography: str = "national",
) -> pd.DataFrame:
    """:func:`poll_series` from the :func:`answer_totals` and :func:`page_ranks` of the poll table,
    for callers that take many series from one table (both are then worked out once).

    Poll a on two pages (the release is used), poll b on one without a sample size:

    >>> p = pd.DataFrame({c: "x" for c in POLL_COLUMNS} | {"question_type": "q", "answer": "for",
    ...     "base": "all_respondents", "geography": "national", "poll_id": ["a", "a", "b"],
    ...     "source": ["https://news", "https://release", "https://wire"], "source_kind": ["news", "pollster_release", "wire"],
    ...     "field_start": ["2020-01-10", "2020-01-10", "2021-03-01"], "field_end": ["2020-01-20", "2020-01-20", "2021-03-05"],
    ...     "sample_size": [2000.0, 2000.0, None], "share": [61.0, 60.0, 55.0]})
    >>> totals, ranks = answer_totals(p), page_ranks(p)
    >>> series_of_totals(totals, ranks, "q", "for")[["poll_id", "source", "date", "share", "sample_size", "sources", "spread"]]
      poll_id           source       date  share  sample_size  sources  spread
    0       a  https://release 2020-01-15   60.0       2000.0        2     1.0
    1       b     https://wire 2021-03-03   55.0          NaN        1     0.0
    """
    wanted = {"question_type": question_type, "answer": answer, "base": base, "geography": geography}
    rows = totals[np.logical_and.reduce([totals[c] == v for c, v in wanted.items()])]
    out = one_page_per_figure(rows, ranks, ["poll_id"])
    if out.empty:  # a value no row has is a mistake worth naming; a combination no poll asked is just empty
        unknown = [(c, v) for c, v in wanted.items() if v not in set(totals[c])]
        if unknown:
            raise DataValidationError(
                [
                    Issue(
                        "poll table", None, c, v, f"no row has this value; known: {', '.join(sorted(set(totals[c])))}"
                    )
                    for c, v in unknown
                ]
            )
        return out.assign(sample_size=out["sample_size"].astype("float64"), date=pd.Series(dtype="datetime64[ns]"))
    # one poll is one fieldwork: dated by the page that dates it most precisely, and its sample size
    # from any page that gives it, whichever page gives the share
    fieldwork = poll_fieldwork(totals[totals["poll_id"].isin(out["poll_id"])], ranks)
    out["field_start"] = out["poll_id"].map(fieldwork["field_start"])
    out["field_end"] = out["poll_id"].map(fieldwork["field_end"])
    out["sample_size"] = out["poll_id"].map(fieldwork["sample_size"])  # NaN where unknown: what the models take
    out["date"] = midpoint(out["field_start"], out["field_end"])
    return out.sort_values(["date", "poll_id"]).reset_index(drop=True)


def compare_seed_rows(polls: pd.DataFrame) -> pd.DataFrame:
    """Each seed figure beside the external record of the same poll (``linked_poll_id``).

    Matches on geography and answer (the seed's question type is often vaguer than the
    source's); where the external record gives sub-answers (e.g. 'fully' and 'rather'
    support), their shares are summed per source first. Returns one row per seed figure with
    one external share (the record's figure for the same question type if it has one, then
    the same base, then the page the series uses) and the difference in points; ``external``
    is missing where the record has no matching figure. ``external_question_type`` and
    ``external_base`` say which figure of the record it is, and ``same_question`` whether it
    answers the seed's question type (a match across question types is not like for like).

    >>> p = pd.DataFrame({c: [""] * 3 for c in POLL_COLUMNS} | {"poll_id": ["s", "e", "e"],
    ...     "source_type": ["seed", "external", "external"], "linked_poll_id": ["e", "", ""],
    ...     "geography": ["national"] * 3, "answer": ["for"] * 3, "share": [64.0, 40.0, 24.0],
    ...     "source": ["seed.txt", "u", "u"], "question_type": ["q", "q2", "q2"],
    ...     "base": ["unknown", "all_respondents", "all_respondents"]})
    >>> compare_seed_rows(p)[["poll_id", "share", "external", "difference", "same_question"]]
      poll_id  share  external  difference  same_question
    0       s   64.0      64.0         0.0          False
    """
    external = polls[polls["source_type"] == "external"]
    totals = answer_totals(external)
    ranks = page_ranks(external)
    totals["_page"] = pd.MultiIndex.from_frame(totals[["poll_id", "source"]]).map(ranks)
    seed = polls[(polls["source_type"] == "seed") & (polls["linked_poll_id"] != "")].reset_index(drop=True)
    merged = seed.assign(_seed_row=seed.index).merge(
        totals.rename(
            columns={
                "poll_id": "linked_poll_id",
                "share": "external",
                "source": "external_source",
                "question_type": "_question",
                "base": "_base",
            }
        )[["linked_poll_id", "geography", "answer", "external", "external_source", "_question", "_base", "_page"]],
        on=["linked_poll_id", "geography", "answer"],
        how="left",
    )
    # one external figure per seed figure: the same question type first, then the same base, then
    # the page the series uses (a record may report the answer for several questions and bases)
    merged["_fit"] = (merged["_question"] != merged["question_type"]).astype(int) * 2 + (
        merged["_base"] != merged["base"]
    ).astype(int)
    merged = merged.sort_values(["_seed_row", "_fit", "_page", "external_source"], na_position="last")
    merged = merged.drop_duplicates("_seed_row").drop(columns=["_seed_row", "_fit", "_page"])
    merged = merged.rename(columns={"_question": "external_question_type", "_base": "external_base"})
    # like for like: the seed's question type against the record's (seed bases are never stated)
    merged["same_question"] = merged["external"].notna() & (merged["external_question_type"] == merged["question_type"])
    merged["difference"] = merged["share"] - merged["external"]
    return merged.sort_values(["poll_id", "geography", "answer", "external_source"]).reset_index(drop=True)
