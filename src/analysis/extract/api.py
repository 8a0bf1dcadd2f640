"""Public functions: one text, a batch of documents, the empty result."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.extract.context import may_hold_nato_figures
from analysis.extract.decide import _Decision, decide
from analysis.extract.figures import Figure, answer_tuples, bare_figures, find_figures, table_cells
from analysis.extract.sentences import Document, Sentence
from analysis.extract.spans import join_wrapped, split_elisions
from analysis.text.sentences import sentence_spans

STANCES = ("for", "against", "undecided", "would_not_vote", "threat", "protection", "other")
"""Stance of a figure: the answer the share counts (``other``: neutrality, "neither", ...)."""

QUESTION_TYPES = ("referendum_vote", "membership_support", "threat_protection", "security_option", "other_construct")
"""What a figure answers: a vote in a referendum on NATO; support for joining; NATO as a threat or
a protection; a choice among security options (NATO, neutrality, other alliances); any other view of
NATO (favourable or not, an attitude)."""

GEOGRAPHY_LEVELS = ("national", "region", "oblast", "city", "")
"""Level of ``geography`` (``""``: a place the gazetteer does not know)."""

MENTION_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "share": "float64",
    "share_qualifier": "str",
    "share_low": "float64",
    "share_high": "float64",
    "share_as_written": "str",
    "share_start": "int64",
    "share_end": "int64",
    "sentence_start": "int64",
    "sentence_end": "int64",
    "stance": "str",
    "question_type": "str",
    "country": "str",
    "geography": "str",
    "geography_level": "str",
    "region": "str",
    "city": "str",
    "pollster": "str",
    "date_as_written": "str",
    "date_start": "str",
    "date_end": "str",
    "date_precision": "str",
    "sample_size": "Int64",
}
"""Columns of the result and their dtypes (offsets are ``str`` indices into the text).

``share_low``/``share_high``: the bounds of a range (``share`` is its midpoint, qualifier
``range``), NaN otherwise. ``question_type``: one of :data:`QUESTION_TYPES`. ``geography`` as
written (``national`` if none); ``geography_level`` one of :data:`GEOGRAPHY_LEVELS`; ``region``
harmonised (the values of :func:`analysis.text.names.harmonise_region`), ``""`` when unknown or
outside Ukraine; ``city`` one spelling per city, ``""`` if the figure is not a city's. ``country``:
the respondents' country where the text implies it, else ``""``."""


def empty_mentions() -> pd.DataFrame:
    """An empty result with the right columns and dtypes (e.g. ``meta`` for Dask).

    >>> empty_mentions().dtypes["share"], len(empty_mentions())
    (dtype('float64'), 0)
    """
    return _frame([])


def extract_poll_mentions(text: str, doc_id: str = "") -> pd.DataFrame:
    """Poll figures about NATO in ``text``: one row per figure, columns ``MENTION_COLUMNS``.

    ``share_start:share_end`` and ``sentence_start:sentence_end`` are offsets into
    ``text``; ``text[share_start:share_end] == share_as_written``. Percentages that are
    not NATO poll figures (EU support, trust in politicians, vote shares, economic figures,
    the 2% spending target, margins of error, changes in points, predictions) are left out;
    trust in NATO itself is a view of NATO (``question_type`` ``other_construct``).
    Garbled input does not raise; a non-string does (:class:`ParseError`).

    >>> t = ("On May 7, 1997 a NATO centre opened. On May 6, a Ukrainian opinion poll found that "
    ...      "37% of respondents were in favour of joining NATO, 28% were opposed, and 34# were unsure. "
    ...      "Support for the EU was 60%, a margin of error of 3%.")
    >>> extract_poll_mentions(t)[["share_as_written", "stance", "country", "date_start", "date_precision"]]
      share_as_written     stance  country  date_start date_precision
    0              37%        for  Ukraine  1997-05-06            day
    1              28%    against  Ukraine  1997-05-06            day
    2              34#  undecided  Ukraine  1997-05-06            day
    """
    return _frame(_rows(text, doc_id))


def _read(text: str, doc_id: str) -> Iterator[tuple[Sentence, Figure, _Decision | None]]:
    """Every candidate figure of ``text`` with its sentence and decision, in order (``None``: its sentence
    was skipped by the pre-filter, so no figure of it could be accepted)."""
    if not isinstance(text, str):
        raise ParseError(
            f"cannot extract poll mentions from {type(text).__name__} {text!r} (doc {doc_id!r}): expected a string"
        )
    figures = find_figures(text)
    if cells := table_cells(text):
        figures = sorted(figures + cells)
    if not figures:
        return
    if tuples := answer_tuples(text, figures):
        figures = sorted(figures + tuples)
    doc = Document(text, split_elisions(text, join_wrapped(text, sentence_spans(text))))
    starts = [s.start for s in doc.spans]
    for figure in figures:
        index = bisect.bisect_right(starts, figure.start) - 1
        sentence = doc.sentence(index)
        if sentence is not None and figure.end <= sentence.end:
            sentence.figures.append(figure)
    try:
        yield from _decided(doc)
    finally:
        doc.release()  # its sentences are freed at once, not left to the cyclic garbage collector


