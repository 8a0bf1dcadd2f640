"""General rules of issue 14's fifteenth round (blind17 read as development data after its first run): one invented
sentence per rule, none taken from news text or from the evaluation passages, each with a positive control."""

from __future__ import annotations

from tests.extract._evalset import found as _found


def test_judging_a_renunciation_of_nato_reverses_the_answer() -> None:
    text = "In the poll, 52% call the refusal to join NATO an unacceptable price, and 30% call such a price acceptable."
    assert _found(text) == [["52%", "for"], ["30%", "against"]]
    # the judgement in the next sentence, referring back to the renunciation
    text = "In the poll, 52% call the refusal to join NATO an unacceptable price. Only 9% think this is acceptable."
    assert _found(text) == [["52%", "for"], ["9%", "against"]]
    # positive control: judging NATO membership itself keeps the answer's own direction
    text = "In the poll, 52% call joining NATO acceptable, and 30% call it unacceptable."
    assert _found(text) == [["52%", "for"], ["30%", "against"]]


def test_securing_peace_is_protection() -> None:
    assert _found("In the survey, 71% believe the alliance secures peace in Europe.") == [["71%", "protection"]]
    # positive control: peace talks remain another topic
    assert _found("In the NATO survey, 71% back peace talks.") == []


def test_calling_nato_superfluous_or_wanting_it_dissolved_is_against() -> None:
    text = "In the survey, 11 per cent consider NATO superfluous and are in favour of dissolving it."
    assert _found(text) == [["11 per cent", "against"]]
    # positive control: being in favour of NATO is support
    assert _found("In the survey, 11 per cent are in favour of NATO.") == [["11 per cent", "for"]]


def test_confidence_enjoyed_by_nato_is_support() -> None:
    assert _found("In the survey, the most confidence is enjoyed by NATO – 47.5%.") == [["47.5%", "for"]]
    # positive control: confidence enjoyed by the army is another topic
    assert _found("In the NATO survey, the most confidence is enjoyed by the army – 47.5%.") == []


def test_nato_influence_and_an_inevitable_war_are_not_attitudes() -> None:
    assert _found("In the poll, 27% believe NATO's influence is growing.") == []
    assert _found("In the poll, 14% agree that a war between Russia and NATO is inevitable.") == []
    # positive control: a favourable view of NATO is read
    assert _found("In the poll, 27% have a favourable view of NATO.") == [["27%", "for"]]
