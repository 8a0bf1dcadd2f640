"""Composition: how much of a national shift comes from no longer surveying some areas.

After 2014 Ukrainian polls do not survey Crimea, Sevastopol and the occupied parts of Donetsk
and Luhansk oblasts. If ``W`` is the population share no longer surveyed and its residents
supported an option at ``rho`` times the national level ``L`` (a ratio, so a pollster's
regional figure and national figure from the same poll can be compared), the national figure
of the surveyed part alone is ``L (1 - sum_u w_u rho_u) / (1 - W)``, and dropping the
unsurveyed areas moves the national figure by

    composition = L * (W - sum_u w_u rho_u) / (1 - W)      (points; positive if rho < 1).

The rest of a jump is a **residual**: change of opinion among those still surveyed, plus every
other difference between the polls before and after.

:func:`unsurveyed_shares` gives each unit's share ``w_u`` (whole units for Crimea and
Sevastopol; for Donetsk and Luhansk oblasts the occupied parts' residents from a cited range,
:data:`OCCUPIED_PARTS`, with the whole oblast as an upper bound). :func:`regional_ratios`
reads ``rho`` from each pollster's own regions: a regional share over the national share of the
same poll, for the region that contains the unit *in that pollster's definition*
(:func:`analysis.models.regions.definition`). :func:`composition_draws` is the Monte Carlo:
``w`` uniform within its range, ``rho`` uniform within the ratios observed for the unit, ``L``
normal around the model's level before the break.

>>> w = pd.DataFrame({"unit": ["A"], "low": [0.1], "high": [0.1]})
>>> rho = pd.DataFrame({"unit": ["A"], "low": [0.5], "high": [0.5]})
>>> float(composition_draws(20.0, 0.0, w, rho, draws=10)["composition"].iloc[0])  # 20 * (0.1 - 0.05) / 0.9
1.1111111111111112
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.models.regions import definition, population_of

OCCUPIED_PARTS_SOURCE = "https://hfhr.pl/en/publications/destructions-in-donbas-scale-attempts-at-reconstruction-and-perspectives-for-redress-for-victims"
OCCUPIED_PARTS: dict[str, tuple[int, int]] = {
    "Donetsk oblast": (1_600_000, 2_000_000),
    "Luhansk oblast": (900_000, 1_100_000),
}
"""Residents of the occupied parts of Donetsk and Luhansk oblasts (low, high), from
:data:`OCCUPIED_PARTS_SOURCE` ("from 1,600 thousand to 2,000 thousand" and "from 900 thousand to
1,100 thousand"; a preliminary estimate, undated on the page, so after 2014)."""

WHOLE_UNITS = ("Crimea", "Sevastopol city")
"""Units not surveyed at all after 2014."""

COVERAGE_COLUMN = {
    **dict.fromkeys(WHOLE_UNITS, "covers_crimea"),
    **dict.fromkeys(OCCUPIED_PARTS, "covers_occupied_donbas"),
}
"""The poll-table column that says whether a poll surveyed each unsurveyed unit (:func:`regional_ratios`)."""


def unsurveyed_shares(
    population: pd.DataFrame,
    measure: str = "estimate_2014_present",
    parts: Mapping[str, tuple[int, int]] = OCCUPIED_PARTS,
    whole: tuple[str, ...] = WHOLE_UNITS,
    whole_oblasts: bool = False,
) -> pd.DataFrame:
    """Share (0-1) of the national population in each unit not surveyed after 2014.

    Returns unit, population, low, high. Units in ``whole`` count whole (low = high); units in
    ``parts`` count their occupied residents' range; ``whole_oblasts=True`` counts them whole
    instead (the upper bound where only whole oblasts are sourced). Raises ``ValueError`` if a
    unit has no population for ``measure``.

    >>> pop = pd.DataFrame({"unit": ["A", "B", "C"], "measure": ["m"] * 3, "population": [100, 300, 600]})
    >>> unsurveyed_shares(pop, "m", parts={"B": (100, 200)}, whole=("A",))
      unit  population  low  high
    0    A         100  0.1   0.1
    1    B         300  0.1   0.2
    """
    pop = population_of(population, measure, [*whole, *parts])
    total = pop.sum()
    rows = [(u, int(pop[u]), pop[u] / total, pop[u] / total) for u in whole]
    for u, (lo, hi) in parts.items():
        rows.append(
            (u, int(pop[u]), (pop[u] if whole_oblasts else lo) / total, (pop[u] if whole_oblasts else hi) / total)
        )
    return pd.DataFrame(rows, columns=["unit", "population", "low", "high"])


def held_fractions(
    population: pd.DataFrame,
    measure: str = "estimate_2014_present",
    parts: Mapping[str, tuple[int, int]] = OCCUPIED_PARTS,
) -> dict[str, float]:
    """Share (0-1) of each partly occupied unit's population in the part the government held after
    2014, from the midpoint of the occupied residents' cited range (:data:`OCCUPIED_PARTS`).

    >>> pop = pd.DataFrame({"unit": ["B"], "measure": ["m"], "population": [400]})
    >>> held_fractions(pop, "m", parts={"B": (100, 200)})
    {'B': 0.625}
    """
    pop = population_of(population, measure, parts)
    return {u: float(1 - (lo + hi) / 2 / pop[u]) for u, (lo, hi) in parts.items()}


def regional_ratios(
    regional: pd.DataFrame,
    national: pd.DataFrame,
    definitions: pd.DataFrame,
    units: tuple[str, ...],
    coverage: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Regional share / national share of the same poll, for the region containing each unit.

    ``regional``: poll rows with poll_id, pollster, date, geography (a macro-region), share;
    ``national``: poll_id, share (national figure of the same question, answer and base).
    A unit is matched to a poll's region through that pollster's own definition; a poll whose
    pollster places the unit in none of its reported regions is not used for that unit. With
    ``coverage`` (poll_id, covers_crimea, covers_occupied_donbas), a poll is used for a unit of
    :data:`COVERAGE_COLUMN` only if it surveyed it (``yes``; other units are not filtered): a poll fielded after 2014 reports a South without Crimea, whose ratio says
    nothing about Crimea. Returns unit, poll_id, pollster, date, region, regional, national, ratio.

    >>> regional = pd.DataFrame({"poll_id": "a", "pollster": "P", "date": pd.Timestamp("2012-05-01"),
    ...     "geography": ["South", "East"], "share": [30.0, 20.0]})
    >>> national = pd.DataFrame({"poll_id": ["a"], "share": [40.0]})
    >>> defs = pd.DataFrame({"pollster": "(default)", "region": ["South", "East"], "unit": ["Crimea", "Donetsk oblast"]})
    >>> regional_ratios(regional, national, defs, ("Crimea", "Donetsk oblast"))
                 unit poll_id pollster       date region  regional  national  ratio
    0          Crimea       a        P 2012-05-01  South      30.0      40.0   0.75
    1  Donetsk oblast       a        P 2012-05-01   East      20.0      40.0   0.50
    >>> covered = pd.DataFrame({"poll_id": ["a"], "covers_crimea": ["no"], "covers_occupied_donbas": ["yes"]})
    >>> regional_ratios(regional, national, defs, ("Crimea", "Donetsk oblast"), covered)["unit"].tolist()
    ['Donetsk oblast']
    """
    nat = national.set_index("poll_id")["share"]
    surveyed = None if coverage is None else coverage.drop_duplicates("poll_id").set_index("poll_id")
    rows = []
    for r in regional.itertuples(index=False):
        if r.poll_id not in nat.index:
            continue
        d = definition(definitions, r.pollster)
        contains = set(d.loc[d["region"] == r.geography, "unit"])
        for u in units:
            column = COVERAGE_COLUMN.get(u)
            if surveyed is not None and column is not None and surveyed[column].get(r.poll_id) != "yes":
                continue  # the poll did not survey the unit: its region's figure is the neighbours'
            if u in contains:
                rows.append(
                    (u, r.poll_id, r.pollster, r.date, r.geography, r.share, nat[r.poll_id], r.share / nat[r.poll_id])
                )
    cols = ["unit", "poll_id", "pollster", "date", "region", "regional", "national", "ratio"]
    return pd.DataFrame(rows, columns=cols).sort_values(["unit", "date", "poll_id"]).reset_index(drop=True)


def composition_draws(
    level: float,
    level_se: float,
    shares: pd.DataFrame,
    ratios: pd.DataFrame,
    draws: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """Monte Carlo of the composition effect (points), one row per draw.

    ``shares``: unit, low, high (population share not surveyed, from :func:`unsurveyed_shares`);
    ``ratios``: unit, low, high (support there relative to the national level). Each draw takes
    ``w_u ~ U(low, high)``, ``rho_u ~ U(low, high)`` independently per unit and
    ``L ~ N(level, level_se)``, and returns w (total), level, composition (module formula).
    Raises ``ValueError`` if a unit of ``shares`` has no ratio range.

    5% not surveyed, supporting at 0.4 to 0.6 times a level of 20 +- 1 points:

    >>> shares = pd.DataFrame({"unit": ["Crimea"], "low": [0.05], "high": [0.05]})
    >>> ratios = pd.DataFrame({"unit": ["Crimea"], "low": [0.4], "high": [0.6]})
    >>> composition_draws(20.0, 1.0, shares, ratios, draws=3).round(2)
          w  level  composition
    0  0.05  21.30         0.67
    1  0.05  20.95         0.48
    2  0.05  19.30         0.42
    """
    missing = sorted(set(shares["unit"]) - set(ratios["unit"]))
    if missing:
        raise ParseError(f"no opinion ratio range for {missing}")
    rng = np.random.default_rng(seed)
    r = ratios.set_index("unit").loc[shares["unit"]]
    w = rng.uniform(shares["low"].to_numpy(), shares["high"].to_numpy(), size=(draws, len(shares)))
    rho = rng.uniform(r["low"].to_numpy(), r["high"].to_numpy(), size=(draws, len(shares)))
    big_l = level + level_se * rng.standard_normal(draws)
    total = w.sum(axis=1)
    comp = big_l * (total - (w * rho).sum(axis=1)) / (1 - total)
    return pd.DataFrame({"w": total, "level": big_l, "composition": comp})


def summarise_draws(values: pd.Series, level: float = 0.95) -> pd.Series:
    """Median and central interval of Monte Carlo draws.

    >>> summarise_draws(pd.Series(np.arange(101.0)))[["median", "lower", "upper"]].round(6).tolist()
    [50.0, 2.5, 97.5]
    """
    a = (1 - level) / 2
    return pd.Series(
        {
            "median": float(values.median()),
            "lower": float(values.quantile(a)),
            "upper": float(values.quantile(1 - a)),
            "min": float(values.min()),
            "max": float(values.max()),
        }
    )


def composition_table(
    level: float,
    level_se: float,
    jump_draws: np.ndarray,
    scenarios: dict[str, tuple[pd.DataFrame, pd.DataFrame]],
    draws: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per scenario: the unsurveyed share (%), the composition part and the residual (draws of the
    change it is part of, a jump or a change across a break's gap, minus composition draws), each summarised
    by :func:`summarise_draws`.

    ``scenarios`` maps a label to (``shares``, ``ratios``) as :func:`composition_draws` takes
    them; scenario ``i`` draws with ``seed + i``. ``jump_draws`` holds ``draws`` draws of that change.

    >>> shares = pd.DataFrame({"unit": ["Crimea"], "low": [0.05], "high": [0.05]})
    >>> ratios = pd.DataFrame({"unit": ["Crimea"], "low": [0.2], "high": [0.2]})
    >>> t = composition_table(30.0, 0.0, np.full(100, 10.0), {"one": (shares, ratios)}, draws=100)
    >>> round(float(t.loc["one", ("composition (points)", "median")]), 3)  # 30 * (0.05 - 0.01) / 0.95
    1.263
    """
    out = {}
    for i, (label, (shares, ratios)) in enumerate(scenarios.items()):
        d = composition_draws(level, level_se, shares, ratios, draws=draws, seed=seed + i)
        out[label] = pd.concat(
            {
                "unsurveyed share (%)": summarise_draws(100 * d["w"]),
                "composition (points)": summarise_draws(d["composition"]),
                "residual (points)": summarise_draws(pd.Series(jump_draws) - d["composition"]),
            }
        )
    return pd.DataFrame(out).T
