"""State-space engine of :mod:`analysis.models.aggregate` (internal: use :func:`analysis.models.aggregate.fit_aggregate`).

- :class:`PollSpace`: the statsmodels ``MLEModel`` (random-walk level plus constant states,
  per-poll observation variance, state variance scaled by the time elapsed); its likelihood comes from
  :func:`gls_loglike` where every state is identified (the same number as the Kalman filter's, faster).
- :func:`gls_loglike`: the exact diffuse log-likelihood by generalised least squares.
- :class:`StateLayout`: which state is which (level, house and mode contrasts, jumps) and
  the design rows of polls and of latent values.
- :class:`Smoother`: runs the Kalman smoother at the fitted variances (or at several
  variance points, combined as a normal mixture) on the poll dates plus any other dates.
- :func:`sigma_nodes`: the variance points and weights that carry the variances' uncertainty.
- :func:`elapsed_years`: the time between consecutive steps, split by regime when each regime
  has a random-walk variance of its own.
- :func:`maximise`: the maximum-likelihood variances; :func:`aic`: the criterion that compares fits.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import cholesky, solve_triangular
from scipy.optimize import brentq
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.statespace.initialization import Initialization
from statsmodels.tsa.statespace.kalman_filter import MEMORY_NO_LIKELIHOOD, MEMORY_NO_STD_FORECAST
from statsmodels.tsa.statespace.kalman_smoother import SMOOTHER_STATE, SMOOTHER_STATE_COV
from statsmodels.tsa.statespace.mlemodel import MLEModel, _handle_args

START_SD = (2.0, 1.0)
"""Fixed optimiser start: random-walk SD (points per square-root year) and non-sampling SD (points)."""

SMOOTH_STATES = {
    "return_ssm": True,
    "update_filter": False,
    "smoother_output": SMOOTHER_STATE | SMOOTHER_STATE_COV,
    "conserve_memory": MEMORY_NO_STD_FORECAST | MEMORY_NO_LIKELIHOOD,
}
"""Options of ``MLEModel.smooth`` when only the smoothed states and their covariances are read: the
smoother's own output, without a results object (whose default covariance of the variances costs
more numerical derivatives than the smoothing), without copying the filter's output and without
the standardised forecast errors and likelihood the smoother does not use. Same numbers, about
six times faster."""

_MAXITER = 200
_MAX_LOG_STEP = 3.0  # cap on a sigma point's distance below the MLE in log-variance
_MAX_LOG_VAR = float(np.log(100.0**2))  # upward, the search stops at an SD of 100 points
_LOG_TOL = 1e-3  # a sigma point's precision in log-variance (0.1 % of the variance)


class PollSpace(MLEModel):
    """Random-walk level plus constant states (houses, modes, jumps, optional anchor).

    ``design`` is (k_states, nobs); ``step_years[r, t]`` is the time from step t to t+1 spent in
    regime r (one row: one random-walk variance for all regimes; see :func:`elapsed_years`);
    the parameters are one random-walk variance per row, then the non-sampling variance;
    ``anchor_steps``: after the j-th of these steps, the j-th of the last ``len(anchor_steps)``
    states holds a copy of the level (for changes between two dates).
    """

    def __init__(
        self,
        endog: np.ndarray,
        design: np.ndarray,
        sampling_var: np.ndarray,
        step_years: np.ndarray,
        anchor_steps: Sequence[int] = (),
    ) -> None:
        k_states, nobs = design.shape
        super().__init__(endog.reshape(-1, 1), k_states=k_states, k_posdef=1)
        init = Initialization(k_states)
        first_anchor = k_states - len(anchor_steps)
        init.set((0, first_anchor), "diffuse")
        if anchor_steps:
            m = len(anchor_steps)
            init.set((first_anchor, k_states), "known", constant=np.zeros(m), stationary_cov=np.zeros((m, m)))
        self.ssm.initialize(init)
        self["design"] = design[None, :, :]
        selection = np.zeros((k_states, 1))
        selection[0, 0] = 1.0
        self["selection"] = selection
        if not anchor_steps:
            self["transition"] = np.eye(k_states)
        else:
            transition = np.repeat(np.eye(k_states)[:, :, None], nobs, axis=2)
            for state, step in enumerate(anchor_steps, start=first_anchor):
                transition[state, state, step] = 0.0
                transition[state, 0, step] = 1.0
            self["transition"] = transition
        self._sampling_var = sampling_var
        self._step_years = np.atleast_2d(step_years)
        self._anchored = bool(anchor_steps)
        # least squares needs every state identified by the polls; the diffuse filter copes when one is not
        self._filter_only = bool(np.isnan(endog).any()) or not identified(design)
        self["obs_cov"] = np.zeros((1, 1, nobs))
        self["state_cov"] = np.zeros((1, 1, nobs))

    @property
    def param_names(self) -> list[str]:
        regimes = len(self._step_years)
        innovation = ["innovation_var"] if regimes == 1 else [f"innovation_var_{r}" for r in range(regimes)]
        return [*innovation, "nonsampling_var"]

    @property
    def start_params(self) -> np.ndarray:
        return np.r_[np.full(len(self._step_years), START_SD[0]), START_SD[1]] ** 2

    def transform_params(self, unconstrained: np.ndarray) -> np.ndarray:
        return np.exp(unconstrained)

    def untransform_params(self, constrained: np.ndarray) -> np.ndarray:
        return np.log(constrained)

    def loglike(self, params, *args, **kwargs):  # noqa: D102
        # The exact diffuse log-likelihood by generalised least squares (:func:`gls_loglike`), equal to the Kalman
        # filter's to rounding and two to three times faster; the filter for anything else (anchors, a gap or a
        # state no poll identifies, options).
        # The arguments are read as statsmodels reads them (its optimiser passes them as one positional dict).
        transformed, includes_fixed, complex_step, rest = _handle_args(
            MLEModel._loglike_param_names, MLEModel._loglike_param_defaults, *args, **kwargs
        )
        if complex_step or rest or self._anchored or self._filter_only:
            return super().loglike(params, *args, **kwargs)
        full = self.handle_params(params, transformed=transformed, includes_fixed=includes_fixed)
        try:
            value = gls_loglike(self.endog[:, 0], self["design"][0].T, self._sampling_var, self._step_years, full)
        except np.linalg.LinAlgError:  # variances so far apart that the covariance is numerically singular
            value = np.nan
        return value if np.isfinite(value) else super().loglike(params, *args, **kwargs)

    def score(self, params, *args, **kwargs):  # noqa: D102
        # The exact gradient of the likelihood by least squares (:func:`gls_score`) where :meth:`loglike` uses least
        # squares; statsmodels' numerical derivatives of the filter elsewhere. As statsmodels' own score, it is in
        # the optimiser's unconstrained (log) variances unless ``transformed``, and leaves out fixed variances.
        transformed, includes_fixed, _, _, _, rest = _handle_args(
            MLEModel._score_param_names, MLEModel._score_param_defaults, *args, **kwargs
        )
        if rest or self._anchored or self._filter_only:
            return super().score(params, *args, **kwargs)
        full = self.handle_params(params, transformed=transformed, includes_fixed=includes_fixed)
        try:
            grad = gls_score(self.endog[:, 0], self["design"][0].T, self._sampling_var, self._step_years, full)
        except np.linalg.LinAlgError:
            grad = np.full(len(full), np.nan)
        if not np.isfinite(grad).all():
            return super().score(params, *args, **kwargs)
        if not transformed:
            grad = grad * full  # d/d log v = v d/dv
        return grad[self._free_params_index] if self._has_fixed_params and not includes_fixed else grad

    def update(self, params, transformed=True, includes_fixed=False, complex_step=False):  # noqa: D102
        params = super().update(
            params, transformed=transformed, includes_fixed=includes_fixed, complex_step=complex_step
        )
        self["obs_cov"] = (self._sampling_var + params[-1]).reshape(1, 1, -1)
        self["state_cov"] = (params[:-1, None] * self._step_years).sum(axis=0).reshape(1, 1, -1)
        return params


def _whitened(accrued: np.ndarray, noise: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Cholesky factor ``L`` of the polls' covariance ``S`` (the random walk's variance ``accrued`` up to each
    poll, plus each poll's own ``noise`` variance) and ``L^-1 columns``: what :func:`gls_loglike`,
    :func:`gls_score` and :func:`gls_targets` share."""
    cov = np.minimum.outer(accrued, accrued)
    cov.flat[:: len(accrued) + 1] += noise
    lower = cholesky(cov, lower=True, check_finite=False)
    return lower, solve_triangular(lower, columns, lower=True, check_finite=False)


