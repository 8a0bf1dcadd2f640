"""How well each poll is sourced: best page kind, survey mode, and regional coverage by year.

Each function takes the poll table (:func:`analysis.load_polls`) and returns one row per poll, or
a count table; seed rows are left out (they are what the sources check).

>>> import pandas as pd
>>> p = pd.DataFrame({"poll_id": ["a", "a", "b"], "source_type": "external",
...     "source_kind": ["news", "pollster_release", "wire"], "mode": ["unknown", "telephone", "unknown"],
...     "field_start": pd.to_datetime(["2020-01-01"] * 3), "geography_level": ["national"] * 3,
...     "geography": ["national"] * 3})
>>> best_source(p)["best_source"].tolist()
['pollster_release', 'wire']
"""

from __future__ import annotations

import pandas as pd

from analysis.models.series import answer_totals
from analysis.tables.schema import COVERAGE_FROM, SCHEMAS, VOCABULARIES

_KIND_ORDER = [k for k in VOCABULARIES["source_kinds"] if k != "seed"]
_CONFIDENCE_ORDER = [c for c in SCHEMAS["polls"].field("confidence").enum if c != "seed"]
_FIGURE = ["poll_id", "question_type", "geography", "base", "answer"]  # one figure of one poll


def _external(polls: pd.DataFrame) -> pd.DataFrame:
    return polls[polls["source_type"] == "external"]


def best_source(polls: pd.DataFrame) -> pd.DataFrame:
    """One row per external poll: its best page kind (the pollster's release first, then a wire,
    news, an aggregator, a blog, state media, other) and its mode where any page states one.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"poll_id": ["a", "a", "b"], "source_type": "external",
    ...     "source_kind": ["news", "pollster_release", "wire"], "mode": ["unknown", "telephone", "unknown"],
    ...     "field_start": pd.to_datetime(["2020-01-01", "2020-01-01", "2021-03-01"])})
    >>> best_source(p)
      poll_id       best_source field_start       mode
    0       a  pollster_release  2020-01-01  telephone
    1       b              wire  2021-03-01    unknown
    """
    ext = _external(polls)
    rank = ext["source_kind"].map({k: i for i, k in enumerate(_KIND_ORDER)})
    best = ext.assign(rank=rank).sort_values(["poll_id", "rank"]).groupby("poll_id", sort=True)
    modes = ext[ext["mode"] != "unknown"].groupby("poll_id")["mode"].first()
    out = best.agg(best_source=("source_kind", "first"), field_start=("field_start", "min")).reset_index()
    out["mode"] = modes.reindex(out["poll_id"], fill_value="unknown").to_numpy()
    return out


def source_shares(polls: pd.DataFrame) -> pd.DataFrame:
    """Polls by best source kind: count and share of all external polls (percent).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"poll_id": ["a", "b"], "source_type": "external", "source_kind": ["news", "wire"],
    ...     "mode": "unknown", "field_start": pd.to_datetime(["2020-01-01"] * 2)})
    >>> source_shares(p)["polls"].tolist()
    [1, 1]
    """
    best = best_source(polls)["best_source"].value_counts()
    best = best.reindex([k for k in _KIND_ORDER if k in best.index])
    return pd.DataFrame({"polls": best, "percent": (100 * best / best.sum()).round(1)}).rename_axis("best source")


def regional_coverage(polls: pd.DataFrame) -> pd.DataFrame:
    """Polls per fieldwork year with figures for two or more regions of each level (macro-regions,
    oblasts, composites, cities), and with any figure for Ukrainians abroad or for people in occupied
    areas. Every year from the first to the last external poll has a row, so a year with no such poll
    shows as zeros rather than being left out.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"poll_id": ["a"] * 3, "source_type": "external", "geography_level": ["national",
    ...     "macro_region", "macro_region"], "geography": ["national", "West", "East"],
    ...     "field_start": pd.to_datetime(["2020-03-01"] * 3)})
    >>> regional_coverage(p).loc[2020, "macro_region"]
    np.int64(1)
    """
    ext = _external(polls)
    ext = ext[ext["geography_level"] != "national"]
    per = ext.groupby(["poll_id", "geography_level"]).agg(
        regions=("geography", "nunique"), year=("field_start", lambda s: s.min().year)
    )
    single = per.index.get_level_values("geography_level").isin(["abroad", "occupied"])  # one group is enough
    per = per[(per["regions"] >= 2) | single].reset_index()
    table = per.groupby(["year", "geography_level"])["poll_id"].nunique().unstack(fill_value=0)
    years = _external(polls)["field_start"].dt.year
    table = table.reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0)
    return table.rename_axis(index="year", columns=None)


