"""General rules of issue 14's eleventh round (blind11 and blind12 read as development data, blind13 held out):
one invented sentence per rule, none taken from news text or from the evaluation passages, each with a positive
control."""

from __future__ import annotations

from analysis.extract.figures import find_figures
from tests.extract._evalset import found as _found


def test_a_spelled_out_figure_after_a_dateline_number_is_no_range() -> None:
    text = "Lviv, May 3 – Fifty-one percent of those polled back joining NATO, a new survey shows."
    assert _found(text) == [["Fifty-one percent", "for"]]
    # positive control: two numbers in digits joined by a dash are a range
    assert [(f.as_written, f.share) for f in find_figures("3 – 51 percent")] == [("3 – 51 percent", 27.0)]


def test_a_two_way_split_with_units_gives_the_second_share_the_other_side() -> None:
    text = "A recent poll shows that most voters back NATO (61%–39%)."
    assert _found(text) == [["61%", "for"], ["39%", "against"]]
    # positive control: a rising pair is still a range
    assert [f.qualifier for f in find_figures("back NATO (39%–61%)")] == ["range"]


def test_rejecting_abandoning_the_membership_goal_is_support() -> None:
    text = "In the poll, 57% reject abandoning NATO aspirations in exchange for a truce."
    assert _found(text) == [["57%", "for"]]
    # positive control: rejecting membership itself is opposition
    assert _found("In the poll, 57% reject NATO membership.") == [["57%", "against"]]


def test_never_joining_and_mistrust_are_against() -> None:
    assert _found("In the poll on NATO, 14 percent said the country should never join.") == [["14 percent", "against"]]
    assert _found("In the survey, mistrust towards NATO reached 47%.") == [["47%", "against"]]
    # positive control: trust in NATO is a favourable view
    assert _found("In the survey, trust in NATO reached 47%.") == [["47%", "for"]]


def test_non_alignment_named_as_the_subject_of_support_is_the_answer() -> None:
    text = "In the survey on NATO, 40% back joining the alliance. Non-aligned status is supported by 26%."
    assert _found(text) == [["40%", "for"], ["26%", "other"]]
    # positive control: membership named as the subject is support
    assert _found(text.replace("Non-aligned status", "Membership"))[-1] == ["26%", "for"]
    text = "In the NATO survey, most saw neutral status as a guarantee of security (in May - 41%)."
    assert _found(text) == [["41%", "other"]]
    # positive control: NATO as the guarantee is protection
    text = "In the NATO survey, most saw the alliance as a guarantee of security (in May - 41%)."
    assert _found(text) == [["41%", "protection"]]


def test_a_past_referendum_result_and_the_alliances_purpose_are_not_poll_answers() -> None:
    text = "In the poll, support for NATO membership is at 49%, which compares to 71% who voted for it in a referendum in 1999."
    assert _found(text) == [["49%", "for"]]
    text = "In the poll, 21% believe the alliance is intended primarily to keep the peace."
    assert _found(text) == []
    # positive control: a hypothetical referendum vote is an answer
    text = "In the poll, 71% would vote for NATO membership in a referendum."
    assert _found(text) == [["71%", "for"]]
