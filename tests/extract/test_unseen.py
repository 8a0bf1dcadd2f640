"""General rules for unseen text (issue 14, second round): one invented sentence per rule, none taken
from news text or from the evaluation passages. Each test names the structure, not a passage."""

from __future__ import annotations

import pytest

from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- which figures count


def test_a_figure_that_counts_no_answer_is_no_poll_figure() -> None:
    # the clause names NATO but no answer (support, opposition, doubt, threat...): nothing to report
    text = "The survey on NATO also asked about the summit: 40% of respondents named the alliance's eastern flank."
    assert _found(text) == []


def test_a_bare_country_name_is_no_topic_outside_the_figures_clause() -> None:
    text = (
        "Opinion in Ruritania has swung on NATO. Russia's invasion of its neighbour changed the debate. "
        "In the latest survey, 71% of respondents backed membership, while 14% were opposed."
    )
    assert _found(text) == [["71%", "for"], ["14%", "against"]]
    text = "In the poll, after Russia attacked its neighbour, 64% of Ruritanians now support joining NATO."
    assert _found(text) == [["64%", "for"]]
    # in the figure's own clause the country is what the answer is about
    assert _found("In the NATO survey, 45% of respondents view Russia favourably.") == []


def test_a_margin_of_error_reaches_its_own_figure_only() -> None:
    text = "The poll, with a margin of error of 2.9%, showed that 58% of Ruritanians have a positive view of NATO."
    assert _found(text) == [["58%", "for"]]
    # a list of error values stays out
    text = "For NATO questions the sampling error does not exceed 3.2% for indicators close to 50%, 2.7% for 25%."
    assert _found(text) == []


def test_a_party_that_picks_out_respondents_is_no_topic() -> None:
    text = (
        "Support for NATO membership reached a record in the poll. Among supporters of the Centre Party, "
        "70% were in favour, and among Green League voters 45%."
    )
    assert _found(text) == [["70%", "for"], ["45%", "for"]]


# --------------------------------------------------------------------------- stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poll: 42% of Ruritanians pro-NATO, 39% anti-NATO", [["42%", "for"], ["39%", "against"]]),
        (
            "Asked about NATO, 52 percent were against it, 28 percent were for, and 20 percent were unable to answer.",
            [["52 percent", "against"], ["28 percent", "for"], ["20 percent", "undecided"]],
        ),
        (
            "Of those polled, 48 percent said Ruritania should become a member of NATO and 22 percent said it "
            "should stay neutral.",
            [["48 percent", "for"], ["22 percent", "other"]],
        ),
        (
            "In the survey, 50.3% would like the country to join NATO and 18% can't say.",
            [["50.3%", "for"], ["18%", "undecided"]],
        ),
        ("The poll found 35% of respondents are not supportive of NATO membership.", [["35%", "against"]]),
        (
            "In the NATO poll, 61% voted yes, 30% voted no and 9% are on the fence.",
            [["61%", "for"], ["30%", "against"], ["9%", "undecided"]],
        ),
        ("In the survey, 40% are sceptical about NATO membership.", [["40%", "against"]]),
        ("The poll shows 33% of respondents call NATO an enemy.", [["33%", "threat"]]),
    ],
)
def test_answers_in_plain_words(text: str, expected: list[list[object]]) -> None:
    assert _found(text) == expected


def test_an_answer_named_as_a_label_before_a_colon() -> None:
    text = "The poll asked Ruritanians whether they would vote for NATO membership. Yes: 31%; No: 52%; Don't know: 17%."
    assert _found(text) == [["31%", "for"], ["52%", "against"], ["17%", "undecided"]]


def test_membership_after_another_object_is_the_organisations() -> None:
    text = "In the survey, 73% of Ruritanians support the presence of NATO battle groups, and 80% support membership."
    assert _found(text) == [["80%", "for"]]


def test_made_up_is_no_change_and_favourability_is_a_view() -> None:
    text = "Those in favour of joining NATO made up 39% of respondents, those against 44%, the poll shows."
    assert _found(text) == [["39%", "for"], ["44%", "against"]]
    text = "In the Pew survey, NATO's favourability among Ruritanians was 57% in 2020 and 67% in 2019."
    assert _found(text) == [["57%", "for"], ["67%", "for"]]


