"""The result tables read off the smoothed states (analysis.models.aggregate_tables), on hand-made states."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.models.aggregate_engine import StateLayout
from analysis.models.aggregate_tables import _effect_table, _latent_table, _mode_table

LAYOUT = StateLayout(("A", "B"), (), (pd.Timestamp("2014-02-22"),))  # level, one house contrast, one jump


def test_the_latent_line_is_the_level_plus_the_jumps_in_force_and_blank_outside_the_polls() -> None:
    grid = pd.DataFrame(
        {
            "date": pd.to_datetime(["2013-06-01", "2014-06-01", "2015-06-01"]),
            "regime": ["before", "after", "after"],
            "inside": [True, True, False],
        }
    )
    mean = np.array([[30.0, 1.0, 0.0], [30.0, 1.0, 12.123456], [30.0, 1.0, 12.0]])  # level, house, jump
    cov = np.repeat(np.diag([1.0, 0.5, 4.0])[None], 3, axis=0)
    table = _latent_table(grid, LAYOUT, mean, cov, 2.0)
    assert table["estimate"].iloc[0] == 30.0 and table["estimate"].iloc[1] == round(42.123456, 4)
    # the house effect is not in the line; the jump's variance adds to the level's after the break
    assert table["upper"].iloc[0] - table["estimate"].iloc[0] == 2.0
    assert np.isclose(table["upper"].iloc[1] - table["estimate"].iloc[1], 2.0 * np.sqrt(5.0), atol=1e-4)
    # positive control: a grid date outside the polls' span gets no value at all
    assert table.iloc[2][["estimate", "lower", "upper"]].isna().all()


def test_effects_are_contrasts_with_their_intervals_and_poll_counts() -> None:
    contrast = np.array([[0.0, 1.0, 0.0], [0.0, -1.0, 0.0]])  # house A = +state, house B = -state
    mean, cov = np.array([30.0, 1.5, 0.0]), np.diag([1.0, 0.25, 1.0])
    table = _effect_table(("A", "B"), contrast, mean, cov, 2.0, pd.Series({"A": 3}), "pollster")
    assert table["effect"].tolist() == [1.5, -1.5] and table["se"].tolist() == [0.5, 0.5]
    assert table["lower"].tolist() == [0.5, -2.5] and table["upper"].tolist() == [2.5, -0.5]
    assert table["polls"].tolist() == [3, 0]  # a house with no poll counted: 0, not missing


def test_modes_not_identified_are_listed_without_an_effect() -> None:
    polls = pd.DataFrame({"mode": ["phone", "face_to_face", "phone", "unknown", ""]})
    table = _mode_table(polls, LAYOUT, "one mode per house", None, None, 2.0)
    assert table["mode"].tolist() == ["face_to_face", "phone"]  # unknown modes are no mode
    assert table["polls"].tolist() == [1, 2] and table["effect"].isna().all()
    assert not table["identified"].any() and set(table["note"]) == {"one mode per house"}
    # positive control: identified modes get estimates
    layout = StateLayout(("A", "B"), ("face_to_face", "phone"), ())
    mean, cov = np.array([30.0, 0.0, 2.0]), np.eye(3)
    identified = _mode_table(polls, layout, "", mean, cov, 2.0)
    assert identified["effect"].tolist() == [2.0, -2.0] and identified["identified"].all()