def confidence_counts(polls: pd.DataFrame) -> pd.DataFrame:
    """External figures by confidence, and the pages that carry at least one figure of each level.

    Confidence belongs to a figure (one poll, question, geography, base and answer, as one page gives it),
    not to a page: one page can carry a figure its pollster's release confirms and another that no other
    page gives. So a page is counted under every level it carries, and the page column adds up to more
    than the number of pages. A figure two pages give differently is counted once per page under
    ``sources_disagree`` ("figures as pages give them"), so that count is larger than the number of
    figures the pages disagree on.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"source_type": "external", "poll_id": "a", "source": ["u", "u", "v"],
    ...     "question_type": "q", "geography": ["national", "West", "national"], "base": "all_respondents",
    ...     "answer": "for", "confidence": ["sources_disagree", "single_secondary", "sources_disagree"]})
    >>> confidence_counts(p).to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
    {'single_secondary': {'figures as pages give them': 1, 'pages with such a figure': 1},
     'sources_disagree': {'figures as pages give them': 2, 'pages with such a figure': 2}}
    """
    ext = _external(polls)
    figures = ext.drop_duplicates([*_FIGURE, "source"])["confidence"].value_counts()
    pages = ext.drop_duplicates(["poll_id", "source", "confidence"])["confidence"].value_counts()
    order = [c for c in _CONFIDENCE_ORDER if c in figures.index]
    return (
        pd.DataFrame({"figures as pages give them": figures, "pages with such a figure": pages})
        .reindex(order)
        .rename_axis("confidence")
    )


def coverage_since_invasion(polls: pd.DataFrame, invasion: str | pd.Timestamp = COVERAGE_FROM) -> pd.DataFrame:
    """External polls fielded from ``invasion`` on, by what their pages say about who was surveyed: the areas
    occupied after the invasion (``covers_occupied_2022``) and Ukrainians abroad (``covers_abroad``).

    A poll takes what any of its pages states: ``no`` or ``yes``; ``pages disagree`` when one page says yes
    and another no; ``not stated`` when no page says (an empty cell or ``unknown``).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"source_type": "external", "poll_id": ["a", "a", "b", "c"],
    ...     "field_start": pd.to_datetime(["2023-01-01"] * 4), "covers_occupied_2022": ["", "no", "unknown", "yes"],
    ...     "covers_abroad": ["no", "no", "", ""]})
    >>> coverage_since_invasion(p)
                occupied after the invasion  abroad
    stated
    no                                    1       1
    yes                                   1       0
    not stated                            1       2
    """
    ext = _external(polls)
    ext = ext[ext["field_start"] >= pd.Timestamp(invasion)]
    columns = {"occupied after the invasion": "covers_occupied_2022", "abroad": "covers_abroad"}

    def per_poll(values: pd.Series) -> str:
        said = set(values) & {"yes", "no"}
        return "pages disagree" if len(said) > 1 else (said.pop() if said else "not stated")

    table = pd.DataFrame(
        {name: ext.groupby("poll_id")[column].agg(per_poll).value_counts() for name, column in columns.items()}
    )
    order = [s for s in ("no", "yes", "pages disagree", "not stated") if s in table.index]
    return table.reindex(order).fillna(0).astype(int).rename_axis("stated")


def polls_by_question_and_base(polls: pd.DataFrame) -> pd.DataFrame:
    """External polls per question type (rows) and base (columns: all respondents, those who would take part
    in a referendum, not stated). A poll that asks several questions, or gives one on two bases, counts in
    each cell it reaches, so the cells add up to more than the number of polls.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"source_type": "external", "poll_id": ["a", "a", "b"],
    ...     "question_type": "nato_referendum_vote", "base": ["all_respondents", "referendum_participants",
    ...     "all_respondents"]})
    >>> polls_by_question_and_base(p).to_dict("index")
    {'nato_referendum_vote': {'all_respondents': 2, 'referendum_participants': 1}}
    """
    ext = _external(polls)
    table = ext.groupby(["question_type", "base"])["poll_id"].nunique().unstack(fill_value=0)
    order = [b for b in ("all_respondents", "referendum_participants", "unknown") if b in table.columns]
    return table[order].rename_axis(index="question_type", columns=None)


