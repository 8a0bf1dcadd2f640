"""Each distinct value once: the helper that makes the parsers fast on long columns."""

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
