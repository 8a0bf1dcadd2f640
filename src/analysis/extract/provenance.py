"""Pollster, date and sample size of a figure's poll: its clause, its sentence, then the context."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from analysis.errors import ParseError
from analysis.extract.clauses import Clause
from analysis.extract.dates import Date
from analysis.extract.figures import COMPARISON_BEFORE, Figure
from analysis.extract.lexicon import CONTEXT_SENTENCES, POLL_CONTEXT, SAMPLE_LOOKAHEAD, T
from analysis.extract.sentences import METHOD, THEN, Document, Sentence
from analysis.text.dates import DateSpan, parse_date_one


def provenance(doc: Document, sentence: Sentence, figure: Figure, clause: Clause) -> dict[str, object]:
    """Pollster, date and sample size of the figure's poll.

    Here the sentence names the pollster and the month, the next one the sample:

    >>> from analysis.extract.figures import find_figures
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "A Rating poll in March 2023 found 61% back joining NATO. It asked 1,500 adults."
    >>> doc = Document(t, sentence_spans(t))
    >>> s = doc.sentence(0)
    >>> s.figures = find_figures(t)
    >>> provenance(doc, s, s.figures[0], s.clauses[0])
    {'pollster': 'Rating', 'sample_size': 1500, 'date_as_written': 'March 2023', 'date_start': '2023-03-01',
     'date_end': '2023-03-31', 'date_precision': 'month'}
    """
    comparison = bool(COMPARISON_BEFORE.search(sentence.text[max(0, clause.start - 12) : clause.start]))
    # a date written after the figure in its clause is its own ("28 percent in 2012")
    own = sentence.date_spans.first_within(sentence.start + clause.end, sentence.start + clause.right)
    # else one of the sentence's poll dates (not "since ...", not owned by another figure), before it if any
    pool = sentence.poll_dates
    date: Date | None = None
    date_sentence = sentence
    if own is not None:
        date = own[2]
    elif not comparison and pool:
        k = bisect.bisect_right([d.end for d in pool], figure.start)
        date = pool[k - 1] if k else pool[0]
    carry = not comparison and not sentence.time_shifted
    if date is None and carry and not sentence.dates:
        date, date_sentence = _memo(sentence, "date", lambda: _context_date(doc, sentence))
    if date is None and not sentence.dates and THEN.match(sentence.text):
        previous = doc.previous(sentence.index)  # "Back then, ...": the date just mentioned
        dates = [d for d in previous.dates if not d.since] if previous else []
        if dates:
            date, date_sentence = dates[-1], previous
    pollster = "" if comparison else sentence.pollster
    if not pollster and carry and is_headline(sentence):
        lede = doc.sentence(sentence.index + 1)  # a headline's poll is named in the lede
        pollster = lede.pollster if lede is not None and lede.poll_cue else ""
    if not pollster and carry:
        pollster = _memo(sentence, "pollster", lambda: _context_value(doc, sentence, _pollster_of) or "")
    sample = None if comparison else sentence.sample_size
    if sample is None and carry:
        sample = _memo(sentence, "sample", lambda: _context_value(doc, sentence, _sample_of, ahead=SAMPLE_LOOKAHEAD))
    parsed = _parse_date(doc, date_sentence, date) if date else None
    return {
        "pollster": pollster,
        "sample_size": sample,
        "date_as_written": date.as_written if date else "",
        "date_start": parsed.start if parsed else "",
        "date_end": parsed.end if parsed else "",
        "date_precision": parsed.precision if parsed else "",
    }


def _eligible(s: Sentence, distance: int) -> bool:
    """Context sentences that describe the poll itself: a poll cue, or (nearby) no figures at all."""
    usable = s.poll_cue if distance > CONTEXT_SENTENCES else (not s.figures or s.poll_cue)
    return usable and not s.time_shifted


def _context_date(doc: Document, sentence: Sentence) -> tuple[Date | None, Sentence]:
    for distance, previous in enumerate(doc.before(sentence.index, POLL_CONTEXT), 1):
        if previous.dates and _eligible(previous, distance) and previous.poll_dates:  # cheapest test first
            return previous.poll_dates[0], previous
    for following in doc.after(sentence.index):
        if following.poll_cue and not following.figures and METHOD.search(following.text) and following.poll_dates:
            return following.poll_dates[0], following
    return None, sentence


def _context_value(
    doc: Document, sentence: Sentence, get: Callable[[Sentence], T | None], ahead: int = CONTEXT_SENTENCES
) -> T | None:
    """A value (pollster, sample size) from the context: the sentences before, then methodology after.

    A methodology sentence has a poll cue and no figures, except for the sample size, whose
    sentence often also gives the margin of error ("2,400 respondents ... error of 2 percent").
    """
    for distance, previous in enumerate(doc.before(sentence.index, POLL_CONTEXT), 1):
        if (value := get(previous)) and _eligible(previous, distance):  # the value first: cheaper than eligibility
            return value
    for i in range(sentence.index + 1, sentence.index + 1 + ahead):
        following = doc.sentence(i)
        if following is None:
            break
        methodology = (following.poll_cue and not following.figures) or get is _sample_of
        if methodology and (value := get(following)):
            return value
    return None


def _sample_of(sentence: Sentence) -> int | None:
    return sentence.sample_size


def _pollster_of(sentence: Sentence) -> str:
    return sentence.pollster


def _parse_date(doc: Document, sentence: Sentence, date: Date) -> DateSpan | None:
    default_year = None
    if not date.has_year:
        candidates = [d for s in (sentence, doc.previous(sentence.index)) if s for d in s.dates]
        earlier = [d for d in candidates if d.end <= date.start and d.has_year and not d.since]
        for d in reversed(earlier):
            try:
                span = parse_date_one(d.as_written)
            except ParseError:
                continue
            if span.precision in {"day", "month", "season"}:
                default_year = int(span.start[:4])
                break
        if default_year is None:
            return None
    try:
        return parse_date_one(date.as_written, default_year)
    except ParseError:
        return None


def _memo(sentence: Sentence, key: str, compute: Callable[[], T]) -> T:
    """Context look-ups are the same for every figure of a sentence: computed once."""
    if key not in sentence.memo:
        sentence.memo[key] = compute()
    return sentence.memo[key]  # type: ignore[return-value]


def is_headline(sentence: Sentence) -> bool:
    """The document's first line when it ends without a full stop ("NATO support hits record 83%").

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Poll puts NATO backing at 70%\\nA survey found 70% back joining."
    >>> doc = Document(t, sentence_spans(t))
    >>> is_headline(doc.sentence(0)), is_headline(doc.sentence(1))
    (True, False)
    """
    text = sentence.text.rstrip()
    return (
        sentence.index == 0
        and not text.endswith((".", "!", "?", '"', "”"))
        and "\n" in sentence.doc.text[sentence.end : sentence.end + 3]
    )
