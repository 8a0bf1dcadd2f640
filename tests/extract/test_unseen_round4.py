"""General rules of issue 14's fourth round (blind4 read as development data): one invented sentence per
rule, none taken from news text or from the evaluation passages. Each test names the structure."""

from __future__ import annotations

from analysis.extract import extract_poll_mentions
from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- stance from wording


def test_the_opposite_as_the_object_of_a_conviction_or_an_opinion_voiced() -> None:
    text = "In the Ruritanian poll, 58% say the accession to NATO was right, while 31% are convinced of the opposite."
    assert _found(text) == [["58%", "for"], ["31%", "against"]]
    text = "Some 49 percent of those surveyed view NATO positively, with 36 percent voicing the opposite opinion."
    assert _found(text) == [["Some 49 percent", "for"], ["36 percent", "against"]]


def test_a_bad_one_after_a_decision() -> None:
    text = "Asked about NATO membership in the survey, 62% call it a wise decision and 25% consider it a bad one."
    assert _found(text) == [["62%", "for"], ["25%", "against"]]


def test_no_clear_opinion_and_a_position_yet_to_form_are_undecided() -> None:
    text = (
        "In the poll, 44% of Ruritanians back joining NATO, 30% are opposed, 16% do not have a clear opinion "
        "and 10% have yet to form their position."
    )
    assert _found(text) == [["44%", "for"], ["30%", "against"], ["16%", "undecided"], ["10%", "undecided"]]


def test_neither_one_answer_nor_the_other_is_neither_of_them() -> None:
    text = (
        "The survey found 51% of Ruritanians see NATO as a protector, while 30% view the alliance as neither "
        "a protector nor a threat."
    )
    assert _found(text) == [["51%", "protection"], ["30%", "other"]]
    text = "Asked about joining NATO, 40% of respondents chose the neither support nor oppose option."
    assert _found(text) == [["40%", "other"]]


def test_the_importance_of_nato_is_a_view_of_it() -> None:
    text = (
        "In the poll, 63% of Ruritanians think NATO is still an important alliance, 22% say it is no longer "
        "important and 4% think it was never important."
    )
    assert _found(text) == [["63%", "for"], ["22%", "against"], ["4%", "against"]]


def test_a_view_named_back_takes_the_answer_named_before() -> None:
    # the antecedent in the same sentence, then in the sentence before
    text = (
        "In the survey, many Ruritanians say they feel threatened by NATO; that view was expressed by 48 percent "
        "of respondents. That perception was shared by 30 percent in the north and 25 percent in the south."
    )
    assert _found(text) == [["48 percent", "threat"], ["30 percent", "threat"], ["25 percent", "threat"]]
    # a view of another country named beside the cue is not a view of NATO
    text = "In the NATO poll, many call Russia an enemy, while in 2020, 55% of respondents said the same thing."
    assert _found(text) == []


def test_support_for_leaving_is_opposition() -> None:
    text = (
        "In the survey, 41 percent of Ruritanians would vote for the country leaving NATO, while 52 percent "
        "would vote for it to remain in the alliance; 9 percent back a withdrawal from the alliance at once."
    )
    assert _found(text) == [["41 percent", "against"], ["52 percent", "for"], ["9 percent", "against"]]


def test_the_level_of_commitment_to_the_alliance() -> None:
    text = (
        "The poll found that 44% of respondents want Ruritania to keep its current level of commitment to NATO, "
        "18% want it to reduce its commitment to the alliance and 25% want to increase its commitment to NATO."
    )
    assert _found(text) == [["44%", "for"], ["18%", "against"], ["25%", "for"]]


def test_an_abbreviated_country_is_the_subject_of_what_it_does_about_nato() -> None:
    # the period of "U.S." ends no clause, and the country named before NATO in one stretch is the subject
    text = "In the poll, 39% of Americans would like the U.S. to strengthen its commitment to NATO."
    assert _found(text) == [["39%", "for"]]
    # a country named as the object of the answer still is the topic
    assert _found("In the NATO survey, 45% of respondents view the U.S. favourably.") == []


def test_likelihood_and_possibility_are_predictions() -> None:
    text = (
        "In the survey on NATO, 35% believe joining the alliance is quite possible, 20% considered NATO membership "
        "rather unlikely, 12% do not believe in Ruritania's joining the alliance and 30% think the country would "
        "be allowed to join within a decade."
    )
    assert _found(text) == []
    text = "Only 15 percent of those polled think NATO is highly likely to still exist in 50 years."
    assert _found(text) == []


