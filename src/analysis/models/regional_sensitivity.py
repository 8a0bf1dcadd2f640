"""Sensitivity of the regional headline: the change of the West - East and West - South gaps
refitted under other choices (:func:`sensitivity`) and without each table in turn
(:func:`leave_one_table_out`), each read against the baseline."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError
from analysis.models.blas import one_blas_thread
from analysis.models.periods import PERIODS  # noqa: F401 - used by the example
from analysis.models.regional import (
    REGIONS,  # noqa: F401 - used by the example
    _anchored,
    change_reading,
    fit_regional,
    gap_change,
)
from analysis.models.regional_tables import simulate_tables  # noqa: F401 - used by the example


@one_blas_thread
def sensitivity(
    rows: pd.DataFrame,
    before: str,
    after: str,
    level: float = 0.95,
    label: Callable[[str], str] = str,
    reference: tuple[str, str] | None = None,
    alternatives: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The change of the West - East and West - South gaps from ``before`` to ``after`` under other
    choices, and whether each overturns the baseline's reading (:func:`change_reading`).

    ``reference`` (question type, base): the baseline fits that question and base alone, so that
    nothing is pooled across question types and bases, and the variants are ``every question type
    and base pooled, with offsets`` and ``only <question type> (<base>)`` for each other question
    type and base. Without it the baseline is every table, question types and bases with their
    offsets, and ``only ...`` covers each of them. With it, where the pooled tables hold telephone
    and other tables in one period, also ``every question type and base pooled, with offsets and a
    telephone offset`` (the pooled tables can identify an offset the reference question alone cannot).
    Other variants: ``without <house>`` for each
    house of the baseline; ``with a telephone offset`` (:func:`fit_regional` ``mode_offset``),
    since the polls after the invasion are mostly by telephone and those before it face to face or
    of unknown mode (``not estimated`` where no period holds tables of both kinds, so the offset
    cannot be told from the period); one variant per entry of ``alternatives``, rows built another
    way (e.g. :func:`~analysis.models.regional_rows.regional_rows` with another ``donbas`` reading or ``nest=False``), taken to
    the reference question and base as the baseline is. A variant whose tables leave a region or
    period out of the design, or that has too few tables to fit, is ``not estimated``. ``label`` turns a question type or base code into
    the words used in the variant's name (e.g. ``analysis.plots.plain_label``).
    Returns variant, tables, contrast, change, low, high, reading, overturned.

    Nine simulated polls by three houses: the baseline, the one question on its own, and each
    house left out.

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> table = sensitivity(rows, "before 2014", "after Feb 2022")
    >>> table[["variant", "tables", "contrast", "change", "reading"]].round(1).head(6)
            variant  tables      contrast  change   reading
    0      baseline       9   West − East   -26.9  narrowed
    1      baseline       9  West − South   -22.2  narrowed
    2  only q (all)       9   West − East   -26.9  narrowed
    3  only q (all)       9  West − South   -22.2  narrowed
    4     without A       6   West − East   -27.5  narrowed
    5     without A       6  West − South   -21.1  narrowed
    >>> bool(table["overturned"].any())
    False
    """
    ref = None if reference is None else "/".join(reference)

    def modelled(table: pd.DataFrame) -> pd.DataFrame:
        """The resolved rows of the reference question and base (every resolved row without one)."""
        table = table[table["resolved"]]
        return table if ref is None else table[table["question_type"] + "/" + table["base"] == ref]

    rows = rows[rows["resolved"]]
    baseline = modelled(rows)
    variants: dict[str, pd.DataFrame] = {"baseline": baseline}
    if ref is not None:
        variants["every question type and base pooled, with offsets"] = rows
    for (question, base), part in rows.groupby(["question_type", "base"]):
        if f"{question}/{base}" != ref:
            variants[f"only {label(question)} ({label(base)})"] = part
    for house in sorted(baseline.loc[_anchored(baseline), "pollster"].unique()):  # houses the fit uses
        variants[f"without {house}"] = baseline[baseline["pollster"] != house]

    def mixed_modes(table: pd.DataFrame) -> bool:
        phone = table["mode"].eq("telephone") if "mode" in table.columns else pd.Series(False, index=table.index)
        return bool(phone.any() and not phone.all())

    mixed = [("with a telephone offset", baseline)] if mixed_modes(baseline) else []
    if ref is not None and mixed_modes(rows):
        mixed.append(("every question type and base pooled, with offsets and a telephone offset", rows))
    variants |= {name: modelled(alt) for name, alt in (alternatives or {}).items()}
    out = []
    for name, part in [*variants.items(), *mixed]:
        offset = name.endswith("a telephone offset")
        try:
            fit = fit_regional(part, ref if name.startswith("every") else None, mode_offset=offset)
        except DataValidationError:  # too few tables to fit
            fit = None
        if offset and fit is not None and "mode:telephone" not in fit.columns:
            fit = None  # no period holds both kinds of table: the offset is the period's own level
        out += _contrasts(fit, part, before, after, level, variant=name)
    return _read_against_baseline(pd.DataFrame(out), "variant", "baseline")


