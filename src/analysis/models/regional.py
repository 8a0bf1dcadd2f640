"""One model of regional shares across every regional table, with definitions made explicit.

A *regional table* is one poll's figures for one question type, base and answer at two or
more sub-national geographies (macro-regions, composites such as Donbas, oblasts). City
and abroad figures are not regional tables: they go to :func:`city_series`. The rows, their
definitions and compositions live in :mod:`analysis.models.regional_rows`, and the checks that
read each table as published (and the simulated tables) in :mod:`analysis.models.regional_tables`;
this module fits and reads the model and re-exports those names, so ``regional.regional_rows``
and ``regional.orderings`` keep working.

**Definitions.** Pollsters draw their macro-regions differently (Rating's South holds
Dnipropetrovsk oblast; the Democratic Initiatives/Razumkov joint series' East leaves Donbas out).
Every reported region is mapped
to oblasts through ``region_definitions.csv`` (the pollster's own rows, else the default;
rows outside ``valid_from``/``valid_to`` are ignored where those columns exist) and then to
the population share of five *blocks* that no definition splits -- the common scheme:

====== =====================================================================
block  oblasts
====== =====================================================================
West   the default West (8 oblasts)
Centre the default Centre (8 oblasts and Kyiv city)
South  Kherson, Mykolaiv, Odesa, Zaporizhzhia oblasts, Crimea, Sevastopol
East   Dnipropetrovsk and Kharkiv oblasts (the East without Donbas)
Donbas Donetsk and Luhansk oblasts
====== =====================================================================

After 2014, Crimea and Sevastopol are left out of a region's population unless the poll states it
covered them; Donetsk and Luhansk oblasts count by their government-held part until February
2022 and are left out after it (:func:`~analysis.models.regional_rows._surveyed`); a region that is
nothing else (e.g. "Donbas") stays itself, and a region reported beside a larger one that
contains it is taken out of the larger one. A row's *composition* is its population share in
each block.

**Model.** A binomial GLM (statsmodels) with the logit link, each row weighted by its
(sub)sample size::

    logit(share) = sum_b c_b * (alpha[b, period]) + c_Donbas * delta + house + question type x base

``c_b`` is the row's composition, ``alpha[Donbas, period] = alpha[East, period] + delta``
(one Donbas offset for all periods: Donbas is reported separately too rarely to give it its
own level in every period), house effects sum to zero and question type x base offsets are
relative to the first (reference) one. Mixing blocks on the logit scale, not the share
scale, is an approximation, close when blocks differ little. Fitted on one question type and
base (as notebook 03 does: they are never pooled for a headline), the last term is empty;
:func:`analysis.models.regional_sensitivity.sensitivity` with ``reference`` fits the pooled model
only as a check.

Why a GLM and not a mixed model: with about twenty polls a random poll effect is poorly
estimated and statsmodels' binomial mixed GLM is variational Bayes only; the GLM's
uncertainty is made honest instead. For every estimate the larger of two standard errors
is used: (a) the model-based one scaled by the Pearson dispersion (at least 1), which always
keeps each poll's own sampling error, so a period with one poll still has an interval as
wide as that poll's sample allows; (b) the cluster-robust one by poll (Liang and Zeger
1986), which allows for correlated errors within a poll but collapses towards zero where one
poll alone identifies a parameter.

**Sample sizes.** The data give no regional subsample sizes, so each row's n is the poll's n
times the region's share of the covered population (flag ``n_from_population``), or
:data:`DEFAULT_N` times that share where the poll's n is unknown (flag ``n_default``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.genmod import families
from statsmodels.genmod.generalized_linear_model import GLM  # not statsmodels.api: it imports every model

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.models.blas import one_blas_thread
from analysis.models.periods import PERIODS
from analysis.models.regional_rows import (  # noqa: F401 - re-exported: the module is the public face
    BLOCKS,
    DEFAULT_N,
    REGIONS,
    SECURITY_OPTION,
    SUPPORT,
    _Resolver,
    block_of_units,
    city_changes,
    city_series,
    composition,
    geography_level,
    regional_rows,
    unit_weights,
)
from analysis.models.regional_tables import (  # noqa: F401 - re-exported: the module is the public face
    agreement,
    orderings,
    post_invasion_trend,
    reweighting_check,
    simulate_tables,
    within_house_gaps,
)
from analysis.models.regions import OCCUPIED_SINCE_2014, OCCUPIED_SINCE_2022


@dataclass
class RegionalFit:
    """A fitted regional model: the GLM result, its design and the two covariance matrices."""

    result: object
    columns: list[str]
    cov_model: np.ndarray
    cov_cluster: np.ndarray
    dispersion: float
    rows: pd.DataFrame
    estimable: pd.DataFrame
    reference: str


def _design(rows: pd.DataFrame, houses: list[str], qtypes: list[str], mode_offset: bool = False) -> pd.DataFrame:
    x = {}
    for period in PERIODS:
        in_period = (rows["period"] == period).astype("float64")
        for b in REGIONS:
            c = rows[f"c_{b}"] + (rows["c_Donbas"] if b == "East" else 0.0)
            x[f"{b}:{period}"] = c * in_period
    x["Donbas offset"] = rows["c_Donbas"]
    for h in houses[:-1]:  # sum-to-zero: the last house is minus the sum of the others
        x[f"house:{h}"] = (rows["pollster"] == h).astype("float64") - (rows["pollster"] == houses[-1]).astype("float64")
    qb = rows["question_type"] + "/" + rows["base"]
    for q in qtypes[1:]:
        x[f"qtype:{q}"] = (qb == q).astype("float64")
    if mode_offset:  # telephone tables against all others (face to face, or of unknown mode)
        x["mode:telephone"] = (rows["mode"] == "telephone").astype("float64")
    return pd.DataFrame(x, index=rows.index)


@one_blas_thread
def fit_regional(rows: pd.DataFrame, reference: str | None = None, *, mode_offset: bool = False) -> RegionalFit:
    """Fit the model of the module docstring to :func:`regional_rows` output (resolved rows).

    ``reference`` is the question type/base (``"nato_membership_support/all_respondents"``)
    whose level the estimates are for; default: the most common one. Raises
    :class:`~analysis.errors.DataValidationError` when the rows cannot be fitted (no more rows
    than parameters, or fewer than two polls). Region-period cells
    with no data are dropped from the design and reported in ``estimable``; tables of a period
    whose houses appear in no other period are left out (:func:`_anchored`). ``mode_offset``
    adds one offset for telephone tables (against face to face and unknown modes); it is
    identified only where a period holds tables of both kinds.

    Nine simulated polls (three houses, one question), each reporting the four regions:

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> fit = fit_regional(rows)
    >>> fit.reference, len(fit.rows), fit.columns[:2], fit.columns[-2:]
    ('q/all', 36, ['West:before 2014', 'Centre:before 2014'], ['house:A', 'house:B'])
    """
    rows = rows[rows["resolved"]]
    rows = rows[_anchored(rows)].reset_index(drop=True)
    if rows["poll_id"].nunique() < 2:
        raise DataValidationError(
            [Issue("regional rows", None, "poll_id", str(rows["poll_id"].nunique()), "too few regional tables to fit")]
        )
    qb = (rows["question_type"] + "/" + rows["base"]).value_counts()
    order = sorted(qb.index, key=lambda q: (-qb[q], q))
    reference = reference or order[0]
    qtypes = [reference, *[q for q in order if q != reference]]
    houses = sorted(rows["pollster"].unique())
    x = _design(rows, houses, qtypes, mode_offset)
    present = x.columns[(x != 0).any()]
    x = x[present]
    x = x[_identified(x)]
    cells = [c for c in x.columns if ":" in c and not c.startswith(("house:", "qtype:"))]
    in_period = {p: (rows["period"] == p).to_numpy() for p in PERIODS}
    estimable = pd.DataFrame(
        [
            {"region": r, "period": p, "tables": _tables_in(rows, _reports(rows, r) & in_period[p])}
            for r in (*REGIONS, "Donbas")
            for p in PERIODS
        ]
    )
    in_design = estimable["region"].where(estimable["region"] != "Donbas", "East") + ":" + estimable["period"]
    estimable["estimable"] = in_design.isin(cells)
    donbas = estimable["region"] == "Donbas"  # only where reported: the offset is not extrapolated to other periods
    estimable.loc[donbas, "estimable"] &= ("Donbas offset" in x.columns) & (estimable.loc[donbas, "tables"] > 0)
    if len(rows) <= x.shape[1]:
        raise DataValidationError(
            [
                Issue(
                    "regional rows", None, None, str(len(rows)), f"too few regional figures for {x.shape[1]} parameters"
                )
            ]
        )
    y = rows["share"].to_numpy() / 100
    counts = np.column_stack([y * rows["n"].to_numpy(), (1 - y) * rows["n"].to_numpy()])  # successes, failures
    model = GLM(counts, x.to_numpy(), family=families.Binomial())
    result = model.fit(method="irls", tol=1e-10, maxiter=200)
    df = max(int(result.df_resid), 0)
    dispersion = max(1.0, float(result.pearson_chi2 / df)) if df > 0 else 1.0
    groups = pd.factorize(rows["poll_id"])[0]
    cluster = model.fit(method="irls", tol=1e-10, maxiter=200, cov_type="cluster", cov_kwds={"groups": groups})
    return RegionalFit(
        result=result,
        columns=list(x.columns),
        cov_model=np.asarray(result.cov_params()) * dispersion,
        cov_cluster=np.asarray(cluster.cov_params()),
        dispersion=dispersion,
        rows=rows,
        estimable=estimable,
        reference=reference,
    )


def _anchored(rows: pd.DataFrame) -> pd.Series:
    """Rows of periods in which some house also has a table in another period.

    In a period whose houses appear nowhere else, the period's levels and those houses' effects
    cannot be told apart: only the rule that house effects sum to zero would split them, so such
    tables would fix nothing but still shift every other house's effect through that rule. They
    are left out of the fit (the period has no estimate).
    """
    periods_of = rows.groupby("pollster")["period"].nunique()
    elsewhere = rows["pollster"].map(periods_of) > 1
    return elsewhere.groupby(rows["period"], observed=True).transform("any").astype(bool)


def _identified(x: pd.DataFrame) -> list[str]:
    """The columns kept, in order, each only if the data can tell it from those before it.

    Region-period cells come first, so an offset (a house or a question type) that the data
    confound with them is the one left out: its tables then inform the cells at the level of the
    reference, which is stated where the fit is reported (``RegionalFit.columns``).
    """
    values = x.to_numpy()
    kept: list[int] = []
    for i in range(values.shape[1]):
        trial = [*kept, i]
        if np.linalg.matrix_rank(values[:, trial]) == len(trial):
            kept.append(i)
    return [x.columns[i] for i in kept]


def _reports(rows: pd.DataFrame, region: str) -> np.ndarray:
    """Rows that tell about ``region``: any part of it for a block of the common scheme, the region
    itself for Donbas (an East that merely contains Donbas says nothing about Donbas apart)."""
    if region == "Donbas":
        return (rows["c_Donbas"] > 0.999).to_numpy()
    return (rows[f"c_{region}"] > 0).to_numpy()


def _tables_in(rows: pd.DataFrame, selected: np.ndarray) -> int:
    """Regional tables among the ``selected`` rows (a region with a share of the population, in a period)."""
    return int(pd.notna(pd.unique(rows["table_id"].to_numpy()[selected])).sum())  # nunique, without a Series


def _vector(fit: RegionalFit, region: str, period: str) -> np.ndarray | None:
    """Linear-predictor weights for one block in one period at the reference, average house."""
    e = fit.estimable
    ok = e["estimable"].to_numpy()[((e["region"] == region) & (e["period"] == period)).to_numpy()]
    if not (len(ok) and ok[0]):
        return None
    v = np.zeros(len(fit.columns))
    cell = f"{'East' if region == 'Donbas' else region}:{period}"
    if cell not in fit.columns or (region == "Donbas" and "Donbas offset" not in fit.columns):
        return None
    v[fit.columns.index(cell)] = 1.0
    if region == "Donbas":
        v[fit.columns.index("Donbas offset")] = 1.0
    return v


def _se(fit: RegionalFit, g: np.ndarray) -> float:
    return float(max(np.sqrt(g @ fit.cov_model @ g), np.sqrt(max(g @ fit.cov_cluster @ g, 0.0))))


def _expit(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


def _known(region: str, period: str) -> None:
    """Raise for a region or period name the model does not have (a typo is not "not estimable").

    >>> _known("Esat", "after Feb 2022")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: unknown region 'Esat'; the model has West, Centre, South, East, Donbas
    """
    if region not in (*REGIONS, "Donbas"):
        raise ParseError(f"unknown region {region!r}; the model has {', '.join((*REGIONS, 'Donbas'))}")
    if period not in PERIODS:
        raise ParseError(f"unknown period {period!r}; the model has {', '.join(PERIODS)}")


def _share_and_grad(fit: RegionalFit, region: str, period: str) -> tuple[float, np.ndarray] | None:
    v = _vector(fit, region, period)
    if v is None:
        return None
    p = _expit(float(v @ fit.result.params))
    return 100 * p, 100 * p * (1 - p) * v


def region_estimates(fit: RegionalFit, level: float = 0.95) -> pd.DataFrame:
    """Share (points) per block and period with a ``level`` interval (on the logit scale).

    Missing where no table covers the cell (``estimable`` False), and in a period none of whose
    houses has a table in another period (``anchored`` False): :func:`fit_regional` leaves such
    tables out, since the period's level and its houses' effects cannot be told apart.

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> fit = fit_regional(rows)
    >>> region_estimates(fit).query("region == 'West'").round(1)
      region            period  share   low  high  tables  estimable  anchored
    0   West       before 2014   62.2  58.5  65.7       3       True      True
    1   West  2014 to Feb 2022   67.1  63.0  70.9       3       True      True
    2   West    after Feb 2022   83.6  80.7  86.2       3       True      True
    """
    z = stats.norm.ppf(0.5 + level / 2)
    out = []
    for region in (*REGIONS, "Donbas"):
        for period in PERIODS:
            v = _vector(fit, region, period)
            row = {"region": region, "period": period, "share": np.nan, "low": np.nan, "high": np.nan}
            if v is not None:
                eta, se = float(v @ fit.result.params), _se(fit, v)
                row |= {
                    "share": 100 * _expit(eta),
                    "low": 100 * _expit(eta - z * se),
                    "high": 100 * _expit(eta + z * se),
                }
            out.append(row)
    est = pd.DataFrame(out).merge(fit.estimable, on=["region", "period"])
    est["anchored"] = est["period"].isin(set(fit.rows["period"]))  # periods left out of the fit: see _anchored
    return est


def gap(fit: RegionalFit, first: str, second: str, period: str, level: float = 0.95) -> dict[str, float]:
    """``first`` minus ``second`` share (points) in ``period`` by the delta method; NaN if not
    estimable; ``ValueError`` for a region or period the model does not have.

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> fit = fit_regional(rows)
    >>> {k: round(float(v), 1) for k, v in gap(fit, "West", "East", "after Feb 2022").items()}
    {'gap': 17.6, 'low': 10.7, 'high': 24.5, 'se': 3.5}
    """
    _known(first, period)
    _known(second, period)
    a, b = _share_and_grad(fit, first, period) or (None, None), _share_and_grad(fit, second, period) or (None, None)
    if a[0] is None or b[0] is None:
        return {"gap": np.nan, "low": np.nan, "high": np.nan, "se": np.nan}
    z = stats.norm.ppf(0.5 + level / 2)
    value, g = a[0] - b[0], a[1] - b[1]
    se = _se(fit, g)
    return {"gap": value, "low": value - z * se, "high": value + z * se, "se": se}


def gap_change(
    fit: RegionalFit, first: str, second: str, before: str, after: str, level: float = 0.95, *, scale: str = "points"
) -> dict[str, float]:
    """Change of the ``first`` - ``second`` gap from period ``before`` to ``after`` (points).

    Negative means the gap narrowed. ``scale="log_odds"``: the same change on the model's own scale
    (log-odds; a gap near the ceiling of 100 % shrinks in points faster than in log-odds).

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> fit = fit_regional(rows)
    >>> {k: round(float(v), 2) for k, v in gap_change(fit, "West", "East", "before 2014", "after Feb 2022").items()}
    {'change': -26.9, 'low': -34.66, 'high': -19.14, 'se': 3.96}
    >>> {k: round(float(v), 2) for k, v in gap_change(fit, "West", "East", "before 2014", "after Feb 2022",
    ...     scale="log_odds").items()}
    {'change': -1.07, 'low': -1.51, 'high': -0.64, 'se': 0.22}
    """
    for region in (first, second):
        for period in (before, after):
            _known(region, period)
    if scale not in ("points", "log_odds"):
        raise ParseError(f"scale must be 'points' or 'log_odds', got {scale!r}")
    if scale == "log_odds":
        vectors = [_vector(fit, r, p) for p in (before, after) for r in (first, second)]
        parts = [None if v is None else (float(v @ fit.result.params), v) for v in vectors]
    else:
        parts = [_share_and_grad(fit, r, p) for p in (before, after) for r in (first, second)]
    if any(x is None for x in parts):
        return {"change": np.nan, "low": np.nan, "high": np.nan, "se": np.nan}
    (a0, ga0), (b0, gb0), (a1, ga1), (b1, gb1) = parts
    value, g = (a1 - b1) - (a0 - b0), (ga1 - gb1) - (ga0 - gb0)
    se = _se(fit, g)
    z = stats.norm.ppf(0.5 + level / 2)
    return {"change": value, "low": value - z * se, "high": value + z * se, "se": se}


def gap_table(fit: RegionalFit, level: float = 0.95) -> pd.DataFrame:
    """West - East, West - South, West - lowest region (by estimate) and West - Donbas, by period.

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> fit = fit_regional(rows)
    >>> gap_table(fit).query("period == 'after Feb 2022'").round(1)
             contrast          period  versus   gap   low  high   se
    8     West − East  after Feb 2022    East  17.6  10.7  24.5  3.5
    9    West − South  after Feb 2022   South  14.0   9.7  18.4  2.2
    10  West − lowest  after Feb 2022    East  17.6  10.7  24.5  3.5
    11  West − Donbas  after Feb 2022  Donbas   NaN   NaN   NaN  NaN
    """
    est = region_estimates(fit, level)
    out = []
    for period in PERIODS:
        e = est[(est["period"] == period) & est["region"].isin(REGIONS) & est["share"].notna()]
        others = e[e["region"] != "West"]  # the lowest of the other regions: none if West stands alone
        lowest = (
            others.loc[others["share"].idxmin(), "region"] if len(others) and (e["region"] == "West").any() else None
        )
        for label, second in (
            ("West − East", "East"),
            ("West − South", "South"),
            ("West − lowest", lowest),
            ("West − Donbas", "Donbas"),
        ):
            g = gap(fit, "West", second, period, level) if second else {"gap": np.nan, "low": np.nan, "high": np.nan}
            out.append({"contrast": label, "period": period, "versus": second, **g})
    return pd.DataFrame(out)


def change_table(fit: RegionalFit, level: float = 0.95) -> pd.DataFrame:
    """Change of each gap from period to period (and before 2014 to after February 2022).

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> fit = fit_regional(rows)
    >>> change_table(fit).query("contrast == 'West − East'").drop(columns=["contrast", "se"]).round(2)
                   from                to  change    low   high
    0       before 2014  2014 to Feb 2022    -8.8 -18.04   0.44
    1  2014 to Feb 2022    after Feb 2022   -18.1 -29.04  -7.16
    2       before 2014    after Feb 2022   -26.9 -34.66 -19.14
    """
    out = []
    for label, second in (("West − East", "East"), ("West − South", "South"), ("West − Donbas", "Donbas")):
        for before, after in ((PERIODS[0], PERIODS[1]), (PERIODS[1], PERIODS[2]), (PERIODS[0], PERIODS[2])):
            out.append(
                {
                    "contrast": label,
                    "from": before,
                    "to": after,
                    **gap_change(fit, "West", second, before, after, level),
                }
            )
    return pd.DataFrame(out)


def change_reading(low: float, high: float) -> str:
    """``narrowed`` if a gap change's interval lies below zero, ``widened`` if above, else ``no clear change``.

    >>> change_reading(-30.0, -5.0), change_reading(-10.0, 4.0), change_reading(float("nan"), float("nan"))
    ('narrowed', 'no clear change', 'not estimated')
    """
    if pd.isna(low) or pd.isna(high):
        return "not estimated"
    return "narrowed" if high < 0 else "widened" if low > 0 else "no clear change"


def unit_estimates(fit: RegionalFit, definitions: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Model share per unit (oblast) and period: its block's estimate, for the tile map.

    ``imputed`` is True where no table in that period reported a region containing the unit
    (its value comes from the model's other periods or the Donbas offset), or the unit was not
    surveyed then (Crimea, Sevastopol after 2014). ``partly_surveyed`` is True for Donetsk and
    Luhansk oblasts after 2014 (only their government-held parts were surveyed), and for the units
    partly occupied since the invasion (:data:`~analysis.models.regions.OCCUPIED_SINCE_2022`) after
    February 2022.

    Simulated tables (dated by period: a row's date picks the definition in force) and a
    default definition of one or two units per block:

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> dates = dict(zip(PERIODS, pd.to_datetime(["2010-06-01", "2018-06-01", "2023-06-01"])))
    >>> fit = fit_regional(rows.assign(date=rows["period"].map(dates)))
    >>> defs = pd.DataFrame({"pollster": "(default)", "region": ["West", "Centre", "South", "South", "East"],
    ...     "unit": ["Lviv oblast", "Kyiv city", "Odesa oblast", "Crimea", "Kharkiv oblast"]})
    >>> units = unit_estimates(fit, defs)
    >>> units.query("block == 'South'")[["unit", "period", "share", "imputed", "not_surveyed"]].round(1)
                unit            period  share  imputed  not_surveyed
    0         Crimea       before 2014   25.9    False         False
    1         Crimea  2014 to Feb 2022   36.1     True          True
    2         Crimea    after Feb 2022   69.5     True          True
    12  Odesa oblast       before 2014   25.9    False         False
    13  Odesa oblast  2014 to Feb 2022   36.1    False         False
    14  Odesa oblast    after Feb 2022   69.5    False         False
    """
    est = region_estimates(fit, level).set_index(["region", "period"])
    blocks = block_of_units(definitions)
    rows = fit.rows
    resolver = _Resolver(definitions)
    # per period: the (units of the reported region, reported region) of each row, in row order
    reported = {
        period: [
            (resolver.units(getattr(r, "definition", r.pollster), r.date).get(r.geography, set()), r.geography)
            for r in rows[rows["period"] == period].itertuples()
        ]
        for period in PERIODS
    }
    out = []
    for unit, block in blocks.items():
        for period in PERIODS:
            e = est.loc[(block, period)]
            covered = any(unit in units or unit == geography for units, geography in reported[period])
            not_surveyed = period != PERIODS[0] and unit in OCCUPIED_SINCE_2014[:2]
            partly = (period != PERIODS[0] and unit in OCCUPIED_SINCE_2014[2:]) or (
                period == PERIODS[2] and unit in OCCUPIED_SINCE_2022
            )
            out.append(
                {
                    "unit": unit,
                    "block": block,
                    "period": period,
                    "share": e["share"],
                    "low": e["low"],
                    "high": e["high"],
                    "imputed": bool(not covered or not_surveyed),
                    "not_surveyed": not_surveyed,
                    "partly_surveyed": partly,
                }
            )
    return pd.DataFrame(out)
