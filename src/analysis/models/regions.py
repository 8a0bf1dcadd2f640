"""Regions: macro-regions per pollster, population weights, reweighting, regional gaps, composition.

Pollsters group oblasts into macro-regions differently. ``data/region_definitions.csv``
records each pollster's definition where a source states it and an assumed default
otherwise; :func:`definition` resolves the one that applies. :func:`region_weights` turns a
definition and ``data/population.csv`` into population shares per macro-region, optionally
without units a poll did not cover (Crimea, Donetsk and Luhansk oblasts after 2014), and
:func:`reweight` recomputes a national figure from regional ones.

>>> import pandas as pd
>>> defs = pd.DataFrame({"pollster": ["(default)"] * 3 + ["P"], "region": ["West", "East", "East", "East"],
...     "unit": ["Lviv oblast", "Kharkiv oblast", "Donetsk oblast", "Kharkiv oblast"],
...     "status": ["assumed"] * 3 + ["stated"]})
>>> definition(defs, "P")[["region", "unit", "status"]]
  region            unit   status
0   East  Kharkiv oblast   stated
1   West     Lviv oblast  assumed
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.models.series import poll_series

DEFAULT = "(default)"
OCCUPIED_SINCE_2014 = ("Crimea", "Sevastopol city", "Donetsk oblast", "Luhansk oblast")
"""Units wholly or partly outside government control from 2014, usually not (fully) surveyed
afterwards; excluding them whole is an approximation (parts of Donetsk and Luhansk oblasts
stayed under government control)."""

OCCUPIED_SINCE_2022 = ("Kherson oblast", "Zaporizhzhia oblast")
"""Units partly occupied since the full-scale invasion, besides Donetsk and Luhansk oblasts: the four oblasts
Russia claimed to annex on 30 September 2022 were "largely or partly occupied" then (:data:`OCCUPIED_SINCE_2022_SOURCE`),
so polls that survey only government-controlled territory reach only part of them."""

OCCUPIED_SINCE_2022_SOURCE = "https://www.irishtimes.com/world/europe/2022/09/30/kremlin-annexation-ukraine-war-latest/"


def dated(definitions: pd.DataFrame, date: pd.Timestamp | None) -> pd.DataFrame:
    """The definition rows that apply on ``date`` (``valid_from`` <= date <= ``valid_to``, an
    empty bound open); all rows if ``date`` is None or the table is undated.

    >>> defs = pd.DataFrame({"unit": ["a", "b"], "valid_from": ["1991-08-24", "2023-09-09"],
    ...     "valid_to": ["2023-09-08", None]})
    >>> dated(defs, pd.Timestamp("2020-01-01"))["unit"].tolist(), dated(defs, pd.Timestamp("2024-01-01"))["unit"].tolist()
    (['a'], ['b'])
    """
    if date is None or "valid_from" not in definitions.columns:
        return definitions
    return definitions[in_force(validity(definitions), date)]


def validity(definitions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each definition row's ``valid_from`` and ``valid_to`` as ``datetime64`` arrays (``NaT``: open), read once
    for :func:`in_force` (a caller asking about many dates reads them once, not per date).

    >>> start, end = validity(pd.DataFrame({"valid_from": ["1991-08-24", None]}))
    >>> [str(d)[:10] for d in start], bool(np.isnat(end).all())
    (['1991-08-24', 'NaT'], True)
    """
    start = pd.to_datetime(definitions["valid_from"]).to_numpy(dtype="datetime64[ns]")
    if "valid_to" not in definitions.columns:
        return start, np.full(len(definitions), np.datetime64("NaT"), dtype="datetime64[ns]")
    return start, pd.to_datetime(definitions["valid_to"]).to_numpy(dtype="datetime64[ns]")


def in_force(bounds: tuple[np.ndarray, np.ndarray], date: pd.Timestamp) -> np.ndarray:
    """Which rows of :func:`validity`'s ``bounds`` apply on ``date`` (an open bound always holds).

    >>> defs = pd.DataFrame({"valid_from": ["1991-08-24", "2023-09-09"], "valid_to": ["2023-09-08", None]})
    >>> in_force(validity(defs), pd.Timestamp("2024-01-01")).tolist()
    [False, True]
    """
    start, end = bounds
    day = np.datetime64(pd.Timestamp(date), "ns")
    return (np.isnat(start) | (start <= day)) & (np.isnat(end) | (end >= day))


