"""Poll identity and the source hierarchy: which pages report one fieldwork, and how far to trust them.

A *poll* is one fieldwork by one house (the organisation that interviewed; the commissioner is the
``sponsor``). A *page* is one URL that reports figures of a poll. The transcription files hold one
*record* per page and poll: the rows of one file with one ``source_poll_key`` and one ``url``.

Identity (:func:`assign_poll_ids`), in this order:

1. records of one house with the same fieldwork start at the same precision (the same day, or
   the same month or year when that is all the pages say) are one poll;
2. a record dated only to a month joins the one day-dated poll of that house whose fieldwork
   starts in that month and that asks the same question, when exactly one does
   (``date_inferred``); otherwise it stays a poll of its own (a year is too coarse to infer);
3. ``data/raw/poll_links.csv`` links records that pages date differently (a reviewed list, each
   link with its reason). A linked record joins the poll it is linked to and is left out of
   rules 1 and 2: two pages dated only "March 2022" may report two waves of that month.

Nothing else merges: two waves of one house started days apart stay two polls. Two fieldworks of
one house that start on the same day (a house's own wave and a survey it ran for a sponsor) are
told apart only by review: a link whose ``relation`` is ``other_fieldwork`` keeps a record out of
the named record's poll; records so marked group among themselves by rule 1, and their poll id is
numbered (``-2``).

Source hierarchy (:func:`classify_sources`): each page's domain is looked up in
``resources/source_kinds.csv`` (kind and organisation); a page on the house's or sponsor's own
site is a ``pollster_release``; the rest keep the kind of their outlet (``wire``, ``news``,
``aggregator``, ``blog``, ``state_media``, ``other``). Pages of one organisation (Interfax's
English and Ukrainian sites) are one source, not two.

Confidence (:func:`rate_confidence`) is rated per figure (poll x question x geography x base x
harmonised answer, sub-answers summed per page first): ``sources_disagree`` when pages differ by
more than :data:`AGREEMENT_TOLERANCE` points; else ``pollster_release`` when the house's own page
gives it; else ``independent_sources_agree`` when pages of two or more organisations give it; else
``single_secondary``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError, Issue
from analysis.paths import RESOURCES

AGREEMENT_TOLERANCE = 0.5
"""Two pages agree on a figure when their shares differ by at most this many points (rounding)."""

_SECOND_HAND = 1_000_000.0
"""Added by :func:`figure_rank` to the rank of a figure a page gives only approximately: more than any poll has pages."""

SOURCE_KINDS = ("pollster_release", "wire", "news", "aggregator", "blog", "state_media", "other")
"""Page kinds, in the order the series prefers them (a pollster's own release first)."""

CONFIDENCE = ("pollster_release", "independent_sources_agree", "single_secondary", "sources_disagree")
"""Confidence levels of a figure (see the module docstring)."""

FIGURE_KEY = ["poll_id", "question_type", "geography", "base", "answer"]
"""What one figure is: the share of one answer, in one poll, question, geography and base."""

_RECORD = ["file", "source_poll_key", "url"]


def _domain(url: str) -> str:
    return urlparse(url).netloc.casefold().removeprefix("www.")


@cache
def _source_table() -> pd.DataFrame:
    return pd.read_csv(RESOURCES / "source_kinds.csv", dtype="str", keep_default_na=False).set_index("domain")


@cache
def _low_credibility() -> frozenset[str]:
    table = pd.read_csv(RESOURCES / "low_credibility_sources.csv", dtype="str", keep_default_na=False)
    return frozenset(table["domain"])


def low_credibility(urls: pd.Series) -> pd.Series:
    """Whether each page is on an outlet listed in ``resources/low_credibility_sources.csv`` (with the
    reason: a repost that gives no fieldwork, sample or link, whose figures no other page confirms).

    >>> low_credibility(pd.Series(["https://www.voiceofeurope.com/a-poll/", "https://interfax.com.ua/news/1"])).tolist()
    [True, False]
    """
    return urls.map(_domain).isin(_low_credibility())


def classify_sources(urls: pd.Series, organisations: pd.Series) -> pd.DataFrame:
    """Each page's ``source_kind`` and ``source_org`` (the outlet, so that reprints count once).

    ``organisations`` holds, per row, the names of the poll's house and sponsors as text: a page on
    the site of an organisation named there (by its name or a short name in the table's
    ``also_known_as``) is a ``pollster_release``; a pollster's site reporting another house's
    poll counts as ``news``. Raises :class:`~analysis.errors.DataValidationError` for a
    domain missing from ``resources/source_kinds.csv``.

    >>> classify_sources(pd.Series(["https://ratinggroup.ua/x", "http://en.interfax.com.ua/n/1"]),
    ...                  pd.Series(["Rating Group;IRI", "Rating Group"]))
            source_kind       source_org
    0  pollster_release     Rating Group
    1              wire  Interfax-Ukraine
    """
    table = _source_table()
    domains = urls.map(_domain)
    missing = sorted(set(domains) - set(table.index))
    if missing:
        raise DataValidationError(
            [
                Issue(
                    "resources/source_kinds.csv",
                    None,
                    "domain",
                    d,
                    f"no source kind for the page {urls[domains == d].iloc[0]}",
                )
                for d in missing
            ]
        )
    kind = domains.map(table["kind"])
    org = domains.map(table["organisation"]).where(lambda s: s != "", domains)
    names = domains.map(table["also_known_as"])
    own = [
        any(_names_in(n, text) for n in [o, *filter(None, aka.split(";"))])
        for o, aka, text in zip(org, names, organisations, strict=True)
    ]
    own_site = pd.Series(own, index=urls.index)
    kind = kind.mask(kind == "pollster", own_site.map({True: "pollster_release", False: "news"}))
    return pd.DataFrame({"source_kind": kind.astype("str"), "source_org": org.astype("str")}, index=urls.index)


def _names_in(name: str, text: str) -> bool:
    """Whether an organisation's name (or short name) appears as whole words in ``text``."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE) is not None


class _Groups:
    """Union-find over record indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def read_links(path: Path) -> pd.DataFrame:
    """The reviewed links between records that pages date differently (``data/raw/poll_links.csv``).

    Every column is read as text; an empty cell is ``""``.

    >>> from analysis.paths import RAW
    >>> read_links(RAW / "poll_links.csv").columns.tolist()
    ['file', 'source_poll_key', 'same_as_file', 'same_as_key', 'relation', 'reason']
    """
    return pd.read_csv(path, dtype="str", keep_default_na=False)


def assign_poll_ids(frame: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One ``poll_id`` per fieldwork, and how it was decided (``identity``).

    ``frame`` has one row per figure with ``file``, ``source_poll_key``, ``url``, ``house``,
    ``field_start``, ``field_end`` (timestamps), ``date_precision``, ``start_as_written`` and
    ``question_type``. ``links`` has ``file``, ``source_poll_key``, ``same_as_file``,
    ``same_as_key``, ``relation`` (``same_fieldwork`` or ``other_fieldwork``) and ``reason``.
    Returns ``poll_id`` and ``identity`` (``dated``, ``date_inferred`` or ``linked``) aligned
    with ``frame``. A link naming no record raises, and so does an ``other_fieldwork`` link
    between records that rule 1 would not join anyway (another house or another start).

    >>> f = pd.DataFrame({"file": ["a", "a", "b", "b"], "source_poll_key": ["k1", "k2", "m1", "m2"],
    ...     "url": ["u1", "u2", "u3", "u4"], "house": ["Rating Group"] * 4,
    ...     "field_start": pd.to_datetime(["2022-06-18", "2022-06-27", "2022-06-18", "2022-06-01"]),
    ...     "field_end": pd.to_datetime(["2022-06-19", "2022-06-28", "2022-06-19", "2022-06-30"]),
    ...     "date_precision": ["day", "day", "day", "month"], "start_as_written": ["2022-06-18", "2022-06-27",
    ...     "2022-06-18", "2022-06"], "question_type": ["q"] * 4})
    >>> assign_poll_ids(f, pd.DataFrame(columns=["file", "source_poll_key", "same_as_file", "same_as_key", "relation",
    ...                                          "reason"]))
                      poll_id identity
    0  rating-group-2022-06-18    dated
    1  rating-group-2022-06-27    dated
    2  rating-group-2022-06-18    dated
    3     rating-group-2022-06    dated

    Two waves in June stay apart, and the month-dated page stays alone because two day-dated
    polls of the house start in that month.
    """
    records = frame.drop_duplicates(_RECORD)[
        _RECORD + ["house", "field_start", "field_end", "date_precision", "start_as_written"]
    ].reset_index(drop=True)
    questions = frame.groupby(_RECORD)["question_type"].agg(frozenset)
    groups = _Groups(len(records))
    how = ["dated"] * len(records)
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, r in records.iterrows():
        by_key.setdefault((r["file"], r["source_poll_key"]), []).append(i)
    keys = records[["file", "source_poll_key"]].apply(tuple, axis=1)
    unknown = ~links["relation"].isin(["same_fieldwork", "other_fieldwork"])
    if unknown.any():
        message = "relation must be same_fieldwork or other_fieldwork"
        raise DataValidationError(
            [
                Issue("poll_links.csv", int(i) + 1, "relation", links.loc[i, "relation"], message)
                for i in links.index[unknown]
            ]
        )
    other = links["relation"] == "other_fieldwork"
    same_links, apart_links = links[~other], links[other]
    # a linked record joins the poll it is linked to and nothing else (rule 3 decides it)
    linked = keys.isin(set(zip(same_links["file"], same_links["source_poll_key"], strict=True)))
    # a record marked as another fieldwork groups only with records so marked
    records["apart"] = keys.isin(set(zip(apart_links["file"], apart_links["source_poll_key"], strict=True)))
    for row, link in enumerate(links.itertuples(index=False), start=1):
        left = by_key.get((link.file, link.source_poll_key))
        right = by_key.get((link.same_as_file, link.same_as_key))
        if not left or not right:
            value, column = (link.source_poll_key, "source_poll_key") if not left else (link.same_as_key, "same_as_key")
            message = (
                f"link {link.file}:{link.source_poll_key} -> {link.same_as_file}:{link.same_as_key} names no record"
            )
            raise DataValidationError([Issue("poll_links.csv", row, column, value, message)])
        pair = records.loc[[left[0], right[0]], ["house", "field_start", "date_precision"]]
        if link.relation == "other_fieldwork" and len(pair.drop_duplicates()) > 1:
            message = "marks as another fieldwork a record of another house or start, which stays apart anyway"
            raise DataValidationError([Issue("poll_links.csv", row, "relation", link.relation, message)])
    # 1. same house, same start at the same precision (to the day; or the same month or year)
    for _, same in records[~linked].groupby(["house", "field_start", "date_precision", "apart"]):
        first = same.index[0]
        for i in same.index[1:]:
            groups.union(first, i)
    exact = records[records["date_precision"] == "day"]
    # 2. a month-dated page joins the single day-dated poll of the house starting in that month
    for i, r in records[(records["date_precision"] == "month") & ~linked & ~records["apart"]].iterrows():
        inside = exact[
            (exact["house"] == r["house"])
            & (exact["field_start"] >= r["field_start"])
            & (exact["field_start"] <= r["field_end"])
        ]
        same_question = [bool(questions[tuple(x)] & questions[tuple(r[_RECORD])]) for x in inside[_RECORD].to_numpy()]
        inside = inside.loc[pd.Series(same_question, index=inside.index, dtype=bool)]
        if len({groups.find(j) for j in inside.index}) == 1:
            groups.union(inside.index[0], i)
            how[i] = "date_inferred"
    # 3. reviewed links
    for link in same_links.itertuples(index=False):
        right = by_key[(link.same_as_file, link.same_as_key)]
        for i in by_key[(link.file, link.source_poll_key)]:
            groups.union(right[0], i)
            how[i] = "linked"
    records["root"] = [groups.find(i) for i in range(len(records))]
    records["identity"] = how
    # The id: house and the earliest start of the finest precision in the group.
    order = {"day": 0, "month": 1, "season": 2, "year": 3}
    named = records.assign(rank=records["date_precision"].map(order)).sort_values(["root", "rank", "field_start"])
    ids = named.groupby("root").first().apply(lambda r: f"{_slug(r['house'])}-{r['start_as_written']}", axis=1)
    records["poll_id"] = records["root"].map(ids)
    clash = records.groupby("poll_id")["root"].nunique()
    for pid in clash[clash > 1].index:
        # Two different fieldworks whose ids would coincide (two month-dated pages, or a fieldwork
        # marked as another one of the same start): number them, the marked ones last.
        same_id = records[records["poll_id"] == pid]
        roots = same_id.groupby("root")["apart"].any().reset_index().sort_values(["apart", "root"])["root"].tolist()
        for k, root in enumerate(roots[1:], start=2):
            records.loc[records["root"] == root, "poll_id"] = f"{pid}-{k}"
    out = frame[_RECORD].merge(records[_RECORD + ["poll_id", "identity"]], on=_RECORD, how="left")
    return out[["poll_id", "identity"]].set_axis(frame.index)


def page_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares per page and figure, sub-answers summed ('fully' + 'rather' support are one ``for``).

    This is the one place where sub-answers are summed. The residual answer ``other`` sums
    whichever options a page prints, so its total is one figure only among pages that print the
    same options: ``options`` names them (the answers as written, for ``other`` when
    ``answer_as_written`` is given; empty otherwise), and pages are compared on
    :data:`FIGURE_KEY` and ``options``.

    >>> f = pd.DataFrame({"poll_id": ["p"] * 4, "url": ["u", "u", "v", "w"], "question_type": ["q"] * 4,
    ...     "geography": ["national"] * 4, "base": ["all_respondents"] * 4,
    ...     "answer": ["for", "for", "other", "other"], "answer_as_written": ["fully", "rather", "a UN mission", "none"],
    ...     "share": [40.0, 24.0, 6.4, 31.1]})
    >>> page_totals(f)[["url", "answer", "options", "share"]]
      url answer       options  share
    0   u    for                 64.0
    1   v  other  a UN mission    6.4
    2   w  other          none   31.1
    """
    frame = frame.assign(options="")
    if "answer_as_written" in frame.columns:
        other = frame["answer"] == "other"
        written = (
            frame[other].groupby([*FIGURE_KEY, "url"])["answer_as_written"].transform(lambda s: "; ".join(sorted(s)))
        )
        frame.loc[other, "options"] = written
    return frame.groupby([*FIGURE_KEY, "options", "url"], as_index=False, sort=True)["share"].sum()


def rate_confidence(frame: pd.DataFrame) -> pd.Series:
    """Confidence of each row's figure (see :data:`CONFIDENCE`), aligned with ``frame``.

    ``frame`` needs the :data:`FIGURE_KEY` columns, ``url``, ``share``, ``source_kind`` and
    ``source_org``.

    >>> f = pd.DataFrame({"poll_id": ["p"] * 3, "question_type": ["q"] * 3, "geography": ["national"] * 3,
    ...     "base": ["all_respondents"] * 3, "answer": ["for"] * 3, "url": ["a", "b", "c"],
    ...     "share": [50.0, 50.0, 50.0], "source_kind": ["news", "wire", "wire"],
    ...     "source_org": ["X", "Interfax", "Interfax"]})
    >>> rate_confidence(f).tolist()
    ['independent_sources_agree', 'independent_sources_agree', 'independent_sources_agree']
    """
    totals = page_totals(frame)
    pages = frame.drop_duplicates("url").set_index("url")
    totals["release"] = totals["url"].map(pages["source_kind"]).eq("pollster_release")
    totals["org"] = totals["url"].map(pages["source_org"])
    figures = totals.groupby([*FIGURE_KEY, "options"], sort=False).agg(
        low=("share", "min"), high=("share", "max"), release=("release", "any"), orgs=("org", "nunique")
    )
    levels = np.select(
        [figures["high"] - figures["low"] > AGREEMENT_TOLERANCE, figures["release"], figures["orgs"] >= 2],
        ["sources_disagree", "pollster_release", "independent_sources_agree"],
        "single_secondary",
    ).tolist()
    rated = dict(zip(figures.index, levels, strict=True))
    page_figure = totals.set_index([*FIGURE_KEY, "url"])["options"]
    keys = pd.MultiIndex.from_frame(frame[[*FIGURE_KEY, "url"]])
    return pd.Series([rated[(*k[:-1], page_figure[k])] for k in keys], index=frame.index, dtype="str")


def disagreements(frame: pd.DataFrame) -> pd.DataFrame:
    """Every figure on which pages disagree: each page's total, and which page the series uses.

    The series uses the page that :func:`figure_rank` puts first: the pollster's own release, then
    a page that prints the figure exactly before one that gives it only approximately ("about 14%"),
    then a wire, then news, then the rest; among pages of one kind, the one that reports more figures
    of the poll (the fuller page: rows of any question, answer or region); then the earliest URL
    alphabetically only to break a tie between pages that are otherwise equal.

    Three pages give the same figure; one differs by more than :data:`AGREEMENT_TOLERANCE` points,
    so all three are listed, and the series takes the pollster's own release:

    >>> f = pd.DataFrame({"poll_id": ["p"] * 3, "question_type": ["q"] * 3, "geography": ["national"] * 3,
    ...     "base": ["all_respondents"] * 3, "answer": ["for"] * 3, "url": ["https://a", "https://b", "https://c"],
    ...     "share": [51.0, 54.0, 51.2], "source_kind": ["news", "pollster_release", "wire"]})
    >>> disagreements(f)[["url", "share", "source_kind", "used_by_series"]]
             url  share       source_kind used_by_series
    0  https://a   51.0              news             no
    1  https://b   54.0  pollster_release            yes
    2  https://c   51.2              wire             no
    >>> len(disagreements(f.assign(share=[51.0, 51.4, 51.2])))
    0

    A wire's "about 14%" against two news pages' 8.5 and 9: the exact figures come first (:func:`figure_rank`):

    >>> g = f.assign(share=[8.5, 9.0, 14.0], source_kind=["news", "news", "wire"],
    ...     share_qualifier=["exact", "exact", "approximate"])
    >>> disagreements(g)[["url", "share", "used_by_series"]].to_dict("list")
    {'url': ['https://a', 'https://b', 'https://c'], 'share': [8.5, 9.0, 14.0], 'used_by_series': ['yes', 'no', 'no']}
    """
    totals = page_totals(frame)
    pages = frame.drop_duplicates("url").set_index("url")
    totals["source_kind"] = totals["url"].map(pages["source_kind"])
    shares = totals.groupby([*FIGURE_KEY, "options"])["share"]
    spread = shares.transform("max") - shares.transform("min")
    out = totals[spread > AGREEMENT_TOLERANCE].drop(columns="options")
    rank = pd.MultiIndex.from_frame(out[["poll_id", "url"]]).map(preferred_page(frame))
    qualifier = "exact"
    if "share_qualifier" in frame.columns:  # a figure is approximate on a page when any of its sub-answers is
        rough = frame["share_qualifier"].ne("exact").groupby([frame[c] for c in [*FIGURE_KEY, "url"]]).any()
        qualifier = pd.MultiIndex.from_frame(out[[*FIGURE_KEY, "url"]]).map(rough).map({True: "approximate"})
    out["page_rank"] = figure_rank(pd.Series(rank, index=out.index), out["source_kind"], qualifier)
    used = out.sort_values([*FIGURE_KEY, "page_rank"]).groupby(FIGURE_KEY)["url"].first()
    out["used_by_series"] = [
        "yes" if u == used[tuple(k)] else "no" for u, k in zip(out["url"], out[FIGURE_KEY].to_numpy(), strict=True)
    ]
    return out.drop(columns="page_rank").sort_values([*FIGURE_KEY, "url"]).reset_index(drop=True)


def preferred_page(frame: pd.DataFrame) -> pd.Series:
    """Rank of each page within its poll (0 = preferred), by the stated rule.

    Kind first (:data:`SOURCE_KINDS` order), then the number of figures the page reports for the
    poll (more is fuller), then the URL (a deterministic tie-break only).

    Returns the rank indexed by (``poll_id``, ``url``): a page that reports two polls is ranked
    within each.

    >>> f = pd.DataFrame({"poll_id": ["p"] * 3, "url": ["https://b", "https://a", "https://a"],
    ...     "source_kind": ["pollster_release", "news", "news"]})
    >>> preferred_page(f).to_dict()
    {('p', 'https://b'): 0, ('p', 'https://a'): 1}
    """
    pages = frame.groupby(["poll_id", "url"], as_index=False).agg(
        kind=("source_kind", "first"), figures=("url", "size")
    )
    pages["kind_rank"] = pages["kind"].map({k: i for i, k in enumerate(SOURCE_KINDS)})
    pages = pages.sort_values(["poll_id", "kind_rank", "figures", "url"], ascending=[True, True, False, True])
    pages["rank"] = pages.groupby("poll_id").cumcount()
    return pages.set_index(["poll_id", "url"])["rank"]


def figure_rank(page_rank: pd.Series, source_kind: pd.Series, share_qualifier: pd.Series | str) -> pd.Series:
    """Order of the pages that give one figure (lowest first): their :func:`preferred_page` rank, except
    that a figure given only approximately ("about 14%", "more than 70%", any ``share_qualifier`` but
    ``exact``) by a page that is not the pollster's release comes after every page that prints it exactly.

    A rounded figure is second-hand (a speaker's "about", a headline's "more than"): a news page that
    prints the release's 8.5 is closer to the release than a wire that quotes "about 14%".

    >>> kind = pd.Series(["wire", "news", "pollster_release"])
    >>> figure_rank(pd.Series([1, 2, 0]), kind, pd.Series(["approximate", "exact", "approximate"])).tolist()
    [1000001.0, 2.0, 0.0]
    """
    rough = pd.Series(share_qualifier, index=page_rank.index).fillna("exact").ne("exact")
    second_hand = rough & source_kind.ne("pollster_release").to_numpy()
    return page_rank.astype("float64") + np.where(second_hand, _SECOND_HAND, 0.0)


def check_identity(frame: pd.DataFrame, conflicts: pd.DataFrame) -> None:
    """Raise unless the poll ids are consistent (the invariants of one poll = one fieldwork).

    - no figure of one page (url, question, geography, answer as written, share) sits under two
      poll ids;
    - no poll has two different sample sizes for the whole sample, and no page's figure has two
      bases, unless ``conflicts`` (``data/raw/poll_conflicts.csv``: file, source_poll_key, field,
      reason) lists a record of that poll with that field and the reason it is accepted.

    ``frame`` needs ``file``, ``line``, ``source_poll_key``, ``url``, ``poll_id``,
    ``question_type``, ``geography``, ``geography_as_written``, ``answer_as_written``, ``share``,
    ``base`` and ``sample_size`` (text, '' when unknown).

    Two pages of one poll give two national sample sizes: an error, unless a conflict is accepted:

    >>> f = pd.DataFrame({"file": ["a.csv", "b.csv"], "line": [2, 2], "source_poll_key": ["k", "m"],
    ...     "url": ["https://a", "https://b"], "poll_id": ["p", "p"], "question_type": ["q", "q"],
    ...     "geography": ["national"] * 2, "geography_as_written": ["Ukraine"] * 2, "answer_as_written": ["yes"] * 2,
    ...     "share": [51.0, 51.0], "base": ["all_respondents"] * 2, "sample_size": ["2000", "2004"]})
    >>> check_identity(f, pd.DataFrame(columns=["file", "source_poll_key", "field", "reason"]))
    Traceback (most recent call last):
    analysis.errors.DataValidationError: 1 validation issue(s):
    a.csv, row 1 (line 2), column 'sample_size': value '2000': poll p has two sample sizes (2000, 2004): two waves, or a note is needed
    >>> check_identity(f, pd.DataFrame({"file": ["b.csv"], "source_poll_key": ["m"], "field": ["sample_size"],
    ...     "reason": ["the page gives the weighted sample"]}))
    """
    issues: list[Issue] = []
    accepted = {(r.file, r.source_poll_key, r.field) for r in conflicts.itertuples(index=False)}

    def excused(rows: pd.DataFrame, field: str) -> bool:
        return any((f, k, field) in accepted for f, k in zip(rows["file"], rows["source_poll_key"], strict=True))

    figure = ["url", "question_type", "geography_as_written", "answer_as_written", "share"]
    by_figure = frame.groupby(figure, sort=False)  # only figures with two poll ids or two bases can raise
    suspect = (by_figure["poll_id"].transform("nunique") > 1) | (by_figure["base"].transform("nunique") > 1)
    for _, rows in frame[suspect].groupby(figure, sort=False):
        if rows["poll_id"].nunique() > 1:
            first = rows.iloc[0]
            ids = ", ".join(sorted(rows["poll_id"].unique()))
            issues.append(
                Issue(
                    first["file"],
                    int(first["line"]) - 1,
                    "source_poll_key",
                    first["source_poll_key"],
                    f"one page's figure sits under two poll ids ({ids})",
                )
            )
        if rows["base"].nunique() > 1 and not excused(rows, "base"):
            first = rows.iloc[0]
            issues.append(
                Issue(
                    first["file"],
                    int(first["line"]) - 1,
                    "base",
                    first["base"],
                    f"one page's figure has two bases ({', '.join(sorted(rows['base'].unique()))})",
                )
            )
    national = frame[(frame["geography"] == "national") & (frame["sample_size"] != "")]
    national = national[national.groupby("poll_id")["sample_size"].transform("nunique") > 1]
    for poll_id, rows in national.groupby("poll_id", sort=True):
        if rows["sample_size"].nunique() > 1 and not excused(rows, "sample_size"):
            first = rows.iloc[0]
            sizes = ", ".join(sorted(rows["sample_size"].unique(), key=int))
            issues.append(
                Issue(
                    first["file"],
                    int(first["line"]) - 1,
                    "sample_size",
                    first["sample_size"],
                    f"poll {poll_id} has two sample sizes ({sizes}): two waves, or a note is needed",
                )
            )
    if issues:
        raise DataValidationError(issues)


def poll_modes(frame: pd.DataFrame, extra: pd.DataFrame, name: str = "poll_modes.csv") -> pd.DataFrame:
    """One mode per poll, with the page that states it (``mode``, ``mode_source`` per row).

    A page that states the mode of its poll states it for every page of that poll: rows whose
    own page is silent take the mode of a page that gives it, and ``mode_source`` names that
    page (the best-ranked by :func:`preferred_page`). ``extra`` (``data/raw/poll_modes.csv``:
    ``poll_id``, ``mode``, ``url``, and what that page says of the fieldwork) adds pages read
    for the mode alone. A row's mode counts as stated by ``metadata_url`` where its
    ``metadata_fields`` name ``mode``, else by its own ``url``. Raises
    :class:`DataValidationError` for a rule naming no poll, and for a poll whose pages state
    two modes.

    >>> f = pd.DataFrame({"poll_id": ["p", "p"], "url": ["https://a", "https://b"],
    ...     "source_kind": ["news", "news"], "mode": ["telephone", "unknown"],
    ...     "metadata_url": ["", ""], "metadata_fields": ["", ""]})
    >>> poll_modes(f, pd.DataFrame(columns=["poll_id", "mode", "url"])).to_dict("list")
    {'mode': ['telephone', 'telephone'], 'mode_source': ['', 'https://a']}
    """
    stating = [
        meta if "mode" in fields.split(";") else url
        for url, meta, fields in zip(frame["url"], frame["metadata_url"], frame["metadata_fields"], strict=True)
    ]
    rank = pd.MultiIndex.from_frame(frame[["poll_id", "url"]]).map(preferred_page(frame)).to_numpy()
    known = frame["mode"] != "unknown"
    stated = pd.DataFrame({"poll_id": frame["poll_id"], "mode": frame["mode"], "page": stating, "rank": rank}).loc[
        known.to_numpy()
    ]
    issues: list[Issue] = []
    polls = set(frame["poll_id"])
    for row, rule in enumerate(extra.itertuples(index=False), start=1):
        if rule.poll_id not in polls:
            issues.append(Issue(name, row, "poll_id", rule.poll_id, "names no poll of the built table"))
    extra_pages = pd.DataFrame({"poll_id": extra["poll_id"], "mode": extra["mode"], "page": extra["url"]})
    stated = pd.concat(
        [stated.sort_values(["poll_id", "rank"]), extra_pages.assign(rank=len(frame))], ignore_index=True
    )
    for poll_id, modes in stated.groupby("poll_id")["mode"]:
        if modes.nunique() > 1:
            pages = "; ".join(f"{m}: {u}" for m, u in zip(modes, stated.loc[modes.index, "page"], strict=True))
            issues.append(Issue(name, None, "mode", poll_id, f"the pages of one poll state two modes ({pages})"))
    if issues:
        raise DataValidationError(issues)
    first = stated.drop_duplicates("poll_id").set_index("poll_id")
    mode = frame["mode"].where(known, frame["poll_id"].map(first["mode"]).fillna("unknown"))
    page = pd.Series(stating, index=frame.index).where(known, frame["poll_id"].map(first["page"]).fillna(""))
    return pd.DataFrame({"mode": mode, "mode_source": page.where(page != frame["url"], "")})
