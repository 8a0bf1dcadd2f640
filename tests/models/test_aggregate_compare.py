"""The bootstrap test of one random-walk variance against one per regime, on simulated polls."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.models.aggregate import fit_aggregate
from analysis.models.aggregate_compare import compare_variance_models
from analysis.models.aggregate_sim import simulate_polls

BREAKS = ["2014-02-22", "2022-02-24"]
DENSE = {"polls_per_year": (4.0, 12.0, 12.0), "start": "2008-01-01", "drift_per_year": (0.0, 0.0, 0.0)}


def test_variances_and_criterion_are_those_of_the_two_fits() -> None:
    polls, _ = simulate_polls(np.random.default_rng(3))
    result = compare_variance_models(polls, BREAKS, draws=3, seed=0)
    one = fit_aggregate(polls, BREAKS, param_uncertainty=False)
    per = fit_aggregate(polls, BREAKS, variance_by_regime=True, param_uncertainty=False)
    assert result.innovation_sd["one variance"].to_numpy() == pytest.approx([one.variances["innovation_sd"]] * 3)
    assert result.innovation_sd["a variance per regime"].to_dict() == pytest.approx(per.variances["innovation_sd"])
    assert result.aic.to_dict() == pytest.approx(
        {"one variance": one.variances["aic"], "a variance per regime": per.variances["aic"]}
    )
    assert result.gain == pytest.approx(one.variances["aic"] - per.variances["aic"])
    assert len(result.null_gains) == 3
    # nested models: each simulated gain is at least -4 (two more variances cost 4, and fit no worse)
    assert (result.null_gains >= -4 - 1e-6).all()


def test_the_test_finds_periods_that_differ_and_not_periods_that_do_not() -> None:
    calm_then_volatile, _ = simulate_polls(np.random.default_rng(5), innovation_sd=(0.8, 1.0, 8.0), **DENSE)
    found = compare_variance_models(calm_then_volatile, BREAKS, draws=19, seed=1)
    assert found.gain > 0 and found.p_value == pytest.approx(1 / 20)  # no simulated gain reaches the observed one
    one_variance, _ = simulate_polls(np.random.default_rng(0), **DENSE)
    not_found = compare_variance_models(one_variance, BREAKS, draws=19, seed=1)
    assert not_found.p_value > 0.2


def test_the_same_seed_gives_the_same_draws_and_one_regime_is_refused() -> None:
    polls, _ = simulate_polls(np.random.default_rng(3))
    a = compare_variance_models(polls, BREAKS, draws=4, seed=7)
    b = compare_variance_models(polls, BREAKS, draws=4, seed=7)
    np.testing.assert_array_equal(a.null_gains, b.null_gains)
    with pytest.raises(ValueError, match="one regime"):
        compare_variance_models(polls, [], draws=2)
