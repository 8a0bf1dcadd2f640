"""What a figure's sentence and the sentences before it say about the question asked: a poll context, a
referendum on NATO, a count of ballots, expectations of a summit, a subgroup's reasons, a subgroup asked about
something else. :func:`analysis.extract.decide.decide` reads them; :func:`may_hold_nato_figures` tells it which
sentences it can skip."""

from __future__ import annotations

import re

from analysis.extract.clauses import Clause
from analysis.extract.lexicon import POLL_CONTEXT, TOPIC_CONTEXT
from analysis.extract.sentences import Document, Sentence

_VOTE_COUNT = re.compile(r"\b(?:referend|plebiscite|election|ballot|voted|turnout)")


def vote_count(sentence: Sentence) -> bool:
    """The sentence is about a vote (a referendum, an election): its figures may count ballots, not answers.

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Turnout was 62% in the referendum. Some 58% back NATO."
    >>> doc = Document(t, sentence_spans(t))
    >>> [vote_count(doc.sentence(i)) for i in (0, 1)]
    [True, False]
    """
    if "vote" not in sentence.memo:
        sentence.memo["vote"] = bool(_VOTE_COUNT.search(sentence.folded))
    return bool(sentence.memo["vote"])


def continues_a_count(doc: Document, sentence: Sentence) -> bool:
    """The sentence goes on with a vote just counted: it is about a vote, names no poll, and one of the two
    sentences before it names an official count ("the electoral commission stated ... 66% voted for").

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "The electoral commission counted 95% of ballots. Then 66% voted for NATO. A poll found 58% back NATO."
    >>> doc = Document(t, sentence_spans(t))
    >>> [continues_a_count(doc, doc.sentence(i)) for i in (1, 2)]
    [True, False]
    """
    return (
        vote_count(sentence) and not sentence.poll_cue and any(s.not_poll.items for s in doc.before(sentence.index, 2))
    )


_RENOUNCED = re.compile(
    r"\b(?:refus\w*|renounc\w*|renunciation|abandon\w*|giv\w* up|drop\w*|reject\w*|rejection|forgo\w*|forsak\w*|"
    r"waiv\w*|freez\w*)(?: of| from| on| to)?\s+(?:[\w'’]+\s+){0,3}?(?:nato|the alliance|membership|accession|bid)\b|"
    r"\b(?:without|no)\s+(?:nato|(?:joining|membership in|accession to)\s+nato)\b"
)
"""Giving up NATO membership as the thing put to respondents ("refusal to join NATO", "renouncing the bid for NATO",
"a package without NATO"; on lower-cased text)."""
_REFERS_BACK = re.compile(r"\b(?:it|this|that|such|the same|the (?:arrangement|package|option|deal|price|proposal))\b")
_REJECTED = re.compile(r"\bunacceptab|\bundesirab|\bcategorically against|\bagainst it\b|\breject|\boppos")
_ACCEPTED = re.compile(r"\bacceptab|\baccept\b|\bdesirab|\bready to accept|\bagree")


def renunciation_answer(doc: Document, sentence: Sentence, clause: Clause) -> str | None:
    """The answer of a figure that judges giving up NATO membership as acceptable or not: rejecting the renunciation
    is support (``for``), accepting it is ``against``; ``None`` if the figure judges no such thing.

    The renunciation is named in the figure's sentence up to the end of its clause, or in the sentence before when
    the figure's clause refers back to it ("12% think this is an acceptable option"); the judgement is in the
    figure's own clause.

    >>> from analysis.text.sentences import sentence_spans
    >>> from analysis.extract.figures import find_figures
    >>> t = "In the poll, 52% call the refusal to join NATO an unacceptable price. Only 9% think this is acceptable."
    >>> doc = Document(t, sentence_spans(t))
    >>> answers = []
    >>> for i in (0, 1):
    ...     s = doc.sentence(i)
    ...     s.figures = [f for f in find_figures(t) if s.start <= f.start < s.end]
    ...     answers.append(renunciation_answer(doc, s, s.clauses[0]))
    >>> answers
    ['for', 'against']
    """
    folded = sentence.folded
    # the figure's judgement, with the renunciation it judges blanked ("rejection of joining NATO" is no rejection)
    own = _RENOUNCED.sub(" ", folded[max(clause.left, clause.start - 60) : clause.right])
    rejected = _REJECTED.search(own) is not None
    if not (rejected or _ACCEPTED.search(own)):
        return None
    if not _RENOUNCED.search(folded, 0, clause.right):  # named before the figure's judgement, or within it
        previous = doc.previous(sentence.index)
        if (
            sentence.nato_cue
            or previous is None
            or not _REFERS_BACK.search(own)
            or not _RENOUNCED.search(previous.folded)
        ):
            return None
    return "for" if rejected else "against"


def poll_context(doc: Document, sentence: Sentence) -> bool:
    """A poll cue in the sentence, or a poll cue or an accepted figure in one of the
    ``POLL_CONTEXT`` sentences before it (a poll's findings run over several sentences, and the
    method is often described in a paragraph of its own before them).

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Prices rose 5%. A poll by KIIS was held in May. Of those asked, 58% back NATO."
    >>> doc = Document(t, sentence_spans(t))
    >>> [poll_context(doc, doc.sentence(i)) for i in (0, 2)]
    [False, True]
    """
    if "poll_context" not in sentence.memo:  # earlier sentences are decided first: stable once read
        sentence.memo["poll_context"] = sentence.poll_cue or any(
            s.poll_cue or s.accepted for s in doc.before(sentence.index, POLL_CONTEXT)
        )
    return bool(sentence.memo["poll_context"])


