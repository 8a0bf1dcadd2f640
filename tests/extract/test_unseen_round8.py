"""General rules of issue 14's eighth round (blind8 read as development data, blind9 held out): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_ballots_cast_and_exit_polls_count_votes_not_answers() -> None:
    assert _found("In the 2009 plebiscite of Ruritania, 64% of voters cast ballots for NATO membership.") == []
    assert _found("According to exit polls, 58 percent of Ruritanians said yes to joining NATO.") == []
    # a poll's respondents "voting" in a poll, and the same share asked in a poll, stay (positive controls)
    assert _found("In the NATO poll, 64% voted yes.") == [["64%", "for"]]
    assert _found("In the poll, 64% of Ruritanians support NATO membership.") == [["64%", "for"]]


def test_not_sharing_a_course_is_opposition() -> None:
    text = "In the poll, 44% of Ruritanians back joining NATO, in contrast to 39% who do not share this course."
    assert _found(text) == [["44%", "for"], ["39%", "against"]]


def test_must_not_do_it_is_opposition() -> None:
    text = "In the poll, 12% say Ruritania must join NATO at once, while 41% say it must not do it under any circumstances."
    assert _found(text) == [["12%", "for"], ["41%", "against"]]
    text = "In the poll, 12% say Ruritania must join NATO at once, while 41% say it must do it later."
    assert ["41%", "against"] not in _found(text)


def test_quoted_or_coordinated_degrees_of_importance_are_support() -> None:
    text = "In the poll, 77% of Ruritanians say NATO is “very” or “rather” important for their security."
    assert _found(text) == [["77%", "for"]]
    text = "In the poll, 69% of Ruritanians considered the alliance to be important for their security."
    assert _found(text) == [["69%", "for"]]
    text = "In the poll, 9% of Ruritanians say NATO is not important for their security."
    assert _found(text) == [["9%", "against"]]
