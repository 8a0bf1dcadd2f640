"""Poll aggregation with a state-space model ("pooling the polls": Jackman 2005; Linzer 2013).

One latent series per question, answer, base and geography; every poll is a noisy reading of it.
All quantities are in percentage points; time is measured in years of 365.25 days.

Model, with every constraint and prior in one place:

- **Latent support** ``mu(t) = lambda(t) + sum_b J_b * 1[t >= b]``. ``lambda`` is a Gaussian
  random walk in continuous time, ``lambda(t2) - lambda(t1) ~ N(0, sigma^2 * (t2 - t1))``;
  ``J_b`` is a level shift at each break date ``b`` (a poll whose fieldwork midpoint falls on
  the break day counts as after it). A break is used only if polls lie on both sides of it.
- **Polls** ``y_i = mu(t_i) + h[house_i] + m[mode_i] + e_i`` with ``t_i`` the fieldwork midpoint
  and ``e_i ~ N(0, 10^4 * p_i (1 - p_i) * deff / n_i + tau^2)``: sampling variance from the
  poll's own share ``p_i`` and sample size ``n_i`` (a design effect ``deff``), plus a common
  non-sampling variance ``tau^2``. A poll without a sample size gets
  :data:`DEFAULT_SAMPLE_SIZE` and is flagged (``sample_size_imputed``).
- **House effects** sum to zero over the houses (pollsters) in the series, unweighted: the
  latent series is what the average house would report, not the truth. A joint poll by two
  organisations is its own house.
- **Mode effects** sum to zero over the known modes (``unknown`` is not a mode: such a poll
  carries no mode effect). They are estimated only when identified, i.e. at least one house
  ran two known modes and these links connect every known mode; otherwise the model has no
  mode term and :attr:`AggregateResult.mode_effects` says why.
- **Priors**: flat (exact diffuse initialisation) on the starting level, the jumps, the house
  and the mode effects; ``sigma`` and ``tau`` by maximum likelihood.
- **A variance per regime** (``variance_by_regime=True``, a check rather than the default): each
  regime between used breaks has a random-walk SD of its own, so polls of one regime do not set
  how far the level may drift in another; a step across a break adds each regime's variance for
  its own part of the time.

Engine: a custom :class:`statsmodels.tsa.statespace.mlemodel.MLEModel` with one time step per
poll (sorted by date), a time-varying observation variance (per-poll sampling variance plus
``tau^2``) and a time-varying state variance ``sigma^2 * days elapsed / 365.25`` (zero for polls
on the same day). House, mode and jump terms are constant states. The likelihood (the exact
diffuse one, computed by generalised least squares where every state is identified, which gives the
Kalman filter's number faster: :func:`~analysis.models.aggregate_engine.gls_loglike`) is
maximised over ``log sigma^2`` and ``log tau^2`` by L-BFGS (at most 200 iterations) from fixed
starting values (:data:`analysis.models.aggregate_engine.START_SD`), so results are deterministic.
The Kalman smoother gives the latent series, jumps and effects with their covariance; with ``param_uncertainty=True`` (the default) the
intervals also account for the uncertainty of the two variances: the smoother is also run
at two points per log-variance where the log-likelihood has dropped by 1.5 (three-point
Gauss-Hermite nodes, +-sqrt(3) SD, for a normal likelihood) and the runs are combined as a
normal mixture (weights 1/3 at the MLE and 1/6 at each point; first two moments).

Coverage of the intervals, bias and RMSE on simulated polls: ``benchmarks/aggregate_results.md``.

Residuals: the smoothed measurement error of each poll divided by its standard deviation
(the auxiliary residual, Harvey & Koopman 1992), then robustly standardised (median and
1.4826 * MAD over polls); a poll is an ``outlier`` if ``|z| >`` :data:`OUTLIER_Z`. A poll whose
house has no other poll (its effect absorbs it) cannot be tested: ``z`` is NaN.

>>> from analysis.models.aggregate_sim import simulate_polls
>>> polls, truth = simulate_polls(np.random.default_rng(3))
>>> fit = fit_aggregate(polls, ["2014-02-22", "2022-02-24"])
>>> fit.jumps.columns.tolist()[:6]
['break_date', 'jump', 'se', 'lower', 'upper', 'note']
>>> bool(abs(fit.house_effects["effect"].sum()) < 1e-8)
True
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.models.aggregate_engine import (
    PollSpace,
    Smoother,
    StateLayout,
    aic,
    elapsed_years,
    maximise,
    sigma_nodes,
)
from analysis.models.aggregate_input import _check_options, _prepare, break_dates
from analysis.models.aggregate_tables import UNKNOWN_MODES, _effect_table, _jump_table, _latent_table, _mode_table
from analysis.models.blas import one_blas_thread

DEFAULT_SAMPLE_SIZE = 1000
"""Sample size assumed for a poll that does not report one. Smaller than the usual national
Ukrainian poll (about 2,000), so such a poll is weighted conservatively; flagged in the output."""

DEFAULT_DEFF = 1.5
"""Design effect of a multi-stage face-to-face or quota sample (variance inflation over simple
random sampling)."""

OUTLIER_Z = 3.0
"""A poll is flagged as an outlier when its robust z-score exceeds this in absolute value."""

"""Mode values that mean "not known": such polls carry no mode effect."""


_TINY = 1e-10


# ----------------------------------------------------------------------------- result


@dataclass
class AggregateResult:
    """What :func:`fit_aggregate` returns. Intervals are at ``level`` (normal quantiles).

    - ``latent``: date, regime, estimate, lower, upper on a grid of ``grid_days`` inside each
      regime's span (first to last poll of the regime); rows between regimes have NaN values,
      so a line drawn through the column breaks at every break.
    - ``jumps``: break_date, jump, se, lower, upper, note (why a break was not used); and the change
      across the break's stretch without polls, from the last poll before it to the first after it:
      change_from, change_to, change, change_se, change_lower, change_upper (with no poll in between,
      the polls cannot tell the jump from the drift of those months; their sum is what they measure).
    - ``house_effects``: pollster, effect, se, lower, upper, polls (effects sum to zero).
    - ``mode_effects``: mode, effect, se, lower, upper, polls, identified, note.
    - ``residuals``: per poll: poll_id, date, pollster, mode, share, sample_size,
      sample_size_imputed, sampling_sd, fitted, residual, z (robust), outlier.
    - ``variances``: innovation_sd (points per square-root year), nonsampling_sd (points),
      innovation_fixed (``innovation_scale`` was given), loglike (exact diffuse), aic (2 x the variances
      estimated - 2 x loglike: the other states are the same in both variance models), converged.
    - ``fit_seconds``: wall-clock time of the fit.

    23 simulated polls by three houses, with one break:

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    >>> fit.latent.iloc[0][["date", "regime"]].tolist()
    [Timestamp('2012-03-20 00:00:00'), 'before 2014-02-22']
    >>> fit.jumps[["jump", "lower", "upper"]].round(1).values.tolist()
    [[15.2, 11.4, 19.0]]
    >>> fit.house_effects[["pollster", "polls"]].values.tolist()
    [['H1', 11], ['H2', 8], ['H3', 4]]
    >>> fit.slope("2015-01-01", "2016-01-01").round(1).to_dict()
    {'slope_per_year': 4.0, 'se': 1.6, 'lower': 0.9, 'upper': 7.1}
    """

    latent: pd.DataFrame
    jumps: pd.DataFrame
    house_effects: pd.DataFrame
    mode_effects: pd.DataFrame
    residuals: pd.DataFrame
    variances: pd.Series
    fit_seconds: float
    level: float = 0.95
    _fitted: Smoother | None = field(default=None, repr=False, compare=False)

    @property
    def mode_note(self) -> str:
        """Why mode effects are or are not estimated."""
        return str(self.mode_effects["note"].iloc[0]) if len(self.mode_effects) else "no polls of a known mode"

    def level_on(self, date: str | pd.Timestamp) -> pd.Series:
        """Latent level on one date (estimate, se, lower, upper), also between a regime's last poll
        and the next break, where the line is not drawn: there the level drifts as a random walk
        from the last poll, so its interval widens with the time since. Raises ``ValueError``
        for a date outside the polls' span.

        >>> from analysis.models.aggregate_sim import simulate_polls
        >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
        ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
        >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
        >>> last = polls.loc[polls["date"] < "2014-02-22", "date"].max()
        >>> bool(fit.level_on("2014-02-21")["se"] > fit.level_on(last)["se"])
        True
        """
        assert self._fitted is not None
        d = pd.Timestamp(date)
        first, last = self.residuals["date"].min(), self.residuals["date"].max()
        if not first <= d <= last:
            raise ParseError(f"{d.date()} is outside the polls' span ({first.date()} to {last.date()})")
        mean, cov, _, steps = self._fitted.smooth([d])
        row = self._fitted.spec.latent_rows(pd.Series([d])).T[0]
        t = steps[0]
        est, se = float(row @ mean[t]), float(np.sqrt(max(row @ cov[t] @ row, 0.0)))
        q = stats.norm.ppf(0.5 + self.level / 2)
        return pd.Series({"estimate": est, "se": se, "lower": est - q * se, "upper": est + q * se})

    def change(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> pd.Series:
        """Latent change ``mu(end) - mu(start)`` between two dates in the polls' span, across breaks too (then
        it includes their jumps), with an interval from the joint smoothed distribution of the two values.

        >>> from analysis.models.aggregate_sim import simulate_polls
        >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
        ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
        >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
        >>> fit.change("2013-06-01", "2014-06-01").round(1).to_dict()
        {'estimate': 14.9, 'se': 1.7, 'lower': 11.7, 'upper': 18.2}
        """
        assert self._fitted is not None
        s, e = pd.Timestamp(start), pd.Timestamp(end)
        first, last = self.residuals["date"].min(), self.residuals["date"].max()
        if not (e > s and first <= s and e <= last):
            raise ParseError(
                f"a change needs {first.date()} <= start < end <= {last.date()}, got {s.date()} to {e.date()}"
            )
        [(est, se)], _, _ = self._fitted.changes([(s, e)])
        q = stats.norm.ppf(0.5 + self.level / 2)
        return pd.Series({"estimate": est, "se": se, "lower": est - q * se, "upper": est + q * se})

    def slope(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> pd.Series:
        """Latent change per year between two dates of one regime (:meth:`change` divided by the years).
        Raises ``ValueError`` unless both dates lie inside one regime's span (no slope across a jump)."""
        s, e = pd.Timestamp(start), pd.Timestamp(end)
        if not e > s:
            raise ParseError(f"slope needs end after start, got {s.date()} to {e.date()}")
        spans = self._spans()
        if not any(lo <= s and e <= hi for lo, hi in spans.values()):
            shown = "; ".join(f"{r}: {lo.date()} to {hi.date()}" for r, (lo, hi) in spans.items())
            raise ParseError(f"{s.date()} to {e.date()} is not inside one regime's polls ({shown})")
        change = self.change(s, e)[["estimate", "se", "lower", "upper"]] / ((e - s).days / 365.25)
        return change.set_axis(["slope_per_year", "se", "lower", "upper"])

    def _spans(self) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
        rows = self.latent.dropna(subset=["estimate"])
        return {r: (g["date"].min(), g["date"].max()) for r, g in rows.groupby("regime", sort=False)}


