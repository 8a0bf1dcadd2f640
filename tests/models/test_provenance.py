"""How well each poll is sourced (analysis.models.provenance), on the built tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models import provenance
from analysis.tables.load import load_polls, load_table


@pytest.fixture(scope="module")
def polls() -> pd.DataFrame:
    return load_polls()


def test_confidence_is_counted_per_figure_and_a_page_under_every_level_it_carries(polls) -> None:
    counts = provenance.confidence_counts(polls)
    external = polls[polls["source_type"] == "external"]
    figures = external.drop_duplicates(["poll_id", "question_type", "geography", "base", "answer", "source"])
    assert counts["figures as pages give them"].sum() == len(figures)
    # every figure pages disagree on appears on every page that gives it (data/disagreements.csv lists them)
    assert counts.loc["sources_disagree", "pages with such a figure"] == load_table("disagreements")["url"].nunique()
    # a page can carry several levels, so the pages add up to more than the pages there are
    assert counts["pages with such a figure"].sum() > external.drop_duplicates(["poll_id", "source"]).shape[0]


def test_every_poll_since_the_invasion_is_counted_once_per_question_of_coverage(polls) -> None:
    reached = provenance.coverage_since_invasion(polls)
    external = polls[polls["source_type"] == "external"]
    since = external.loc[external["field_start"] >= pd.Timestamp("2022-02-24"), "poll_id"].nunique()
    assert (reached.sum() == since).all()
    assert reached.loc["no", "occupied after the invasion"] > 0 and reached.loc["not stated", "abroad"] > 0


def test_disagreements_are_sized_and_the_series_share_is_one_of_the_pages(polls) -> None:
    disagree = load_table("disagreements")
    sizes = provenance.disagreement_sizes(disagree)
    assert len(sizes) == disagree.groupby(["poll_id", "question_type", "geography", "base", "answer"]).ngroups
    assert (sizes["gap"] > 0.5).all() and sizes["gap"].is_monotonic_decreasing
    assert sizes["used"].between(sizes["lowest"], sizes["highest"]).all()


def test_every_rejected_row_is_counted_under_its_reason() -> None:
    rejected = load_table("external_rejected")
    summary = provenance.rejected_summary(rejected)
    assert summary["rows"].sum() == len(rejected)
    assert (summary["pages"] <= summary["rows"]).all() and "excluded" in summary.index


def test_polls_are_counted_per_question_and_base_without_pooling(polls) -> None:
    table = provenance.polls_by_question_and_base(polls)
    referendum = polls[(polls["source_type"] == "external") & (polls["question_type"] == "nato_referendum_vote")]
    for base in ("all_respondents", "referendum_participants"):
        assert (
            table.loc["nato_referendum_vote", base] == referendum.loc[referendum["base"] == base, "poll_id"].nunique()
        )


def test_pages_that_do_not_state_the_base_are_compared_with_those_that_do(polls) -> None:
    differences = provenance.unstated_base_differences(polls)
    # Razumkov, June 2014: one page gives 45.4 / 36.4 with no base, another 41 / 40 of all respondents
    june = differences[differences["poll_id"] == "razumkov-centre-2014-06"]
    assert sorted(june["gap"]) == [3.6, 4.4]
    assert (differences["gap"] > 0.5).all() and (differences["base"] != "unknown").all()
