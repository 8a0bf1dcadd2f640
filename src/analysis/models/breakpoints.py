"""Change points on a regular time grid, with a penalty choosing their number and a bootstrap interval.

Polls are irregular in time, so change points are sought on a time-indexed quantity:
:func:`adjusted_grid` takes each poll's share net of its house (and mode) effect from a fit of
:func:`analysis.models.aggregate.fit_aggregate` and averages it per calendar period (quarters
by default); periods without polls are NaN and skipped by the search, but keep their dates.

:func:`detect_breaks` runs PELT (Killick, Fearnhead & Eckley 2012; ``ruptures.Pelt``, l2 cost,
``jump=1``) on the non-missing periods. The number of breaks is chosen by the penalty, by
default ``3 * sigma^2 * log(n)`` (a BIC-type penalty made stricter, so two-period blips are not breaks) with ``sigma`` estimated robustly from first
differences (``1.4826 * MAD / sqrt(2)``) to start, then re-estimated from the residuals
about the segment means until the segmentation is stable (three rounds). A break is dated
at the first period of the new segment; ``last_before`` is the last period with polls before it.
Its interval comes from a moving-block bootstrap of the residuals around the fitted segment
means (blocks of ``block`` periods, seeded): each replicate is searched with the same penalty,
the replicate break nearest to each found break is kept if within ``window`` periods, and the
interval is the central ``level`` range of those dates; ``support`` is the share of replicates
that had a break there.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.models.aggregate import AggregateResult


def adjusted_grid(fit: AggregateResult, freq: str = "QS") -> pd.Series:
    """House- (and mode-) adjusted poll shares averaged per period of ``freq``, NaN where no poll.

    ``share - house effect - mode effect`` per poll (mode effect 0 where not identified or the
    mode is unknown), then the mean per period; the index is the period start dates from the
    first to the last poll.

    A fit of 23 simulated polls (one break, three houses), read per quarter:

    >>> from analysis.models.aggregate import fit_aggregate
    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    >>> adjusted_grid(fit).head(4).round(1)
    2012-01-01    24.2
    2012-04-01     NaN
    2012-07-01    22.5
    2012-10-01    23.7
    Freq: QS-JAN, Name: adjusted_share, dtype: float64
    """
    r = fit.residuals
    house = fit.house_effects.set_index("pollster")["effect"]
    modes = (
        fit.mode_effects.set_index("mode")["effect"].fillna(0.0) if len(fit.mode_effects) else pd.Series(dtype=float)
    )
    adjusted = r["share"] - r["pollster"].map(house).fillna(0.0) - r["mode"].map(modes).fillna(0.0)
    period = r["date"].dt.to_period(freq.removesuffix("S")).dt.start_time
    means = adjusted.groupby(period).mean()
    grid = pd.date_range(means.index.min(), means.index.max(), freq=freq)
    return means.reindex(grid).rename("adjusted_share")


def robust_sigma(values: np.ndarray) -> float:
    """Noise SD from first differences: ``1.4826 * median(|d - median d|) / sqrt(2)``.

    >>> round(robust_sigma(np.array([0.0, 1.0, 0.0, 1.0, 0.0])), 3)
    1.048
    """
    d = np.diff(values)
    return float(1.4826 * np.median(np.abs(d - np.median(d))) / np.sqrt(2))


def _pelt(signal: np.ndarray, penalty: float, min_size: int) -> list[int]:
    import ruptures

    pelt = ruptures.Pelt(custom_cost=_fast_l2()(), min_size=min_size, jump=1)
    ends = pelt.fit(signal.reshape(-1, 1)).predict(pen=penalty)
    return ends[:-1]


@functools.cache
def _fast_l2() -> type:
    """ruptures' l2 cost (``CostL2``) on a one-dimensional signal, with the same arithmetic in fewer
    steps: ``CostL2`` calls ``ndarray.var`` on a column, whose bookkeeping costs about three times
    the sums themselves (the search calls it thousands of times per bootstrap replicate)."""
    from ruptures.base import BaseCost
    from ruptures.exceptions import NotEnoughPoints

    class FastL2(BaseCost):
        model = "l2"
        min_size = 1

        def fit(self, signal: np.ndarray) -> FastL2:
            self.signal = np.ascontiguousarray(signal, dtype=float).reshape(-1)
            return self

        def error(self, start: int, end: int) -> float:
            """``signal[start:end].var() * (end - start)``, summed as ``var`` sums (pairwise, mean first)."""
            n = end - start
            if n < self.min_size:
                raise NotEnoughPoints
            segment = self.signal[start:end]
            deviation = segment - np.add.reduce(segment) / n
            return np.add.reduce(deviation * deviation) / n * n

    return FastL2


def _segments(x: np.ndarray, penalty: float, min_size: int) -> tuple[list[int], np.ndarray]:
    found = _pelt(x, penalty, min_size)
    bounds = [0, *found, len(x)]
    means = np.concatenate([np.full(b - a, x[a:b].mean()) for a, b in zip(bounds, bounds[1:], strict=False)])
    return found, means


def detect_breaks(
    values: pd.Series,
    penalty: float | None = None,
    *,
    min_size: int = 3,
    n_boot: int = 200,
    block: int = 4,
    window: int = 8,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, float]:
    """Breaks in the mean of a time-indexed series (module docstring), and the penalty used.

    ``values``: a Series on a DatetimeIndex (NaN = no data). Returns a table with break_date,
    last_before, lower, upper (bootstrap dates), support, mean_before, mean_after, and the
    penalty. ``lower`` is the first date of ``values``' index after the last observed value
    before the earliest bootstrap break: a break found at an observed date could sit on any
    unobserved date before it, so the interval covers them. Raises ``ValueError`` with fewer
    than ``2 * min_size`` non-missing values.

    >>> idx = pd.date_range("2000-01-01", periods=12, freq="QS")
    >>> y = pd.Series([1.0, 1, 1, 1, np.nan, np.nan, 5, 5, 5, 5, 5, 5], index=idx)
    >>> found, _ = detect_breaks(y, penalty=1.0, n_boot=20)
    >>> found.loc[0, ["break_date", "lower"]].dt.strftime("%Y-%m").tolist()
    ['2001-07', '2001-01']
    """
    if not isinstance(values, pd.Series) or not isinstance(values.index, pd.DatetimeIndex):
        raise ParseError(
            "values must be a Series of shares on a DatetimeIndex (e.g. a house-adjusted quarterly series), "
            f"not a {type(values).__name__}" + (" with that index" if isinstance(values, pd.Series) else "")
        )
    v = values.dropna()
    if len(v) < 2 * min_size:
        raise ParseError(f"{len(v)} values: need at least {2 * min_size}")
    x = v.to_numpy(dtype=float)
    dates = v.index
    if penalty is not None:
        pen = float(penalty)
        found, means = _segments(x, pen, min_size)
    else:
        sigma = robust_sigma(x)
        for _ in range(3):  # sigma from the residuals about the segment means, until stable
            pen = 3 * sigma**2 * np.log(len(x))
            found, means = _segments(x, pen, min_size)
            sigma = float(np.sqrt(((x - means) ** 2).sum() / max(len(x) - len(found) - 1, 1)))
        pen = 3 * sigma**2 * np.log(len(x))
        found, means = _segments(x, pen, min_size)
    bounds = [0, *found, len(x)]
    resid = x - means
    rng = np.random.default_rng(seed)
    matched: list[list[int]] = [[] for _ in found]
    n = len(x)
    for _ in range(n_boot):
        starts = rng.integers(0, n, size=int(np.ceil(n / block)))
        idx = np.concatenate([(s + np.arange(block)) % n for s in starts])[:n]
        boot = _pelt(means + resid[idx], pen, min_size)
        for k, f in enumerate(found):
            if boot:
                nearest = min(boot, key=lambda b, f=f: (abs(b - f), b))
                if abs(nearest - f) <= window:
                    matched[k].append(nearest)
    a = (1 - level) / 2
    rows = []
    for k, f in enumerate(found):
        m = np.array(matched[k]) if matched[k] else np.array([f])
        lo, hi = int(np.floor(np.quantile(m, a))), int(np.ceil(np.quantile(m, 1 - a)))
        rows.append(
            {
                "break_date": dates[f],
                "last_before": dates[f - 1],
                "lower": values.index[values.index.get_loc(dates[lo - 1]) + 1] if lo > 0 else dates[lo],
                "upper": dates[min(hi, n - 1)],
                "support": len(matched[k]) / n_boot,
                "mean_before": float(x[bounds[k] : f].mean()),
                "mean_after": float(x[f : bounds[k + 2]].mean()),
            }
        )
    cols = ["break_date", "last_before", "lower", "upper", "support", "mean_before", "mean_after"]
    return pd.DataFrame(rows, columns=cols), pen