def definition(definitions: pd.DataFrame, pollster: str) -> pd.DataFrame:
    """The macro-region definition that applies to ``pollster``.

    For each region, the pollster's own rows if it has any, else the ``(default)`` rows. Rows
    of one unit dated to different periods (``valid_from``/``valid_to``: a stated list and the
    same list carried to other dates) count once; filter by date first where lists differ
    between dates (:func:`analysis.models.regional.unit_weights` does).

    >>> defs = pd.DataFrame({"pollster": ["P", "P", "(default)"], "region": ["South"] * 2 + ["East"],
    ...     "unit": ["Odesa oblast"] * 2 + ["Kharkiv oblast"], "valid_from": [None, "2023-09-09", None]})
    >>> definition(defs, "P")[["region", "unit"]].values.tolist()
    [['East', 'Kharkiv oblast'], ['South', 'Odesa oblast']]
    """
    own = definitions[definitions["pollster"] == pollster]
    default = definitions[(definitions["pollster"] == DEFAULT) & ~definitions["region"].isin(own["region"])]
    both = pd.concat([own, default]).sort_values(["region", "unit"])
    return both.drop_duplicates(["region", "unit"]).reset_index(drop=True)


def uncovered_regions(polls: pd.DataFrame, definitions: pd.DataFrame, macro_regions: Iterable[str]) -> pd.DataFrame:
    """(pollster, region) pairs used in ``polls`` that no definition covers (should be empty).

    Only pollster P defines a Donbas, so Q's Donbas is uncovered:

    >>> defs = pd.DataFrame({"pollster": ["(default)", "(default)", "P"], "region": ["West", "East", "Donbas"],
    ...     "unit": ["Lviv oblast", "Kharkiv oblast", "Donetsk oblast"]})
    >>> polls = pd.DataFrame({"pollster": ["P", "Q", "Q"], "geography": ["Donbas", "Donbas", "West"]})
    >>> uncovered_regions(polls, defs, ["West", "East", "Donbas"])
      pollster  region
    0        Q  Donbas
    """
    macro = set(macro_regions)
    used = polls.loc[polls["geography"].isin(macro), ["pollster", "geography"]].drop_duplicates()
    missing = [(p, g) for p, g in used.itertuples(index=False) if g not in set(definition(definitions, p)["region"])]
    return pd.DataFrame(missing, columns=["pollster", "region"])


def population_of(
    population: pd.DataFrame, measure: str = "census_2001_present", units: Iterable[str] = ()
) -> pd.Series:
    """Population by unit for one ``measure`` of ``data/population.csv`` (float); ``ValueError`` if
    one of ``units`` has none.

    >>> pop = pd.DataFrame({"unit": ["A", "B"], "measure": ["m", "n"], "population": [100, 300]})
    >>> population_of(pop, "m").to_dict()
    {'A': 100.0}
    >>> population_of(pop, "m", units=["B"])
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: no m population for ['B']
    """
    pop = population.loc[population["measure"] == measure].set_index("unit")["population"].astype("float64")
    missing = sorted(set(units) - set(pop.index))
    if missing:
        raise ParseError(f"no {measure} population for {missing}")
    return pop


def region_weights(
    definitions: pd.DataFrame,
    population: pd.DataFrame,
    pollster: str,
    measure: str = "census_2001_present",
    exclude: Iterable[str] = (),
    regions: Iterable[str] | None = None,
) -> pd.Series:
    """Population share (0-1) of each macro-region in ``pollster``'s definition.

    ``exclude`` drops units (e.g. :data:`OCCUPIED_SINCE_2014`); ``regions`` restricts to the
    regions a poll reports, so the weights sum to one over them. A unit placed in two
    regions (e.g. Donetsk in both East and Donbas) counts in each: pass ``regions`` that do
    not overlap. Raises ``ValueError`` if a unit has no population for ``measure``.

    >>> defs = pd.DataFrame({"pollster": ["(default)"] * 2, "region": ["West", "East"],
    ...     "unit": ["Lviv oblast", "Kharkiv oblast"], "status": ["assumed"] * 2})
    >>> pop = pd.DataFrame({"unit": ["Lviv oblast", "Kharkiv oblast"], "measure": ["m", "m"], "population": [100, 300]})
    >>> region_weights(defs, pop, "any", measure="m")
    region
    East    0.75
    West    0.25
    Name: weight, dtype: float64
    """
    d = definition(definitions, pollster)
    d = d[~d["unit"].isin(list(exclude))]
    if regions is not None:
        d = d[d["region"].isin(list(regions))]
    pop = population_of(population, measure, d["unit"])
    totals = d.assign(population=d["unit"].map(pop)).groupby("region")["population"].sum()
    return (totals / totals.sum()).rename("weight")


