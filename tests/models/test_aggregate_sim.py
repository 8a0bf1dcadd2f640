"""Simulated polls from a known truth (analysis.models.aggregate_sim): the draws follow the design
that simulate_polls states."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.models.aggregate_input import SERIES_COLUMNS
from analysis.models.aggregate_sim import SAMPLE_SIZES, simulate_polls


def test_simulated_polls_follow_the_stated_design() -> None:
    polls, truth = simulate_polls(np.random.default_rng(0), n_houses=4)
    again, _ = simulate_polls(np.random.default_rng(0), n_houses=4)
    pd.testing.assert_frame_equal(polls, again)  # one seed, one draw
    assert polls.columns.tolist() == list(SERIES_COLUMNS)
    assert sorted(polls["pollster"].unique()) == ["H1", "H2", "H3", "H4"]  # every house polls
    assert truth.house_effects.sum() == pytest.approx(0.0, abs=1e-9)
    # H1 runs both modes (what identifies a mode effect); every other house polls face to face
    assert set(polls.loc[polls["pollster"] == "H1", "mode"]) == {"face_to_face", "telephone"}
    assert set(polls.loc[polls["pollster"] != "H1", "mode"]) == {"face_to_face"}
    regime = np.searchsorted(truth.jumps.index.to_numpy(), polls["date"].to_numpy(), side="right")
    assert np.bincount(regime, minlength=3).min() >= 2  # at least two polls per regime
    assert polls["share"].between(0, 100).all()
    assert (polls["share"] * 10).round(6).mod(1).eq(0).all()  # rounded to 0.1
    reported = polls["sample_size"].dropna()
    assert set(reported) <= set(SAMPLE_SIZES) and polls["sample_size"].isna().any()
