"""The state-space engine's pieces: time split by regime, and the variance points (sigma nodes)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.aggregate_engine import PollSpace, elapsed_years, sigma_nodes

DAYS = pd.to_datetime(["2012-05-01", "2013-11-20", "2014-03-01", "2019-06-30", "2022-02-24", "2023-01-10"]).to_numpy()
EDGES = [pd.Timestamp("2014-02-22"), pd.Timestamp("2022-02-24")]


def test_the_regimes_split_each_step_and_add_up_to_it() -> None:
    whole = elapsed_years(DAYS)
    split = elapsed_years(DAYS, EDGES)
    assert whole.shape == (1, len(DAYS)) and split.shape == (3, len(DAYS))
    np.testing.assert_allclose(split.sum(axis=0), whole[0], rtol=0, atol=1e-12)
    # the step from 2013-11-20 to 2014-03-01 spends 94 days before the break and 7 after it
    assert split[:, 1] * 365.25 == pytest.approx([94.0, 7.0, 0.0])
    # a poll on the break day starts the new regime: the step into it lies wholly in the old one
    assert split[:, 3] * 365.25 == pytest.approx([0.0, (DAYS[4] - DAYS[3]) / np.timedelta64(1, "D"), 0.0])
    assert (split[:, -1] == 0).all()


def _flat_model() -> tuple[PollSpace, np.ndarray]:
    """Eight polls of one level (no drift), fitted: the random-walk variance's estimate is near zero."""
    shares = np.array([30.0, 31.0, 29.5, 30.5, 30.2, 29.8, 30.4, 29.9])
    model = PollSpace(shares, np.ones((1, 8)), np.full(8, 4.0), np.full(8, 0.5))
    params = np.asarray(model.fit(method="lbfgs", disp=False, cov_type="none").params)
    return model, params


def test_a_variance_near_zero_gets_an_upper_point_where_the_likelihood_has_fallen() -> None:
    model, params = _flat_model()
    assert params[0] < 1e-3  # the estimate sits at the boundary
    nodes = sigma_nodes(model, params, fixed=False)
    upper = nodes[1][0]
    assert upper[0] > np.exp(3.0) * params[0]  # beyond the old fixed cap of e^3 times the estimate
    drop = float(model.loglike(params)) - float(model.loglike(upper))
    assert drop == pytest.approx(1.5, abs=0.01)  # +sqrt(3) SD of a normal likelihood


def test_four_free_variances_give_eight_points_of_equal_weight_and_no_centre() -> None:
    shares = np.array([20.0, 22, 21, 25, 24, 26, 30, 28, 33])
    step = elapsed_years(
        pd.date_range("2012-01-01", periods=9, freq="180D").to_numpy(),
        [pd.Timestamp("2013-01-01"), pd.Timestamp("2014-01-01")],
    )
    model = PollSpace(shares, np.ones((1, 9)), np.full(9, 4.0), step)
    nodes = sigma_nodes(model, np.array([4.0, 4.0, 4.0, 1.0]), fixed=False)
    assert len(nodes) == 8
    assert [w for _, w in nodes] == pytest.approx([1 / 8] * 8)
    assert sum(w for _, w in nodes) == pytest.approx(1.0)
    # each point moves one variance only, the others stay at their values
    moved = [np.flatnonzero(~np.isclose(p, [4.0, 4.0, 4.0, 1.0])) for p, _ in nodes]
    assert [m.tolist() for m in moved] == [[0], [0], [1], [1], [2], [2], [3], [3]]


def test_one_row_of_steps_is_the_model_with_one_variance() -> None:
    shares = np.array([20.0, 22, 21, 25, 24, 26])
    one = PollSpace(shares, np.ones((1, 6)), np.full(6, 4.0), np.full(6, 0.5))
    also_one = PollSpace(shares, np.ones((1, 6)), np.full(6, 4.0), np.full((1, 6), 0.5))
    assert one.param_names == ["innovation_var", "nonsampling_var"]
    assert float(one.loglike(np.array([4.0, 1.0]))) == float(also_one.loglike(np.array([4.0, 1.0])))
    two = PollSpace(shares, np.ones((1, 6)), np.full(6, 4.0), np.vstack([np.full(6, 0.25), np.full(6, 0.25)]))
    assert two.param_names == ["innovation_var_0", "innovation_var_1", "nonsampling_var"]
    # equal variances in both regimes: the same likelihood as one variance over the whole time
    assert float(two.loglike(np.array([4.0, 4.0, 1.0]))) == pytest.approx(float(one.loglike(np.array([4.0, 1.0]))))
