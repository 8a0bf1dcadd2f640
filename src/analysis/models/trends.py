"""Models of opinion over time: smoothing, breaks, house and mode effects, event windows.

Every function takes and returns plain pandas objects. A *series* is one row per poll of one
question type, answer, base and geography (:func:`analysis.models.series.poll_series`);
question types and bases are never pooled. Dates are fieldwork midpoints; time is measured in years.

Methods:

- :func:`kernel_smooth`: local-linear regression with a Gaussian kernel, each poll weighted
  by its sample size (Fan & Gijbels 1996), a poll average robust to uneven poll spacing.
- :func:`segmented_regression`: interrupted time series (level and slope change at each
  break; Wagner et al. 2002), OLS with heteroscedasticity-robust HC3 errors (statsmodels).
- :func:`change_points`: ``ruptures`` binary segmentation (Truong, Oudre & Vayatis 2020) on
  the series in date order, without being told the break dates (``jump=1``).
- :func:`house_effects`: pollster offsets from OLS of share on pollster and year dummies.

>>> import pandas as pd
>>> s = pd.DataFrame({"date": pd.to_datetime(["2010-01-01", "2012-01-01", "2016-01-01", "2018-01-01"]),
...     "share": [20.0, 22.0, 45.0, 47.0], "sample_size": [1000, 1000, 1000, 1000]})
>>> round(float(kernel_smooth(s, pd.to_datetime(["2011-01-01"]), bandwidth_days=500).iloc[0]), 1)
21.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.models.aggregate_input import break_dates
from analysis.models.stats import check_shares

# statsmodels and ruptures take seconds to import: they are imported by the functions that use them.


def _years(dates: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Decimal years, linear in calendar time (days since 1970 / 365.25 + 1970)."""
    d = pd.to_datetime(pd.Series(dates))
    return ((d - pd.Timestamp("1970-01-01")).dt.days / 365.25 + 1970).to_numpy(dtype=float)


