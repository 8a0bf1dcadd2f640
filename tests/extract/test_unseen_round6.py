"""General rules of issue 14's sixth round (blind6 read as development data, blind7 held out): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- figures


def test_a_spelled_out_figure_run_into_a_year_and_zero_percent_are_figures() -> None:
    assert _found("Ruritania poll, May 2, 2019Forty per cent of Ruritanians want to join NATO.") == [
        ["Forty per cent", "for"]
    ]
    assert _found(
        "In the NATO poll, 60% of Ruritanians back joining. Zero percent had good feelings about the bloc."
    ) == [
        ["60%", "for"],
        ["Zero percent", "for"],
    ]
    # a number word inside another word is no figure (positive control)
    assert _found("In the poll, 51% back NATO; the Fortyone per cent club was not asked.") == [["51%", "for"]]


# --------------------------------------------------------------------------- stance from wording


def test_content_with_membership_and_discontent_are_answers() -> None:
    text = "In the survey, 48 per cent of Ruritanians are happy with the country being in NATO. Another 30 per cent expressed their discontent."
    assert _found(text) == [["48 per cent", "for"], ["30 per cent", "against"]]
    # dissatisfaction with something else is no answer about the alliance (positive control)
    text = "In the NATO survey, 44 per cent of Ruritanians are dissatisfied with how their democracy works."
    assert _found(text) == []


def test_an_attitude_that_was_bad_or_good_is_the_answer() -> None:
    text = "A NATO poll found that 51% of Ruritanians said their attitude to the alliance was somewhat bad, while 9% said it was good."
    assert _found(text)[0] == ["51%", "against"]


def test_contrary_opinions_without_an_article_are_the_opposite_view() -> None:
    text = "A poll found 61% of Ruritanians back NATO membership, while 25% hold contrary opinions."
    assert _found(text) == [["61%", "for"], ["25%", "against"]]


def test_the_alliance_ensuring_security_is_protection_but_joining_to_ensure_it_is_support() -> None:
    assert _found("In the poll, 57% of Ruritanians believe that NATO effectively ensures the country's security.") == [
        ["57%", "protection"]
    ]
    # joining in order to ensure security is an answer for joining (positive control)
    assert _found("In the poll, 43% of Ruritanians said the country must join NATO to ensure security.") == [
        ["43%", "for"]
    ]


# --------------------------------------------------------------------------- what the figure is about


def test_a_figure_in_parentheses_after_a_thing_counts_that_thing() -> None:
    text = "In the poll, majorities of Ruritanians have favourable views of Freedonia (66%) and NATO (61%)."
    assert _found(text) == [["61%", "for"]]
    text = (
        "In the NATO poll, Ruritanians said that the energy crisis (77 percent, down from 80 percent last year), "
        "corruption (70 percent) and floods threaten them."
    )
    assert _found(text) == []
    # a parenthesis after who answered, a region, or a subject with its verb keeps the answer (positive controls)
    text = "In the poll, support for NATO was highest among pensioners (71%) and in the west (80%)."
    assert [f[0] for f in _found(text)] == ["71%", "80%"]
    assert _found("In the poll, most Ruritanians (64%) back joining NATO.") == [["64%", "for"]]


def test_a_figure_between_a_country_and_the_alliance_belongs_to_the_country() -> None:
    text = "In the poll, 34% of Ruritanians pointed at Freedonia, 28% at the United States and 23% at NATO as the main enemies."
    assert _found(text) == [["23%", "threat"]]
    # with no figure between them, a country named before the alliance leads up to it (positive control)
    text = "In the poll, 61% of Ruritanians would like the United States to keep its commitment to NATO."
    assert _found(text) == [["61%", "for"]]


def test_an_office_holder_is_a_topic_only_in_the_figures_own_clause() -> None:
    assert _found("In a NATO poll, President Anna Kovac is viewed favourably by 52 percent of Ruritanians.") == []
    # an office holder who announced a referendum leaves the next figure NATO's (positive control)
    text = "President Anna Kovac said she would call a referendum on joining NATO. According to polls, 54% of Ruritanians approve of joining."
    assert _found(text) == [["54%", "for"]]


def test_a_figure_that_qualifies_a_target_is_no_poll_figure() -> None:
    text = "In the poll, 58% of Ruritanians prefer raising defence spending to reach the 2% NATO ally target."
    assert [f[0] for f in _found(text)] == []
    # a share of respondents named before a target keeps its own topic (positive control)
    assert _found("In the poll, 58% of Ruritanians back joining NATO, a record.") == [["58%", "for"]]


def test_the_make_up_of_a_group_is_no_answer() -> None:
    text = (
        "In the NATO poll, of those who oppose joining the alliance, 81% are Ruritanians, "
        "12% are Freedonians and 7% are other communities."
    )
    assert _found(text) == []
    # a share that says what a group answered stays (positive control)
    assert _found("In the NATO poll, 81% of Ruritanians are against joining the alliance.") == [["81%", "against"]]


def test_taking_part_in_alliance_operations_is_a_topic_of_its_own() -> None:
    text = "A poll on NATO found 62 percent of Ruritanians objected to the participation of Ruritanian troops in NATO and UN operations."
    assert _found(text) == []
    assert _found("A poll on NATO found 62 percent of Ruritanians objected to joining NATO.") == [
        ["62 percent", "against"]
    ]


def test_a_group_defined_by_its_answer_that_answers_another_question_is_no_answer() -> None:
    text = (
        "In the poll, 55% of Ruritanians back joining NATO. Most supporters of NATO accession (63%) said that "
        "the region needed a common market."
    )
    assert _found(text) == [["55%", "for"]]
    # the same group answering a question on the alliance stays (positive control)
    text = (
        "In the poll, 55% of Ruritanians back joining NATO. Most supporters of NATO accession (63%) said that "
        "the alliance would protect them."
    )
    assert [f[0] for f in _found(text)] == ["55%", "63%"]
