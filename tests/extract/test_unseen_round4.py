"""General rules of issue 14's fourth round (blind4 read as development data): one invented sentence per
rule, none taken from news text or from the evaluation passages. Each test names the structure."""

from __future__ import annotations

from analysis.extract import extract_poll_mentions

COLUMNS = ["share_as_written", "stance"]


def _found(text: str) -> list[list[object]]:
    return extract_poll_mentions(text)[COLUMNS].values.tolist()


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