# ----------------------------------------------------------------------------- fitting


@one_blas_thread
def fit_aggregate(
    series: pd.DataFrame,
    breaks: Sequence[str | pd.Timestamp],
    *,
    deff: float = DEFAULT_DEFF,
    default_n: int = DEFAULT_SAMPLE_SIZE,
    innovation_scale: float | None = None,
    level: float = 0.95,
    grid_days: int = 7,
    param_uncertainty: bool = True,
    outlier_z: float = OUTLIER_Z,
    variance_by_regime: bool = False,
) -> AggregateResult:
    """Fit the poll-pooling model (see the module docstring) to one series.

    ``series``: one row per poll with :data:`~analysis.models.aggregate_input.SERIES_COLUMNS` (date = fieldwork midpoint,
    share in 0-100, sample_size may be missing, mode ``unknown`` when not known).
    ``breaks``: dates of allowed level shifts. ``innovation_scale``: fix the random-walk SD
    (points per square-root year) instead of estimating it. ``variance_by_regime``: one random-walk
    variance per regime between used breaks (``variances["innovation_sd"]`` is then a dict by regime
    label); it cannot be combined with ``innovation_scale``. Raises
    :class:`~analysis.errors.DataValidationError` naming the row, column and value of bad
    input, including two used breaks with no poll between them (their jumps would not be told apart).

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, truth = simulate_polls(np.random.default_rng(3))
    >>> fit = fit_aggregate(polls, ["2014-02-22", "2022-02-24"], param_uncertainty=False)
    >>> fit.latent.columns.tolist()
    ['date', 'regime', 'estimate', 'lower', 'upper']
    >>> float(fit.slope("2015-01-01", "2016-01-01")["se"]) > 0
    True
    """
    _check_options(deff, default_n, innovation_scale, level, grid_days, outlier_z)
    started = time.perf_counter()
    e = _estimate(series, breaks, deff, default_n, innovation_scale, param_uncertainty, variance_by_regime)
    polls, spec, fitted, model, params = e.polls, e.spec, e.fitted, e.model, e.params
    grid = _grid(polls["date"], e.all_breaks, grid_days)
    mean, cov, poll_steps, grid_steps = fitted.smooth(list(grid["date"]))
    q = stats.norm.ppf(0.5 + level / 2)

    latent = _latent_table(grid, spec, mean[grid_steps], cov[grid_steps], q)
    jumps = _jump_table(e.all_breaks, e.notes, q, fitted)
    counts = polls["pollster"].value_counts()
    houses = _effect_table(spec.houses, spec.contrast("house"), mean[-1], cov[-1], q, counts, "pollster")
    mode_effects = _mode_table(polls, spec, e.mode_note, mean[-1], cov[-1], q)
    residuals = _residuals(model, params, polls, fitted.sampling_var, outlier_z)
    variances = pd.Series(
        {
            "innovation_sd": (
                dict(zip(_regime_labels(list(spec.breaks)), np.sqrt(params[:-1]).tolist(), strict=True))
                if variance_by_regime
                else float(np.sqrt(params[0]))
            ),
            "nonsampling_sd": float(np.sqrt(params[-1])),
            "innovation_fixed": innovation_scale is not None,
            "loglike": (loglike := float(model.loglike(params))),
            "aic": aic(loglike, len(params) - (innovation_scale is not None)),
            "converged": e.converged,
        },
        dtype=object,
    )
    return AggregateResult(
        latent,
        jumps,
        houses,
        mode_effects,
        residuals,
        variances,
        time.perf_counter() - started,
        level,
        fitted,
    )


