"""Regional tables as rows: which oblasts each reported region holds, and its composition.

The lower half of :mod:`analysis.models.regional` (see its docstring for the definitions and
the blocks of the common scheme): the constants, each pollster's definition in force at a
date, a row's composition in blocks and its (sub)sample size, the table of every regional
row, and the city series. :mod:`analysis.models.regional` re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.models.composition import held_fractions
from analysis.models.periods import midpoint, period_of
from analysis.models.regions import DEFAULT, dated, definition, in_force, population_of, validity
from analysis.models.series import answer_totals, one_page_per_figure, page_ranks
from analysis.tables.schema import geography_level as level_of

BLOCKS = ("West", "Centre", "South", "East", "Donbas")
REGIONS = ("West", "Centre", "South", "East")
"""The four macro-regions of the common scheme reported in gaps (East = without Donbas)."""
REGIONAL_LEVELS = ("macro_region", "composite", "unit")
CITY_LEVEL = "city"
DEFAULT_N = 1000
"""Sample size assumed for a poll that publishes none (flagged ``n_default``)."""
SUPPORT = {"nato_membership_support": "for", "nato_referendum_vote": "for"}
"""Support for joining NATO: yes/no questions (membership support, referendum vote)."""
SECURITY_OPTION = {"security_option": "nato"}
"""NATO chosen among security options (neutrality, alliance with Russia...): its own construct."""
CITIES = ("Kyiv city", "Lviv city", "Kharkiv city", "Odesa city", "Dnipro city", "Mariupol city")


def geography_level(polls: pd.DataFrame) -> pd.Series:
    """Each row's geography level: the poll table's ``geography_level`` column where it exists,
    else derived from ``geography`` by the build's own rule
    (:func:`analysis.tables.schema.geography_level`).

    >>> geography_level(pd.DataFrame({"geography": ["national", "West", "Kyiv city", "Lviv city", "X"]})).tolist()
    ['national', 'macro_region', 'unit', 'city', 'unknown']
    """
    if "geography_level" in polls.columns:
        return polls["geography_level"].astype("object")
    return level_of(polls["geography"]).astype("object")


def block_of_units(definitions: pd.DataFrame) -> pd.Series:
    """Unit -> block of the common scheme (see the module docstring), from the default rows.

    >>> defs = pd.DataFrame({"pollster": ["(default)"] * 4, "region": ["East", "East", "Donbas", "South"],
    ...     "unit": ["Kharkiv oblast", "Donetsk oblast", "Donetsk oblast", "Crimea"]})
    >>> block_of_units(defs).to_dict()
    {'Crimea': 'South', 'Donetsk oblast': 'Donbas', 'Kharkiv oblast': 'East'}
    """
    d = definitions[definitions["pollster"] == DEFAULT]
    donbas = set(d.loc[d["region"] == "Donbas", "unit"])
    rows = d[(d["region"] != "Donbas") & d["region"].isin(BLOCKS)]
    block = rows.set_index("unit")["region"].where(lambda s: ~s.index.isin(donbas), "Donbas")
    return block[~block.index.duplicated()].sort_index().rename("block")


class _Resolver:
    """``definition(dated(definitions, date), pollster)``, worked out once per pollster and set of
    rows in force (the loops below ask for the same few definitions hundreds of times)."""

    def __init__(self, definitions: pd.DataFrame) -> None:
        self.definitions = definitions
        self.dated = "valid_from" in definitions.columns
        self._bounds = validity(definitions) if self.dated else None
        self._cache: dict[tuple, pd.DataFrame] = {}
        self._units: dict[tuple, dict[str, set[str]]] = {}

    def _key(self, pollster: str, date: pd.Timestamp | None) -> tuple:
        if date is None or not self.dated:
            return (pollster, None)
        return (pollster, tuple(np.flatnonzero(in_force(self._bounds, date)).tolist()))

    def __call__(self, pollster: str, date: pd.Timestamp | None) -> pd.DataFrame:
        """The definition in force (a frame, as :func:`~analysis.models.regions.definition` returns)."""
        key = self._key(pollster, date)
        if key not in self._cache:
            rows = self.definitions if key[1] is None else self.definitions.iloc[list(key[1])]
            self._cache[key] = definition(rows, pollster)
        return self._cache[key]

    def units(self, pollster: str, date: pd.Timestamp | None) -> dict[str, set[str]]:
        """Region -> set of its units, in the definition in force."""
        key = self._key(pollster, date)
        if key not in self._units:
            d = self(pollster, date)
            self._units[key] = {r: set(u) for r, u in d.groupby("region", sort=False)["unit"]}
        return self._units[key]


def unit_weights(
    definitions: pd.DataFrame,
    population: pd.DataFrame,
    pollster: str,
    region: str,
    *,
    date: pd.Timestamp | None = None,
    exclude: tuple[str, ...] = (),
    measure: str = "census_2001_present",
) -> pd.Series:
    """Population share (0-1) of each unit in ``pollster``'s ``region`` (indexed by unit).

    A region that is itself a unit (``Lviv oblast``, ``Kyiv city``) is that unit. ``exclude``
    drops units unless that would empty the region. Raises ``KeyError`` if the region is in
    no definition and is not a unit, ``ValueError`` if a unit has no population.

    >>> defs = pd.DataFrame({"pollster": ["(default)"] * 2, "region": ["East"] * 2,
    ...     "unit": ["Kharkiv oblast", "Donetsk oblast"], "status": ["assumed"] * 2})
    >>> pop = pd.DataFrame({"unit": ["Kharkiv oblast", "Donetsk oblast"], "measure": ["m", "m"],
    ...     "population": [100, 300]})
    >>> unit_weights(defs, pop, "P", "East", measure="m").to_dict()
    {'Donetsk oblast': 0.75, 'Kharkiv oblast': 0.25}
    """
    pop = population_of(population, measure)
    surveyed = dict.fromkeys(exclude, 0.0)
    return _unit_weights(definition(dated(definitions, date), pollster), pop, pollster, region, surveyed, measure)


def _unit_weights(
    d: pd.DataFrame, pop: pd.Series, pollster: str, region: str, surveyed: Mapping[str, float], measure: str
) -> pd.Series:
    """:func:`unit_weights` from the definition in force ``d`` and the population ``pop`` of
    ``measure``; ``surveyed`` gives the surveyed share of a unit's population (1 if absent)."""
    units = sorted(set(d.loc[d["region"] == region, "unit"]))
    if not units:
        if region in pop.index:
            return pd.Series({region: 1.0}, name="weight")
        raise KeyError(f"{region!r} is in no definition for {pollster!r} and is not a unit")
    missing = sorted(set(units) - set(pop.index))
    if missing:
        raise ParseError(f"no {measure} population for {missing}")
    w = pop[units] * [surveyed.get(u, 1.0) for u in units]
    w = w[w > 0] if (w > 0).any() else pop[units]  # a region that is nothing but unsurveyed units stays itself
    return (w / w.sum()).rename("weight")


