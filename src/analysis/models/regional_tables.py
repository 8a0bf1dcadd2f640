"""Regional tables read one by one, as published, without the model; and simulated tables.

The companion of :mod:`analysis.models.regional` (which re-exports these names, so
``regional.orderings`` keeps working): checks that need no fit, each on the tables'
own region labels -- the raw gap between two regions after February 2022
(:func:`post_invasion_trend`) and within one house, question and base on both sides of the invasion
(:func:`within_house_gaps`), the orderings and majority claims each table supports
(:func:`orderings`, counted by :func:`agreement`) and the national share rebuilt from a table's
regions against the published one (:func:`reweighting_check`) -- and tables simulated from a known
truth in :func:`~analysis.models.regional_rows.regional_rows`' shape, to test the model on
(:func:`simulate_tables`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.models.periods import PERIODS
from analysis.models.regional_rows import BLOCKS, REGIONS, _Resolver
from analysis.models.regions import population_of
from analysis.models.series import answer_totals


def post_invasion_trend(rows: pd.DataFrame, breaks: dict[str, pd.Timestamp], first: str, second: str) -> pd.DataFrame:
    """Raw per-table gaps ``first`` - ``second`` (points) after February 2022, by date.

    Uses each table's own labels (definitions differ: see ``pollster``).

    Two tables, one before 2014 and one after February 2022:

    >>> rows = pd.DataFrame({"table_id": ["t1"] * 4 + ["t2"] * 3, "pollster": ["P"] * 4 + ["Q"] * 3,
    ...     "question_type": "q", "date": pd.to_datetime(["2010-05-01"] * 4 + ["2023-05-01"] * 3),
    ...     "geography": ["West", "Centre", "South", "East", "West", "Centre", "East"],
    ...     "share": [60.0, 40.0, 25.0, 20.0, 90.0, 85.0, 70.0]})
    >>> breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
    >>> post_invasion_trend(rows, breaks, "West", "East")
      table_id pollster       date   gap
    0       t2        Q 2023-05-01  20.0
    """
    return _raw_gaps(rows[rows["date"] >= breaks["2022"]], first, second, ["table_id", "pollster", "date"])


def within_house_gaps(rows: pd.DataFrame, breaks: dict[str, pd.Timestamp], first: str, second: str) -> pd.DataFrame:
    """Raw per-table gaps ``first`` - ``second`` (points) since 2014 of each pollster, question type and base
    with tables on both sides of the invasion: the like-for-like comparison (one house, one question, one base,
    one set of region borders) that the model's pooled periods cannot give. Uses each table's own labels.

    >>> rows = pd.DataFrame({"table_id": ["a", "a", "b", "b", "c", "c"], "pollster": ["P", "P", "P", "P", "Q", "Q"],
    ...     "question_type": "q", "base": "all", "date": pd.to_datetime(["2016-05-01"] * 2 + ["2023-05-01"] * 4),
    ...     "geography": ["West", "South"] * 3, "share": [70.0, 30.0, 85.0, 70.0, 80.0, 60.0]})
    >>> breaks = {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")}
    >>> within_house_gaps(rows, breaks, "West", "South")
      pollster question_type base table_id       date   gap
    0        P             q  all        a 2016-05-01  40.0
    1        P             q  all        b 2023-05-01  15.0
    """
    keys = ["pollster", "question_type", "base"]
    gaps = _raw_gaps(rows[rows["date"] >= breaks["2014"]], first, second, [*keys, "table_id", "date"])
    after = gaps["date"] >= breaks["2022"]
    both = after.groupby([gaps[k] for k in keys]).transform(lambda s: s.any() and not s.all()).astype(bool)
    return gaps[both].sort_values([*keys, "date"]).reset_index(drop=True)


def _raw_gaps(rows: pd.DataFrame, first: str, second: str, index: list[str]) -> pd.DataFrame:
    """``first`` - ``second`` per table, as printed (empty, with the columns, where either is never reported)."""
    wide = rows.pivot_table(index=index, columns="geography", values="share")
    if first not in wide or second not in wide:
        return pd.DataFrame(columns=[*index, "gap"])
    g = (wide[first] - wide[second]).dropna().rename("gap").reset_index()
    return g.sort_values("date").reset_index(drop=True)


def orderings(rows: pd.DataFrame, breaks: dict[str, pd.Timestamp]) -> pd.DataFrame:
    """Per regional table (own labels), which orderings and majority claims it supports.

    Columns are True/False, or missing where the table lacks a region the claim needs:
    ``west_gt_centre``, ``centre_gt_south``, ``centre_gt_east``, ``south_gt_east``,
    ``south_below_half``/``east_below_half`` (tables before February 2022 only) and
    ``all_majority`` (after February 2022 only: every reported region above 50).

    Two tables, one before 2014 and one after February 2022 without the South:

    >>> rows = pd.DataFrame({"table_id": ["t1"] * 4 + ["t2"] * 3, "pollster": ["P"] * 4 + ["Q"] * 3,
    ...     "question_type": "q", "date": pd.to_datetime(["2010-05-01"] * 4 + ["2023-05-01"] * 3),
    ...     "geography": ["West", "Centre", "South", "East", "West", "Centre", "East"],
    ...     "share": [60.0, 40.0, 25.0, 20.0, 90.0, 85.0, 70.0]})
    >>> breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
    >>> orderings(rows, breaks).set_index("table_id").iloc[:, 3:].T
    table_id            t1    t2
    west_gt_centre    True  True
    centre_gt_south   True   NaN
    centre_gt_east    True  True
    south_gt_east     True   NaN
    south_below_half  True   NaN
    east_below_half   True   NaN
    all_majority       NaN  True
    """
    wide = rows.pivot_table(
        index=["table_id", "pollster", "question_type", "date"], columns="geography", values="share"
    )
    wide = wide.reindex(columns=sorted(set(wide.columns) | set(REGIONS)))

    def cmp(a: str, b: str) -> pd.Series:
        return (wide[a] > wide[b]).where(wide[a].notna() & wide[b].notna())

    out = pd.DataFrame(index=wide.index)
    out["west_gt_centre"] = cmp("West", "Centre")
    out["centre_gt_south"] = cmp("Centre", "South")
    out["centre_gt_east"] = cmp("Centre", "East")
    out["south_gt_east"] = cmp("South", "East")
    dates = wide.index.get_level_values("date")
    before = pd.Series(dates < breaks["2022"], index=wide.index)
    out["south_below_half"] = (wide["South"] < 50).where(wide["South"].notna() & before)
    out["east_below_half"] = (wide["East"] < 50).where(wide["East"].notna() & before)
    out["all_majority"] = (wide.min(axis=1) > 50).where(~before)
    return out.reset_index()


def agreement(flags: pd.DataFrame) -> pd.DataFrame:
    """Counts of tables that agree / disagree with each claim column of :func:`orderings`.

    >>> flags = pd.DataFrame({"table_id": ["t1", "t2", "t3"], "west_gt_centre": [True, True, False],
    ...     "all_majority": [None, True, None]})
    >>> agreement(flags)
                    agree  disagree
    west_gt_centre      2         1
    all_majority        1         0
    """
    claims = [c for c in flags.columns if c not in ("table_id", "pollster", "question_type", "date")]
    return pd.DataFrame(
        {
            "agree": [int((flags[c] == True).sum()) for c in claims],  # noqa: E712 (missing counts as neither)
            "disagree": [int((flags[c] == False).sum()) for c in claims],  # noqa: E712
        },
        index=claims,
    )


def reweighting_check(
    polls: pd.DataFrame,
    rows: pd.DataFrame,
    definitions: pd.DataFrame,
    population: pd.DataFrame,
) -> pd.DataFrame:
    """National share rebuilt from a table's regions (population weights) vs the published one.

    Only tables of all respondents whose regions cover the whole (covered) country without overlap
    qualify: the union of their units equals every unit with a population, less the units not
    surveyed. (A share of those who would vote is not rebuilt by population weights: turnout
    differs by region.) ``difference`` = rebuilt - published (points).

    One table of two regions that make up the country (a quarter and three quarters of it),
    80 and 40 in them, against a published 52:

    >>> from analysis.models.series import POLL_COLUMNS
    >>> defs = pd.DataFrame({"pollster": "(default)", "region": ["West", "East"], "unit": ["Lviv oblast", "Kharkiv oblast"]})
    >>> pop = pd.DataFrame({"unit": ["Lviv oblast", "Kharkiv oblast"], "measure": "census_2001_present",
    ...     "population": [100, 300]})
    >>> table = pd.DataFrame({"table_id": "t", "poll_id": "p", "pollster": "P", "definition": "P",
    ...     "date": pd.Timestamp("2019-06-01"), "question_type": "q", "base": "all_respondents", "answer": "for",
    ...     "geography": ["West", "East"], "share": [80.0, 40.0], "pop_share": [0.25, 0.75], "surveyed": [{}, {}],
    ...     "resolved": True})
    >>> polls = pd.DataFrame({c: "x" for c in POLL_COLUMNS} | {"poll_id": ["p"], "source_type": "external",
    ...     "geography": "national", "question_type": "q", "base": "all_respondents", "answer": "for",
    ...     "share": [52.0]})
    >>> reweighting_check(polls, table, defs, pop)
      table_id pollster       date  published  rebuilt  difference
    0        t        P 2019-06-01       52.0     50.0        -2.0
    """
    rows = rows[rows["base"] == "all_respondents"]
    pop = population_of(population)
    national = answer_totals(polls[(polls["source_type"] == "external") & (polls["geography"] == "national")])
    out = []
    resolver = _Resolver(definitions)
    for table_id, t in rows[rows["resolved"]].groupby("table_id", sort=True):
        first = t.iloc[0]
        exclude = {u for u, share in first["surveyed"].items() if share == 0}
        in_force = resolver.units(first["definition"], first["date"])
        units = [set(in_force.get(g, set())) or {g} for g in t["geography"]]
        union = set().union(*units) - set(exclude)
        disjoint = sum(len(u - set(exclude)) for u in units) == len(union)
        if not disjoint or union != set(pop.index) - set(exclude):
            continue
        pub = national[
            (national["poll_id"] == first["poll_id"])
            & (national["question_type"] == first["question_type"])
            & (national["base"] == first["base"])
            & (national["answer"] == first["answer"])
        ]["share"]
        if pub.empty:
            continue
        w = t["pop_share"] / t["pop_share"].sum()
        rebuilt = float((w * t["share"]).sum())
        out.append(
            {
                "table_id": table_id,
                "pollster": first["pollster"],
                "date": first["date"],
                "published": float(pub.median()),
                "rebuilt": rebuilt,
                "difference": rebuilt - float(pub.median()),
            }
        )
    return pd.DataFrame(out, columns=["table_id", "pollster", "date", "published", "rebuilt", "difference"])


def simulate_tables(
    truth: pd.DataFrame, n_polls: int, rng: np.random.Generator, n: int = 1500, house_sd: float = 0.15
) -> pd.DataFrame:
    """Simulated regional tables in :func:`~analysis.models.regional_rows.regional_rows`' shape, for tests.

    ``truth`` is indexed by (region, period) with a ``share`` column (points) for the four
    :data:`REGIONS`; every poll reports all four in one period, drawn in turn, from one of
    three houses (effects on the logit scale, sum to zero), with binomial sampling.

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=3, rng=np.random.default_rng(0))
    >>> len(rows), rows["poll_id"].nunique()
    (12, 3)
    >>> rows[["poll_id", "pollster", "period", "geography", "share", "n", "c_West", "c_East"]].head(5).round(1)
      poll_id pollster            period geography  share      n  c_West  c_East
    0      p0        A       before 2014      West   63.7  375.0     1.0     0.0
    1      p0        A       before 2014    Centre   43.7  375.0     0.0     0.0
    2      p0        A       before 2014     South   21.6  375.0     0.0     0.0
    3      p0        A       before 2014      East   17.3  375.0     0.0     1.0
    4      p1        A  2014 to Feb 2022      West   67.5  375.0     1.0     0.0
    """
    houses = ["A", "B", "C"]
    effects = rng.normal(0, house_sd, 3)
    effects -= effects.mean()
    rows = []
    for i in range(n_polls):
        period = PERIODS[i % len(PERIODS)]
        house = houses[(i // len(PERIODS)) % 3]  # every house polls in every period
        for region in REGIONS:
            p = truth.loc[(region, period), "share"] / 100
            eta = np.log(p / (1 - p)) + effects[houses.index(house)]
            k = rng.binomial(n // 4, 1 / (1 + np.exp(-eta)))
            rows.append(
                {
                    "poll_id": f"p{i}",
                    "pollster": house,
                    "question_type": "q",
                    "base": "all",
                    "geography": region,
                    "share": 100 * k / (n // 4),
                    "n": n / 4,
                    "period": period,
                    "table_id": f"p{i}|q|all",
                    "resolved": True,
                    **{f"c_{b}": float(b == region) for b in BLOCKS},
                }
            )
    return pd.DataFrame(rows)
