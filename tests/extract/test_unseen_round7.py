"""General rules of issue 14's seventh round (blind7 read as development data, blind8 held out): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- negation and inversion


def test_not_ready_or_unwilling_to_support_is_opposition() -> None:
    text = "In the poll, 31% of Ruritanians are not ready to support joining NATO, and 12% are unwilling to support it."
    assert _found(text) == [["31%", "against"], ["12%", "against"]]
    assert _found("In the poll, 31% of Ruritanians are ready to support joining NATO.") == [["31%", "for"]]


def test_not_leaving_the_alliance_is_staying() -> None:
    text = "In the poll, 70% of Ruritanians believe the country should not exit NATO."
    assert _found(text) == [["70%", "for"]]
    assert _found("In the poll, 20% of Ruritanians believe the country should exit NATO.") == [["20%", "against"]]


def test_rejecting_a_question_of_leaving_is_staying() -> None:
    text = "Asked whether Ruritania should leave NATO, 41 percent rejected the idea in the poll."
    assert _found(text) == [["41 percent", "for"]]
    # rejecting joining stays opposition (positive control)
    text = "Asked whether Ruritania should join NATO, 41 percent rejected the idea in the poll."
    assert _found(text) == [["41 percent", "against"]]


def test_favouring_a_lower_commitment_is_opposition() -> None:
    text = "In the poll, 13 percent of Ruritanians favor decreasing the U.S. commitment to NATO."
    assert _found(text) == [["13 percent", "against"]]
    text = "In the poll, 13 percent of Ruritanians favor increasing the U.S. commitment to NATO."
    assert _found(text) == [["13 percent", "for"]]


def test_not_needing_membership_and_a_bare_dissatisfied_are_opposition() -> None:
    text = "In the poll, 21 percent of Ruritanians said the country did not need NATO membership."
    assert _found(text) == [["21 percent", "against"]]
    text = "In the poll, 70% of Ruritanians are satisfied with NATO membership, while a fifth (20%) is dissatisfied."
    assert _found(text) == [["70%", "for"], ["20%", "against"]]


def test_as_opposed_to_is_no_opposition_and_insisting_on_accession_is_support() -> None:
    text = "In the NATO poll, 55% of Ruritanians insist on NATO accession as opposed to other guarantees."
    assert _found(text) == [["55%", "for"]]
    assert _found("In the NATO poll, 25% of Ruritanians opposed NATO accession.") == [["25%", "against"]]


def test_supporting_the_contrary_is_the_opposite_answer() -> None:
    text = "In the poll, 77% of Ruritanians think the country should stay in NATO, while 19% support the contrary."
    assert _found(text) == [["77%", "for"], ["19%", "against"]]


# --------------------------------------------------------------------------- answers named by label or wording


def test_yes_or_no_written_right_before_a_figure_is_the_answer() -> None:
    text = "Should Ruritania join NATO? Yes 51%, No 37% in the poll."
    assert _found(text) == [["51%", "for"], ["37%", "against"]]
    # a word other than yes or no before the figure names no answer (positive control)
    assert _found("Should Ruritania join NATO? Maybe 51% in the poll.") == []


def test_defence_guarantees_and_a_less_likely_attack_are_protection() -> None:
    for text in (
        "In the poll, 37% of Ruritanians see NATO as a defense.",
        "In the poll, 50% of Ruritanians consider membership in NATO a guarantee of independence.",
        "In the poll, 61% of Ruritanians agree that NATO membership makes a foreign attack less likely.",
        "In the poll, 58% of Ruritanians agree NATO membership deters foreign attack.",
    ):
        assert [f[1] for f in _found(text)] == ["protection"], text
    # agreeing with no named benefit stays support (positive control)
    assert _found("In the poll, 58% of Ruritanians agree with NATO membership.") == [["58%", "for"]]


def test_neither_protection_nor_threat_and_never_heard_are_other() -> None:
    text = "In the poll, 20% of Ruritanians do not see NATO either as protection or as a threat."
    assert _found(text) == [["20%", "other"]]
    assert _found("In the poll, 4% of Ruritanians have never heard of NATO.") == [["4%", "other"]]
    assert _found("In the poll, 20% of Ruritanians see NATO as a threat.") == [["20%", "threat"]]


def test_a_challenging_question_and_non_response_are_undecided() -> None:
    text = "In the NATO poll, 50% of Ruritanians back joining, 35% are against and 15% find it challenging to answer."
    assert _found(text) == [["50%", "for"], ["35%", "against"], ["15%", "undecided"]]


def test_little_confidence_in_the_organisation_is_opposition() -> None:
    text = "A poll on NATO found 49 percent of Ruritanians have little confidence in the organisation."
    assert _found(text) == [["49 percent", "against"]]


# --------------------------------------------------------------------------- what the figure is about


def test_a_topic_named_as_a_time_is_a_setting() -> None:
    text = (
        "In the NATO poll, soon after the beginning of Russia's invasion of Ukraine, 61% of Ruritanians said they "
        "would support the accession."
    )
    assert _found(text) == [["61%", "for"]]
    # the same topic as what is asked stays a topic of its own (positive control)
    assert _found("In a NATO poll, 70% of Ruritanians condemned Russia's invasion of Ukraine.") == []


def test_respondents_picked_out_by_party_are_a_subgroup() -> None:
    text = (
        "In the poll, the share of Ruritanians who do not trust NATO from the opposition parties exceeded 60%, "
        "with 66% from the Green Party."
    )
    assert _found(text) == [["60%", "against"], ["66%", "against"]]
    # a party as what is asked about stays a topic (positive control)
    assert _found("In the NATO poll, 60% of Ruritanians trust the Green Party.") == []


def test_an_alliance_with_another_country_or_a_union_of_named_countries_is_another_option() -> None:
    text = (
        "In the NATO poll, 40% of Ruritanians back joining NATO, 6% chose a strategic and defense alliance with "
        "the U.S. and 9% a military-political union consisting of Ruritania and Freedonia."
    )
    assert _found(text) == [["40%", "for"]]