def identified(design: np.ndarray) -> bool:
    """Every state of ``design`` (k_states, nobs) is identified by the polls: least squares can stand in for the
    Kalman filter and smoother (:func:`gls_loglike`, :func:`gls_targets`).

    >>> identified(np.array([[1.0, 1.0], [0.0, 1.0]])), identified(np.array([[1.0, 1.0], [0.0, 0.0]]))
    (True, False)
    """
    return bool(np.linalg.matrix_rank(design) == design.shape[0])


def _regime_years(step_years: np.ndarray) -> np.ndarray:
    """Years each regime has run from the first step to each step (regimes, steps): the unit random walks."""
    return np.cumsum(np.c_[np.zeros(len(step_years)), step_years[:, :-1]], axis=1)


def _accrued(step_years: np.ndarray, params: np.ndarray) -> np.ndarray:
    """The random walk's variance accrued from the first poll to each poll, at ``params``."""
    variance = params[:-1] @ step_years  # the variance the level gains from each step to the next
    return np.concatenate(([0.0], np.cumsum(variance[:-1])))


def gls_loglike(
    endog: np.ndarray, design: np.ndarray, sampling_var: np.ndarray, step_years: np.ndarray, params: np.ndarray
) -> float:
    """The diffuse log-likelihood of :class:`PollSpace` by generalised least squares, without a Kalman filter.

    The polls are ``y = X b + w + e``: ``X`` the design (n, k), ``b`` the initial states (diffuse), ``w`` the
    random walk since the first poll (``Cov(w_s, w_t)`` = the variance accumulated up to the earlier of the
    two) and ``e`` the sampling plus non-sampling error. With ``S = Cov(w + e)``, the exact diffuse
    log-likelihood of the Kalman filter (Durbin & Koopman 2012) is the restricted likelihood
    ``-(n log 2 pi + log|S| + log|X' S^-1 X| + r' S^-1 r) / 2``, ``r`` the GLS residual: the same number
    (``tests/models/test_aggregate_engine.py`` checks it against statsmodels' filter), without stepping
    through the polls. ``step_years`` and ``params`` are :class:`PollSpace`'s.

    >>> model = PollSpace(np.array([20.0, 22, 21, 25, 24, 26]), np.ones((1, 6)), np.full(6, 4.0), np.full(6, 0.5))
    >>> params = np.array([4.0, 1.0])
    >>> round(gls_loglike(model.endog[:, 0], np.ones((6, 1)), np.full(6, 4.0), np.full((1, 6), 0.5), params), 9)
    -12.654003871
    >>> round(float(MLEModel.loglike(model, params)), 9)  # the Kalman filter's
    -12.654003871
    """
    lower, white = _whitened(_accrued(step_years, params), sampling_var + params[-1], np.column_stack([design, endog]))
    r = np.abs(np.diag(np.linalg.qr(white, mode="r")))  # the last is the whitened residual's norm
    k = design.shape[1]
    return float(
        -0.5 * (len(endog) * np.log(2 * np.pi) + 2 * np.log(np.diag(lower)).sum() + 2 * np.log(r[:k]).sum() + r[k] ** 2)
    )


