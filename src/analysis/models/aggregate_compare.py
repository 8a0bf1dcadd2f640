"""One random-walk variance for every regime, or one per regime: which do the polls support?

:func:`compare_variance_models` fits :func:`~analysis.models.aggregate.fit_aggregate`'s model both
ways and tests the gain in the Akaike information criterion (AIC) of the model with a variance per
regime by a parametric bootstrap: the observed gain is set against the gains in polls simulated from
the one-variance fit itself, on the same dates, houses, modes and sampling variances. A
likelihood-ratio statistic of variance parameters is not chi-square distributed (a variance may sit at
zero), so its reference distribution is simulated rather than looked up.

Simulating needs no house, mode or jump values: the states that carry them are constant with flat
priors, so the variances' likelihood does not depend on them. The draws still add the fitted ones
(and the fitted mean level), so simulated shares look like the real ones. How often the test finds
periods that differ, and how often it finds them where they do not: ``benchmarks/aggregate_results.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.models.aggregate import DEFAULT_DEFF, DEFAULT_SAMPLE_SIZE, _Estimate, _estimate, _regime_labels
from analysis.models.aggregate_engine import SMOOTH_STATES, PollSpace, aic, elapsed_years, maximise
from analysis.models.blas import one_blas_thread


@dataclass(frozen=True)
class VarianceComparison:
    """What :func:`compare_variance_models` returns.

    ``innovation_sd``: the random-walk SD (points per square-root year: the SD of a year's change) of
    each regime, under one variance (the same in each) and under a variance per regime, as a table with
    those two columns; ``aic``: the criterion of each model; ``gain``: AIC of one variance minus AIC of
    one per regime (positive: the polls favour a variance per regime); ``null_gains``: the same gain in
    each simulated set of polls.

    Polls simulated with one true variance and no drift (no reason to prefer a variance per regime):

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(0), drift_per_year=(0.0, 0.0, 0.0))
    >>> result = compare_variance_models(polls, ["2014-02-22", "2022-02-24"], draws=19, seed=1)
    >>> result.innovation_sd.round(1)
                              one variance  a variance per regime
    before 2014-02-22                  2.5                    2.3
    2014-02-22 to 2022-02-24           2.5                    2.5
    from 2022-02-24                    2.5                    3.7
    >>> round(result.gain, 1), result.p_value
    (-3.4, 0.85)
    """

    innovation_sd: pd.DataFrame
    aic: pd.Series
    gain: float
    null_gains: np.ndarray

    @property
    def p_value(self) -> float:
        """Share of simulations, the observed polls counted among them, whose gain is at least the
        observed one: small when one variance rarely gives so large a gain."""
        return float((1 + np.sum(self.null_gains >= self.gain)) / (1 + len(self.null_gains)))


@one_blas_thread
def compare_variance_models(
    series: pd.DataFrame,
    breaks: Sequence[str | pd.Timestamp],
    *,
    draws: int = 200,
    seed: int = 0,
    deff: float = DEFAULT_DEFF,
    default_n: int = DEFAULT_SAMPLE_SIZE,
) -> VarianceComparison:
    """Fit one random-walk variance and one per regime to ``series`` (as
    :func:`~analysis.models.aggregate.fit_aggregate` would, at the maximum-likelihood variances) and
    test the AIC gain of the second against ``draws`` simulations from the first. Raises ``ValueError``
    when no break is used (one regime: nothing to compare).

    Polls simulated with a calm first regime and a volatile last one:

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(5), innovation_sd=(0.8, 1.0, 8.0))
    >>> result = compare_variance_models(polls, ["2014-02-22", "2022-02-24"], draws=19, seed=1)
    >>> result.innovation_sd["a variance per regime"].round(1).tolist()
    [1.3, 2.1, 6.2]
    >>> round(result.gain, 1), result.p_value
    (6.8, 0.05)
    """
    one = _estimate(series, breaks, deff, default_n, None, False)
    per = _estimate(series, breaks, deff, default_n, None, False, True)
    if not one.spec.breaks:
        raise ParseError("no break has polls on both sides: one regime, so one variance")
    labels = _regime_labels(list(one.spec.breaks))
    sd = pd.DataFrame(
        {"one variance": np.sqrt(one.params[0]), "a variance per regime": np.sqrt(per.params[:-1])}, index=labels
    )
    aic = pd.Series({"one variance": _aic(one.model, one.params), "a variance per regime": _aic(per.model, per.params)})
    gain = float(aic["one variance"] - aic["a variance per regime"])
    return VarianceComparison(sd, aic, gain, _null_gains(one, draws, np.random.default_rng(seed)))


def _aic(model: PollSpace, params: np.ndarray) -> float:
    """The criterion of ``model`` at ``params``, every variance estimated."""
    return aic(model.loglike(params), len(params))


def _null_gains(one: _Estimate, draws: int, rng: np.random.Generator) -> np.ndarray:
    """The AIC gain of a variance per regime in ``draws`` sets of polls simulated from the one-variance fit."""
    design = one.model["design"][0]
    state = one.model.smooth(one.params, **SMOOTH_STATES).smoothed_state
    fixed = design[1:].T @ state[1:, -1] + state[0].mean()  # houses, modes and jumps in force, and the mean level
    dates = one.polls["date"].to_numpy()
    step_one, step_per = elapsed_years(dates), elapsed_years(dates, one.spec.breaks)
    sampling_var = one.fitted.sampling_var
    innovation_var, nonsampling_var = one.params
    gains = np.empty(draws)
    for d in range(draws):
        walk = np.r_[0.0, np.cumsum(rng.normal(0.0, np.sqrt(innovation_var * step_one[0, :-1])))]
        shares = fixed + walk - walk.mean() + rng.normal(0.0, np.sqrt(sampling_var + nonsampling_var))
        aics = []
        for step in (step_one, step_per):  # each fit starts from the variances the polls were simulated with
            model = PollSpace(shares, design, sampling_var, step)
            start = np.r_[np.full(len(step), innovation_var), nonsampling_var]
            aics.append(_aic(model, maximise(model, start=start)[0]))
        gains[d] = aics[0] - aics[1]
    return gains
