"""General rules added after the blind batch of issue 14 (analysis.extract): one invented sentence
per rule, none taken from news text. Each test names the structure, not a passage."""

from __future__ import annotations

import pytest

from analysis.extract import extract_poll_mentions
from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- which figures count


def test_a_cue_inside_another_figures_clause_is_that_figures() -> None:
    text = (
        "In the poll, approval of the EU bid, if the neighbours joined first, was given by 14% of respondents, "
        "and in the case of NATO this share is 9%."
    )
    assert _found(text) == [["9%", "for"]]


def test_the_eu_coordinated_with_nato_covers_nato() -> None:
    assert _found("Survey: 72% of Latvians would welcome their country joining EU, NATO") == [["72%", "for"]]
    # ... unless the clause is about something else: a condition such as the country's name
    text = "In the survey, 51% of respondents think Ruritania cannot join the EU and NATO unless its constitutional name is changed."
    assert _found(text) == []


def test_hard_wrapped_lines_are_one_sentence() -> None:
    text = "Some 61 percent of Icelanders\nsupport NATO membership, according to a\nsurvey by Acme Polls."
    assert _found(text) == [["Some 61 percent", "for"]]


def test_an_undecided_share_belongs_to_the_nato_question_just_reported() -> None:
    text = "In the survey, 41% of respondents chose NATO membership and 12% neutral status. Another 9% were unsure."
    assert _found(text) == [["41%", "for"], ["12%", "other"], ["9%", "undecided"]]


def test_counts_that_are_no_poll() -> None:
    text = "A poll was held in May. The official results of the referendum on NATO showed that 64% of voters backed it."
    assert _found(text) == []
    text = "The minister said that, according to his calculations, 70% of citizens support joining NATO."
    assert _found(text) == []


def test_a_figure_used_as_an_adjective_counts_no_respondents() -> None:
    text = "Asked about NATO in the poll, an official demanded a 100 percent guarantee of neutrality."
    assert _found(text) == []
    # a share of support written the same way still counts
    assert _found("The poll showed that joining NATO would win a 44 percent support.") == [["44 percent", "for"]]


@pytest.mark.parametrize(
    "text",
    [
        # a country's role within NATO, not NATO itself
        "In the survey, 38% of respondents want Ruritania to take a leadership role in the alliance.",
        # a security option other than NATO
        "In the survey, 48% prefer joining NATO, while 17% would rather build up their own army.",
        # reasons and consequences
        "In the poll, 22% believe the reason for the NATO operation was oil.",
        "In the poll, 52% believe that accession to NATO would jeopardize the unity of the region.",
        # timing of accession is a prediction
        "In the poll, 30% of respondents think that accession to NATO can happen only after the war.",
        # a name of a party or coalition with "Alliance" in it
        "The survey gives the Green Alliance Party 8% of the vote.",
        # the country's name as a condition
        "The poll found 60% will not give up the country's name for NATO accession.",
        # approval of a politician's work
        "Regarding NATO, the poll also found 71% approve of the work of the president.",
    ],
)
def test_other_topics_are_left_out(text: str) -> None:
    got = [row[0] for row in _found(text)]
    assert got in ([], ["48%"]), got  # the own-army sentence keeps only its NATO figure


# --------------------------------------------------------------------------- stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to the poll, 61 percent of Norwegians say yes to NATO, 25 percent say no and 14 percent are insecure.",
            [["61 percent", "for"], ["25 percent", "against"], ["14 percent", "undecided"]],
        ),
        (
            "The poll found 66% of respondents would approve of joining NATO, while 19% took the opposite view.",
            [["66%", "for"], ["19%", "against"]],
        ),
        (
            "A new survey found 77 percent of Canadians think the alliance should be maintained.",
            [["77 percent", "for"]],
        ),
        (
            "In the survey, 12 percent have confidence in the military alliance and 41 percent distrust NATO.",
            [["12 percent", "for"], ["41 percent", "against"]],
        ),
        (
            "In the poll, 44.1 percent support NATO membership, 37.5 is against and 18.4 couldn’t decide.",
            [["44.1 percent", "for"], ["37.5", "against"], ["18.4", "undecided"]],
        ),
        (
            "The survey shows 52.6% of respondents said that membership in the Alliance would guarantee security.",
            [["52.6%", "for"]],
        ),
    ],
)
def test_stance_from_the_clause(text: str, expected: list[list[object]]) -> None:
    assert _found(text) == expected


def test_coordinated_figures_share_the_predicate_that_follows() -> None:
    text = "The poll found that 7% of Danes and 31% of Swedes feel protected by NATO."
    assert _found(text) == [["7%", "protection"], ["31%", "protection"]]
    text = "In the poll, 58% of Poles, 44% of Czechs and 39% of Slovaks see NATO as a threat."
    assert _found(text) == [["58%", "threat"], ["44%", "threat"], ["39%", "threat"]]
    text = "In the poll, a majority of Danes (62%) and a plurality of Swedes (31%) see the alliance as a threat."
    assert _found(text) == [["62%", "threat"], ["31%", "threat"]]


def test_a_figure_alone_between_commas_takes_the_predicate_after_it() -> None:
    text = "In the latest NATO survey, just under half, 47 percent, say yes and 38 percent say no."
    assert _found(text) == [["47 percent", "for"], ["38 percent", "against"]]


# --------------------------------------------------------------------------- figures


def test_a_range_with_a_qualified_end_is_one_figure() -> None:
    out = extract_poll_mentions("In earlier polls, support for NATO accession was 85 to nearly 100 per cent.")
    assert out[["share_as_written", "share", "share_qualifier"]].values.tolist() == [
        ["85 to nearly 100 per cent", 92.5, "range"]
    ]


def test_unit_less_shares_with_a_respondents_noun_and_a_garbled_unit() -> None:
    text = "In the poll, with a turnout of 70 percent on NATO in a referendum, 48.2 citizens would vote for joining."
    assert _found(text)[-1] == ["48.2", "for"]
    text = "About 52 a percentage of citizens would vote for NATO membership in the poll, while 40 would be against."
    assert _found(text) == [["About 52 a percentage", "for"], ["40", "against"]]