def gls_score(
    endog: np.ndarray, design: np.ndarray, sampling_var: np.ndarray, step_years: np.ndarray, params: np.ndarray
) -> np.ndarray:
    """The gradient of :func:`gls_loglike` in ``params`` (the variances themselves), exact.

    For a variance ``v`` with ``dS/dv = D`` the restricted likelihood's derivative is
    ``-(tr(P D) - y' P D P y) / 2``, with ``P = S^-1 - S^-1 X (X' S^-1 X)^-1 X' S^-1`` (Harville 1977):
    ``D`` is the unit random walk's covariance for each random-walk variance and the identity for the
    non-sampling variance. The optimiser reads it in place of finite differences of the likelihood (one
    evaluation per step instead of one more per variance, and no differencing error near the optimum);
    ``tests/models/test_aggregate_engine.py`` checks it against finite differences.

    >>> y, x, v, steps = np.array([20.0, 22, 21, 25, 24, 26]), np.ones((6, 1)), np.full(6, 4.0), np.full((1, 6), 0.5)
    >>> params, h = np.array([4.0, 1.0]), 1e-6
    >>> numerical = [(gls_loglike(y, x, v, steps, params + h * e) - gls_loglike(y, x, v, steps, params - h * e)) / (2 * h)
    ...              for e in np.eye(2)]
    >>> np.allclose(gls_score(y, x, v, steps, params), numerical, atol=1e-7)
    True
    """
    lower, white = _whitened(_accrued(step_years, params), sampling_var + params[-1], np.column_stack([design, endog]))
    accrued = _regime_years(step_years)
    walks = np.minimum(accrued[:, :, None], accrued[:, None, :])  # each regime's walk at a variance of 1
    k = design.shape[1]
    q, _ = np.linalg.qr(white[:, :k])
    residual = white[:, k] - q @ (q.T @ white[:, k])  # L^-1 times the GLS residual
    inverse = solve_triangular(lower, np.eye(len(endog)), lower=True, check_finite=False)  # L^-1
    projected = inverse - q @ (q.T @ inverse)
    p = inverse.T @ projected  # P
    py = solve_triangular(lower, residual, lower=True, trans="T", check_finite=False)  # P y
    walk_terms = np.einsum("ij,rij->r", p, walks) - np.einsum("i,rij,j->r", py, walks, py)
    return -0.5 * np.r_[walk_terms, np.trace(p) - py @ py]