def composition(
    definitions: pd.DataFrame,
    population: pd.DataFrame,
    pollster: str,
    region: str,
    *,
    date: pd.Timestamp | None = None,
    exclude: tuple[str, ...] = (),
) -> pd.Series:
    """Population share of each block of the common scheme in ``pollster``'s ``region``.

    >>> defs = pd.DataFrame({"pollster": ["(default)"] * 3, "region": ["East", "East", "Donbas"],
    ...     "unit": ["Kharkiv oblast", "Donetsk oblast", "Donetsk oblast"], "status": ["assumed"] * 3})
    >>> pop = pd.DataFrame({"unit": ["Kharkiv oblast", "Donetsk oblast"], "measure": ["census_2001_present"] * 2,
    ...     "population": [100, 300]})
    >>> composition(defs, pop, "P", "East").to_dict()
    {'West': 0.0, 'Centre': 0.0, 'South': 0.0, 'East': 0.25, 'Donbas': 0.75}
    """
    w = unit_weights(definitions, population, pollster, region, date=date, exclude=exclude)
    return _composition(w, block_of_units(definitions))


def _composition(w: pd.Series, blocks: pd.Series) -> pd.Series:
    """:func:`composition` from a region's unit weights and :func:`block_of_units`."""
    unknown = sorted(set(w.index) - set(blocks.index))
    if unknown:
        raise KeyError(f"units in no block of the common scheme: {unknown}")
    return w.groupby(w.index.map(blocks)).sum().reindex(list(BLOCKS), fill_value=0.0).rename("share")


DONBAS_READINGS = ("stated", "none", "whole")
"""How :func:`regional_rows` counts Donetsk and Luhansk oblasts from 2014 to February 2022 in a poll
that did not cover their occupied parts: ``stated`` (their government-held part, unless the poll's
``covers_held_donbas`` says ``no``), ``none`` (no part of them) or ``whole`` (both oblasts whole, as
if nothing were occupied); the last two bracket what the pages leave unsaid."""