def test_seeing_no_threat_is_no_threat() -> None:
    text = "The poll shows 61 percent of respondents see NATO as a threat, while 5 percent see no threat from the alliance."
    assert _found(text) == [["61 percent", "threat"], ["5 percent", "other"]]


def test_the_topic_and_the_poll_named_a_paragraph_before() -> None:
    text = (
        "Ruritania and NATO: what people think\n\n"
        "The Acme Institute conducted the survey in May. It polled 2,000 people in all regions.\n\n"
        "The war has changed attitudes. Many now see the future differently. Support for joining has grown "
        "everywhere. In the east, 64% would now vote yes; in the south, 58%."
    )
    assert _found(text) == [["64%", "for"], ["58%", "for"]]


def test_according_to_a_named_source_and_a_bare_for() -> None:
    text = "Support for NATO accession stood at 47.3 percent in December, according to ACME. Opposition stood at 39.5 percent."
    assert _found(text) == [["47.3 percent", "for"], ["39.5 percent", "against"]]
    text = "The poll also asked about the EU: 68% support membership. On NATO, the numbers are lower: 48% for and 33% against."
    assert _found(text) == [["48%", "for"], ["33%", "against"]]


@pytest.mark.parametrize(
    ("text", "stances"),
    [
        # a figure in parentheses after what it counts
        ("In the poll, support for NATO (48%) outweighs opposition (35%).", ["for", "against"]),
        # coordinated verbs share the object that follows
        ("In the poll, 45 percent support and 40 percent oppose joining NATO.", ["for", "against"]),
        # answers as labels after a dash or before a colon
        ("Poll results on NATO: 62% - for, 25% - against.", ["for", "against"]),
        ("The poll on NATO: for: 58%, against: 27%, undecided: 15%.", ["for", "against", "undecided"]),
        # a modal without its verb is a "no"
        ("In the survey, 57% think the country should join NATO, while 28% think it should not.", ["for", "against"]),
        # an aside between dashes is no coordination
        ("A poll shows 66% want to join NATO - up from 57% in April - and 20% are against.", ["for", "for", "against"]),
        # nouns of support and opposition
        ("Rejection of NATO membership reached 33%, the poll shows.", ["against"]),
        ("In the poll, 26% consider NATO membership undesirable.", ["against"]),
        ("In the poll on NATO, 14% have not formed an opinion.", ["undecided"]),
    ],
)
def test_frames_of_poll_reports(text: str, stances: list[str]) -> None:
    assert [stance for _, stance in _found(text)] == stances


def test_what_nato_has_is_another_topic() -> None:
    text = "In the survey, 64% of Ruritanians support sending aid, and 57% support NATO's eastern flank deployment."
    assert _found(text) == []
    # what NATO has that is no other topic leaves NATO the topic
    text = (
        "Support for the alliance rose to 70 percent in the Acme poll, then fell to 64 percent during NATO's operation."
    )
    assert _found(text) == [["70 percent", "for"], ["64 percent", "for"]]


def test_an_alliance_with_another_country_is_not_nato() -> None:
    text = "The poll found that 45% of Ruritanians would prefer a defence alliance with Finland, while 38% prefer joining NATO."
    assert _found(text) == [["38%", "for"]]


def test_the_make_up_of_a_group_is_no_answer() -> None:
    text = "The Acme survey found that 65% of citizens, of whom 84% are Ruritanians and 7% Albanians, support NATO membership."
    assert _found(text) == [["65%", "for"]]


def test_a_figure_that_refers_back_counts_what_the_sentence_before_named() -> None:
    text = "The Acme survey measured support for joining NATO. In 2014, it stood at 34%. Back in 2008, it was just 20%."
    assert _found(text) == [["34%", "for"], ["20%", "for"]]
    text = "According to the Acme poll, most Ruritanians want to join NATO. That figure, 74%, is unchanged. Only 12% are against."
    assert _found(text) == [["74%", "for"], ["12%", "against"]]


def test_a_year_before_a_dash_is_no_range() -> None:
    text = "Support for membership in NATO: 2015 - 37%, 2016 - 40%, according to Acme surveys."
    assert _found(text) == [["37%", "for"], ["40%", "for"]]


def test_yes_and_no_answers() -> None:
    text = "Ruritanians were asked whether to apply for NATO membership. Yes answers reached 76%, no answers 12%."
    assert _found(text) == [["76%", "for"], ["12%", "against"]]