@dataclass(frozen=True)
class StateLayout:
    """What the states are: houses, identified modes and used breaks (in state order)."""

    houses: tuple[str, ...]
    modes: tuple[str, ...]  # empty when mode effects are not identified
    breaks: tuple[pd.Timestamp, ...]

    @property
    def k_states(self) -> int:
        return 1 + (len(self.houses) - 1) + max(len(self.modes) - 1, 0) + len(self.breaks)

    def rows(self, polls: pd.DataFrame) -> np.ndarray:
        """Design rows (k_states, len(polls)) for polls (date, pollster, mode)."""
        h, m = len(self.houses), len(self.modes)
        z = np.zeros((self.k_states, len(polls)))
        z[0] = 1.0
        house = polls["pollster"].map({name: i for i, name in enumerate(self.houses)}).to_numpy()
        for i in range(h - 1):
            z[1 + i] = (house == i).astype(float) - (house == h - 1)
        if m:
            mode = polls["mode"].map({name: i for i, name in enumerate(self.modes)}).to_numpy()
            for i in range(m - 1):
                z[h + i] = (mode == i).astype(float) - (mode == m - 1)
        z[self.jump_slice] = self.after(polls["date"])
        return z

    def latent_rows(self, dates: pd.Series) -> np.ndarray:
        """Rows picking mu(t) = level + jumps in force at each date."""
        z = np.zeros((self.k_states, len(dates)))
        z[0] = 1.0
        z[self.jump_slice] = self.after(dates)
        return z

    def after(self, dates: pd.Series) -> np.ndarray:
        d = pd.to_datetime(pd.Series(dates)).to_numpy()
        return np.array([(d >= np.datetime64(b)).astype(float) for b in self.breaks]).reshape(len(self.breaks), len(d))

    @property
    def jump_slice(self) -> slice:
        start = len(self.houses) + max(len(self.modes) - 1, 0)
        return slice(start, start + len(self.breaks))

    def contrast(self, kind: str) -> np.ndarray:
        """Matrix mapping states to all effects of ``kind`` (sum-to-zero contrasts)."""
        names = self.houses if kind == "house" else self.modes
        first = 1 if kind == "house" else len(self.houses)
        c = np.zeros((len(names), self.k_states))
        for i in range(len(names) - 1):
            c[i, first + i] = 1.0
            c[-1, first + i] = -1.0
        return c


