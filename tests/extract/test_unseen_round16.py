"""General rules of issue 14's sixteenth round (blind18, blind19 and blind20, three batches scored by the same
extractor, read as development data after their first runs): one invented sentence per rule, none taken from news
text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_against_standing_alone_between_two_figures_compares_them() -> None:
    text = "In the poll, women back joining NATO less often than men: 61% against 70%."
    assert _found(text) == [["61%", "for"], ["70%", "for"]]
    # positive control: "against" with a verb of its own is the answer
    text = "In the poll, 61% back joining NATO and 30% are against it."
    assert _found(text) == [["61%", "for"], ["30%", "against"]]


def test_the_second_figure_of_a_margin_is_the_other_side() -> None:
    assert _found("Voters favour joining NATO by 58% to 31%, the poll shows.") == [["58%", "for"], ["31%", "against"]]
    # positive control: two figures joined by "to" without "by" are a change, not a margin
    text = "Support for joining NATO rose from 58% to 61%, the poll shows."
    assert [stance for _, stance in _found(text)] == ["for", "for"]


def test_not_expressing_an_opinion_is_undecided_and_no_longer_needed_is_against() -> None:
    text = "In the poll, 54% back joining NATO, while 17% did not express an opinion."
    assert _found(text) == [["54%", "for"], ["17%", "undecided"]]
    text = "Asked whether NATO is still needed, 71% said yes, with 20% saying it is no longer needed."
    assert _found(text) == [["71%", "for"], ["20%", "against"]]
    # positive control: an opinion expressed for joining is support
    assert _found("In the poll, 17% expressed support for joining NATO.") == [["17%", "for"]]


def test_allies_of_nato_and_the_eu_and_defending_any_member_are_other_topics() -> None:
    text = (
        "Asked how the country should respond to threats, 57% believe it should coordinate with its NATO and EU "
        "allies, while 23% favour no response."
    )
    assert _found(text) == []
    assert _found("In the poll, 52% agree that the country must defend any NATO member that is attacked.") == []
    assert _found("Asked about sending troops to NATO ally countries, 44% were in favour.") == []
    # positive control: joining NATO itself is read
    assert _found("In the poll, 57% say the country should join NATO.") == [["57%", "for"]]


def test_joining_nato_named_the_best_security_guarantee_is_the_option_chosen() -> None:
    text = "In the survey, 41% named joining NATO the most reliable security guarantee for the country."
    assert _found(text) == [["41%", "for"]]
    # positive control: a member's view that NATO remains the best guarantee is protection
    assert _found("In the survey, 78% believe that NATO remains the best security guarantee.") == [
        ["78%", "protection"]
    ]


def test_difficulty_answering_refraining_and_no_stand_taken_are_not_answers_for() -> None:
    text = "Asked about joining NATO, 61% were in favour, 24% against, and 15% had difficulty answering."
    assert _found(text) == [["61%", "for"], ["24%", "against"], ["15%", "undecided"]]
    text = "In the poll, 70% would vote for joining NATO in a referendum, while 9% would refrain from voting."
    assert _found(text) == [["70%", "for"], ["9%", "would_not_vote"]]
    text = "In the poll, 60% support joining NATO, 15% oppose it and 25% have not yet taken a stand."
    assert _found(text) == [["60%", "for"], ["15%", "against"], ["25%", "undecided"]]
    # positive control: voting for it is support
    assert _found("In the poll, 9% would vote for joining NATO in a referendum.") == [["9%", "for"]]


def test_nato_naming_another_thing_before_it_is_no_topic_of_its_own() -> None:
    assert _found("The poll found that 81% of voters oppose sending NATO troops to the region.") == []
    # positive control: NATO as the object itself is read
    assert _found("The poll found that 81% of voters oppose NATO.") == [["81%", "against"]]
