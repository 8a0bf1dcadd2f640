"""General rules of issue 14's fifth round (blind5 read as development data, blind6 held out): one
invented sentence per rule, none taken from news text or from the evaluation passages."""

from __future__ import annotations

from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- stance from wording


def test_a_yes_or_no_to_leaving_the_alliance_inverts_the_answer() -> None:
    text = "In the Ruritanian survey, asked whether the country should leave NATO, 70% answered negatively and 18% positively."
    assert _found(text) == [["70%", "for"], ["18%", "against"]]
    # the same answers to a question of joining keep their sense (positive control)
    text = "In the Ruritanian survey, asked whether the country should join NATO, 70% answered negatively and 18% positively."
    assert _found(text) == [["70%", "against"], ["18%", "for"]]


def test_a_commitment_to_the_alliance_cut_is_opposition_and_kept_is_support() -> None:
    text = (
        "In the poll, 22 percent want to reduce the country's commitment to NATO, "
        "while 40 percent want to maintain NATO commitment."
    )
    assert _found(text) == [["22 percent", "against"], ["40 percent", "for"]]


def test_no_particular_opinion_is_undecided_and_a_misspelt_negative_is_against() -> None:
    text = "Asked about joining NATO, 41% of Ruritanians answered positively, 39% negativly and 20% had no particular opinion."
    assert _found(text) == [["41%", "for"], ["39%", "against"], ["20%", "undecided"]]


# --------------------------------------------------------------------------- what the figure is about


def test_the_un_written_with_dots_is_another_organisation() -> None:
    text = "A poll found 61 percent back NATO and 58 percent said the U.N. does a good job."
    assert _found(text) == [["61 percent", "for"]]


def test_having_heard_a_fact_is_no_attitude() -> None:
    text = "In the survey, 91% of Ruritanians had heard that the country applied to join NATO, and 60% back membership."
    assert _found(text) == [["60%", "for"]]


def test_the_war_sanctions_bases_and_defending_an_ally_are_topics_of_their_own() -> None:
    for text in (
        "In a NATO poll, 70% of Ruritanians condemned Russia's invasion of Ukraine.",
        "A poll on NATO found 33% of Ruritanians oppose sanctions against Russia.",
        "In a poll on NATO, 48% of Ruritanians do not want foreign military bases in the country.",
        "A poll found 40% of Ruritanians would support taking military action to defend a NATO ally.",
        "In the NATO survey, 52% of Ruritanians expressed confidence in the Ruritanian army.",
    ):
        assert _found(text) == [], text
    # a setting, not the topic: the invasion before a NATO answer leaves the answer (positive control)
    assert _found("After Russia's invasion of Ukraine, a survey found 57% of Ruritanians back NATO membership.") == [
        ["57%", "for"]
    ]


def test_which_side_would_win_is_a_prediction() -> None:
    text = "In the poll on the NATO referendum, 60% of Ruritanians are convinced the NATO option would win."
    assert _found(text) == []
