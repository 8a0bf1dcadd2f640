"""General rules of issue 14's fourteenth round (blind16 read as development data after its first run): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_striving_to_be_a_member_is_support() -> None:
    assert _found("In the survey, 38.5% said the country should strive to be a NATO member.") == [["38.5%", "for"]]
    # positive control: striving for neutrality is no support for membership
    assert _found("In the survey, 38.5% said the country should strive to be neutral instead of joining NATO.") != [
        ["38.5%", "for"]
    ]


def test_should_stay_in_quotes_is_support() -> None:
    text = "In the poll on NATO, 41 percent said the country should “definitely stay” and 22 percent it “rather should stay.”"
    assert _found(text) == [["41 percent", "for"], ["22 percent", "for"]]
    # positive control: "should leave" is against
    assert _found("In the poll on NATO, 41 percent said the country should leave.") == [["41 percent", "against"]]


def test_not_taking_a_position_is_undecided() -> None:
    text = "In the survey, 35% trust NATO and 52% distrust it, while 13% did not take a position."
    assert _found(text) == [["35%", "for"], ["52%", "against"], ["13%", "undecided"]]
    # positive control: taking a position against is against
    assert _found("In the survey, 35% trust NATO and 13% took a position against it.")[-1] == ["13%", "against"]


def test_a_referendum_on_non_aligned_status_is_another_question() -> None:
    text = (
        "In the poll on joining NATO, 46% were for. "
        "In a referendum on the approval of the non-aligned status, 31% of those polled would vote for, 40% against."
    )
    assert _found(text) == [["46%", "for"]]
    # positive control: the same words about a referendum on NATO are read
    text = "In a referendum on joining NATO, 31% of those polled would vote for, 40% against."
    assert _found(text) == [["31%", "for"], ["40%", "against"]]


def test_aid_to_ukraine_and_arming_it_are_other_topics() -> None:
    assert _found("In the NATO survey, 62% back further Ukraine aid.") == []
    assert _found("In the NATO survey, 71% of respondents support arming Ukraine.") == []
    # positive control: backing the alliance itself is read
    assert _found("In the NATO survey, 62% back the alliance.") == [["62%", "for"]]


def test_results_from_polling_stations_are_no_poll() -> None:
    assert _found("Results from 95% of polling stations showed 88.1% of voters in favour of joining NATO.") == []
    # positive control: a poll of those who would go to the polling stations is a poll
    text = "In the poll, 61 percent of those who would go to the polling stations would vote for joining NATO."
    assert _found(text) == [["61 percent", "for"]]


def test_hopes_for_imminent_membership_are_a_prediction() -> None:
    assert _found("In the poll, hopes for imminent NATO membership fell from 58% to 47%.") == []
    # the change's end shares its start's reason in a sentence that does not open the text as well
    assert _found("Talks went on. In the poll, hopes for imminent NATO membership fell from 58% to 47%.") == []
    # positive control: support for membership falling is read
    assert _found("In the poll, support for NATO membership fell from 58% to 47%.") == [["58%", "for"], ["47%", "for"]]


def test_the_end_of_an_age_range_is_no_share() -> None:
    text = (
        "In the NATO poll, 33% of those aged 18 to 35 fully supported membership, followed by 31% between the ages of "
        "36 to 55 and 20% of those older."
    )
    assert [f for f, _ in _found(text)] == ["33%", "31%", "20%"]
    # positive control: a bare number after a percentage in a list of shares is read as one
    text = "In the NATO poll, 33% support membership, 31% are against, and another 25 could not say."
    assert [f for f, _ in _found(text)] == ["33%", "31%", "25"]