def reweight(shares: pd.Series, weights: pd.Series) -> float:
    """Population-weighted mean of regional shares (both indexed by region).

    Raises ``ValueError`` if the regions differ: a missing region would silently bias it.

    >>> reweight(pd.Series({"West": 80.0, "East": 40.0}), pd.Series({"West": 0.25, "East": 0.75}))
    50.0
    """
    if set(shares.index) != set(weights.index):
        raise ParseError(f"regions differ: shares {sorted(shares.index)}, weights {sorted(weights.index)}")
    w = weights / weights.sum()
    return float((shares * w.reindex(shares.index)).sum())


def unit_values(definitions: pd.DataFrame, pollster: str, region_shares: pd.Series) -> pd.Series:
    """Spread macro-region shares to the units each region contains (for tile maps).

    Units in no reported region are left out; a unit reported directly (e.g. ``Kyiv city``)
    keeps its own share and is not overwritten by its region's.

    >>> defs = pd.DataFrame({"pollster": "(default)", "region": ["West", "West", "Centre", "Centre"],
    ...     "unit": ["Lviv oblast", "Volyn oblast", "Kyiv oblast", "Kyiv city"]})
    >>> unit_values(defs, "P", pd.Series({"West": 80.0, "Centre": 60.0, "Kyiv city": 70.0}))
    Kyiv city       70.0
    Kyiv oblast     60.0
    Lviv oblast     80.0
    Volyn oblast    80.0
    dtype: float64
    """
    d = definition(definitions, pollster)
    spread = d[d["region"].isin(region_shares.index)].assign(value=lambda x: x["region"].map(region_shares))
    values = spread.drop_duplicates("unit").set_index("unit")["value"]
    direct = region_shares[region_shares.index.isin(d["unit"]) | ~region_shares.index.isin(d["region"])]
    return pd.concat([values.drop(index=direct.index, errors="ignore"), direct]).sort_index()


def gap_to_national(polls: pd.DataFrame) -> pd.DataFrame:
    """Regional share minus the national share of the same poll, question, base and answer.

    Returns one row per regional figure with ``national`` and ``gap`` (percentage points).
    Regional rows whose poll has no national figure for that answer get a missing gap.

    >>> p = pd.DataFrame({"poll_id": ["x"] * 3, "question_type": ["q"] * 3, "base": ["b"] * 3,
    ...     "answer": ["for"] * 3, "geography": ["national", "West", "East"], "share": [60.0, 75.0, 45.0]})
    >>> gap_to_national(p)[["geography", "share", "national", "gap"]]
      geography  share  national   gap
    0      East   45.0      60.0 -15.0
    1      West   75.0      60.0  15.0

    The poll table itself has several pages and sub-answers per figure; it is refused, naming them:

    >>> gap_to_national(pd.concat([p, p.tail(1)]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.DataValidationError: 2 validation issue(s):
    poll table, row 3 (line 4), column 'poll_id': value 'x': figure repeated (q, b, for, East): ...
    """
    keys = ["poll_id", "question_type", "base", "answer"]
    table = polls.reset_index(drop=True)
    repeated = table[table.duplicated([*keys, "geography"], keep=False)]
    if len(
        repeated
    ):  # several pages or sub-answers of one figure: which share is the poll's is not this function's call
        raise DataValidationError(
            [
                Issue(
                    "poll table",
                    int(position) + 1,
                    "poll_id",
                    str(row["poll_id"]),
                    f"figure repeated ({row['question_type']}, {row['base']}, {row['answer']}, {row['geography']}): "
                    "give one row per figure (sum sub-answers and keep one page with answer_totals and "
                    "one_page_per_figure, as poll_series does)",
                )
                for position, row in repeated.iterrows()
            ]
        )
    national = polls.loc[polls["geography"] == "national", [*keys, "share"]].rename(columns={"share": "national"})
    regional = polls[polls["geography"] != "national"]
    out = regional.merge(national, on=keys, how="left", validate="many_to_one")
    out["gap"] = out["share"] - out["national"]
    return out.sort_values([*keys, "geography"]).reset_index(drop=True)