def _surveyed(
    row: pd.Series, breaks: dict[str, pd.Timestamp], held: Mapping[str, float], donbas: str = "stated"
) -> dict[str, float]:
    """The surveyed share of each unit's population for one row (units not named: all of it).

    After 2014, Crimea and Sevastopol are not surveyed unless the poll says it covered them.
    Donetsk and Luhansk oblasts are surveyed in their government-held part (``held``, from
    :func:`analysis.models.composition.held_fractions`) until February 2022 unless the poll says it
    covered the occupied part, or that it left the government-held part out too
    (``covers_held_donbas`` ``no``: none of them); ``donbas`` (:data:`DONBAS_READINGS`) reads every
    such poll otherwise. After February 2022 no sourced share of the part held then is in the data,
    so they count as not surveyed.
    """
    if row["date"] < breaks["2014"]:
        return {}
    out = {}
    if row.get("covers_crimea") != "yes":
        out |= {"Crimea": 0.0, "Sevastopol city": 0.0}
    if row.get("covers_occupied_donbas") != "yes":
        after_invasion = row["date"] >= breaks["2022"]
        none_held = donbas == "none" or (donbas == "stated" and row.get("covers_held_donbas") == "no")
        if after_invasion or none_held:
            out |= dict.fromkeys(("Donetsk oblast", "Luhansk oblast"), 0.0)
        elif donbas == "stated":
            out |= {u: held.get(u, 0.0) for u in ("Donetsk oblast", "Luhansk oblast")}
    return out


def regional_rows(
    polls: pd.DataFrame,
    definitions: pd.DataFrame,
    population: pd.DataFrame,
    breaks: dict[str, pd.Timestamp],
    construct: dict[str, str] = SUPPORT,
    *,
    donbas: str = "stated",
    nest: bool = True,
    default_n: int = DEFAULT_N,
) -> pd.DataFrame:
    """Every regional table's rows for one construct, with composition, n and period.

    ``donbas`` (:data:`DONBAS_READINGS`) says how Donetsk and Luhansk oblasts count from 2014 to
    February 2022 (:func:`_surveyed`); ``nest=False`` leaves a smaller region reported beside a
    larger one that contains it inside the larger one (as a page that reports Donbas "among them"
    would mean) instead of taking it out; ``default_n`` is the sample size a poll that reports none is
    read as (:data:`DEFAULT_N`). All three exist for sensitivity checks.
    Tables whose base the source does not state (``unknown``) are left out: bases are never pooled.

    Keeps external rows (seed rows repeat them), answers of ``construct`` (question type ->
    answer), levels in :data:`REGIONAL_LEVELS`; sums sub-answers, keeps one page per figure
    (:func:`~analysis.models.series.one_page_per_figure`, as the national series do) and
    keeps tables (poll, question type, base) with two or more regions. Columns added:
    ``date``, ``period``, ``table_id``, ``n``, ``n_source``, ``pages``, ``spread``,
    ``resolved`` (False where the region maps to no oblast: such rows are not modelled),
    ``definition`` (the label of the regions used), ``nested`` (units left to a smaller region of the
    table), ``surveyed`` (the surveyed share of each unit not wholly surveyed) and one ``c_<block>``
    column per block.

    One poll of the data: Rating Group's four macro-regions (its South holds Dnipropetrovsk oblast,
    East block; its East, Donetsk and Luhansk oblasts, surveyed in their government-held part):

    >>> from analysis import load_events, load_polls, load_table
    >>> from analysis.models.periods import period_breaks
    >>> polls = load_polls()
    >>> one = polls[polls["poll_id"] == "rating-group-2019-06-13"]
    >>> rows = regional_rows(one, load_table("region_definitions"), load_table("population"),
    ...     period_breaks(load_events()))
    >>> rows[["geography", "share", "n", "c_West", "c_Centre", "c_South", "c_East", "c_Donbas"]].round(2)
      geography  share       n  c_West  c_Centre  c_South  c_East  c_Donbas
    0    Centre   54.0  800.67     0.0       1.0     0.00    0.00      0.00
    1      East   29.0  400.47     0.0       0.0     0.00    0.41      0.59
    2     South   36.0  582.12     0.0       0.0     0.66    0.34      0.00
    3      West   80.0  616.75     1.0       0.0     0.00    0.00      0.00
    >>> rows[["period", "n_source", "resolved"]].drop_duplicates().values.tolist()
    [['2014 to Feb 2022', 'n_from_population', True]]
    """
    level = geography_level(polls)
    keep = (polls["source_type"] == "external") & level.isin(REGIONAL_LEVELS)
    keep &= polls["question_type"].map(construct).eq(polls["answer"]) & (polls["base"] != "unknown")
    totals = answer_totals(polls[keep])
    keys = ["poll_id", "question_type", "base", "geography"]
    rows = one_page_per_figure(totals, page_ranks(polls), keys).rename(columns={"sources": "pages"})
    rows["table_id"] = rows["poll_id"] + "|" + rows["question_type"] + "|" + rows["base"]
    rows = rows[rows.groupby("table_id")["geography"].transform("nunique") >= 2].copy()
    rows["date"] = midpoint(rows["field_start"], rows["field_end"])
    rows["period"] = period_of(rows["date"], breaks)
    comps, resolved = [], []
    resolver, pop, blocks = _Resolver(definitions), population_of(population), block_of_units(definitions)
    held = held_fractions(population)
    rows["definition"] = _definition_labels(rows, polls, definitions)
    if donbas not in DONBAS_READINGS:
        raise ParseError(f"donbas must be one of {DONBAS_READINGS}, not {donbas!r}")
    no_nesting = pd.Series([frozenset()] * len(rows), index=rows.index, dtype=object)
    rows["nested"] = _nested_units(rows, resolver) if nest else no_nesting
    rows["surveyed"] = [_surveyed(row, breaks, held, donbas) for _, row in rows.iterrows()]
    for _, row in rows.iterrows():
        try:  # composition(definitions, population, pollster, geography, date=..., exclude=...)
            d = resolver(row["definition"], row["date"])
            surveyed = row["surveyed"] | dict.fromkeys(row["nested"], 0.0)
            w = _unit_weights(d, pop, row["definition"], row["geography"], surveyed, "census_2001_present")
            c = _composition(w, blocks)
            resolved.append(True)
        except KeyError:
            c = pd.Series(np.nan, index=list(BLOCKS))
            resolved.append(False)
        comps.append(c.to_numpy())
    comp = pd.DataFrame(comps, columns=[f"c_{b}" for b in BLOCKS], index=rows.index)
    rows = pd.concat([rows, comp], axis=1).assign(resolved=resolved)
    rows["pop_share"] = _population_share(rows, resolver, population)
    known = rows["sample_size"].notna()
    rows["n"] = np.where(known, rows["sample_size"], default_n) * rows["pop_share"]
    rows["n_source"] = np.where(known, "n_from_population", "n_default")
    return rows.sort_values(["date", "table_id", "geography"]).reset_index(drop=True)