@dataclass(frozen=True)
class _Estimate:
    """The checked polls, the state layout, the model and its fitted variances (with the smoother's nodes)."""

    polls: pd.DataFrame
    spec: StateLayout
    all_breaks: list[pd.Timestamp]
    notes: dict
    mode_note: str
    model: PollSpace
    params: np.ndarray
    converged: bool
    fitted: Smoother


def _estimate(
    series: pd.DataFrame,
    breaks: Sequence[str | pd.Timestamp],
    deff: float,
    default_n: int,
    innovation_scale: float | None,
    param_uncertainty: bool,
    variance_by_regime: bool = False,
) -> _Estimate:
    """Everything :func:`fit_aggregate` does before smoothing: checks, layout, maximum likelihood, nodes."""
    polls = _prepare(series, default_n)
    all_breaks = break_dates(breaks)
    used, notes = _used_breaks(polls["date"], all_breaks)
    modes, mode_note = _identified_modes(polls)
    spec = StateLayout(tuple(sorted(polls["pollster"].unique())), modes, tuple(used))
    p = (polls["share"].to_numpy(dtype=float) / 100).clip(0.01, 0.99)
    sampling_var = 1e4 * p * (1 - p) * deff / polls["n_used"].to_numpy(dtype=float)

    if variance_by_regime and innovation_scale is not None:
        raise ParseError("innovation_scale fixes one random-walk SD for all regimes: not with variance_by_regime")
    edges = tuple(used) if variance_by_regime else ()
    step = elapsed_years(polls["date"].to_numpy(), edges)
    model = PollSpace(polls["share"].to_numpy(dtype=float), spec.rows(polls), sampling_var, step)
    fixed = innovation_scale is not None
    params, converged = maximise(model, float(innovation_scale) ** 2 if fixed else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # checked: a variance near zero (a boundary) is harmless here
        nodes = sigma_nodes(model, params, fixed=fixed) if param_uncertainty else ((params, 1.0),)

    fitted = Smoother(spec, polls, sampling_var, nodes, edges)
    return _Estimate(polls, spec, all_breaks, notes, mode_note, model, params, converged, fitted)


def _fit_jumps(
    series: pd.DataFrame,
    breaks: Sequence[str | pd.Timestamp],
    *,
    deff: float = DEFAULT_DEFF,
    default_n: int = DEFAULT_SAMPLE_SIZE,
    innovation_scale: float | None = None,
    level: float = 0.95,
    grid_days: int = 7,
    param_uncertainty: bool = True,
    outlier_z: float = OUTLIER_Z,
    variance_by_regime: bool = False,
) -> tuple[pd.DataFrame, float]:
    """The ``jumps`` table of :func:`fit_aggregate` with the same arguments, and the seconds taken,
    without the latent grid, the effects and the residuals (for refits that only compare jumps).

    The table is the same (:func:`~analysis.models.aggregate_tables._jump_table` smooths once for
    the changes and reads the jumps, constant states, off that run). ``grid_days`` and
    ``outlier_z`` do not change the jumps.
    """
    _check_options(deff, default_n, innovation_scale, level, grid_days, outlier_z)
    del grid_days, outlier_z
    started = time.perf_counter()
    e = _estimate(series, breaks, deff, default_n, innovation_scale, param_uncertainty, variance_by_regime)
    q = stats.norm.ppf(0.5 + level / 2)
    return _jump_table(e.all_breaks, e.notes, q, e.fitted), time.perf_counter() - started


def _used_breaks(dates: pd.Series, breaks: list[pd.Timestamp]) -> tuple[list[pd.Timestamp], dict]:
    """Breaks with polls on both sides; notes for the others. Raises if a regime between two
    used breaks is empty (their jumps could not be told apart)."""
    used, notes = [], {}
    for b in breaks:
        if not (dates < b).any():
            notes[b] = "not estimated: no poll before the break"
        elif not (dates >= b).any():
            notes[b] = "not estimated: no poll after the break"
        else:
            used.append(b)
    for a, b in zip(used, used[1:], strict=False):
        if not ((dates >= a) & (dates < b)).any():
            message = f"no poll between breaks {a.date()} and {b.date()}: their jumps are not identified"
            raise DataValidationError([Issue("breaks", None, "break", str(b.date()), message)])
    return used, notes


def _identified_modes(polls: pd.DataFrame) -> tuple[tuple[str, ...], str]:
    """Known modes whose effects are identified, and a note saying why (or why not)."""
    known = polls[~polls["mode"].isin(UNKNOWN_MODES)]
    modes = sorted(known["mode"].unique())
    if len(modes) < 2:
        return (), f"not identified: fewer than two known modes ({', '.join(modes) or 'none'})"
    by_house = known.groupby("pollster")["mode"].agg(lambda m: sorted(set(m)))
    linking = by_house[by_house.map(len) >= 2]
    if linking.empty:
        return (), "not identified: no house ran more than one known mode, so mode and house effects are confounded"
    reached = set(linking.iloc[0])
    grew = True
    while grew:
        grew = False
        for ms in linking:
            if reached & set(ms) and not set(ms) <= reached:
                reached |= set(ms)
                grew = True
    if reached != set(modes):
        return (), f"not identified: no house links {', '.join(sorted(set(modes) - reached))} to the other modes"
    houses = ", ".join(f"{h} ({', '.join(x.replace('_', ' ') for x in m)})" for h, m in linking.items())
    return tuple(modes), f"identified by houses that ran several modes: {houses}; effects sum to zero over modes"


# ----------------------------------------------------------------------------- tables


def _regime_labels(breaks: list[pd.Timestamp]) -> list[str]:
    edges = [b.strftime("%Y-%m-%d") for b in breaks]
    if not edges:
        return ["all"]
    return (
        [f"before {edges[0]}"] + [f"{a} to {b}" for a, b in zip(edges, edges[1:], strict=False)] + [f"from {edges[-1]}"]
    )


def _grid(dates: pd.Series, breaks: list[pd.Timestamp], grid_days: int) -> pd.DataFrame:
    """Grid rows (date, regime, inside) over each regime's span, with NaN rows between spans.

    Between two spans: the grid dates strictly inside the gap, or (a gap shorter than one
    step) one row at its middle day, so a line through the table always breaks there.
    """
    labels = _regime_labels(breaks)
    edges = np.array(breaks, dtype="datetime64[ns]")
    regime = np.searchsorted(edges, dates.to_numpy(), side="right")
    spans = [(dates[regime == r].min(), dates[regime == r].max(), r) for r in range(len(labels)) if (regime == r).any()]
    blocks = []
    for (lo, hi, r), following in zip(spans, [*spans[1:], None], strict=True):
        inside = pd.date_range(lo, hi, freq=f"{grid_days}D").union(pd.DatetimeIndex([hi]))
        blocks.append(pd.DataFrame({"date": inside, "regime": labels[r], "inside": True}))
        if following is not None:
            gap = pd.date_range(hi, following[0], freq=f"{grid_days}D")[1:]
            gap = gap[gap < following[0]]
            if len(gap) == 0:
                gap = pd.DatetimeIndex([hi + (following[0] - hi) / 2]).floor("D")
            gap_regime = np.searchsorted(edges, gap.to_numpy(), side="right")
            blocks.append(pd.DataFrame({"date": gap, "regime": [labels[g] for g in gap_regime], "inside": False}))
    grid = pd.concat(blocks, ignore_index=True)
    grid["date"] = grid["date"].astype("datetime64[ns]")
    return grid


def _residuals(model: PollSpace, params, polls, sampling_var, outlier_z) -> pd.DataFrame:
    """Smoothed residuals at the MLE, auxiliary-standardised, then robust z (median, MAD)."""
    # the smoother's own output, without a results object or a copy of the filter's output
    res = model.smooth(params, return_ssm=True, update_filter=False)
    resid = res.smoothed_measurement_disturbance[0]
    h = sampling_var + params[-1]
    var = h - res.smoothed_measurement_disturbance_cov[0, 0]
    testable = var > _TINY * h
    aux = np.where(testable, resid / np.sqrt(np.where(testable, var, 1.0)), np.nan)
    centre = np.nanmedian(aux)
    scale = 1.4826 * np.nanmedian(np.abs(aux - centre))
    if not scale > 0:
        scale = np.nanstd(aux)
    z = (aux - centre) / scale if scale > 0 else np.full_like(aux, np.nan)
    return pd.DataFrame(
        {
            "poll_id": polls["poll_id"],
            "date": polls["date"],
            "pollster": polls["pollster"],
            "mode": polls["mode"],
            "share": polls["share"],
            "sample_size": polls["sample_size"],
            "sample_size_imputed": polls["sample_size_imputed"],
            "sampling_sd": np.sqrt(sampling_var),
            "fitted": polls["share"].to_numpy() - resid,
            "residual": resid,
            "z": z,
            "outlier": np.abs(np.nan_to_num(z)) > outlier_z,
        }
    )