def test_an_answer_about_nato_needs_no_poll_word() -> None:
    assert _found("Support for NATO membership in Ruritania has reached 76%.") == [["76%", "for"]]
    # but a vote's count is no poll
    assert _found("In the 2003 referendum, 66% voted in favour of joining NATO.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the poll, 64% support closer cooperation with NATO.", [["64%", "for"]]),
        ("In the poll, 58% of respondents back joining the Western alliance.", [["58%", "for"]]),
        ("In the poll, 61% support closer ties with the United States.", []),
        ("In the poll, 40% are sure that cooperation with NATO will not bring any benefit.", []),
    ],
)
def test_relations_with_nato_are_nato_and_with_others_are_not(text: str, expected: list[list[object]]) -> None:
    assert _found(text) == expected


# --------------------------------------------------------------------------- third round (blind3 as development data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The survey found 61% of Ruritanians back joining NATO, 20% are indifferent and 11% say they do not care.",
            [["61%", "for"], ["20%", "other"], ["11%", "other"]],
        ),
        (
            "Asked about NATO, 40% of respondents view it very positively, 30% quite positively, 15% neutrally.",
            [["40%", "for"], ["30%", "for"], ["15%", "other"]],
        ),
        (
            "In the poll on NATO, 64% back joining and 19% are still without an opinion.",
            [["64%", "for"], ["19%", "undecided"]],
        ),
        (
            "The poll found 31% of Ruritanians back joining NATO, while 25% support cooperation with the alliance but "
            "without membership.",
            [["31%", "for"], ["25%", "other"]],
        ),
        (
            "Most Ruritanians, 66 percent, think the country should remain a NATO ally, the poll shows.",
            [["66 percent", "for"]],
        ),
    ],
)
def test_indifference_an_alternative_to_membership_and_staying_in(text: str, expected: list[list[object]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The NATO poll shows 58% of respondents support continued assistance to Ukraine.",
        "Asked about NATO, 55% of respondents say their country should defend an ally if it is attacked.",
        "In the poll about NATO, 47% of Ruritanians foresee membership within ten years.",
        "In the poll about NATO, 18% of Ruritanians say the country will never join the alliance.",
    ],
)
def test_aid_to_a_country_collective_defence_and_timing_are_no_support(text: str) -> None:
    assert _found(text) == []


def test_support_for_a_country_joining_is_still_support() -> None:
    text = "A poll found 60% support for Ukraine joining NATO and 52% for Georgia becoming a member."
    assert _found(text)[:1] == [["60%", "for"]]


def test_a_figure_with_a_verb_of_its_own_does_not_take_the_answer_of_the_sentence_before() -> None:
    text = (
        "The poll found 48% of Ruritanians support joining NATO and 21% are undecided. "
        "Only 12% are satisfied with the road works."
    )
    assert _found(text) == [["48%", "for"], ["21%", "undecided"]]
    # an elliptic figure still does: "Another 30% in the north."
    text = "The poll found 48% of Ruritanians support joining NATO. In the north, 30%."
    assert _found(text) == [["48%", "for"], ["30%", "for"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the poll, 77% of the Blue party's voters view NATO positively, while 45% of Red voters feel this way.",
            [["77%", "for"], ["45%", "for"]],
        ),
        (
            "In the poll, 30% of Ruritanians oppose NATO membership, and 25% of their neighbours say the same.",
            [["30%", "against"], ["25%", "against"]],
        ),
    ],
)
def test_the_same_answer_in_other_words(text: str, expected: list[list[object]]) -> None:
    assert _found(text) == expected


def test_a_topic_word_inside_an_answer_is_part_of_the_answer() -> None:
    text = (
        "Asked how they would vote in a referendum on joining NATO, 45% of those polled would vote for, "
        "12% were undecided and 9% would not cast their ballots."
    )
    assert _found(text) == [["45%", "for"], ["12%", "undecided"], ["9%", "would_not_vote"]]


def test_per_cent_abbreviated_p_c() -> None:
    from analysis.extract.figures import find_figures

    found = [(f.as_written, f.share) for f in find_figures("52 p.c back joining, 31 p.c. oppose it; 12 P.C. MPs")]
    assert found == [("52 p.c", 52.0), ("31 p.c", 31.0)]
    assert _found("The poll found 52 p.c of Ruritanians back joining NATO.") == [["52 p.c", "for"]]


