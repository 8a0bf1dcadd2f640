"""Features of candidate figures (analysis.extract.features): the same candidates and decisions as the extractor,
features that describe what is around each figure, and the rules' decision kept apart."""

from __future__ import annotations

import pandas as pd

from analysis.extract import extract_poll_mentions
from analysis.extract.api import candidate_reasons
from analysis.extract.features import candidate_features

POLL = "A Rating poll found 58% of Ukrainians support joining NATO, while 30% oppose it. Prices rose 5%."


def test_the_candidates_and_decisions_are_the_extractors(docs: pd.DataFrame) -> None:
    for text in docs["text"].head(60):
        found = candidate_features(text)
        reasons = candidate_reasons(text)
        assert [(c.start, c.end) for c in found] == [(s, e) for s, e, _ in reasons]
        assert [c.reported for c in found] == [r == "" for _, _, r in reasons]
        reported = extract_poll_mentions(text)
        assert [c.stance for c in found if c.reported] == reported["stance"].tolist()


def test_features_say_what_is_around_a_figure() -> None:
    support, oppose, prices = candidate_features(POLL)
    f = support.features
    assert f["l1:found"] == f["r1:of"] == f["cr:ukrainians"] == f["lb:poll_found"] == 1.0  # words beside it
    assert f["tc:nato"] == f["tn:nato"] == f["poll_s"] == f["first"] == 1.0 and f["last"] == 0.0
    assert f["s:oppose"] == 0.3  # every word of the sentence, weighted lower
    # the second figure's clause holds its own answer, not NATO (named in the first clause)
    assert oppose.features["ssc:against"] == oppose.features["ts:nato"] == oppose.features["tn:none"] == 1.0
    # the third sentence names no poll and no NATO: its own topic, and NATO only in the sentence before
    p = prices.features
    assert p["tc:economy"] == p["nato_prev:1"] == p["pt:nato"] == 1.0 and p["poll_s"] == 0.0
    assert "tn:nato" not in p and p["nato_d:none"] == 1.0


def test_the_rules_decision_is_kept_apart() -> None:
    reported, _, rejected = candidate_features(POLL)
    assert {k for k in reported.features if k.startswith("rule:")} == {
        "rule:accepted",
        "rule:stance:for",
        "rule:topic:nato",
    }
    assert reported.features["rule:accepted"] == 1.0 and rejected.features["rule:accepted"] == 0.0
    assert rejected.features["rule:topic:economy"] == 1.0
    # a sentence the rules skip (no NATO cue in reach) has no decision: an empty stance, and features saying so
    (skipped,) = candidate_features("Prices rose 5%.")
    assert not skipped.reported and skipped.stance == ""
    assert skipped.features["rule:stance:none"] == skipped.features["rule:topic:None"] == 1.0


def test_a_text_without_figures_has_no_candidates_and_reading_is_deterministic() -> None:
    assert candidate_features("NATO was founded in 1949.") == []
    assert candidate_features(POLL) == candidate_features(POLL)