def _definition_labels(rows: pd.DataFrame, polls: pd.DataFrame, definitions: pd.DataFrame) -> pd.Series:
    """The ``pollster`` label of ``region_definitions.csv`` whose regions each row's poll uses.

    A joint label ("Democratic Initiatives Foundation & Razumkov Centre") applies to a poll whose
    house is one of its names and whose sponsor or pollster as written names the others: the
    joint series' stated regions. Any other poll uses its house's label (or the default).

    >>> polls = pd.DataFrame({"poll_id": ["a", "b"], "pollster": ["R", "R"], "sponsor": ["D fund", ""],
    ...     "pollster_as_written": ["R", "R"]})
    >>> _definition_labels(polls, polls, pd.DataFrame({"pollster": ["D & R"]})).tolist()
    ['D & R', 'R']
    """
    joint = [(label, label.split(" & ")) for label in sorted(set(definitions["pollster"])) if " & " in label]
    first = polls.drop_duplicates("poll_id").set_index("poll_id")
    text = (first["sponsor"].fillna("") + " " + first["pollster_as_written"].fillna("")).str.casefold()

    def label(poll_id: str, house: str) -> str:
        for name, names in joint:
            others = [n for n in names if n != house]
            if len(others) < len(names) and all(n.casefold() in text.get(poll_id, "") for n in others):
                return name
        return house

    return pd.Series([label(p, h) for p, h in zip(rows["poll_id"], rows["pollster"], strict=True)], index=rows.index)


def _nested_units(rows: pd.DataFrame, resolver: _Resolver) -> pd.Series:
    """For each row, the units of the other regions of its table that lie inside its own region.

    A table that reports both "East" and "Donbas" means the East without Donbas, even where the
    definition's East holds Donetsk and Luhansk oblasts: the units of a region reported beside a
    larger one are taken out of the larger one, so no respondent is counted twice.
    """
    out = pd.Series([frozenset()] * len(rows), index=rows.index, dtype=object)
    for _, table in rows.groupby("table_id", sort=False):
        first = table.iloc[0]
        in_force = resolver.units(first["definition"], first["date"])
        units = {g: set(in_force.get(g, set())) or {g} for g in table["geography"]}
        for i, g in zip(table.index, table["geography"], strict=True):
            inside = [u for other, u in units.items() if other != g and u < units[g]]
            out[i] = frozenset().union(*inside)
    return out


