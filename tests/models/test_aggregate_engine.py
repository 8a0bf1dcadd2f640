"""The state-space engine's pieces: time split by regime, the variance points (sigma nodes), and the likelihood
by least squares against the Kalman filter's."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.statespace.mlemodel import MLEModel

from analysis.models.aggregate_engine import (
    PollSpace,
    Smoother,
    StateLayout,
    elapsed_years,
    gls_loglike,
    gls_score,
    maximise,
    sigma_nodes,
)

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


def _simulated_model(regimes: bool, seed: int = 3) -> PollSpace:
    """Forty polls by five houses in two modes across two breaks, as the aggregate lays them out."""
    rng = np.random.default_rng(seed)
    dates = pd.Series(np.sort(rng.choice(pd.date_range("2010-01-01", "2024-12-31").to_numpy(), 40, replace=False)))
    polls = pd.DataFrame(
        {
            "date": dates,
            "pollster": rng.choice(list("ABCDE"), 40),
            "mode": np.where(rng.random(40) < 0.3, "telephone", "face_to_face"),
        }
    )
    layout = StateLayout(tuple("ABCDE"), ("face_to_face", "telephone"), tuple(EDGES))
    steps = elapsed_years(dates.to_numpy(), EDGES if regimes else ())
    return PollSpace(rng.normal(40, 8, 40), layout.rows(polls), rng.uniform(2, 6, 40), steps)


@pytest.mark.parametrize("regimes", [False, True])
def test_the_likelihood_by_least_squares_is_the_kalman_filters(regimes: bool) -> None:
    model = _simulated_model(regimes)
    rng = np.random.default_rng(4)
    y, design, svar, steps = model.endog[:, 0], model["design"][0].T, model._sampling_var, model._step_years
    for _ in range(10):
        params = np.exp(rng.normal(1.0, 2.0, len(model.param_names)))
        kalman = float(MLEModel.loglike(model, params))
        assert gls_loglike(y, design, svar, steps, params) == pytest.approx(kalman, rel=1e-12)
        assert model.loglike(params) == pytest.approx(kalman, rel=1e-12)  # the model's own, which uses it
    # positive control: sampling variances 1% too large give another likelihood, which the check tells apart
    assert gls_loglike(y, design, svar * 1.01, steps, params) != pytest.approx(kalman, rel=1e-6)


def test_a_state_no_poll_identifies_leaves_the_likelihood_to_the_filter() -> None:
    model = _simulated_model(False)
    design = model["design"][0].copy()
    design[-1] = 0.0  # no poll after the last break: its jump is not identified
    unidentified = PollSpace(model.endog[:, 0], design, model._sampling_var, model._step_years)
    params = np.array([4.0, 1.0])
    assert unidentified.loglike(params) == pytest.approx(float(MLEModel.loglike(unidentified, params)), rel=1e-12)
    # least squares cannot give it: the jump's column is empty
    with np.errstate(divide="ignore"):
        assert not np.isfinite(gls_loglike(model.endog[:, 0], design.T, model._sampling_var, model._step_years, params))


def test_a_covariance_least_squares_cannot_factor_falls_back_to_the_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.models.aggregate_engine as engine

    model = _simulated_model(False)
    params = np.array([4.0, 1.0])
    kalman = float(MLEModel.loglike(model, params))

    def singular(*args: object, **kwargs: object) -> None:
        raise np.linalg.LinAlgError("not positive definite")

    monkeypatch.setattr(engine, "cholesky", singular)
    assert model.loglike(params) == pytest.approx(kalman, rel=1e-12)
    with pytest.raises(np.linalg.LinAlgError):  # positive control: least squares itself did fail
        gls_loglike(model.endog[:, 0], model["design"][0].T, model._sampling_var, model._step_years, params)


@pytest.mark.parametrize("regimes", [False, True])
def test_the_exact_score_is_the_likelihoods_slope(regimes: bool) -> None:
    model = _simulated_model(regimes)
    rng = np.random.default_rng(5)
    y, design, svar, steps = model.endog[:, 0], model["design"][0].T, model._sampling_var, model._step_years
    for _ in range(10):
        params = np.exp(rng.normal(1.0, 1.5, len(model.param_names)))
        step = 1e-6 * params
        central = [
            (gls_loglike(y, design, svar, steps, params + h) - gls_loglike(y, design, svar, steps, params - h))
            / (2 * s)
            for h, s in zip(np.diag(step), step, strict=True)
        ]
        np.testing.assert_allclose(gls_score(y, design, svar, steps, params), central, rtol=1e-5, atol=1e-7)
        # as the optimiser asks for it (log variances), against the slope of the Kalman filter's likelihood
        log = np.log(params)
        np.testing.assert_allclose(model.score(log, transformed=False), _filter_slope(model, log), rtol=0, atol=1e-6)
    # positive control: the slope of a likelihood with other sampling variances is told apart
    assert not np.allclose(gls_score(y, design, svar * 1.05, steps, params), central, rtol=1e-3)


def _filter_slope(model: PollSpace, log: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central differences of the Kalman filter's likelihood in the log variances (statsmodels' own complex-step
    score of the diffuse filter is off by about 1e-6 here; these agree with :func:`gls_score` to about 1e-9)."""
    return np.array(
        [
            (MLEModel.loglike(model, np.exp(log + h * e)) - MLEModel.loglike(model, np.exp(log - h * e))) / (2 * h)
            for e in np.eye(len(log))
        ]
    )