def disagreement_sizes(disagreements: pd.DataFrame) -> pd.DataFrame:
    """How far the pages of one poll disagree on each figure (``data/disagreements.csv``, one row per page):
    the pages, the lowest and highest share, the gap in points and the share the series uses; the largest
    gap first. A gap of many points is rarely two outlets rounding differently: a typo, another question
    or base, or another poll, which the figure's notes in ``polls.csv`` discuss.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"poll_id": "a", "question_type": "q", "geography": "national", "base": "all_respondents",
    ...     "answer": "for", "url": ["u", "v"], "share": [39.7, 19.2], "used_by_series": ["no", "yes"]})
    >>> disagreement_sizes(d)[["pages", "lowest", "highest", "gap", "used"]].to_dict("records")
    [{'pages': 2, 'lowest': 19.2, 'highest': 39.7, 'gap': 20.5, 'used': 19.2}]
    """
    groups = disagreements.groupby(_FIGURE, sort=False)
    out = groups.agg(pages=("url", "nunique"), lowest=("share", "min"), highest=("share", "max"))
    out["gap"] = (out["highest"] - out["lowest"]).round(1)
    used = disagreements[disagreements["used_by_series"] == "yes"].set_index(_FIGURE)["share"]
    out["used"] = used.reindex(out.index).to_numpy()
    return out.sort_values("gap", ascending=False, kind="stable").reset_index()


def rejected_summary(rejected: pd.DataFrame) -> pd.DataFrame:
    """Transcribed rows that did not enter the poll table (``data/external_rejected.csv``), by reason: rows,
    the pages they come from, and the polls as transcribed (``source_poll_key``). A row repeated from a page
    already read loses nothing; a row with no fieldwork date loses a figure.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"reason": ["no fieldwork date in the source"] * 2 + ["excluded: another question"],
    ...     "url": ["u", "u", "v"], "source_poll_key": ["k1", "k1", "k2"]})
    >>> rejected_summary(r).to_dict("index")
    {'no fieldwork date in the source': {'rows': 2, 'pages': 1, 'polls as transcribed': 1}, 'excluded': {'rows': 1, 'pages': 1, 'polls as transcribed': 1}}
    """
    reason = rejected["reason"].str.split(":").str[0]
    table = (
        rejected.assign(reason=reason)
        .groupby("reason", sort=False)
        .agg(rows=("url", "size"), pages=("url", "nunique"), **{"polls as transcribed": ("source_poll_key", "nunique")})
    )
    return table.sort_values("rows", ascending=False, kind="stable")


def unstated_base_differences(polls: pd.DataFrame, tolerance: float = 0.5) -> pd.DataFrame:
    """Figures of one poll where a page that does not state the base (``unknown``) gives another share
    than a page that does. ``data/disagreements.csv`` compares pages only within one base, so these are
    never marked there: either the pages disagree, or the unknown-base page gives the other base (e.g. a
    share of referendum participants). Sub-answers are summed per page first. Returns poll_id,
    question_type, geography, answer, the unknown-base share, the stated base and its share, and the
    gap in points (largest first).

    >>> import pandas as pd
    >>> from analysis.models.series import POLL_COLUMNS
    >>> p = pd.DataFrame({c: [""] * 3 for c in POLL_COLUMNS} | {"source_type": "external", "poll_id": "a",
    ...     "question_type": "q", "geography": "national", "answer": "for", "source": ["u", "v", "v"],
    ...     "base": ["unknown", "all_respondents", "all_respondents"], "share": [45.4, 30.0, 11.0]})
    >>> unstated_base_differences(p)[["unknown", "base", "stated", "gap"]].to_dict("records")
    [{'unknown': 45.4, 'base': 'all_respondents', 'stated': 41.0, 'gap': 4.4}]
    """
    key = ["poll_id", "question_type", "geography", "answer"]
    pages = answer_totals(_external(polls))[[*key, "base", "source", "share"]]
    unknown = pages[pages["base"] == "unknown"].drop(columns=["base", "source"]).rename(columns={"share": "unknown"})
    stated = pages[pages["base"] != "unknown"].drop(columns="source").rename(columns={"share": "stated"})
    pairs = unknown.merge(stated, on=key)
    pairs["gap"] = (pairs["unknown"] - pairs["stated"]).abs().round(1)
    pairs = pairs[pairs["gap"] > tolerance].drop_duplicates()
    columns = [*key, "unknown", "base", "stated", "gap"]
    return pairs[columns].sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)
