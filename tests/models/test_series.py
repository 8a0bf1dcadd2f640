"""One row per poll: sub-answers summed in one place, one page per poll, seed against external."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import DataValidationError
from analysis.models import series as models
from analysis.models.series import POLL_COLUMNS, answer_totals, compare_seed_rows
from analysis.tables.load import load_polls


def test_poll_series_sums_sub_answers_and_never_averages_sources() -> None:
    base = {
        "source_type": "external",
        "pollster": "P",
        "field_start": "2020-01-01",
        "field_end": "2020-01-10",
        "sample_size": 1000,
        "mode": "telephone",
        "covers_crimea": "no",
        "covers_occupied_donbas": "no",
        "question_type": "q",
        "geography": "national",
        "base": "all_respondents",
        "answer": "for",
        "flags": "",
    }
    rows = [
        base | {"poll_id": "x", "source": "u1", "source_kind": "news", "share": 40.0},
        base | {"poll_id": "x", "source": "u1", "source_kind": "news", "share": 24.0},
        base | {"poll_id": "x", "source": "u2", "source_kind": "pollster_release", "share": 60.0},
        base | {"poll_id": "x", "source": "u3", "source_kind": "wire", "share": 66.0},
    ]
    s = models.poll_series(pd.DataFrame(rows), "q", "for")
    assert len(s) == 1
    assert s.loc[0, "share"] == 60.0  # the pollster's release (u2), not a mean of pages (63.3)
    assert s.loc[0, "sources"] == 3 and s.loc[0, "spread"] == 6.0  # 66 - 60, u1 summed to 64


def test_poll_series_prefers_a_wire_to_news_and_a_fuller_page_among_news() -> None:
    base = {c: "x" for c in POLL_COLUMNS} | {"question_type": "q", "answer": "for", "base": "all_respondents",
                                             "geography": "national", "field_start": "2020-01-01",
                                             "field_end": "2020-01-10", "sample_size": 1000}  # fmt: skip
    wire = [base | {"source": "u9", "source_kind": "wire", "share": 50.0}]
    news = [base | {"source": "u1", "source_kind": "news", "share": 52.0}]
    fuller = [base | {"source": "u2", "source_kind": "news", "share": s, "answer": a} for s, a in [(54.0, "for"),
                                                                                                  (30.0, "against")]]  # fmt: skip
    assert models.poll_series(pd.DataFrame(wire + news + fuller), "q", "for").loc[0, "share"] == 50.0
    assert models.poll_series(pd.DataFrame(news + fuller), "q", "for").loc[0, "share"] == 54.0


def test_a_poll_is_dated_and_sized_by_the_page_that_says_most_whichever_page_gives_the_share() -> None:
    base = {c: "x" for c in POLL_COLUMNS} | {"poll_id": "p", "question_type": "q", "answer": "for",
                                             "base": "all_respondents", "geography": "national"}  # fmt: skip
    release = base | {"source": "u1", "source_kind": "pollster_release", "share": 19.0, "date_precision": "year",
                      "field_start": "2008-01-01", "field_end": "2008-12-31", "sample_size": None}  # fmt: skip
    news = base | {"source": "u2", "source_kind": "news", "share": 19.2, "date_precision": "day",
                   "field_start": "2008-02-07", "field_end": "2008-02-18", "sample_size": 2007}  # fmt: skip
    table = pd.DataFrame([release, news]).astype({"field_start": "datetime64[ns]", "field_end": "datetime64[ns]"})
    s = models.poll_series(table, "q", "for")
    assert s.loc[0, "share"] == 19.0 and s.loc[0, "source"] == "u1"  # the share: the preferred page's
    assert s.loc[0, "date"] == pd.Timestamp("2008-02-12") and s.loc[0, "sample_size"] == 2007.0
    without = models.poll_series(table.drop(columns="date_precision"), "q", "for")  # no precision: the first page
    assert without.loc[0, "field_start"] == pd.Timestamp("2008-01-01")


def test_answer_totals_sum_sub_answers_per_poll_and_page_only() -> None:
    rows = pd.DataFrame(
        {c: ["x"] * 3 for c in POLL_COLUMNS} | {"source": ["u1", "u1", "u2"], "share": [40.0, 24.0, 60.0]}
    )
    totals = answer_totals(rows).set_index("source")["share"]
    assert totals.to_dict() == {"u1": 64.0, "u2": 60.0}  # 40 + 24 by hand; u2 kept apart


def test_seed_figures_are_compared_with_summed_external_sub_answers() -> None:
    comparison = compare_seed_rows(load_polls())
    assert len(comparison) > 0
    assert (
        (comparison["difference"] == comparison["share"] - comparison["external"])
        .where(comparison["external"].notna(), True)
        .all()
    )
    # like for like is said, not assumed: a figure of another question type in the record is marked
    same = comparison["external"].notna() & (comparison["external_question_type"] == comparison["question_type"])
    assert (comparison["same_question"] == same).all()
    assert (
        comparison["same_question"].any() and not comparison.loc[comparison["external"].notna(), "same_question"].all()
    )


def test_poll_series_names_a_mistyped_value_and_returns_an_empty_series_for_a_combination_no_poll_asked() -> None:
    import pytest

    from analysis.errors import DataValidationError

    polls = load_polls()
    with pytest.raises(DataValidationError, match="value 'nato_membership': no row has this value"):
        models.poll_series(polls, "nato_membership", "for")
    empty = models.poll_series(
        polls, "nato_referendum_vote", "for", geography="Crimea"
    )  # Crimea is in the table, not in this series
    assert empty.empty and "date" in empty.columns and "poll_id" in empty.columns


def test_a_sub_answer_is_never_split_off_when_its_rows_disagree_on_a_poll_column() -> None:
    # two sub-answers of one figure ('fully' 9.3 + 'rather' 9.8): a differing flag is joined, a differing sample size
    # or mode is an error naming the figure, never a silently halved share (review 11)
    base = {c: "x" for c in POLL_COLUMNS} | {"question_type": "q", "answer": "for", "base": "all_respondents",
                                             "geography": "national", "field_start": "2007-05-31",
                                             "field_end": "2007-06-05", "sample_size": 2000.0}  # fmt: skip
    rows = pd.DataFrame([base | {"share": 9.3, "flags": ""}, base | {"share": 9.8, "flags": "note"}])
    assert models.poll_series(rows, "q", "for").loc[0, "share"] == 19.1
    assert answer_totals(rows)["flags"].tolist() == ["note"]
    for column, value in [("sample_size", None), ("mode", "telephone")]:
        broken = rows.copy()
        broken.loc[1, column] = value
        with pytest.raises(DataValidationError, match=f"column '{column}'.*sub-answers of one figure"):
            models.poll_series(broken, "q", "for")


def test_every_real_figure_sums_its_sub_answers_without_disagreement() -> None:
    polls = load_polls()
    totals = answer_totals(polls)  # raises if any two sub-answer rows of one figure disagree
    assert len(totals) == polls.groupby(models.FIGURE_ON_PAGE, dropna=False).ngroups
    assert abs(totals["share"].sum() - polls["share"].sum()) < 1e-6  # no share lost
