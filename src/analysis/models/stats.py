"""Statistics on poll shares: intervals, period comparisons, coverage.

All functions take and return plain pandas objects. Shares are percentages (0-100).

>>> import pandas as pd
>>> wilson_interval(pd.Series([50.0]), pd.Series([1000])).round(2)
   ci_low  ci_high
0   46.91    53.09
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def wilson_interval(share: pd.Series, n: pd.Series, level: float = 0.95, design_effect: float = 1.0) -> pd.DataFrame:
    """Wilson score interval for each share (percent) with sample size ``n``.

    Uses ``statsmodels.stats.proportion.proportion_confint(method="wilson")`` (Wilson 1927).
    A design effect > 1 widens the interval by using the effective sample size
    ``n / design_effect``. Where ``n`` is missing the interval is missing (NaN): no
    interval is invented for a poll whose sample size is unknown.

    Reference value: 50% of n = 1000 gives 46.91..53.09 (hand computation with z = 1.96).

    >>> wilson_interval(pd.Series([37.0, 20.0]), pd.Series([None, 400])).round(2)
       ci_low  ci_high
    0     NaN      NaN
    1   16.37     24.2
    """
    from statsmodels.stats.proportion import proportion_confint  # imported here: slow to import

    if design_effect < 1:
        raise ValueError(f"design_effect must be >= 1, got {design_effect}")
    n_eff = pd.to_numeric(n, errors="coerce").astype("float64") / design_effect
    p = share.astype("float64") / 100
    known = n_eff.notna() & p.notna()
    low = pd.Series(np.nan, index=share.index)
    high = pd.Series(np.nan, index=share.index)
    if known.any():
        lo, hi = proportion_confint(p[known] * n_eff[known], n_eff[known], alpha=1 - level, method="wilson")
        low[known], high[known] = lo * 100, hi * 100
    return pd.DataFrame({"ci_low": low, "ci_high": high})


def bootstrap_mean_difference(
    before: pd.Series, after: pd.Series, *, n_boot: int = 10_000, level: float = 0.95, seed: int = 0
) -> pd.Series:
    """Difference of mean shares (after - before) with a poll-level percentile bootstrap.

    Polls are resampled with replacement within each group (Efron & Tibshirani 1993,
    ch. 13), so the interval reflects the spread between polls, not only sampling error.
    With few polls per group the interval is rough: report the counts with it.

    >>> r = bootstrap_mean_difference(pd.Series([30.0, 34.0]), pd.Series([60.0, 64.0]))
    >>> float(r["difference"]), int(r["n_before"]), int(r["n_after"])
    (30.0, 2, 2)
    >>> float(r["ci_low"]), float(r["ci_high"])
    (26.0, 34.0)
    """
    a = before.dropna().to_numpy(dtype=float)
    b = after.dropna().to_numpy(dtype=float)
    if len(a) == 0 or len(b) == 0:
        raise ValueError("both groups need at least one poll")
    rng = np.random.default_rng(seed)
    boots = rng.choice(b, (n_boot, len(b))).mean(axis=1) - rng.choice(a, (n_boot, len(a))).mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(boots, [tail, 100 - tail])
    return pd.Series(
        {
            "difference": b.mean() - a.mean(),
            "ci_low": low,
            "ci_high": high,
            "n_before": len(a),
            "n_after": len(b),
        }
    )


def poll_coverage(polls: pd.DataFrame, by: str = "question_type") -> pd.DataFrame:
    """Distinct polls per fieldwork year (rows) and ``by`` (columns), zeros where none.

    >>> p = pd.DataFrame({"poll_id": ["a", "a", "b"], "field_start": ["2008-01-01"] * 2 + ["2009-05-01"],
    ...     "question_type": ["q", "q", "r"]})
    >>> poll_coverage(p)
    question_type  q  r
    year
    2008           1  0
    2009           0  1
    """
    years = pd.to_datetime(polls["field_start"]).dt.strftime("%Y").rename("year")
    distinct = polls.assign(year=years).drop_duplicates(["poll_id", by])
    return pd.crosstab(distinct["year"], distinct[by])