def _population_share(rows: pd.DataFrame, resolver: _Resolver, population: pd.DataFrame) -> pd.Series:
    """Each row's region as a share of the poll's surveyed national population (for its n)."""
    pop = population_of(population)
    out = []
    for _, row in rows.iterrows():
        if not row["resolved"]:
            out.append(np.nan)
            continue
        scaled = pop * pd.Series(row["surveyed"], dtype="float64").reindex(pop.index).fillna(1.0)
        in_force = resolver.units(row["definition"], row["date"])
        units = sorted((in_force.get(row["geography"], set()) or {row["geography"]}) - set(row["nested"]))
        region = float(scaled.reindex(units).fillna(0).sum()) or float(pop.reindex(units).sum())
        out.append(region / float(scaled.sum()))
    return pd.Series(out, index=rows.index, dtype="float64")


def city_series(polls: pd.DataFrame, construct: dict[str, str] = SUPPORT) -> pd.DataFrame:
    """City figures of one construct: rows at level ``city``, plus Kyiv city (a city and a unit).

    One row per poll, question type, base and city (one page per figure, as for the national series).

    >>> from analysis import load_polls
    >>> cities = city_series(load_polls())
    >>> cities.loc[cities["geography"] == "Lviv city", ["poll_id", "question_type", "date", "share"]]
                        poll_id         question_type       date  share
    13     rating-group-2020-02  nato_referendum_vote 2020-02-15   80.0
    14  rating-group-2021-05-12  nato_referendum_vote 2021-05-23   81.0
    15  rating-group-2023-04-21  nato_referendum_vote 2023-05-06   92.0
    16  rating-group-2024-04-13  nato_referendum_vote 2024-04-28   87.0
    """
    level = geography_level(polls)
    keep = (polls["source_type"] == "external") & ((level == CITY_LEVEL) | polls["geography"].isin(CITIES))
    keep &= polls["question_type"].map(construct).eq(polls["answer"]) & (polls["base"] != "unknown")
    totals = answer_totals(polls[keep])
    keys = ["poll_id", "question_type", "base", "geography"]
    out = one_page_per_figure(totals, page_ranks(polls), keys).assign(
        date=lambda d: midpoint(d["field_start"], d["field_end"])
    )
    return out.sort_values(["geography", "date"]).reset_index(drop=True)


def city_changes(cities: pd.DataFrame, invasion: pd.Timestamp) -> pd.DataFrame:
    """Each city's last figure before ``invasion`` and first after it, within one question type and
    base (a city asked only different questions on the two sides is not compared).

    Returns geography, question_type, base, before, after (shares) and rose; one row per city and
    question, the question with the latest figure before the invasion first. With a ``poll_id`` column,
    also ``after_poll``: the poll that gives the figure after the invasion.

    >>> c = pd.DataFrame({"geography": ["K"] * 3, "question_type": ["m", "r", "r"], "base": ["all"] * 3,
    ...     "date": pd.to_datetime(["2022-01-01", "2021-06-01", "2022-06-01"]), "share": [71.0, 61.0, 80.0]})
    >>> city_changes(c, pd.Timestamp("2022-02-24"))[["geography", "question_type", "before", "after"]].values.tolist()
    [['K', 'r', 61.0, 80.0]]
    >>> city_changes(c.assign(poll_id=["a", "b", "c"]), pd.Timestamp("2022-02-24"))["after_poll"].tolist()
    ['c']
    """
    keys = ["geography", "question_type", "base"]
    ordered = cities.sort_values("date")
    before = ordered[ordered["date"] < invasion].groupby(keys)[["share", "date"]].last()
    carried = ["share", "poll_id"] if "poll_id" in cities.columns else ["share"]
    after = ordered[ordered["date"] >= invasion].groupby(keys)[carried].first()
    after = after.rename(columns={"share": "after", "poll_id": "after_poll"})
    both = before.join(after, how="inner").rename(columns={"share": "before"})
    both = both.sort_values("date", ascending=False).reset_index()
    both = both.drop_duplicates("geography").drop(columns="date")  # one comparison per city
    return both.assign(rose=both["after"] > both["before"]).sort_values("geography").reset_index(drop=True)