@dataclass(frozen=True)
class Smoother:
    """Everything needed to smooth again at other dates (latent grid, slopes)."""

    spec: StateLayout
    polls: pd.DataFrame  # prepared, sorted by date then poll_id
    sampling_var: np.ndarray
    nodes: tuple[tuple[np.ndarray, float], ...]  # (params, weight): MLE alone or sigma points
    regime_edges: tuple[pd.Timestamp, ...] = ()  # the breaks between regimes with variances of their own

    def smooth(self, extra_dates: Sequence[pd.Timestamp], anchors: int = 0):
        """Mixture mean (nobs, k) and covariance (nobs, k, k) at the poll and extra steps.

        Returns (means, covs, poll_steps, extra_steps) where the step arrays index polls
        (in ``self.polls`` order) and ``extra_dates`` into the step axis. With ``anchors`` = m,
        m states are added after the layout's, the j-th a copy of the level at the j-th extra date.
        """
        extra = pd.DataFrame({"date": pd.to_datetime(pd.Series(list(extra_dates), dtype="datetime64[ns]"))})
        dates = pd.concat([self.polls["date"], extra["date"]], ignore_index=True)
        kind = np.r_[np.zeros(len(self.polls)), np.ones(len(extra))]
        order = np.lexsort((kind, dates.to_numpy()))
        design = np.concatenate([self.spec.rows(self.polls), self.spec.latent_rows(extra["date"])], axis=1)[:, order]
        endog = np.r_[self.polls["share"].to_numpy(dtype=float), np.full(len(extra), np.nan)][order]
        svar = np.r_[self.sampling_var, np.zeros(len(extra))][order]
        step = elapsed_years(dates.to_numpy()[order], self.regime_edges)
        position = np.empty(len(order), dtype=int)
        position[order] = np.arange(len(order))
        design = np.vstack([design, np.zeros((anchors, design.shape[1]))])
        anchor_steps = [int(position[len(self.polls) + j]) for j in range(anchors)]
        model = PollSpace(endog, design, svar, step, anchor_steps=anchor_steps)
        mean = cov = None
        second = None
        for params, weight in self.nodes:
            res = model.smooth(params, **SMOOTH_STATES)
            m = res.smoothed_state.T
            p = np.moveaxis(res.smoothed_state_cov, 2, 0)
            if mean is None:
                mean, second = weight * m, weight * (p + m[:, :, None] * m[:, None, :])
            else:
                mean += weight * m
                second += weight * (p + m[:, :, None] * m[:, None, :])
        cov = second - mean[:, :, None] * mean[:, None, :]
        return mean, cov, position[: len(self.polls)], position[len(self.polls) :]

    def changes(
        self, spans: Sequence[tuple[pd.Timestamp, pd.Timestamp]]
    ) -> tuple[list[tuple[float, float]], np.ndarray, np.ndarray]:
        """``mu(end) - mu(start)`` and its standard error for each (start, end), from their joint smoothed
        distribution; the jumps are constant states, so those in force at ``start`` cancel and those of breaks in
        between count (the change across a break includes its jump). Also returns the mean and covariance of the
        layout's states at the last date (the jumps, houses and modes, constant states, read there).

        Where every state is identified, by generalised least squares (:func:`gls_targets`, the smoother's
        numbers without stepping through the dates); otherwise in one smoother run in which an extra state per
        span copies the level at its ``start``."""
        starts = pd.Series([s for s, _ in spans], dtype="datetime64[ns]")
        ends = pd.Series([e for _, e in spans], dtype="datetime64[ns]")
        loads = self.spec.latent_rows(ends).T.copy()  # mu(end), less the jumps already in force at the start
        loads[:, self.spec.jump_slice] -= self.spec.after(starts).T
        design = self.spec.rows(self.polls)
        if identified(design):
            try:
                return self._changes_by_least_squares(design.T, loads, starts, ends)
            except np.linalg.LinAlgError:  # variances so far apart that the covariance cannot be factored
                pass
        return self._changes_by_smoother(loads, starts, ends)

    def _changes_by_smoother(
        self, loads: np.ndarray, starts: pd.Series, ends: pd.Series
    ) -> tuple[list[tuple[float, float]], np.ndarray, np.ndarray]:
        """:meth:`changes` by one run of the Kalman smoother with an anchor state per span."""
        m, k = loads.shape
        mean, cov, _, steps = self.smooth([*starts, *ends], anchors=m)
        c = np.c_[loads, -np.eye(m)]
        t = steps[m:]
        est = np.einsum("ij,ij->i", c, mean[t])
        se = np.sqrt(np.maximum(np.einsum("ij,ijk,ik->i", c, cov[t], c), 0.0))
        return list(zip(est.tolist(), se.tolist(), strict=True)), mean[-1, :k], cov[-1, :k, :k]

    def _changes_by_least_squares(
        self, design: np.ndarray, loads: np.ndarray, starts: pd.Series, ends: pd.Series
    ) -> tuple[list[tuple[float, float]], np.ndarray, np.ndarray]:
        """:meth:`changes` by :func:`gls_targets`: the spans' changes, then the states at the last date."""
        m, k = loads.shape
        poll_dates = self.polls["date"].to_numpy(dtype="datetime64[ns]")
        last = max(poll_dates.max(), starts.max(), ends.max()) if m else poll_dates.max()
        dates = np.r_[poll_dates, starts.to_numpy(), ends.to_numpy(), np.datetime64(last, "ns")]
        order = np.argsort(dates, kind="stable")
        accrued = np.empty((len(self.regime_edges) + 1, len(dates)))
        accrued[:, order] = _regime_years(elapsed_years(dates[order], self.regime_edges))
        spans = loads.copy()
        spans[:, 0] = 0.0  # the initial level, in force at both ends, cancels
        walk = np.zeros((m + k, 2 * m + 1))  # each target's random-walk part: the level's change, or its value
        walk[np.arange(m), m + np.arange(m)], walk[np.arange(m), np.arange(m)], walk[m, 2 * m] = 1.0, -1.0, 1.0
        n = len(poll_dates)
        targets = [
            gls_targets(
                self.polls["share"].to_numpy(dtype=float),
                design,
                self.sampling_var,
                params,
                accrued[:, :n],
                np.r_[spans, np.eye(k)],
                walk,
                accrued[:, n:],
            )
            for params, _ in self.nodes
        ]
        weights = [w for _, w in self.nodes]
        mean = sum(w * mu for (mu, _), w in zip(targets, weights, strict=True))
        second = sum(w * (cov + np.outer(mu, mu)) for (mu, cov), w in zip(targets, weights, strict=True))
        cov = second - np.outer(mean, mean)
        se = np.sqrt(np.maximum(np.diag(cov)[:m], 0.0))
        return list(zip(mean[:m].tolist(), se.tolist(), strict=True)), mean[m:], cov[m:, m:]