def test_the_score_leaves_out_a_fixed_variance() -> None:
    model = _simulated_model(False)
    log = np.log(np.array([4.0, 1.0]))
    with model.fix_params({"innovation_var": 4.0}):
        ours = model.score(log[1:], transformed=False)
    assert ours.shape == (1,)
    np.testing.assert_allclose(ours, _filter_slope(model, log)[1:], rtol=0, atol=1e-6)


def test_maximise_reaches_the_optimum_of_the_filter_with_the_exact_score() -> None:
    model = _simulated_model(True)
    params, converged = maximise(model)
    assert converged
    # at the optimum the filter's slope in the log variances is flat, or pushes against zero
    slope = _filter_slope(model, np.log(params))
    assert np.all((np.abs(slope) < 1e-3) | ((slope < 0) & (params < 1e-4)))
    # and no start nearby does better
    rng = np.random.default_rng(6)
    best = float(MLEModel.loglike(model, params))
    for _ in range(5):
        assert float(MLEModel.loglike(model, params * np.exp(rng.normal(0, 0.05, len(params))))) <= best + 1e-9


@pytest.mark.parametrize("regimes", [False, True])
def test_changes_by_least_squares_are_the_smoothers(regimes: bool) -> None:
    model = _simulated_model(regimes)
    rng = np.random.default_rng(7)
    dates = pd.Series(np.sort(rng.choice(pd.date_range("2010-01-01", "2024-12-31").to_numpy(), 40, replace=False)))
    polls = pd.DataFrame(
        {
            "date": dates,
            "pollster": rng.choice(list("ABCDE"), 40),
            "mode": np.where(rng.random(40) < 0.3, "telephone", "face_to_face"),
            "share": rng.normal(40, 8, 40),
        }
    )
    layout = StateLayout(tuple("ABCDE"), ("face_to_face", "telephone"), tuple(EDGES))
    nodes = tuple((np.exp(rng.normal(1.0, 1.0, len(model.param_names))), w) for w in (0.5, 0.3, 0.2))
    smoother = Smoother(layout, polls, rng.uniform(2, 6, 40), nodes, tuple(EDGES) if regimes else ())
    # spans within the polls, across both breaks, of no length, and reaching beyond the first and last poll
    spans = [("2013-06-01", "2014-06-01"), ("2011-01-01", "2023-01-01"), ("2016-03-01", "2016-03-01")]
    spans += [("2005-01-01", "2012-02-02"), ("2020-05-05", "2030-01-01")]
    starts, ends = (pd.Series(pd.to_datetime(list(side))) for side in zip(*spans, strict=True))
    k = layout.k_states
    loads = np.zeros((len(spans), k))
    loads[:, :k] = layout.latent_rows(ends).T
    loads[:, layout.jump_slice] -= layout.after(starts).T
    fast = smoother._changes_by_least_squares(layout.rows(polls).T, loads, starts, ends)
    kalman = smoother._changes_by_smoother(loads, starts, ends)
    np.testing.assert_allclose(fast[0], kalman[0], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fast[1], kalman[1], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fast[2], kalman[2], rtol=1e-9, atol=1e-9)
    taken = smoother.changes([(pd.Timestamp(a), pd.Timestamp(b)) for a, b in spans])  # the path it takes
    assert taken[0] == fast[0] and (taken[2] == fast[2]).all()
    # positive control: other sampling variances give other changes, which the check tells apart
    other = Smoother(layout, polls, smoother.sampling_var * 1.05, nodes, smoother.regime_edges)
    assert not np.allclose(other._changes_by_least_squares(layout.rows(polls).T, loads, starts, ends)[0], kalman[0])


def test_changes_a_covariance_least_squares_cannot_factor_fall_back_to_the_smoother(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analysis.models.aggregate_engine as engine

    rng = np.random.default_rng(8)
    dates = pd.Series(pd.date_range("2012-01-01", periods=12, freq="120D"))
    polls = pd.DataFrame({"date": dates, "pollster": list("AB") * 6, "mode": "face_to_face"})
    polls["share"] = rng.normal(40, 5, 12)
    layout = StateLayout(("A", "B"), (), (pd.Timestamp("2014-02-22"),))
    smoother = Smoother(layout, polls, np.full(12, 4.0), ((np.array([4.0, 1.0]), 1.0),))
    spans = [(pd.Timestamp("2013-01-01"), pd.Timestamp("2015-01-01"))]
    fast = smoother.changes(spans)

    def singular(*args: object, **kwargs: object) -> None:
        raise np.linalg.LinAlgError("not positive definite")

    monkeypatch.setattr(engine, "cholesky", singular)
    fallback = smoother.changes(spans)
    np.testing.assert_allclose(fallback[0], fast[0], rtol=1e-9)
    with pytest.raises(np.linalg.LinAlgError):  # positive control: least squares itself did fail
        smoother._changes_by_least_squares(layout.rows(polls).T, np.zeros((1, layout.k_states)), dates[:1], dates[:1])
