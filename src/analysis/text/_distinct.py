"""Columns in, each distinct value once: the helpers that let the parsers take any column-like input and
make them fast on long columns."""

from __future__ import annotations

import numpy as np
import pandas as pd


def factorize(values: pd.Series, check) -> tuple[list, np.ndarray]:  # noqa: ANN001 - any one-value parser
    """Distinct values and, per row, the position of its value among them.

    Each distinct value is parsed once (1M rows with few distinct values cost little more
    than the distinct values). Unhashable values cannot be factorized: ``check`` is then run
    on each value so that the first bad one raises its own error naming it.
    """
    nulls = values.isna()
    if nulls.any():  # factorize would turn None into nan: let the parser name the original value
        check(values[nulls].iloc[0])
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    except TypeError:
        for value in values:
            check(value)
        raise
    return list(uniques), codes


def as_column(values: object) -> pd.Series:
    """``values`` as a Series: a Series as it is; a list, tuple, array or index as its rows; one string,
    number or date as a one-row Series. What every public helper that expects a column accepts.

    >>> as_column("37%").tolist(), as_column(("a", "b")).tolist(), as_column(pd.Series([1], index=[7])).index.tolist()
    (['37%'], ['a', 'b'], [7])
    """
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, str | bytes) or np.ndim(values) == 0:
        return pd.Series([values], dtype="object")
    return pd.Series(list(values), dtype="object")
