"""General rules of issue 14's thirteenth round (blind14 and blind15 read as development data after their first
runs): one invented sentence per rule, none taken from news text or from the evaluation passages, each with a
positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_wishing_to_join_is_support() -> None:
    assert _found("In the survey, 31 percent said they'd like their country to join NATO.") == [["31 percent", "for"]]
    assert _found("In the survey, 48% of Lviv residents and 57% of Rivne residents voice a desire to join NATO.") == [
        ["48%", "for"],
        ["57%", "for"],
    ]
    # positive control: a wish not to join is no support
    assert _found("In the survey, 31 percent said they'd like their country to stay out of NATO.") != [
        ["31 percent", "for"]
    ]


def test_membership_bringing_more_security_is_protection() -> None:
    assert _found("In the poll, 63% think NATO membership brings more security to the country.") == [
        ["63%", "protection"]
    ]
    # positive control: membership itself is support
    assert _found("In the poll, 63% back NATO membership for the country.") == [["63%", "for"]]


def test_the_alliances_rating_is_support() -> None:
    assert _found("In the poll, NATO's rating fell from 68% to 61% in a month.") == [["68%", "for"], ["61%", "for"]]
    # positive control: a politician's rating is no NATO figure
    assert _found("In the poll, the president's rating fell from 68% to 61% in a month.") == []


def test_a_past_referendum_result_and_an_official_count_are_no_poll() -> None:
    text = "In a new poll, 71% want to stay in NATO, far above the 53% obtained in the referendum of 1999."
    assert _found(text) == [["71%", "for"]]
    text = "Some 64 percent of citizens who took part in the national referendum said they wanted to join NATO."
    assert _found(text) == []
    text = "The electoral commission counted all ballots. A smaller number of voters backed NATO: 58% voted for it."
    assert _found(text) == []
    # positive controls: a level compared with a referendum result that "was obtained" before is still a poll figure;
    # a poll's respondents who would take part in a referendum still answer
    text = "In a new poll, 71% want to stay in NATO, a figure higher than that recorded in the referendum of 1999."
    assert _found(text) == [["71%", "for"]]
    text = "In a new poll, 64 percent said they would vote to join NATO in a referendum."
    assert _found(text) == [["64 percent", "for"]]


def test_views_of_other_countries_leadership_diplomacy_summits_and_terrorism_are_other_topics() -> None:
    assert _found("In the NATO poll, 58% approve of U.S. leadership and 12% of Russian leadership.") == []
    assert _found("In the NATO poll, confidence in the United States fell to 33% from 50%.") == []
    assert _found("In the NATO poll, 61% favour a diplomatic settlement of the war, 44% back joining NATO.") == [
        ["44%", "for"]
    ]
    assert _found("In the NATO poll, 47% called the results of the Riga summit a success.") == []
    assert _found("In the NATO poll, 72% back the alliance's role in fighting international terrorism.") == []
    # positive control: approval of the alliance's own leadership and confidence in NATO are views of NATO
    assert _found("In the NATO poll, 58% approve of the alliance's leadership.") == [["58%", "for"]]
    assert _found("In the poll, confidence in NATO fell to 33% from 50%.") == [["33%", "for"], ["50%", "for"]]
