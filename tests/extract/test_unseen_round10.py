"""General rules of issue 14's tenth round (blind10 read as development data, blind11 held out): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_a_full_stop_inside_a_closing_quote_ends_the_clause() -> None:
    text = 'In the NATO poll, 30% of those asked said "neither." 12% of those asked could not answer.'
    assert _found(text) == [["30%", "other"], ["12%", "undecided"]]
    # positive control: a quoted question stays with the answer after it
    text = 'In the poll, asked "Should the country work with Russia?" 61% said no.'
    assert _found(text) == []


def test_the_eu_or_nato_named_after_the_figure_is_natos_question() -> None:
    text = "In the poll, a fifth of the 1,000 asked, 19% of respondents, asked to choose membership in the EU or NATO, chose neither one nor the other."
    assert _found(text) == [["19%", "other"]]
    # positive control: the EU alone stays the EU's
    assert _found(text.replace("the EU or NATO", "the EU")) == []


def test_fewer_people_is_a_change() -> None:
    text = "In the poll, 9% fewer people than last year back NATO membership, which 48% now back."
    assert _found(text) == [["48%", "for"]]
    # positive control: without "fewer" the figure is a share of respondents
    assert _found("In the poll, 9% of people back NATO membership.") == [["9%", "for"]]


def test_a_plural_dont_knows_and_no_choice_are_undecided() -> None:
    text = "In the poll on NATO, 55% were in favour, 30% were against and 15% were 'don't knows'."
    assert _found(text) == [["55%", "for"], ["30%", "against"], ["15%", "undecided"]]
    text = "In the poll on joining NATO, 70 percent backed it, while 8 percent did not make a choice."
    assert _found(text) == [["70 percent", "for"], ["8 percent", "undecided"]]
    # positive control: without the answer the figure takes the one before it
    assert _found("In the poll on NATO, 55% were in favour and 15% in the north.")[-1] == ["15%", "for"]


def test_joining_no_bloc_is_non_alignment() -> None:
    text = "In the poll on NATO, 31 percent said the country should join no military bloc."
    assert _found(text) == [["31 percent", "other"]]
    # positive control: joining the bloc is support
    assert _found("In the poll on NATO, 31 percent said the country should join the military bloc.") == [
        ["31 percent", "for"]
    ]


def test_which_side_would_win_a_war_is_a_prediction() -> None:
    text = "Asked who would win if the two states fought NATO, 40% named NATO and 22% the two states, the survey found."
    assert _found(text) == []
    # positive control: a question on joining is no prediction
    text = "Asked whether the country should join NATO, 40% said yes and 22% said no, the survey found."
    assert _found(text) == [["40%", "for"], ["22%", "against"]]


def test_defending_an_ally_an_intervention_and_pride_in_the_country_are_other_topics() -> None:
    assert _found("A poll found 64% back defending another NATO member if it is attacked.") == []
    assert _found("In a poll on NATO, 44% favour a military intervention, while 41% back a NATO-led coalition.") == []
    assert _found("In a poll on NATO, 58% of those asked have a favourable view of their own country.") == []
    # positive control: a favourable view of NATO itself
    assert _found("In a poll, 58% of those asked have a favourable view of NATO.") == [["58%", "for"]]


def test_coordinated_by_phrases_share_the_answer() -> None:
    text = (
        "In the poll, joining NATO is backed by 80% of the young, by 70% of those who say they live in towns "
        "and by 50% of those in villages."
    )
    assert _found(text) == [["80%", "for"], ["70%", "for"], ["50%", "for"]]
    # positive control: "and by" after a change is still a change
    assert _found("In the poll, support for NATO fell by 5% and by 3% in villages.") == []


def test_more_safe_in_nato_is_protection() -> None:
    assert _found("In the poll, 56% say the country is more safe within NATO.") == [["56%", "protection"]]
    # positive control: without the cue, no answer
    assert _found("In the poll, 56% say the country is within NATO.") == []
