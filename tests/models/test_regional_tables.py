"""Regional tables read as published (analysis.models.regional_tables): orderings of the regions, gaps
within one house's series and the reweighting check."""

from __future__ import annotations

import pandas as pd

from analysis.models import regional as R


def test_orderings_counts():
    rows = pd.DataFrame(
        {
            "table_id": ["a"] * 4 + ["b"] * 2,
            "pollster": ["P"] * 6,
            "question_type": ["q"] * 6,
            "date": [pd.Timestamp("2016-01-01")] * 4 + [pd.Timestamp("2023-01-01")] * 2,
            "geography": ["West", "Centre", "South", "East", "West", "East"],
            "share": [70.0, 50.0, 30.0, 35.0, 90.0, 60.0],
        }
    )
    breaks = {"2014": pd.Timestamp("2014-01-01"), "2022": pd.Timestamp("2022-02-24")}
    counts = R.agreement(R.orderings(rows, breaks))
    assert counts.loc["south_gt_east"].tolist() == [0, 1]
    assert counts.loc["all_majority"].tolist() == [1, 0]
    assert counts.loc["south_below_half"].tolist() == [1, 0]


def test_within_house_gaps_keep_only_series_on_both_sides_of_the_invasion_and_never_pool_questions():
    breaks = {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")}
    rows = pd.DataFrame(
        {
            "table_id": ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e"],
            "pollster": ["P"] * 4 + ["P"] * 2 + ["Q"] * 4,
            "question_type": ["q"] * 4 + ["other"] * 2 + ["q"] * 4,
            "base": ["all"] * 10,
            "date": pd.to_datetime(["2012-01-01"] * 2 + ["2023-01-01"] * 2 + ["2016-01-01"] * 2 + ["2016-01-01"] * 4),
            "geography": ["West", "South"] * 5,
            "share": [70.0, 30.0, 85.0, 75.0, 60.0, 20.0, 80.0, 40.0, 82.0, 41.0],
        }
    )
    # P's question q has no table between 2014 and the invasion (2012 is before 2014); P's other question
    # has no table after it; Q has none after it: nothing is like for like
    assert R.within_house_gaps(rows, breaks, "West", "South").empty
    later = rows.assign(date=rows["date"].where(rows["table_id"] != "a", pd.Timestamp("2016-06-01")))
    got = R.within_house_gaps(later, breaks, "West", "South")
    assert got[["pollster", "question_type", "gap"]].values.tolist() == [["P", "q", 40.0], ["P", "q", 10.0]]
    assert R.within_house_gaps(rows, breaks, "West", "Donbas").empty  # a region no table reports


def test_reweighting_check_rebuilds_only_tables_of_all_respondents(defs, pop):
    from analysis import load_events, load_polls
    from analysis.models.periods import period_breaks

    polls, breaks = load_polls(), period_breaks(load_events())
    one = polls[polls["poll_id"] == "rating-group-2019-06-13"]
    rows = R.regional_rows(one, defs, pop, breaks)
    assert len(R.reweighting_check(one, rows, defs, pop)) == 1
    voters = one.assign(base="referendum_participants")  # turnout differs by region: population weights do not apply
    assert R.reweighting_check(voters, R.regional_rows(voters, defs, pop, breaks), defs, pop).empty