def test_a_figure_compared_with_a_rejected_one_is_rejected_too() -> None:
    text = (
        "In the NATO poll, 51% of Ruritanians believe membership will happen within ten years, down from 70% in 2023."
    )
    assert _found(text) == []
    text = "In the poll, 61% of Ruritanians support joining NATO, up from 48% in 2021."
    assert _found(text) == [["61%", "for"], ["48%", "for"]]


def test_that_after_a_verb_of_saying_refers_to_nothing() -> None:
    text = (
        "The poll shows 58% of Ruritanians support joining NATO. "
        "Half of them, 50 percent, said that the capital should not take sides between its neighbours."
    )
    assert _found(text) == [["58%", "for"]]
    text = "The poll measured support for joining NATO. In 2014, it stood at 34%."
    assert _found(text) == [["34%", "for"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The poll shows support for joining NATO at 60 percent, a positive difference of 4 percent since May.",
            [["60 percent", "for"]],
        ),
        (
            "In the NATO survey, 55% back joining. Almost half, 44%, believe the country is going the wrong way.",
            [["55%", "for"]],
        ),
        (
            "In the NATO survey, 55% back joining. Only 12% are satisfied with the work of the government.",
            [["55%", "for"]],
        ),
        (
            "If a referendum on joining NATO were held, 70 per cent of voters would come out and vote, the poll shows.",
            [["70 per cent", "other"]],
        ),
        ("In the poll on joining NATO, the share of proponents is 47 percent.", [["47 percent", "for"]]),
    ],
)
def test_differences_the_country_s_direction_turnout_and_proponents(text: str, expected: list[list[object]]) -> None:
    assert _found(text) == expected


def test_a_sentence_that_turns_to_another_subject_ends_the_context_topic() -> None:
    text = (
        "In the poll, 41% of Ruritanians back joining NATO and 30% oppose it. "
        "Respondents are split as regards the government's plans for the railways. "
        "Some 35% think the plans would work, 40% think they would not, while 25% don't know."
    )
    assert _found(text) == [["41%", "for"], ["30%", "against"]]
    # without the turn, the undecided share is the NATO question's
    text = "In the poll, 41% of Ruritanians back joining NATO and 30% oppose it. Another 25% don't know."
    assert _found(text) == [["41%", "for"], ["30%", "against"], ["25%", "undecided"]]


def test_a_wrapped_line_that_starts_with_a_number_continues_the_sentence() -> None:
    text = "The poll asked about joining NATO. In the north, the share\nof its supporters is\n52.7\npercent."
    assert _found(text) == [["52.7\npercent", "for"]]


def test_nato_member_states_as_where_respondents_live_is_no_topic() -> None:
    text = (
        "Asked whether their country should defend a NATO ally if it were attacked, 48 percent in 12 NATO member "
        "states said no, the poll shows."
    )
    assert _found(text) == []
    text = "The poll shows that in all 30 NATO member states, 60 percent support NATO membership."
    assert _found(text) == [["60 percent", "for"]]


@pytest.mark.parametrize(
    "text",
    [
        "In the NATO poll, 52% of Ruritanians say the country's neutrality provides enough protection.",
        "In the NATO poll, 57% of Ruritanians oppose dropping the policy of neutrality.",
    ],
)
def test_neutrality_as_the_subject_of_its_own_question_is_no_answer_about_nato(text: str) -> None:
    assert _found(text) == []


def test_neutrality_as_an_answer_still_counts() -> None:
    text = "In the poll, 40% of Ruritanians back joining NATO while 35% prefer neutrality."
    assert _found(text) == [["40%", "for"], ["35%", "other"]]


def test_citizens_of_member_states_and_standing_behind_a_bid() -> None:
    assert _found("Poll: 65% of citizens of NATO member states support more aid to Ukraine") == []
    text = "According to the poll, 61 percent of Ruritanians stand behind the country's bid to join NATO."
    assert _found(text) == [["61 percent", "for"]]


def test_the_figure_of_a_sentence_whose_figures_were_not_reported() -> None:
    text = (
        "The poll found 55% of Ruritanians support NATO membership. "
        "About 40% of Blue voters call Russia an enemy, down from 58%. "
        "Among Red voters, the figure has dropped from 67% to 62%."
    )
    assert _found(text) == [["55%", "for"]]
    text = "The poll measured support for joining NATO at 48%. Among Red voters, the figure was 62%."
    assert _found(text) == [["48%", "for"], ["62%", "for"]]