@one_blas_thread
def leave_one_table_out(
    rows: pd.DataFrame,
    before: str,
    after: str,
    level: float = 0.95,
    reference: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """The change of the West - East and West - South gaps from ``before`` to ``after`` with each
    table of the baseline left out in turn (a result that one table decides shows here), each read
    against the baseline (all tables). ``rows`` and ``reference`` as for :func:`sensitivity`.
    Returns left_out (``none`` for the baseline), tables, contrast, change, low, high, reading,
    overturned; a refit that cannot place both regions in both periods is ``not estimated``.

    >>> truth = pd.DataFrame({"share": [60.0, 65, 85, 45, 50, 80, 25, 35, 70, 20, 30, 65]},
    ...     index=pd.MultiIndex.from_product([REGIONS, PERIODS]))  # West, Centre, South, East by period
    >>> rows = simulate_tables(truth, n_polls=9, rng=np.random.default_rng(0))
    >>> loo = leave_one_table_out(rows, "before 2014", "after Feb 2022")
    >>> len(loo), int(loo["overturned"].sum())
    (20, 0)
    >>> loo.groupby("contrast")["change"].agg(["min", "max"]).round(1).values.tolist()  # West − East, West − South
    [[-28.6, -23.7], [-24.1, -19.2]]
    """
    rows = rows[rows["resolved"]]
    if reference is not None:
        rows = rows[(rows["question_type"] == reference[0]) & (rows["base"] == reference[1])]
    fitted = fit_regional(rows).rows["table_id"].unique()  # the tables the baseline uses
    out = _contrasts(fit_regional(rows), rows, before, after, level, left_out="none")
    for table_id in fitted:
        part = rows[rows["table_id"] != table_id]
        try:
            fit = fit_regional(part)
        except DataValidationError:  # too few tables to fit
            fit = None
        out += _contrasts(fit, part, before, after, level, left_out=table_id)
    return _read_against_baseline(pd.DataFrame(out), "left_out", "none")


def _contrasts(fit, part: pd.DataFrame, before: str, after: str, level: float, **name: str) -> list[dict]:
    """The two gap changes of one fit (``not estimated`` without a fit), as rows named by ``name``."""
    out = []
    for label, second in (("West − East", "East"), ("West − South", "South")):
        nothing = {"change": np.nan, "low": np.nan, "high": np.nan}
        g = gap_change(fit, "West", second, before, after, level) if fit is not None else nothing
        out.append(
            name
            | {"tables": (fit.rows if fit is not None else part)["table_id"].nunique(), "contrast": label}
            | {k: g[k] for k in ("change", "low", "high")}
            | {"reading": change_reading(g["low"], g["high"])}
        )
    return out


def _read_against_baseline(table: pd.DataFrame, column: str, baseline: str) -> pd.DataFrame:
    """``overturned``: the reading differs from the baseline's for the same contrast (and was estimated)."""
    base_reading = table[table[column] == baseline].set_index("contrast")["reading"]
    table["overturned"] = (table["reading"] != table["contrast"].map(base_reading)) & (
        table["reading"] != "not estimated"
    )
    return table