# --------------------------------------------------------------------------- which figures count


def test_neutrality_counts_only_as_the_alternative_to_nato() -> None:
    # no NATO within reach: the figures are about neutrality itself
    text = (
        "Ruritania has stayed out of wars for a century. In a new survey, 88% of Ruritanians back the "
        "country's neutrality, and 7% are opposed."
    )
    assert _found(text) == []
    # NATO named in the sentence after: neutrality is the other option of the same question
    text = (
        "In a new survey, 52% of Ruritanians said the country should stay neutral. "
        "Another 31% said Ruritania should join NATO."
    )
    assert _found(text) == [["52%", "other"], ["31%", "for"]]


def test_what_nato_did_is_a_topic_of_its_own() -> None:
    text = (
        "In the Ruritanian survey, a third would accept the alliance's apology for the NATO bombing, while "
        "52 percent would not and 11 percent were undecided."
    )
    assert _found(text) == []


def test_the_threats_to_a_country_are_not_nato_as_a_threat() -> None:
    text = (
        "In the survey on NATO, asked about the main threats to Ruritania, respondents named Freedonia first, "
        "with 33 percent expressing this view, while 12 percent saw no significant threats to the country."
    )
    assert _found(text) == []
    # NATO named as the threat in the figure's clause still counts
    text = "In the survey, 41 percent of Freedonians see NATO as the main threat to their country."
    assert _found(text) == [["41 percent", "threat"]]


# --------------------------------------------------------------------------- figures


def test_a_spelled_out_decimal_is_one_figure() -> None:
    text = "In the poll, Forty-one point five percent of Ruritanians said they oppose joining NATO."
    got = extract_poll_mentions(text)[["share_as_written", "share", "stance"]].values.tolist()
    assert got == [["Forty-one point five percent", 41.5, "against"]]


def test_a_tuple_of_shares_in_the_order_its_header_names() -> None:
    text = (
        "A regional survey asked whether NATO is a protection or a threat; 48 percent of Ruritanians said "
        "protection. Freedonia is close (protection-threat-neither: 44-21-30). Sylvania (61-9-25) follows."
    )
    got = extract_poll_mentions(text)[["share_as_written", "share", "stance"]].values.tolist()
    assert got == [
        ["48 percent", 48.0, "protection"],
        ["44", 44.0, "protection"],
        ["21", 21.0, "threat"],
        ["30", 30.0, "other"],
        ["61", 61.0, "protection"],
        ["9", 9.0, "threat"],
        ["25", 25.0, "other"],
    ]


def test_a_tuple_without_a_header_or_that_is_no_set_of_shares_is_left_out() -> None:
    # no header: the order of answers is unknown; a score or a list of years is no set of shares
    text = "In the NATO poll, 48 percent of Ruritanians said protection. Freedonia (44-21-30) and Sylvania (3-1-0)."
    assert _found(text) == [["48 percent", "protection"]]


def test_a_view_named_back_after_the_figures_of_the_sentence_before() -> None:
    # the answer named last in the sentence before ("see NATO as protection") is what "this opinion" refers to
    text = (
        "In the poll, 30 percent of Ruritanians called NATO a threat, while most others see NATO as protection. "
        "In Freedonia, only 9 percent shared this opinion."
    )
    assert _found(text) == [["30 percent", "threat"], ["9 percent", "protection"]]


def test_a_benefit_drawn_from_nato_itself_is_a_view_of_nato() -> None:
    text = (
        "In the survey, 58% of Ruritanians say the country benefits a great deal or a fair amount from NATO "
        "membership, while 35% say it does not benefit much from the alliance."
    )
    assert _found(text) == [["58%", "for"], ["35%", "against"]]
    # a benefit of integration with the EU and NATO together, or of the economy, stays an argument
    text = "In the NATO survey, 61% think the country would benefit more from European and Euro-Atlantic integration."
    assert _found(text) == []


def test_support_for_a_named_country_or_for_other_members_is_no_answer_about_nato() -> None:
    text = (
        "The NATO survey found respondents had the most support for Freedonia (61 percent), "
        "followed by Sylvania (55 percent). Asked whether the country should help other NATO countries in a "
        "conflict, about 70 percent of respondents agreed."
    )
    assert _found(text) == []
    # support for NATO membership (any spelling) still counts
    assert _found("In the poll, support for Nato membership was 49 per cent.") == [["49 per cent", "for"]]


