"""What the extractor sees around each candidate figure, as features a learned reader can be trained on.

:func:`candidate_features` reads a text as :func:`~analysis.extract.api.extract_poll_mentions` does and gives, for
every candidate figure (reported or not), the rules' decision and a dictionary of sparse features: the words of
the figure's clause and of a window around it, the cue lexicons' labels in the clause, the sentence and the
sentence before, how far the nearest NATO cue is, whether a poll is named, change, error and prediction cues, and
the figure's form and place. ``benchmarks/extract_learned_check.py`` trains logistic regressions on them and
scores them on held-out batches against the rules.
"""

from __future__ import annotations

import math
import re
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from analysis.extract.api import _read
from analysis.extract.clauses import Spans, nearest_cue
from analysis.extract.decide import _Decision
from analysis.extract.lexicon import CONTEXT_SENTENCES, change_after, change_before, context_cues
from analysis.extract.provenance import is_headline
from analysis.extract.sentences import Sentence

__all__ = ["Candidate", "candidate_features"]

_WORD = re.compile(r"[a-z]+(?:['’]t)?|%")
_NEGATIONS = {"not", "no", "never", "neither", "nor", "don’t", "don't", "didn't", "didn’t", "nobody"}
_WINDOW = 60
"""Characters either side of the figure whose first or last five words are features of their own."""


class Candidate(NamedTuple):
    """One candidate figure: its offsets, the rules' decision (``reported``, ``stance``; ``stance`` is ``""``
    where the rules did not read the sentence) and its features (name: value)."""

    start: int
    end: int
    reported: bool
    stance: str
    features: dict[str, float]


def candidate_features(text: str) -> list[Candidate]:
    """Every candidate figure of ``text``, in order, with the rules' decision and its features.

    Features whose names start with ``rule:`` are the rules' own decision; a reader meant to stand on its own
    leaves them out.

    >>> found = candidate_features("A poll found 58% of Finns support joining NATO. GDP fell 5%.")
    >>> [(c.start, c.end, c.reported, c.stance) for c in found]
    [(13, 16, True, 'for'), (57, 59, False, 'for')]
    >>> f = found[0].features
    >>> f["tn:nato"], f["poll_s"], f["r1:of"], f["rule:accepted"]
    (1.0, 1.0, 1.0, 1.0)
    """
    out = []
    for sentence, read in groupby(_read(text, ""), key=itemgetter(0)):  # a sentence's figures come in order
        for i, (_, figure, decision) in enumerate(read):
            reported = decision is not None and decision.accepted
            stance = decision.stance if decision else ""
            found = _features(sentence, i, decision)
            out.append(Candidate(figure.start, figure.end, reported, stance, found))
    return out


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _bucket(count: int) -> str:
    return str(min(int(math.log2(count + 1)), 9))


def _features(sentence: Sentence, i: int, decision: _Decision | None) -> dict[str, float]:
    """The features of the ``i``-th figure of ``sentence`` (see the module docstring)."""
    clause, figure, folded, text = sentence.clauses[i], sentence.figures[i], sentence.folded, sentence.text
    f: dict[str, float] = {}
    left, right = _words(folded[clause.left : clause.start]), _words(folded[clause.end : clause.right])
    f.update({"cl:" + w: 1.0 for w in left})
    f.update({"cr:" + w: 1.0 for w in right})
    near_left = _words(folded[max(0, clause.start - _WINDOW) : clause.start])[-5:]
    near_right = _words(folded[clause.end : clause.end + _WINDOW])[:5]
    for side, near in (("l", near_left), ("r", near_right)):
        for k, w in enumerate(near):
            f[side + ":" + w] = 1.0
            if k:
                f[side + "b:" + near[k - 1] + "_" + w] = 1.0
    if near_left:
        f["l1:" + near_left[-1]] = 1.0
    if near_right:
        f["r1:" + near_right[0]] = 1.0
    f.update({"s:" + w: 0.3 for w in set(_words(folded))})
    for start, _, label in sentence.topics:
        f[("tc:" if clause.left <= start < clause.right else "ts:") + label] = 1.0
    cue = nearest_cue(Spans(sentence.topics), clause, text)
    f["tn:" + (cue[2] if cue else "none")] = 1.0
    for name, cues in (("ss", sentence.stances), ("sw", sentence.weak_stances)):
        for start, _, label in cues.items:
            f[name + ("c:" if clause.left <= start < clause.right else "s:") + label] = 1.0
        near = nearest_cue(cues, clause, text)
        if near is not None:
            f[name + "n:" + near[2]] = 1.0
    nato = [start for start, _, label in sentence.topics if label == "nato"]
    f["nato_d:" + (_bucket(min(abs(s - clause.start) for s in nato)) if nato else "none")] = 1.0
    before = sentence.doc.before(sentence.index, CONTEXT_SENTENCES)
    back = next((k for k, p in enumerate(before, 1) if p.nato_cue), None)
    if back is not None:
        f["nato_prev:" + str(back)] = 1.0
    if before:
        f.update({"pt:" + label: 1.0 for _, _, label in before[0].topics[-2:]})
        f.update({"ps:" + label: 1.0 for _, _, label in before[0].stances.items[-2:]})
    f["poll_s"] = float(sentence.poll_cue)
    f["poll_prev"] = float(any(s.poll_cue for s in before))
    if any(w in _NEGATIONS for w in left + right):
        f["neg"] = 1.0
    f["change"] = float(
        bool(
            change_before().search(folded[max(clause.left, clause.start - 40) : clause.start])
            or change_after().match(folded[clause.end : min(clause.right, clause.end + 40)].lstrip())
        )
    )
    f["error"] = float(sentence.errors.last_within(0, clause.start) is not None)
    within = slice(clause.left, clause.right)
    f["prediction"] = float(bool(context_cues("prediction").search(text[within], folded[within])))
    f["not_poll"] = float(sentence.not_poll.first_within(0, clause.end) is not None)
    f["bare"] = float(figure.bare)
    f["q:" + figure.qualifier] = 1.0
    f["share:" + str(min(int(figure.share // 10), 10))] = 1.0
    f["headline"] = float(is_headline(sentence))
    f["parens"] = float(clause.in_parens)
    f["first"] = float(i == 0)
    f["last"] = float(i == len(sentence.figures) - 1)
    f["rule:accepted"] = float(decision is not None and decision.accepted)
    f["rule:stance:" + (decision.stance if decision else "none")] = 1.0
    f["rule:topic:" + str(decision.topic if decision else None)] = 1.0
    return f