def kernel_smooth(
    series: pd.DataFrame, at: Sequence | pd.DatetimeIndex, bandwidth_days: float = 180, min_weight: float = 1.5
) -> pd.Series:
    """Local-linear poll average at dates ``at`` (Gaussian kernel, sd = ``bandwidth_days``).

    Each poll's kernel weight is multiplied by its sample size (the median sample size stands
    in where it is unknown). Where the kernel mass (the effective number of polls nearby,
    each counted by its kernel weight) is below ``min_weight``, the average is missing
    rather than extrapolated across a gap.

    >>> s = pd.DataFrame({"date": pd.to_datetime(["2010-01-01", "2011-01-01", "2012-01-01", "2020-01-01"]),
    ...     "share": [20.0, 22.0, 24.0, 50.0], "sample_size": [1000, 2000, None, 1000]})
    >>> kernel_smooth(s, pd.to_datetime(["2011-01-01", "2016-01-01"]), bandwidth_days=365).round(1)
    2011-01-01    22.0
    2016-01-01     NaN
    Name: smoothed, dtype: float64
    """
    x = _years(series["date"])
    y = series["share"].to_numpy(dtype=float)
    n = pd.to_numeric(series["sample_size"], errors="coerce")
    n = n.fillna(n.median() if n.notna().any() else 1.0).to_numpy(dtype=float)
    n = n / n.mean()
    h = bandwidth_days / 365.25
    out = []
    for x0 in _years(pd.Series(pd.to_datetime(at))):
        k = np.exp(-0.5 * ((x - x0) / h) ** 2)
        w = k * n
        if k.sum() < min_weight or (w > 0).sum() < 2:
            out.append(np.nan)
            continue
        design = np.column_stack([np.ones_like(x), x - x0])
        beta = np.linalg.lstsq(design * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
        out.append(beta[0])
    return pd.Series(out, index=pd.DatetimeIndex(pd.to_datetime(at)), name="smoothed")


def segmented_regression(
    series: pd.DataFrame, breaks: Mapping[str, pd.Timestamp] | Sequence[str | pd.Timestamp], level: float = 0.95
) -> pd.DataFrame:
    """Interrupted time series: share ~ trend + level and slope change at each break.

    Terms: ``trend`` (points per year before the first break), and for each break ``b``:
    ``level_b`` (jump at the break) and ``slope_b`` (change in points per year after it).
    OLS with HC3 robust errors; returns estimate, lower, upper, p_value per term.

    >>> dates = pd.to_datetime(["2010-06-01", "2011-06-01", "2012-06-01", "2013-06-01",
    ...     "2015-06-01", "2016-06-01", "2017-06-01", "2018-06-01"])
    >>> s = pd.DataFrame({"date": dates, "share": [20, 21, 22, 23, 45, 46, 47, 48.0]})
    >>> # by hand: the pre-break line reaches 23.6 at 2014-01-01, the post-break line starts at 43.6
    >>> r = segmented_regression(s, {"2014": pd.Timestamp("2014-01-01")})
    >>> round(float(r.loc["level_2014", "estimate"]), 1), round(float(r.loc["trend", "estimate"]), 1)
    (20.0, 1.0)
    """
    from statsmodels.regression.linear_model import OLS

    t = _years(series["date"])
    columns = {"const": np.ones_like(t), "trend": t - t.min()}
    if not isinstance(breaks, Mapping):  # a list of dates: each named by its year, as period_breaks names them
        breaks = {f"{when:%Y}": when for when in break_dates(breaks)}
    for name, when in breaks.items():
        tb = _years(pd.Series([when]))[0]
        after = (t >= tb).astype(float)
        columns[f"level_{name}"] = after
        columns[f"slope_{name}"] = after * (t - tb)
    design = pd.DataFrame(columns)
    design = design.loc[:, design.std(ddof=0).gt(0) | (design.columns == "const")]
    fit = OLS(series["share"].to_numpy(dtype=float), design).fit(cov_type="HC3")
    ci = fit.conf_int(alpha=1 - level)
    out = pd.DataFrame({"estimate": fit.params, "lower": ci[0], "upper": ci[1], "p_value": fit.pvalues}).drop(
        index="const"
    )
    out.index.name = "term"
    return out


def change_points(series: pd.DataFrame, n_breaks: int = 2, min_size: int = 3) -> list[pd.Timestamp]:
    """Dates where the series' mean shifts, found by ruptures' binary segmentation (l2 cost).

    The series is taken in date order; each break is reported as the midpoint between the
    last poll before it and the first poll after it. ``jump=1`` so breaks can fall at any poll.

    Quarterly polls near 20 that move to near 40 between 2011-04-01 and 2011-07-01:

    >>> s = pd.DataFrame({"date": pd.date_range("2010-01-01", periods=12, freq="QS"),
    ...     "share": [20, 21, 19, 20, 21, 20, 40, 41, 39, 40, 41, 40.0]})
    >>> change_points(s, n_breaks=1)
    [Timestamp('2011-05-16 12:00:00')]
    """
    import ruptures

    ordered = series.sort_values("date").reset_index(drop=True)
    signal = ordered["share"].to_numpy(dtype=float).reshape(-1, 1)
    algo = ruptures.Binseg(model="l2", min_size=min_size, jump=1).fit(signal)
    ends = algo.predict(n_bkps=n_breaks)[:-1]
    dates = ordered["date"]
    return [dates.iloc[i - 1] + (dates.iloc[i] - dates.iloc[i - 1]) / 2 for i in ends]


def house_effects(series: pd.DataFrame, min_polls: int = 3) -> pd.DataFrame:
    """Pollster offsets (points) relative to the all-pollster mean, net of year effects.

    OLS of share on pollster and calendar-year dummies (sum-to-zero pollster coding), on
    pollsters with at least ``min_polls`` polls in the series; HC3 intervals. A quick descriptive
    estimate: the notebooks' house effects are the poll aggregator's
    (:attr:`~analysis.models.aggregate.AggregateResult.house_effects`, with mode effects and a
    drifting line), whose columns are ``effect``, ``lower`` and ``upper``.

    A reports 4, 5 and 4 points more than B in the same years:

    >>> s = pd.DataFrame({"date": pd.to_datetime(["2010-03-01", "2010-09-01", "2011-03-01", "2011-09-01",
    ...     "2012-03-01", "2012-09-01"]), "pollster": ["A", "B"] * 3, "share": [32.0, 28.0, 36.5, 31.5, 40.0, 36.0]})
    >>> house_effects(s).round(2)
              offset  lower  upper  polls
    pollster
    B          -2.17  -2.73  -1.60      3
    A           2.17   1.60   2.73      3
    """
    from statsmodels.regression.linear_model import OLS

    counts = series["pollster"].value_counts()
    kept = series[series["pollster"].isin(counts[counts >= min_polls].index)].copy()
    kept["year"] = kept["date"].dt.year.astype(str)
    pollsters = sorted(kept["pollster"].unique())
    if len(pollsters) < 2:
        raise ValueError("house effects need at least two pollsters with enough polls")
    dummies = pd.get_dummies(kept["year"], prefix="y", drop_first=True, dtype=float)
    # sum-to-zero contrasts: each pollster column is +1 for it and -1 for the last pollster
    effects = pd.DataFrame(
        {
            p: (kept["pollster"] == p).astype(float) - (kept["pollster"] == pollsters[-1]).astype(float)
            for p in pollsters[:-1]
        },
        index=kept.index,
    )
    design = pd.concat([pd.Series(1.0, index=kept.index, name="const"), effects, dummies], axis=1)
    fit = OLS(kept["share"].astype(float), design).fit(cov_type="HC3")
    est = fit.params[pollsters[:-1]]
    last = -est.sum()
    cov = fit.cov_params().loc[pollsters[:-1], pollsters[:-1]]
    se = pd.concat([fit.bse[pollsters[:-1]], pd.Series({pollsters[-1]: float(np.sqrt(cov.to_numpy().sum()))})])
    estimate = pd.concat([est, pd.Series({pollsters[-1]: last})])
    out = pd.DataFrame({"offset": estimate, "lower": estimate - 1.96 * se, "upper": estimate + 1.96 * se})
    out["polls"] = kept["pollster"].value_counts()
    out.index.name = "pollster"
    return out.sort_values("offset")


def adjust_for_house(series: pd.DataFrame, effects: pd.DataFrame) -> pd.DataFrame:
    """Subtract each pollster's offset from its shares (pollsters without one unchanged).

    ``effects`` is either :func:`house_effects`' table (``offset`` by pollster) or the aggregator's
    :attr:`~analysis.models.aggregate.AggregateResult.house_effects` (``pollster`` and ``effect`` columns).

    >>> s = pd.DataFrame({"pollster": ["A", "B", "C"], "share": [32.0, 28.0, 30.0]})
    >>> adjust_for_house(s, pd.DataFrame({"offset": {"A": 2.0, "B": -2.0}}))["share"].tolist()
    [30.0, 30.0, 30.0]
    >>> adjust_for_house(s, pd.DataFrame({"pollster": ["A", "B"], "effect": [2.0, -2.0]}))["share"].tolist()
    [30.0, 30.0, 30.0]
    """
    if "offset" not in effects.columns and {"pollster", "effect"} <= set(effects.columns):
        effects = effects.set_index("pollster").rename(columns={"effect": "offset"})
    if "offset" not in effects.columns:
        raise DataValidationError(
            [Issue("effects", None, "offset", None, "need house_effects()' offset by pollster, or pollster and effect")]
        )
    offset = series["pollster"].map(effects["offset"]).fillna(0.0)
    return series.assign(share=series["share"] - offset)


def event_windows(
    series: pd.DataFrame, events: pd.DataFrame, event_ids: Iterable[str] | str, window_days: int = 365
) -> pd.DataFrame:
    """Mean share of the polls within ``window_days`` before and after each event.

    Returns one row per event: date, polls before/after (ids), their means and the change.

    >>> s = pd.DataFrame({"poll_id": ["p1", "p2", "p3", "p4"], "share": [30.0, 32.0, 36.0, 50.0],
    ...     "date": pd.to_datetime(["2010-03-01", "2010-09-01", "2011-03-01", "2015-01-01"])})
    >>> events = pd.DataFrame({"event_id": ["e1"], "date": ["2011-01-01"], "title": ["Something happens"]})
    >>> w = event_windows(s, events, ["e1"], window_days=365)
    >>> w[["date", "polls_before", "mean_before", "polls_after", "mean_after", "change"]]
             date  polls_before  mean_before  polls_after  mean_after  change
    0  2011-01-01             2         31.0            1        36.0     5.0
    >>> w.loc[0, "poll_ids"]
    'p1; p2; p3'
    """
    event_ids = [event_ids] if isinstance(event_ids, str) else list(event_ids)  # one id, not its characters
    table = events.set_index("event_id")
    unknown = [e for e in event_ids if e not in table.index]
    if unknown:
        raise DataValidationError(
            [Issue("events", None, "event_id", e, f"no such event; known: {', '.join(table.index)}") for e in unknown]
        )
    rows = []
    for event_id in event_ids:
        when = pd.Timestamp(table.loc[event_id, "date"])
        lo, hi = when - pd.Timedelta(days=window_days), when + pd.Timedelta(days=window_days)
        before = series[(series["date"] >= lo) & (series["date"] < when)]
        after = series[(series["date"] >= when) & (series["date"] <= hi)]
        rows.append(
            {
                "event_id": event_id,
                "date": f"{when:%Y-%m-%d}",
                "title": table.loc[event_id, "title"],
                "polls_before": len(before),
                "mean_before": before["share"].mean(),
                "polls_after": len(after),
                "mean_after": after["share"].mean(),
                "change": after["share"].mean() - before["share"].mean(),
                "poll_ids": "; ".join([*before["poll_id"], *after["poll_id"]]),
            }
        )
    return pd.DataFrame(rows)


def to_participant_base(
    for_share: pd.Series | Sequence[float], against_share: pd.Series | Sequence[float]
) -> pd.Series:
    """Share for among those who would vote and chose a side: ``for / (for + against)``.

    This is how pollsters report "among those who would take part" when they give both
    bases (e.g. KIIS, December 2021: 59.2% for and 28.1% against among all respondents,
    67.8% for among participants). Use it only where the source gives both shares.

    >>> round(float(to_participant_base(pd.Series([59.2]), pd.Series([28.1])).iloc[0]), 1)
    67.8
    >>> to_participant_base([60.0], [20.0]).tolist()  # lists too
    [75.0]
    """
    for_share, against_share = check_shares(for_share, "for_share"), check_shares(against_share, "against_share")
    total = for_share.to_numpy() + against_share.to_numpy()
    if (total <= 0).any():
        raise ParseError("for + against must be positive")
    return 100 * for_share / total


def mode_effect(series: pd.DataFrame, first: str = "telephone", second: str = "face_to_face") -> pd.Series:
    """Difference in share between two survey modes (``first - second``), net of year effects.

    OLS of share on a mode indicator and calendar-year dummies, on polls of the two modes
    only, with an HC3 95% interval. Raises ``ValueError`` unless each mode has at least two
    polls, since an offset estimated from one poll is indistinguishable from that poll's error.

    >>> s = pd.DataFrame({"date": pd.to_datetime(["2016-01-01", "2016-06-01", "2016-03-01", "2016-09-01"]),
    ...     "mode": ["telephone", "telephone", "face_to_face", "face_to_face"], "share": [50.0, 52.0, 45.0, 47.0]})
    >>> round(float(mode_effect(s)["estimate"]), 6)
    5.0
    """
    from statsmodels.regression.linear_model import OLS

    kept = series[series["mode"].isin([first, second])]
    counts = kept["mode"].value_counts()
    if counts.get(first, 0) < 2 or counts.get(second, 0) < 2:
        raise ValueError(f"need at least two polls of each mode, have {counts.to_dict()}")
    years = pd.get_dummies(kept["date"].dt.year.astype(str), prefix="y", drop_first=True, dtype=float)
    design = pd.concat(
        [pd.Series(1.0, index=kept.index, name="const"), (kept["mode"] == first).astype(float).rename("mode"), years],
        axis=1,
    )
    fit = OLS(kept["share"].astype(float), design).fit(cov_type="HC3")
    low, high = fit.conf_int().loc["mode"]
    return pd.Series({"estimate": fit.params["mode"], "lower": low, "upper": high, "polls": len(kept)})