def _decided(doc: Document) -> Iterator[tuple[Sentence, Figure, _Decision | None]]:
    """The figures of ``doc``'s sentences with their decisions (see :func:`_read`); a figure heading a line of its
    own ("Kosovo: 88%") takes the decision of the same share accepted in the sentence after it (:func:`_restated`)."""
    read = list(_decided_one_by_one(doc))
    by_sentence: dict[int, list[tuple[Figure, _Decision | None]]] = {}
    for sentence, figure, decision in read:
        by_sentence.setdefault(sentence.index, []).append((figure, decision))
    for sentence, figure, decision in read:
        if not (decision is not None and decision.accepted) and _HEADING.fullmatch(
            doc.text, sentence.start, figure.start
        ):
            restated = _restated(figure, by_sentence.get(sentence.index + 1, []))
            if restated is not None and not doc.text[figure.end : sentence.end].strip():
                decision = restated
        yield sentence, figure, decision


_HEADING = re.compile(r"[A-Z][^:\n.!?]{0,60}:\s*")
"""A line that names a country, a region or a group, then a colon, before its one figure ("North Macedonia: 52%")."""


def _restated(figure: Figure, after: list[tuple[Figure, _Decision | None]]) -> _Decision | None:
    """The decision of the first figure of the next sentence with ``figure``'s share, if it was accepted: a heading
    whose sentence restates its figure ("Kosovo: 88%" / "... with 88% of respondents favoring accession")."""
    for other, decision in after:
        if other.share == figure.share and decision is not None and decision.accepted:
            return decision
    return None


def _decided_one_by_one(doc: Document) -> Iterator[tuple[Sentence, Figure, _Decision | None]]:
    """The figures of ``doc``'s sentences with their decisions, each sentence read on its own."""
    for index in sorted(doc.sentences):
        sentence = doc.sentences[index]
        if not sentence.figures:
            continue
        if not may_hold_nato_figures(doc, sentence):  # every figure would be rejected: no NATO cue in
            for figure in sentence.figures:  # reach, or no poll context and no answer cue
                yield sentence, figure, None
            continue
        bare = bare_figures(doc.text, sentence.start, sentence.end, sentence.figures)
        if bare:
            sentence.figures = sorted(sentence.figures + bare)
            sentence.__dict__.pop("clauses", None)
        decisions = decide(doc, sentence)
        sentence.accepted = any(d.accepted for d in decisions)
        accepted_stances = [d.stance for d in decisions if d.accepted]
        sentence.last_stance = accepted_stances[-1] if accepted_stances else None
        for figure, decision in zip(sentence.figures, decisions, strict=True):
            yield sentence, figure, decision


def _rows(text: str, doc_id: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for sentence, figure, decision in _read(text, doc_id):
        if decision is not None and decision.accepted:
            rows.append(
                {
                    "doc_id": doc_id,
                    "share": figure.share,
                    "share_qualifier": figure.qualifier,
                    "share_low": figure.low if figure.low is not None else float("nan"),
                    "share_high": figure.high if figure.high is not None else float("nan"),
                    "share_as_written": figure.as_written,
                    "share_start": figure.start,
                    "share_end": figure.end,
                    "sentence_start": sentence.start,
                    "sentence_end": sentence.end,
                    **decision.row,
                }
            )
    return rows


def candidate_reasons(text: str) -> list[tuple[int, int, str]]:
    """Every candidate figure of ``text`` as ``(start, end, reason)``: why it is not reported (``""`` if it
    is). For error analysis (the benchmark); reasons are short phrases such as ``"topic: eu"``,
    ``"no answer cue"``, ``"no poll named"``, ``"no NATO cue in reach"``.

    >>> candidate_reasons("A poll found 58% of Finns support joining NATO. GDP fell 5%.")
    [(13, 16, ''), (57, 59, 'topic: economy')]
    >>> candidate_reasons("Prices rose 5%.")
    [(12, 14, 'no NATO cue in reach')]
    """
    return [(f.start, f.end, "no NATO cue in reach" if d is None else d.reason) for _, f, d in _read(text, "")]


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The rows as a table of :data:`MENTION_COLUMNS`, each column built once in its own dtype (several times
    faster than a table of objects cast afterwards, which dominated the time of a short document)."""
    columns = {}
    for name, dtype in MENTION_COLUMNS.items():
        values = [row[name] for row in rows]
        columns[name] = pd.array(values, dtype=dtype) if dtype in ("str", "Int64") else np.array(values, dtype=dtype)
    return pd.DataFrame(columns, copy=False)


def extract_batch(docs: pd.DataFrame | Iterable[Mapping[str, str]]) -> pd.DataFrame:
    """Run :func:`extract_poll_mentions` over a table of documents (columns ``doc_id``, ``text``), or over
    a list of ``{"doc_id": ..., "text": ...}`` records.

    Works on any partition of a larger table independently, so it can be mapped over the
    partitions of a Dask DataFrame or Bag; rows keep the documents' order and the result
    has a fresh ``RangeIndex``. Raises :class:`DataValidationError` if a column is
    missing and :class:`ParseError` for a text that is not a string.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...                      "text": ["A poll found 61% of Finns support joining NATO.", "GDP fell 5%."]})
    >>> extract_batch(docs)[["doc_id", "share", "stance", "country"]]
      doc_id  share stance  country
    0      a   61.0    for  Finland
    """
    if not isinstance(docs, pd.DataFrame):  # a list of {"doc_id": ..., "text": ...} records
        docs = pd.DataFrame(list(docs))
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise DataValidationError([Issue("docs", None, c, None, "missing column (need doc_id, text)") for c in missing])
    rows: list[dict[str, object]] = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        rows += _rows(text, str(doc_id))
    return _frame(rows)
