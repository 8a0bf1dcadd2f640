"""Statistics on poll shares: intervals, period comparisons, coverage.

All functions take and return plain pandas objects. Shares are percentages (0-100).

>>> import pandas as pd
>>> wilson_interval(pd.Series([50.0]), pd.Series([1000])).round(2)
   lower  upper
0  46.91  53.09
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParseError

ArrayLike = pd.Series | Sequence[float] | np.ndarray | float


def _as_series(values: ArrayLike, name: str, index: pd.Index | None = None) -> pd.Series:
    """``values`` (a Series, list, array or one number) as a float Series; raises :class:`ParseError`
    naming the argument for text or other values that are not numbers."""
    if isinstance(values, pd.Series):
        series = values
    else:
        array = np.atleast_1d(np.asarray(values, dtype=object))
        if array.ndim != 1:
            raise ParseError(f"{name} must be one-dimensional, got shape {array.shape}")
        series = pd.Series(array, index=index if index is not None and len(index) == len(array) else None)
    numbers = pd.to_numeric(series.where(series.notna(), np.nan), errors="coerce")
    bad = series[numbers.isna() & series.notna()]
    if len(bad):
        raise ParseError(
            f"{name} must be numbers; got {bad.iloc[0]!r} at position {series.index.get_loc(bad.index[0])}"
        )
    return numbers.astype("float64")


def check_shares(share: ArrayLike, name: str = "share") -> pd.Series:
    """``share`` as a float Series of percentages, checked: every known value within 0-100.

    Raises :class:`~analysis.errors.ParseError` for values outside 0-100, and for input that looks
    like proportions (every value within 0-1 and some not 0 or 1), with the hint to multiply by 100.

    >>> check_shares([59.2, 40]).tolist()
    [59.2, 40.0]
    >>> check_shares([0.592])
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: share looks like proportions (0.592 is within 0-1): shares are percentages (0-100); multiply by 100
    """
    shares = _as_series(share, name)
    known = shares.dropna()
    outside = known[(known < 0) | (known > 100)]
    if len(outside):
        raise ParseError(f"{name} must be a percentage within 0-100; got {float(outside.iloc[0])!r}")
    if len(known) and known.between(0, 1).all() and not known.isin([0.0, 1.0]).all():
        first = known[~known.isin([0.0, 1.0])].iloc[0]
        raise ParseError(
            f"{name} looks like proportions ({float(first)!r} is within 0-1): shares are percentages (0-100); multiply by 100"
        )
    return shares


def wilson_interval(
    share: ArrayLike, n: ArrayLike, level: float = 0.95, design_effect: float = 1.0, *, small_shares: bool = False
) -> pd.DataFrame:
    """Wilson score interval for each share (percent) with sample size ``n``.

    ``share`` and ``n`` may be Series, lists, arrays or single numbers, of one length. Shares are
    percentages within 0-100 (proportions such as 0.592 are refused with a hint); each known ``n``
    must be > 0; ``level`` within (0, 1). Bad input raises :class:`~analysis.errors.ParseError`
    (never NaN with a RuntimeWarning). ``small_shares=True`` says that shares all within 0-1 are real
    percentages below 1% (a rare answer option), not proportions. Two Series must share their index
    (values are paired by it, so a misaligned pair is refused rather than paired by position).

    Uses ``statsmodels.stats.proportion.proportion_confint(method="wilson")`` (Wilson 1927).
    A design effect > 1 widens the interval by using the effective sample size
    ``n / design_effect``. Where ``n`` is missing the interval is missing (NaN): no
    interval is invented for a poll whose sample size is unknown.

    Reference value: 50% of n = 1000 gives 46.91..53.09 (hand computation with z = 1.96).

    >>> wilson_interval(pd.Series([37.0, 20.0]), pd.Series([None, 400])).round(2)
       lower  upper
    0    NaN    NaN
    1  16.37   24.2
    >>> wilson_interval([59.2], [1203]).round(1)
       lower  upper
    0   56.4   61.9
    >>> wilson_interval([0.5], [1000], small_shares=True).round(2)  # 0.5% of a thousand
       lower  upper
    0   0.21   1.17
    >>> wilson_interval([50.0], [0])
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: n must be > 0 (a sample size); got 0.0 at position 0
    """
    from statsmodels.stats.proportion import proportion_confint  # imported here: slow to import

    if not isinstance(design_effect, int | float) or not design_effect >= 1:
        raise ParseError(f"design_effect must be a number >= 1, got {design_effect!r}")
    if not isinstance(level, int | float) or not 0 < level < 1:
        raise ParseError(f"level must be within (0, 1), e.g. 0.95; got {level!r}")
    if isinstance(share, pd.Series) and isinstance(n, pd.Series) and not share.index.equals(n.index):
        raise ParseError("share and n are Series with different indexes: align them (e.g. n.reindex(share.index))")
    share = _as_series(share, "share") if small_shares else check_shares(share)
    if small_shares and (share.dropna().lt(0) | share.dropna().gt(100)).any():
        share = check_shares(share)  # outside 0-100: the usual message
    sizes = _as_series(n, "n", share.index)
    if len(sizes) != len(share):
        raise ParseError(f"share and n differ in length ({len(share)} and {len(sizes)})")
    sizes.index = share.index
    small = sizes[sizes <= 0]
    if len(small):
        raise ParseError(
            f"n must be > 0 (a sample size); got {float(small.iloc[0])!r} at position {sizes.index.get_loc(small.index[0])}"
        )
    n_eff = sizes / design_effect
    p = share / 100
    known = n_eff.notna() & p.notna()
    low = pd.Series(np.nan, index=share.index)
    high = pd.Series(np.nan, index=share.index)
    if known.any():
        lo, hi = proportion_confint(p[known] * n_eff[known], n_eff[known], alpha=1 - level, method="wilson")
        low[known], high[known] = lo * 100, hi * 100
    return pd.DataFrame({"lower": low, "upper": high})


def bootstrap_mean_difference(
    before: ArrayLike, after: ArrayLike, *, n_boot: int = 10_000, level: float = 0.95, seed: int = 0
) -> pd.Series:
    """Difference of mean shares (after - before) with a poll-level percentile bootstrap.

    Polls are resampled with replacement within each group (Efron & Tibshirani 1993,
    ch. 13), so the interval reflects the spread between polls, not only sampling error.
    With few polls per group the interval is rough: report the counts with it. The groups may be
    Series, lists or arrays of numbers (shares, or gaps between shares); text or a group without
    a poll raises :class:`~analysis.errors.ParseError`.

    >>> r = bootstrap_mean_difference(pd.Series([30.0, 34.0]), pd.Series([60.0, 64.0]))
    >>> float(r["difference"]), int(r["n_before"]), int(r["n_after"])
    (30.0, 2, 2)
    >>> float(r["lower"]), float(r["upper"])
    (26.0, 34.0)
    """
    a = _as_series(before, "before").dropna().to_numpy()  # shares or gaps between shares (may be < 0)
    b = _as_series(after, "after").dropna().to_numpy()
    if len(a) == 0 or len(b) == 0:
        raise ParseError("both groups need at least one poll")
    if not 0 < level < 1 or n_boot < 1:
        raise ParseError(f"level must be within (0, 1) and n_boot >= 1; got level={level!r}, n_boot={n_boot!r}")
    rng = np.random.default_rng(seed)
    boots = rng.choice(b, (n_boot, len(b))).mean(axis=1) - rng.choice(a, (n_boot, len(a))).mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(boots, [tail, 100 - tail])
    return pd.Series(
        {
            "difference": b.mean() - a.mean(),
            "lower": low,
            "upper": high,
            "n_before": len(a),
            "n_after": len(b),
        }
    )


def detectable_change(se: ArrayLike, *, level: float = 0.95, power: float = 0.80) -> pd.Series:
    """The smallest true change that an estimate with standard error ``se`` reads as a rise (its
    ``level`` interval above zero) with probability ``power``: the minimum detectable effect
    (Bloom 1995), ``(z[(1 + level) / 2] + z[power]) * se``, for a normal estimate.

    A change smaller than this, even if real, would usually read "no clear change", so an interval
    that includes zero says little about changes below it. Missing standard errors give missing values.

    >>> detectable_change([3.75, 1.0]).round(2).tolist()
    [10.51, 2.8]
    >>> detectable_change(1.0, power=0.5).round(2).tolist()  # at 50% power, the interval's own half-width
    [1.96]
    >>> detectable_change(-1.0)
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: se must be positive; got -1.0 at position 0
    """
    from scipy import stats

    values = _as_series(se, "se")
    bad = values[values.notna() & ~(values > 0)]
    if len(bad):
        raise ParseError(
            f"se must be positive; got {float(bad.iloc[0])!r} at position {values.index.get_loc(bad.index[0])}"
        )
    if not 0 < level < 1 or not 0 < power < 1:
        raise ParseError(f"level and power must be within (0, 1); got level={level!r}, power={power!r}")
    return (stats.norm.ppf((1 + level) / 2) + stats.norm.ppf(power)) * values


def poll_coverage(polls: pd.DataFrame, by: str = "question_type") -> pd.DataFrame:
    """Distinct polls per fieldwork year (rows) and ``by`` (columns), zeros where none; every year
    from the first to the last has a row, so a chart of it shows the years without polls.

    >>> p = pd.DataFrame({"poll_id": ["a", "a", "b"], "field_start": ["2008-01-01"] * 2 + ["2010-05-01"],
    ...     "question_type": ["q", "q", "r"]})
    >>> poll_coverage(p)
    question_type  q  r
    year
    2008           1  0
    2009           0  0
    2010           0  1
    """
    years = pd.to_datetime(polls["field_start"]).dt.year.rename("year")
    distinct = polls.assign(year=years).drop_duplicates(["poll_id", by])
    table = pd.crosstab(distinct["year"], distinct[by])
    every = pd.RangeIndex(int(years.min()), int(years.max()) + 1, name="year") if len(years) else table.index
    return table.reindex(every, fill_value=0).rename(index=str)
