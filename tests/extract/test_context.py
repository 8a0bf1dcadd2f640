"""What a figure's sentence and the sentences before it say about the question asked
(analysis.extract.context): a poll context over a few sentences, turnout in a referendum on NATO,
a subgroup's reasons. Invented sentences, none taken from news text."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_poll_context_runs_over_a_few_sentences() -> None:
    text = (
        "A new survey of Danes was published on Friday. Attitudes have shifted since spring. "
        "Backing for NATO membership has risen from 40% in March to 47% in June."
    )
    assert _found(text) == [["40%", "for"], ["47%", "for"]]


def test_an_elision_mark_does_not_break_the_poll_context() -> None:
    text = "The poll asked Estonians about NATO. [...] In the south, 80% see the alliance as protection."
    assert _found(text) == [["80%", "protection"]]


def test_turnout_in_a_nato_referendum_is_taking_part() -> None:
    text = "The poll shows that if a referendum on NATO were held now, with a turnout of 68 percent, 51 percent would vote for joining."
    assert _found(text) == [["68 percent", "other"], ["51 percent", "for"]]
    # turnout of an election is politics
    assert _found("The survey expects a turnout of 68 percent in the parliamentary election.") == []


def test_turnout_in_a_referendum_named_just_before_is_participation() -> None:
    text = "The poll asked about a referendum on joining NATO. Turnout would be 62 percent, and 77 percent in the west."
    assert _found(text) == [["62 percent", "other"], ["77 percent", "other"]]
    # turnout with no referendum in reach is politics (positive control)
    assert _found("The NATO poll was held in May. Turnout at the last election was 62 percent.") == []


def test_the_motive_of_a_subgroup_is_a_reason() -> None:
    text = (
        "In the NATO poll, 60% back joining. Among those who support membership, the role of security as a motive "
        "grew to 82 percent."
    )
    assert _found(text) == [["60%", "for"]]
