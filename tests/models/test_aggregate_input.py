"""What the aggregator accepts (analysis.models.aggregate_input): the series' columns and values, the
break dates and the options, each refused by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataValidationError, ParseError
from analysis.models.aggregate import fit_aggregate
from analysis.models.aggregate_sim import simulate_polls

BREAKS = ["2014-02-22", "2022-02-24"]


def test_fit_aggregate_rejects_bad_series() -> None:
    polls, _ = simulate_polls(np.random.default_rng(1))
    with pytest.raises(DataValidationError, match=r"series, column 'pollster': missing column"):
        fit_aggregate(polls.drop(columns="pollster"), BREAKS)
    bad = polls.assign(sample_size=polls["sample_size"].astype(object), date=polls["date"].astype(object))
    bad.loc[3, "sample_size"] = 0
    bad.loc[5, "date"] = "someday"
    with pytest.raises(DataValidationError) as info:
        fit_aggregate(bad, BREAKS)
    text = str(info.value)
    assert "row 4 (line 5), column 'sample_size': value '0': not a positive whole number" in text
    assert "row 6 (line 7), column 'date': value 'someday': not a date" in text


def test_breaks_as_the_periods_mapping_use_its_dates_and_a_bare_year_is_refused() -> None:
    # period_breaks() gives {"2014": Timestamp(...), ...}: its keys would silently mean 1 January (review 11)
    polls, _ = simulate_polls(np.random.default_rng(5))
    as_list = fit_aggregate(polls, BREAKS)
    as_mapping = fit_aggregate(polls, {"2014": pd.Timestamp(BREAKS[0]), "2022": pd.Timestamp(BREAKS[1])})
    pd.testing.assert_frame_equal(as_list.jumps, as_mapping.jumps, check_exact=True)
    with pytest.raises(DataValidationError, match="value '2014': not a date"):
        fit_aggregate(polls, ["2014", "2022-02-24"])


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"level": 95}, "level must be within"),
        ({"deff": -1}, "deff"),
        ({"grid_days": 0}, "grid_days"),
        ({"innovation_scale": -1.0}, "innovation_scale"),
        ({"default_n": 0}, "default_n"),
    ],
)
def test_options_the_model_cannot_use_are_refused_by_name(options, named) -> None:
    polls, _ = simulate_polls(np.random.default_rng(5))
    with pytest.raises(ParseError, match=named):
        fit_aggregate(polls, BREAKS, **options)


def test_shares_given_as_proportions_are_refused_with_the_hint() -> None:
    polls, _ = simulate_polls(np.random.default_rng(5))
    with pytest.raises(ParseError, match="multiply by 100"):
        fit_aggregate(polls.assign(share=polls["share"] / 100), BREAKS)
    one = fit_aggregate(polls, "2014-02-22")  # one date is one break, not ten characters
    assert one.jumps["break_date"].tolist() == [pd.Timestamp("2014-02-22")]