def paired_gaps(
    polls: pd.DataFrame, question_type: str, answer: str, base: str, first: str, second: str
) -> pd.DataFrame:
    """Per poll that reports both regions: ``first`` share minus ``second`` share (points).

    Uses :func:`poll_series` for each region, so sub-answers are summed and one page is used
    per poll.

    Polls a and b report both regions; poll c only the West:

    >>> from analysis.models.series import POLL_COLUMNS
    >>> p = pd.DataFrame({c: "x" for c in POLL_COLUMNS} | {"poll_id": ["a", "a", "b", "b", "c"],
    ...     "pollster": ["P", "P", "Q", "Q", "Q"], "source_kind": "pollster_release", "sample_size": 2000.0,
    ...     "field_start": ["2019-06-01"] * 2 + ["2023-05-01"] * 3, "field_end": ["2019-06-11"] * 2 + ["2023-05-11"] * 3,
    ...     "question_type": "q", "answer": "for", "base": "all_respondents",
    ...     "geography": ["West", "East", "West", "East", "West"], "share": [80.0, 30.0, 90.0, 60.0, 88.0]})
    >>> paired_gaps(p, "q", "for", "all_respondents", "West", "East")
      poll_id pollster       date  share_West  share_East   gap
    0       a        P 2019-06-06        80.0        30.0  50.0
    1       b        Q 2023-05-06        90.0        60.0  30.0
    """
    a = poll_series(polls, question_type, answer, base, first)[["poll_id", "pollster", "date", "share"]]
    b = poll_series(polls, question_type, answer, base, second)[["poll_id", "share"]]
    out = a.merge(b, on="poll_id", suffixes=(f"_{first}", f"_{second}"))
    out["gap"] = out[f"share_{first}"] - out[f"share_{second}"]
    return out


def decompose_shift(
    before: pd.Series, after: pd.Series, weights_before: pd.Series, weights_after: pd.Series
) -> pd.Series:
    """Split the change of a weighted mean into composition and within-region parts.

    Kitagawa (1955), symmetric form: with regional shares s and population weights w,
    composition = sum((w1 - w0) * (s0 + s1) / 2), within = sum((s1 - s0) * (w0 + w1) / 2),
    and composition + within = sum(w1 s1) - sum(w0 s0) exactly.

    Hand check of the example: composition = 0.1 * 65 - 0.1 * 25 = 4; within = 10 * 0.55 + 10 * 0.45 = 10.

    >>> r = decompose_shift(pd.Series({"W": 60.0, "E": 20.0}), pd.Series({"W": 70.0, "E": 30.0}),
    ...     pd.Series({"W": 0.5, "E": 0.5}), pd.Series({"W": 0.6, "E": 0.4}))
    >>> {k: round(float(v), 2) for k, v in r.items()}
    {'before': 40.0, 'after': 54.0, 'total': 14.0, 'composition': 4.0, 'within': 10.0}
    """
    regions = sorted(before.index)
    for s in (after, weights_before, weights_after):
        if sorted(s.index) != regions:
            raise ParseError(f"regions differ: {regions} vs {sorted(s.index)}")
    if any(s.isna().any() for s in (before, after, weights_before, weights_after)):
        raise ParseError("missing regional share or weight: the decomposition needs every region")
    s0, s1 = before[regions], after[regions]
    w0, w1 = weights_before[regions] / weights_before.sum(), weights_after[regions] / weights_after.sum()
    return pd.Series(
        {
            "before": float((w0 * s0).sum()),
            "after": float((w1 * s1).sum()),
            "total": float((w1 * s1).sum() - (w0 * s0).sum()),
            "composition": float(((w1 - w0) * (s0 + s1) / 2).sum()),
            "within": float(((s1 - s0) * (w0 + w1) / 2).sum()),
        }
    )