def nato_referendum(doc: Document, sentence: Sentence) -> bool:
    """The sentence is about a referendum on NATO (its turnout is a share who would take part).

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "If a referendum on NATO were held now, 64% would vote yes. Turnout would be 62 percent."
    >>> doc = Document(t, sentence_spans(t))
    >>> nato_referendum(doc, doc.sentence(1))
    True
    """
    return any("referend" in s.folded for s in [sentence, *doc.before(sentence.index, 2)]) and any(
        s.nato_cue for s in [sentence, *doc.before(sentence.index)]
    )  # "In a referendum on NATO ... Turnout would be 62 percent": the referendum named just before


def may_hold_nato_figures(doc: Document, sentence: Sentence) -> bool:
    """A cheap test that :func:`decide` could accept a figure here (same outcome, less work).

    A figure's topic comes from this sentence or the ``TOPIC_CONTEXT`` before it, so
    without a NATO cue in that window (searched in the unmasked text, a superset) no topic
    resolves to NATO (unless an accepted figure there makes an undecided share NATO's); and
    without a poll cue or an accepted figure here or in that window, there is no poll context,
    so only a figure with an answer cue of its own could count (none in the sentence and no figure with an answer
    named by a header: none).

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Prices rose 5%. In a poll, 58% backed NATO."
    >>> doc = Document(t, sentence_spans(t))
    >>> [may_hold_nato_figures(doc, doc.sentence(i)) for i in (0, 1)]
    [False, True]
    """
    if not (sentence.nato_cue or any(s.nato_cue or s.accepted for s in doc.before(sentence.index, TOPIC_CONTEXT))):
        return False
    return poll_context(doc, sentence) or bool(sentence.stances.items) or any(f.answer for f in sentence.figures)


_EXPECTATION = re.compile(
    r"\bexpect(?:s|ed|ing|ations?)?\b[^.;]*\bsummit\b|\bsummit\b[^.;]*\bexpect"
)  # on lower-cased text


def summit_expectation(sentence: Sentence) -> bool:
    """A sentence about what people expect of a NATO summit: its figures answer that, not support.

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Only 21% expect the NATO summit to invite Ukraine."
    >>> summit_expectation(Document(t, sentence_spans(t)).sentence(0))
    True
    """
    if "expectation" not in sentence.memo:
        sentence.memo["expectation"] = "summit" in sentence.folded and bool(_EXPECTATION.search(sentence.folded))
    return bool(sentence.memo["expectation"])


_REASON = re.compile(r"\bbecause\b|\breasons?\b|\bmotives?\b|\bas they (?:think|believe)\b|\bwhy\b")
_SUBGROUP = re.compile(
    r"\b(?:of|among) (?:those|them|the (?:supporters|opponents|respondents who))\b|\bof (?:supporters|opponents)\b"
)


def reasons_of_a_subgroup(sentence: Sentence) -> bool:
    """A follow-up question put to a subgroup about their reasons ("53% of those for whom NATO is
    acceptable say it is because ..."): its figures count reasons, not support.

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Of those who back NATO, 53% say it is because of the war."
    >>> reasons_of_a_subgroup(Document(t, sentence_spans(t)).sentence(0))
    True
    """
    if "reasons" not in sentence.memo:
        folded = sentence.folded
        words = any(w in folded for w in ("because", "reason", "motive", "as they ", "why"))  # what _REASON needs
        sentence.memo["reasons"] = words and bool(_REASON.search(folded) and _SUBGROUP.search(folded))
    return bool(sentence.memo["reasons"])


_DEFINED_BY_NATO = re.compile(
    r"\b(?:supporters|opponents|backers|proponents|advocates)\s+of\s+(?:nato|joining|membership|accession|the alliance)\b|"
    r"\bwho (?:supported|support|supports|opposed|oppose|opposes|backed|back|backs|favou?red|favou?rs?|rejected|"
    r"rejects?)\b[^.;]{0,40}?\b(?:nato|alliance|joining|membership|accession)\b"
)
_SAID_ELSE = re.compile(
    r"[^;]{0,40}?\b(?:said|say|says|think|thinks|thought|believe|believes|believed)\b(?P<rest>[^;%\d]*)"
)  # what the group said, up to the next figure
_NATO_WORDS = re.compile(r"\b(?:nato|alliance|bloc|membership|joining|join|accession)\b")


def subgroup_asked_else(sentence: Sentence, clause: Clause) -> bool:
    """The figure counts a group defined by its answer about NATO that answers another question ("77% of experts who
    opposed joining NATO said the country would not be attacked"): the share of that group, not of an answer on NATO.

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Some 77% of experts who opposed joining NATO said the country would not be attacked."
    >>> from analysis.extract.figures import find_figures
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> s.figures = find_figures(t)
    >>> subgroup_asked_else(s, s.clauses[0])
    True
    """
    folded = sentence.folded
    m = _DEFINED_BY_NATO.search(folded, clause.left, min(len(folded), clause.end + 50))
    said = _SAID_ELSE.match(folded, m.end()) if m is not None else None
    return said is not None and not _NATO_WORDS.search(said["rest"])