def gls_targets(
    endog: np.ndarray,
    design: np.ndarray,
    sampling_var: np.ndarray,
    params: np.ndarray,
    accrued: np.ndarray,
    loads: np.ndarray,
    walk: np.ndarray,
    accrued_at: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and covariance, given the polls, of targets ``g = F b + A w`` of :class:`PollSpace` at ``params``.

    The polls are ``y = X b + w + e`` as in :func:`gls_loglike`. ``accrued`` (regimes, n) and ``accrued_at``
    (regimes, d) are the years each regime has run since one common origin up to each poll and each of d other
    dates; ``loads`` is ``F`` (m, k) and ``walk`` is ``A`` (m, d), the targets' loads on the states and on the
    random walk at those dates. With the initial states diffuse this is the Kalman smoother's answer
    (universal kriging; ``tests/models/test_aggregate_engine.py`` checks it against statsmodels' smoother)::

        b = (X' S^-1 X)^-1 X' S^-1 y        mean = F b + C S^-1 (y - X b),  C = Cov(A w_dates, w + e)
        cov = V - C S^-1 C' + H (X' S^-1 X)^-1 H',  H = F - C S^-1 X,  V = Var(A w_dates)

    >>> y, x, v = np.array([20.0, 22, 21, 25, 24, 26]), np.ones((6, 1)), np.full(6, 4.0)
    >>> years = np.arange(6.0)[None, :] / 2  # a poll every half year
    >>> mean, cov = gls_targets(y, x, v, np.array([4.0, 1.0]), years, np.zeros((1, 1)), np.array([[-1.0, 1.0]]),
    ...                         np.array([[0.0, 2.5]]))  # the level's change from the first poll to the last
    >>> round(float(mean[0]), 3), round(float(np.sqrt(cov[0, 0])), 3)  # as the Kalman smoother's
    (3.246, 2.079)
    """
    at_polls, at_dates = params[:-1] @ accrued, params[:-1] @ accrued_at
    columns = np.column_stack([design, endog, np.minimum.outer(at_polls, at_dates) @ walk.T])
    _, white = _whitened(at_polls, sampling_var + params[-1], columns)
    k = design.shape[1]
    xw, yw, cw = white[:, :k], white[:, k], white[:, k + 1 :]  # L^-1 X, L^-1 y, L^-1 C'
    gram = xw.T @ xw
    b = np.linalg.solve(gram, xw.T @ yw)
    h = loads - cw.T @ xw
    mean = loads @ b + cw.T @ (yw - xw @ b)
    spread = walk @ np.minimum.outer(at_dates, at_dates) @ walk.T - cw.T @ cw + h @ np.linalg.solve(gram, h.T)
    return mean, spread


def maximise(
    model: PollSpace, innovation_var: float | None = None, start: np.ndarray | None = None
) -> tuple[np.ndarray, bool]:
    """The maximum-likelihood parameters of ``model`` (all of them, in order) and whether L-BFGS converged,
    at most 200 iterations from ``start`` (default: the fixed start, :data:`START_SD`, so a fit of real polls
    does not depend on anything else). ``innovation_var``: the one random-walk variance, fixed at that value
    (only the non-sampling variance is estimated).

    >>> model = PollSpace(np.array([20.0, 22, 21, 25, 24, 26]), np.ones((1, 6)), np.full(6, 4.0), np.full(6, 0.5))
    >>> params, converged = maximise(model)
    >>> params.round(2).tolist(), converged
    ([3.93, 0.0], True)
    >>> maximise(model, innovation_var=1.0)[0].round(2).tolist()
    [1.0, 0.0]
    """
    # optim_score: L-BFGS reads the model's score (exact where the likelihood is by least squares, :meth:`PollSpace.score`)
    # instead of differencing the likelihood itself
    options = {"method": "lbfgs", "maxiter": _MAXITER, "disp": False, "cov_type": "none", "optim_score": "approx"}
    with warnings.catch_warnings():
        # checked: the optimiser's warnings at a variance near zero (a boundary) are harmless here
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        if innovation_var is not None:
            with model.fix_params({"innovation_var": innovation_var}):
                res = model.fit(**options)
            params = np.r_[innovation_var, res.params[-1]]
        else:
            res = model.fit(start_params=start, **options)
            params = np.asarray(res.params, dtype=float)
    return params, bool(res.mle_retvals.get("converged", False))


def aic(loglike: float, estimated: int) -> float:
    """Akaike's information criterion, 2 x the parameters estimated - 2 x the log-likelihood (lower is better).

    >>> aic(-200.0, 4), aic(-203.0, 2)
    (408.0, 410.0)
    """
    return 2 * estimated - 2 * float(loglike)


def elapsed_years(dates: np.ndarray, edges: Sequence[pd.Timestamp] = ()) -> np.ndarray:
    """Years from each of the sorted ``dates`` to the next (0 after the last), one row per regime.

    With no ``edges``, one row: the whole time between steps. With edges (the breaks that start
    the regimes), row r holds the part of each step's time spent in regime r, so a step across a
    break adds the random-walk variance of each regime for its own part of the time.

    >>> days = np.array(["2013-01-01", "2014-01-01", "2015-01-01"], dtype="datetime64[ns]")
    >>> elapsed_years(days).round(3).tolist()
    [[0.999, 0.999, 0.0]]
    >>> elapsed_years(days, [pd.Timestamp("2014-07-02")]).round(3).tolist()
    [[0.999, 0.498, 0.0], [0.0, 0.501, 0.0]]
    """
    d = np.asarray(dates, dtype="datetime64[ns]")
    if not len(edges):
        return np.r_[np.diff(d).astype("timedelta64[D]").astype(float) / 365.25, 0.0][None, :]
    bounds = np.r_[d[:1], np.array(edges, dtype="datetime64[ns]"), d[-1:]]
    start, end = d[:-1], d[1:]
    rows = []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        overlap = np.minimum(end, hi) - np.maximum(start, lo)
        days = np.maximum(overlap, np.timedelta64(0, "ns")).astype("timedelta64[D]").astype(float)
        rows.append(np.r_[days / 365.25, 0.0])
    return np.array(rows)


def sigma_nodes(model: PollSpace, params: np.ndarray, *, fixed: bool) -> tuple[tuple[np.ndarray, float], ...]:
    """MLE plus two points per free log-variance (the unscented transform, Julier & Uhlmann 1997).

    With ``d`` free log-variances and ``k = max(3 - d, 0)``, the points lie at +-sqrt(d + k) SD
    along each one, the other parameters held at their MLE, each weighing 1 / (2 (d + k)); the
    MLE weighs k / (d + k) (and is left out when that is 0). For one parameter this is the
    three-point Gauss-Hermite rule (2/3 at the MLE, 1/6 at +-sqrt(3) SD); with two, the MLE weighs
    1/3 and each of the four points 1/6; with four (three regimes with variances of their own),
    the eight points at +-2 SD weigh 1/8 each. The SD is read off the likelihood itself rather
    than its curvature: a point lies where the log-likelihood has fallen by (d + k) / 2 (its
    drop at that many SD of a normal likelihood), found by Brent's method. Downward the distance is
    capped at :data:`_MAX_LOG_STEP` (a variance near zero has a flat likelihood below it);
    upward the bracket doubles until the likelihood has fallen that far (an estimate near zero
    also has a flat likelihood some way above it, so a fixed cap would keep the point near zero). ``fixed``: the
    random-walk variance was given, so only the non-sampling variance (the last) is free.

    Six polls on one level (a one-state model), at variances 4 (random walk) and 1
    (non-sampling), as if those were the MLE:

    >>> model = PollSpace(np.array([20.0, 22, 21, 25, 24, 26]), np.ones((1, 6)), np.full(6, 4.0), np.full(6, 0.5))
    >>> nodes = sigma_nodes(model, np.array([4.0, 1.0]), fixed=False)
    >>> [round(weight, 3) for _, weight in nodes]
    [0.333, 0.167, 0.167, 0.167, 0.167]
    >>> [point.round(1).tolist() for point, _ in nodes]
    [[4.0, 1.0], [34.7, 1.0], [0.2, 1.0], [4.0, 10.7], [4.0, 0.0]]
    >>> [round(weight, 3) for _, weight in sigma_nodes(model, np.array([4.0, 1.0]), fixed=True)]
    [0.667, 0.167, 0.167]
    """
    theta = np.log(params)
    free = [len(params) - 1] if fixed else list(range(len(params)))
    spread = max(len(free), 3)  # d + k
    f0 = float(model.loglike(params))
    nodes = []
    for i in free:
        for sign in (1.0, -1.0):

            def drop(step: float, i: int = i, sign: float = sign) -> float:
                t = theta.copy()
                t[i] += sign * step
                return f0 - float(model.loglike(np.exp(t)))

            lo, hi = 0.0, _MAX_LOG_STEP
            above = drop(hi) - spread / 2
            while sign > 0 and above <= 0 and theta[i] + hi < _MAX_LOG_VAR:
                lo, hi = hi, 2 * hi  # a variance near zero: its likelihood is flat well above it too
                above = drop(hi) - spread / 2
            if above > 0:  # the drop crosses the target inside [lo, hi]: Brent's method finds where
                hi = brentq(lambda step, d=drop: d(step) - spread / 2, lo, hi, xtol=_LOG_TOL)
            t = theta.copy()
            t[i] += sign * hi
            nodes.append(np.exp(t))
    centre = 1.0 - len(nodes) / (2 * spread)
    points = tuple((n, 1 / (2 * spread)) for n in nodes)
    return ((params, centre), *points) if centre > 0 else points