def test_unit_less_items_of_a_list_of_places_after_a_percentage() -> None:
    text = (
        "In the Gallup poll, Freedonians were most likely to see NATO as a protector – 41 percent, followed by "
        "Sylvania – 33, Ruritania – 27 and fewer elsewhere."
    )
    assert _found(text) == [["41 percent", "protection"], ["33", "protection"], ["27", "protection"]]


def test_a_unit_less_number_coordinated_with_the_percentage_after_it() -> None:
    text = "In the poll, Freedonians and Sylvanians viewed the alliance positively (61 and 47 percent respectively)."
    assert _found(text) == [["61", "for"], ["47 percent", "for"]]


def test_what_nato_does_for_security_is_protection() -> None:
    text = (
        "In the poll, 57% of Ruritanians believe that joining NATO has increased the security of the country, "
        "while 31% are not convinced of that."
    )
    assert _found(text) == [["57%", "protection"], ["31%", "against"]]
    text = "In the survey, 48 percent agreed that NATO membership reduces the likelihood of a foreign attack."
    assert _found(text) == [["48 percent", "protection"]]
    text = (
        "In the survey, 44 percent believe that NATO reduces the risk of an attack on the country, while "
        "35 percent believe that this is not the case."
    )
    assert _found(text) == [["44 percent", "protection"], ["35 percent", "against"]]


# --------------------------------------------------------------------------- topics


def test_nato_coordinated_before_the_eu_is_nato_as_well() -> None:
    text = "In earlier polls, Ruritanian support for NATO and EU membership was over 80 percent."
    assert _found(text) == [["over 80 percent", "for"]]
    text = "A year ago the survey found support for joining NATO and the EU at just over 50%."
    assert _found(text) == [["over 50%", "for"]]


def test_an_option_chosen_by_a_share() -> None:
    text = "The most frequent answer in the survey was joining NATO, which was chosen by 38 percent of respondents."
    assert _found(text) == [["38 percent", "for"]]


def test_a_chart_flattened_into_lines_is_read_by_its_column_headers() -> None:
    text = (
        "Should Ruritania join NATO? (%)\nYes\nNo\nDon't\nknow\nAll adults\n61\n30\n9\n"
        "By age\nUnder 30\n55\n35\n10\nOver 65\n70\n22\n8\nOver 80\n72\n20\n8"
    )
    got = _found(text)
    assert got == [
        ["61", "for"],
        ["30", "against"],
        ["9", "undecided"],
        ["55", "for"],
        ["35", "against"],
        ["10", "undecided"],
        ["70", "for"],
        ["22", "against"],
        ["8", "undecided"],
        ["72", "for"],
        ["20", "against"],
        ["8", "undecided"],
    ]


def test_lines_of_numbers_without_answer_headers_are_no_cells() -> None:
    # the headers name no answers (years): the order of answers is unknown, nothing is read
    text = "Ruritanian support for NATO by year (%)\n2021\n2022\nAll adults\n51\n49\n"
    assert _found(text) == []


def test_a_participle_after_the_clause_spells_out_a_prediction() -> None:
    text = (
        "In the poll, 54% of Ruritanians support joining NATO, while 19% are sceptical, saying the country "
        "will never join the alliance."
    )
    assert _found(text) == [["54%", "for"]]


def test_the_undecided_of_a_question_not_reported_are_not_reported() -> None:
    text = (
        "In the NATO survey, 43% of Ruritanians expressed confidence in Freedonia's commitment to the alliance, "
        "while 12% offered no opinion."
    )
    assert _found(text) == []
    # the undecided of a reported question still count
    text = "In the survey, 43% of Ruritanians support joining NATO, while 12% offered no opinion."
    assert _found(text) == [["43%", "for"], ["12%", "undecided"]]


def test_a_country_name_that_qualifies_a_tie_to_the_alliance_is_no_topic() -> None:
    text = (
        "Support for NATO remains steady in the Gallup poll. The share of Americans who want to increase the "
        "U.S. commitment rose to 31%."
    )
    assert _found(text) == [["31%", "for"]]
    # the country as the object of the answer still is one
    assert _found("In the NATO survey, 45% of respondents view Russia favourably.") == []
