"""General rules of issue 14's twelfth round (blind13 read as development data after its first run): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_an_answer_in_a_subordinate_clause_after_the_figure_is_not_its_own() -> None:
    text = "In the poll, support for joining NATO rose to 64% as the war pushed the non-aligned country closer."
    assert _found(text) == [["64%", "for"]]
    # positive control: an answer after the figure, with no clause of its own in between, is read
    assert _found("In the poll, 64% see NATO as a threat.") == [["64%", "threat"]]


def test_an_elliptic_for_it_is_support() -> None:
    text = "If a vote on NATO were held, 58 percent would vote against joining, 30 percent for it."
    assert _found(text) == [["58 percent", "against"], ["30 percent", "for"]]
    # positive control: another answer in its place is read as that answer
    assert _found(text.replace(" for it", " were unsure"))[-1] == ["30 percent", "undecided"]


def test_opposing_withdrawal_and_refusing_to_give_up_membership_are_support() -> None:
    assert _found("In the poll, 61% oppose their country's withdrawal from NATO.") == [["61%", "for"]]
    text = "In the poll, 52% call it unacceptable to cede land and give up NATO membership for a truce."
    assert _found(text) == [["52%", "for"]]
    # positive control: opposing membership itself is opposition
    assert _found("In the poll, 61% oppose their country's membership in NATO.") == [["61%", "against"]]


def test_a_change_compared_to_the_previous_year_is_no_share() -> None:
    text = "In the poll, opposition to NATO rose 5% compared to the previous year and reached 41%."
    assert _found(text) == [["41%", "against"]]
    # positive control: a level compared with last year's level is a share
    text = "In the poll, opposition to NATO reached 41% compared to the previous year's 36%."
    assert _found(text)[0] == ["41%", "against"]


def test_lacking_trust_in_it_is_against() -> None:
    text = "In the survey, 30% trust NATO against 45% who lack trust in it."
    assert _found(text) == [["30%", "for"], ["45%", "against"]]
    # positive control: trusting it is for
    assert _found("In the survey, 30% trust NATO and 45% trust in it fully.")[0] == ["30%", "for"]


def test_other_alliances_bases_fighting_world_affairs_and_views_of_russia_are_other_topics() -> None:
    assert _found("In the poll on NATO, 19% back an alliance with countries such as Russia and Belarus.") == []
    assert _found("In the poll on NATO, 39% favour a permanent NATO base in the country.") == []
    assert _found("In a NATO poll, 48% of those asked would fight for their country.") == []
    assert _found("In a NATO poll, 64% back active involvement in international affairs.") == []
    assert _found("In a NATO poll, 62% have a positive opinion about Russia.") == []
    # positive control: a view of NATO itself is read
    assert _found("In a NATO poll, 62% have a positive opinion about NATO.") == [["62%", "for"]]
