"""Which figures are NATO poll figures, with stance and question type (analysis.extract.decide; the
geography and country fields: tests/extract/test_fields.py). One invented sentence per failure category of
issue 14."""

from __future__ import annotations

import pytest

from analysis.extract import extract_poll_mentions
from tests.extract._evalset import found as _found


def test_coordinated_figures_take_the_object_after_the_dash() -> None:
    assert _found("A survey by KIIS found 71 % back joining the EU, 63 % – NATO.") == [["63 %", "for"]]
    assert _found("In the poll, half wanted the EU, and 44 % – the Alliance.") == [["44 %", "for"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to the poll, between 18 and 27 per cent of Ukrainians oppose joining NATO.", [22.5, 18.0, 27.0]),
        ("The survey found 30-32 percent of Georgians were against NATO membership.", [31.0, 30.0, 32.0]),
    ],
)
def test_ranges_are_one_figure(text: str, expected: list[float]) -> None:
    out = extract_poll_mentions(text)
    assert out[["share", "share_low", "share_high"]].values.tolist() == [expected]
    assert out["share_qualifier"].tolist() == ["range"] and out["stance"].tolist() == ["against"]


def test_unit_less_numbers_in_a_poll_sentence() -> None:
    text = "In the new poll, 58.2% of Ukrainians support NATO membership, compared with 41.5 a year earlier."
    assert _found(text) == [["58.2%", "for"], ["41.5", "for"]]
    text = "The poll found 45.3% would vote for NATO accession and 38.9 opposed, while another 12.1 could not say."
    assert _found(text) == [["45.3%", "for"], ["38.9", "against"], ["12.1", "undecided"]]
    text = "A poll on NATO from 12 to 20 May found 40% of Finns in favour."  # a date, not a share
    assert _found(text) == [["40%", "for"]]


def test_a_figure_in_a_headline() -> None:
    text = "Poll: 64% of Finns back NATO membership\nHELSINKI - A new survey was published on Monday."
    assert _found(text, ["share", "stance", "country"]) == [[64.0, "for", "Finland"]]


def test_two_opposite_figures_and_a_change_over_time_keep_their_stances() -> None:
    text = "A poll found 40% of Ukrainians support NATO membership, while 35% oppose it."
    assert _found(text) == [["40%", "for"], ["35%", "against"]]
    text = "Support for NATO membership fell from 30 percent in May to 26 percent now, a Yle poll shows."
    assert _found(text) == [["30 percent", "for"], ["26 percent", "for"]]
    text = "In a referendum on NATO membership, 72% of Ukrainians would vote yes and 15% no, a KIIS survey shows."
    assert _found(text, ["share", "stance", "question_type"]) == [
        [72.0, "for", "referendum_vote"],
        [15.0, "against", "referendum_vote"],
    ]


def test_threat_protection_and_neither() -> None:
    text = "According to a poll, 38% of Moldovans see NATO as a threat, 27% as a protection and 20% as neither."
    assert _found(text, ["share", "stance", "question_type"]) == [
        [38.0, "threat", "threat_protection"],
        [27.0, "protection", "threat_protection"],
        [20.0, "other", "threat_protection"],
    ]


def test_the_second_figure_of_a_poll_in_the_next_sentence() -> None:
    text = "A Gallup poll found 52% of Ukrainians want to join NATO. Another 30% were against."
    assert _found(text, ["share", "stance", "pollster"]) == [[52.0, "for", "Gallup"], [30.0, "against", "Gallup"]]


def test_security_options() -> None:
    text = (
        "Asked about security guarantees, 50% of respondents chose NATO membership, 20% neutrality "
        "and 10% an alliance with Russia."
    )
    assert _found(text, ["share", "stance", "question_type"]) == [
        [50.0, "for", "security_option"],
        [20.0, "other", "security_option"],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In the poll, 45% expect the NATO summit in Vilnius to bring an invitation for Ukraine.",
        "Most people in the survey (56%) expect the NATO summit to decide on membership, 27% expect nothing.",
        "Support for NATO was high in the poll, after a 9 percent rise since March.",
        "NATO support in the poll was 10% higher compared to June.",
        "A poll found 70% trust the army and 80% back the EU, while NATO was not asked about.",
        "In the NATO poll, 53% of supporters say it is acceptable because it will provide more security.",
        "In the poll, 33% of Serbs said NATO provoked the war in Ukraine.",
        "Of those who back NATO in the poll, 61% say the main reason is security.",
        "The survey found that 45% of Slovaks support the deployment of NATO troops in their country.",
        "In the survey, 52% said NATO should send troops to Ukraine, and 30% disagreed.",
        "The survey shows that 38% of Georgians believe NATO membership will bring peace, 25% think it will provoke Russia.",
        "The NATO poll found 80% of Ukrainians believe Ukraine will win the war.",
    ],
)
def test_false_positives_are_left_out(text: str) -> None:
    assert extract_poll_mentions(text).empty


