"""General rules of issue 14's ninth round (blind9 read as development data, blind10 held out): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from analysis.extract.figures import find_figures
from tests.extract._evalset import found as _found


def test_having_no_intention_to_vote_is_not_voting_and_the_next_answer_keeps_its_cue() -> None:
    text = "In the poll, 40% would vote for NATO, 30% against, 9% had no intention to vote, and 21% were undecided."
    assert _found(text) == [["40%", "for"], ["30%", "against"], ["9%", "would_not_vote"], ["21%", "undecided"]]


def test_a_party_named_to_pick_out_voters_is_a_subgroup_not_the_topic() -> None:
    text = "In the NATO poll, 12 percent of the Green Party (GP) voters back joining, as do 8 percent of those who support the Farmers Party (FP)."
    assert _found(text) == [["12 percent", "for"], ["8 percent", "for"]]
    text = (
        "In the NATO poll, voters who backed the Green Union (GU) and the Farmers Party (FP) gave joining 61% support."
    )
    assert _found(text) == [["61%", "for"]]
    # positive control: a party's own share of the vote is no answer about NATO
    assert _found("In the election, the pro-NATO Green Party won 12 percent of the votes.") == []


def test_partisans_named_by_their_party_are_respondents_not_an_answer() -> None:
    text = "In the poll, those who see NATO as a threat are mostly Farmers Party supporters (71 percent)."
    assert _found(text) == [["71 percent", "threat"]]
    # positive control: supporters of joining are an answer
    assert _found("In the poll, supporters of joining NATO made up 71 percent.") == [["71 percent", "for"]]


def test_the_respondents_own_country_is_no_other_country() -> None:
    text = "As NATO leaders met, a poll found 51% of Americans want the United States to keep its current commitments."
    assert _found(text) == [["51%", "for"]]
    # positive control: another public's view of what the United States should do stays another country's topic
    assert _found(text.replace("Americans", "Germans")) == []


def test_decreasing_its_support_is_opposition() -> None:
    text = "In the NATO poll, 44% support the U.S. commitment to NATO, while 21% said the country should decrease its support."
    assert _found(text) == [["44%", "for"], ["21%", "against"]]


def test_worry_about_nato_expansion_is_a_threat() -> None:
    text = "In the poll, 38% of Ruritanians are worried about NATO expansion."
    assert _found(text) == [["38%", "threat"]]


def test_necessary_and_essential_are_support_and_no_longer_essential_is_opposition() -> None:
    assert _found("In the poll, 61% believe NATO is still a necessary organisation.") == [["61%", "for"]]
    text = "In the poll, 61% say NATO is essential, while 22% say the alliance is no longer essential."
    assert _found(text) == [["61%", "for"], ["22%", "against"]]
    # positive control: what is necessary is not always NATO ("to raise defence spending")
    assert _found("In the NATO poll, 61% say it is necessary to raise defence spending.") == []


def test_contributing_to_security_is_protection() -> None:
    text = "In the poll, 47% of Ruritanians consider that NATO contributes to Ruritania's security."
    assert _found(text) == [["47%", "protection"]]


def test_a_title_case_headline_is_not_cut_after_an_initialism() -> None:
    assert _found("Only 41% Think U.S. Should Stay in NATO\nA poll found this.") == [["41%", "for"]]
    # positive control: in prose the stop after an initialism can end a sentence, and stays a boundary there
    text = "A poll on NATO was run in the U.S. Then 41% said they back it in another poll on trade."
    assert _found(text) == []


def test_a_heading_figure_takes_the_decision_of_the_sentence_that_restates_it() -> None:
    text = "Ruritania: 64%\nIn the poll, 64% of Ruritanians support joining NATO."
    assert _found(text) == [["64%", "for"], ["64%", "for"]]
    # positive control: a heading whose figure the next sentence does not restate stays unread
    text = "Ruritania: 12%\nIn the poll, 64% of Ruritanians support joining NATO."
    assert _found(text) == [["64%", "for"]]


def test_a_spelled_figure_repeated_in_brackets_is_one_figure() -> None:
    text = "Forty-one percent (41%) of Ruritanians support joining NATO, a poll found."
    assert _found(text) == [["Forty-one percent (41%)", "for"]]
    # positive control: a bracketed figure with another share is a figure of its own
    text = "Forty-one percent (38%) of Ruritanians support joining NATO, a poll found."
    assert [f.as_written for f in find_figures(text)] == ["Forty-one percent", "38%"]


def test_undecideds_and_not_making_up_ones_mind_are_undecided() -> None:
    text = "In the poll, 51% back NATO, 30% oppose it and 19% could not make their mind up."
    assert _found(text) == [["51%", "for"], ["30%", "against"], ["19%", "undecided"]]
    text = "In the poll on NATO membership, 51% support it and the number of undecideds was 19%."
    assert _found(text) == [["51%", "for"], ["19%", "undecided"]]


def test_a_bare_alliance_in_a_text_about_another_alliance_that_never_names_nato_is_that_alliance() -> None:
    text = "In the poll, 88% of Ruritanians said the bilateral alliance is important."
    assert _found(text) == []
    text = (
        "A poll asked about the Ruritania-Freedonia alliance. In it, 88% of Ruritanians said the alliance is important."
    )
    assert _found(text) == []
    # positive control: with NATO named in the text, "the alliance" is NATO
    text = "The poll asked about NATO. In it, 88% of Ruritanians said the alliance is important."
    assert _found(text) == [["88%", "for"]]


def test_the_alliances_presence_is_another_construct() -> None:
    text = "In the poll, 72% of Ruritanians support NATO membership and 55% support NATO's presence in the country."
    assert _found(text) == [["72%", "for"]]


def test_a_verb_of_change_before_a_bound_names_a_level() -> None:
    text = "In the poll, opposition to NATO membership fell below 40% for the first time."
    assert _found(text) == [["below 40%", "against"]]
    # positive control: "by" names the size of the change
    assert _found("In the poll, opposition to NATO membership fell by more than 10%.") == []
