"""Leaving out one regional table at a time and the pooled telephone check (the default sample size of
a poll without one: tests/models/test_regional_rows.py)."""

import numpy as np
import pandas as pd
import pytest

from analysis.models import regional as R
from analysis.models.periods import PERIODS
from analysis.models.regional_sensitivity import leave_one_table_out, sensitivity

TRUTH = pd.DataFrame(
    {"share": [60.0, 75, 85, 45, 55, 70, 25, 35, 60, 20, 30, 55]},
    index=pd.MultiIndex.from_product([R.REGIONS, PERIODS]),
)  # West, Centre, South, East by period: both gaps narrow after the invasion


def test_leaving_out_each_table_refits_without_it_and_flags_the_one_that_decides() -> None:
    rows = R.simulate_tables(TRUTH, n_polls=12, rng=np.random.default_rng(3), n=2000, house_sd=0.0)
    loo = leave_one_table_out(rows, PERIODS[1], PERIODS[2])
    tables = R.fit_regional(rows).rows["table_id"].unique()
    assert len(loo) == 2 * (len(tables) + 1) and set(loo["left_out"]) == {"none", *tables}
    base = sensitivity(rows, PERIODS[1], PERIODS[2])
    base = base[base["variant"] == "baseline"].set_index("contrast")["change"]
    assert loo[loo["left_out"] == "none"].set_index("contrast")["change"].to_dict() == pytest.approx(base.to_dict())
    one = tables[0]
    alone = R.fit_regional(rows[rows["table_id"] != one])
    expected = R.gap_change(alone, "West", "East", PERIODS[1], PERIODS[2])["change"]
    got = loo.set_index(["left_out", "contrast"]).loc[(one, "West − East"), "change"]
    assert got == pytest.approx(expected)
    # positive control: one table after the invasion turned upside down (East far above West) decides the reading
    late = rows.loc[rows["period"] == PERIODS[2], "table_id"].unique()[0]
    flipped = rows.copy()
    flipped.loc[(flipped["table_id"] == late) & (flipped["geography"] == "West"), "share"] = 5.0
    flipped.loc[(flipped["table_id"] == late) & (flipped["geography"] == "East"), "share"] = 95.0
    checked = leave_one_table_out(flipped, PERIODS[1], PERIODS[2]).set_index(["left_out", "contrast"])
    assert checked.loc[("none", "West − East"), "reading"] != "narrowed"
    assert checked.loc[(late, "West − East"), "reading"] == "narrowed"
    assert checked.loc[(late, "West − East"), "overturned"]
    assert not checked.loc[("none", "West − East"), "overturned"]


def test_pooled_tables_with_both_modes_in_a_period_get_a_pooled_telephone_check() -> None:
    rows = R.simulate_tables(TRUTH, n_polls=24, rng=np.random.default_rng(7), n=4000, house_sd=0.0)
    second = rows["poll_id"].isin(rows["poll_id"].unique()[::2])
    rows.loc[second, "question_type"] = "q2"
    late = rows["period"] == PERIODS[2]
    # only the other question mixes modes after the invasion: the reference question alone cannot estimate it
    rows["mode"] = np.where(late & second, "telephone", "face_to_face")
    name = "every question type and base pooled, with offsets and a telephone offset"
    table = sensitivity(rows, PERIODS[1], PERIODS[2], reference=("q", "all"))
    assert name in set(table["variant"])
    pooled = table[table["variant"] == name]
    assert pooled["reading"].ne("not estimated").all()
    one_mode = sensitivity(rows.assign(mode="face_to_face"), PERIODS[1], PERIODS[2], reference=("q", "all"))
    assert name not in set(one_mode["variant"])


def test_a_gap_change_on_the_log_odds_scale_is_the_difference_of_the_fitted_logits() -> None:
    rows = R.simulate_tables(TRUTH, n_polls=12, rng=np.random.default_rng(3), n=2000, house_sd=0.0)
    fit = R.fit_regional(rows)
    est = R.region_estimates(fit).set_index(["region", "period"])["share"] / 100
    logit = np.log(est / (1 - est))
    expected = (logit[("West", PERIODS[2])] - logit[("East", PERIODS[2])]) - (
        logit[("West", PERIODS[1])] - logit[("East", PERIODS[1])]
    )
    change = R.gap_change(fit, "West", "East", PERIODS[1], PERIODS[2], scale="log_odds")
    assert change["change"] == pytest.approx(expected)
    assert change["low"] < change["change"] < change["high"]
    with pytest.raises(ValueError, match="scale"):
        R.gap_change(fit, "West", "East", PERIODS[1], PERIODS[2], scale="percent")