def test_other_constructs_in_the_same_sentence_are_left_out() -> None:
    text = "A poll found 62% of Ukrainians support joining NATO and 70% trust the army, while 80% back the EU."
    assert _found(text) == [["62%", "for"]]


def test_an_option_that_is_another_union_is_left_out() -> None:
    text = (
        "According to the survey, 62 per cent of Ukrainians support NATO membership, "
        "25 per cent - the alliance with the EU only, and 13 per cent - neutrality."
    )
    assert _found(text) == [["62 per cent", "for"], ["13 per cent", "other"]]


def test_a_guarantee_of_security_is_protection() -> None:
    text = "According to the poll, the share of those who see NATO as a guarantee of security rose to 55%."
    assert _found(text, ["share", "stance", "question_type"]) == [[55.0, "protection", "threat_protection"]]


def test_staying_in_and_leaving() -> None:
    text = "The survey also found 49% of Hungarians want their country to stay in NATO, while 10% want to leave."
    assert _found(text, ["share", "stance", "question_type", "country"]) == [
        [49.0, "for", "membership_support", "Hungary"],
        [10.0, "against", "membership_support", "Hungary"],
    ]


def test_a_comparison_figure_in_an_elliptic_clause_and_after_a_semicolon() -> None:
    text = "According to a poll by Rating, 86% of Ukrainians would vote for joining NATO; in 2021, 54%."
    assert _found(text, ["share", "stance", "question_type"]) == [
        [86.0, "for", "referendum_vote"],
        [54.0, "for", "referendum_vote"],
    ]


def test_a_negated_verb_after_a_figure_answers_against() -> None:
    text = "Two-thirds of Ukrainians (67%) support NATO membership, a third (33%) do not, the survey found."
    assert _found(text) == [["67%", "for"], ["33%", "against"]]


def test_a_headline_takes_its_pollster_from_the_lede() -> None:
    text = (
        "NATO support hits record 83% in Ukraine poll\n"
        "KYIV, June 5 - Support for joining NATO reached 83%, the Rating poll showed."
    )
    assert _found(text, ["share", "stance", "question_type", "pollster"]) == [
        [83.0, "for", "membership_support", "Rating"],
        [83.0, "for", "membership_support", "Rating"],
    ]


def test_threat_and_protection_phrased_as_outcomes() -> None:
    text = "In the Razumkov poll, 44% said NATO membership would protect Ukraine, 21% said it would make Ukraine less safe."
    assert _found(text, ["share", "stance", "question_type"]) == [
        [44.0, "protection", "threat_protection"],
        [21.0, "threat", "threat_protection"],
    ]
    text = (
        "The survey found 35% of Ukrainians consider NATO an aggressive bloc, while 40% call it a defensive alliance."
    )
    assert _found(text) == [["35%", "threat"], ["40%", "protection"]]


def test_a_headline_with_for_and_against_and_figures_of_the_next_sentences() -> None:
    text = "Poll: 48% of Swedes for NATO, 32% against\nSTOCKHOLM - A Novus poll shows record support."
    assert _found(text, ["share", "stance", "country", "pollster"]) == [
        [48.0, "for", "Sweden", "Novus"],
        [32.0, "against", "Sweden", "Novus"],
    ]
    text = "The Rating survey found 59% in favour of NATO membership. In the east, the figure was 40%."
    assert _found(text, ["share", "stance", "geography", "pollster"]) == [
        [59.0, "for", "national", "Rating"],
        [40.0, "for", "east", "Rating"],
    ]
