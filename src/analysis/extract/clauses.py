"""Clauses: each figure's stretch of its sentence, and span look-ups within it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from analysis.extract.sentences import Sentence

_DASHES = ("–", "—", "-")
_NEXT_CLAUSE = re.compile(r"\s*(?:(?:and|but|while|whereas|or)\b|[,;])", re.IGNORECASE)
_DIGIT_NEXT = re.compile(r"\s*\d")
_OPEN = re.compile(r"\(")
_CLOSE = re.compile(r"\)")
_CONJUNCTION = re.compile(r"\s*(?:and|but|while|whereas|or)\b", re.IGNORECASE)  # used with .match(text, pos)
_SUBORDINATE = re.compile(r"\b(?:as|because|since|amid|after|following)\s+(?:[A-Z]|the\b|its\b|their\b)")
"""A subordinate clause with a subject of its own: a cue after it answers nothing the figure before it counts."""


@dataclass
class Clause:
    """The figure's own clause inside the sentence, as offsets into the sentence text."""

    left: int
    start: int
    end: int
    right: int
    in_parens: bool = False
    elliptic: bool = False  # "63 % – NATO": the verb is the previous figure's, the object follows a dash


class Spans:
    """Spans ``(start, end, ...)`` sorted by start, as one ``finditer`` gives them, with
    logarithmic look-ups (a sentence may hold thousands of figures in garbled text)."""

    __slots__ = ("items", "starts", "ends")

    def __init__(self, items: list[tuple]) -> None:  # type: ignore[type-arg]
        self.items = items
        self.starts = [c[0] for c in items]
        self.ends = [c[1] for c in items]

    def first_within(self, lo: int, hi: int) -> tuple | None:  # type: ignore[type-arg]
        """The first span inside ``[lo, hi]``."""
        for k in range(bisect.bisect_left(self.starts, lo), len(self.items)):
            if self.starts[k] >= hi:
                break
            if self.ends[k] <= hi:
                return self.items[k]
        return None

    def last_within(self, lo: int, hi: int) -> tuple | None:  # type: ignore[type-arg]
        """The last span inside ``[lo, hi]`` (spans do not overlap: ends are sorted too)."""
        k = bisect.bisect_right(self.ends, hi) - 1
        return self.items[k] if k >= 0 and self.starts[k] >= lo else None

    def nearest(self, at: int) -> tuple | None:  # type: ignore[type-arg]
        """The span nearest ``at`` (by its nearer edge; on a tie, the one to the right)."""
        k = bisect.bisect_left(self.starts, at)
        around = [self.items[j] for j in (k - 1, k) if 0 <= j < len(self.items)]
        if not around:
            return None
        return min(around, key=lambda c: (min(abs(c[0] - at), abs(c[1] - at)), c[0] < at))


def clauses(text: str, figures: list[tuple[int, int]], breaks: list[tuple[int, int]]) -> list[Clause]:
    """Each figure's clause in ``text``: from the previous figure or break to the next one.

    ``figures`` and ``breaks`` (commas, dashes, "while"...) are ``(start, end)`` offsets into ``text``,
    sorted; a sentence gives them as :attr:`analysis.extract.sentences.Sentence.clauses` does.

    >>> text = "45% back joining NATO, while 40% oppose it"
    >>> [text[c.left : c.right] for c in clauses(text, [(0, 3), (29, 32)], [(21, 22), (22, 29)])]
    ['45% back joining NATO', '40% oppose it']
    """
    out = []
    starts, ends = [s for s, _ in breaks], [e for _, e in breaks]
    opens = [m.start() for m in _OPEN.finditer(text)] if "(" in text else []
    closes = [m.start() for m in _CLOSE.finditer(text)] if ")" in text else []
    for i, (a, b) in enumerate(figures):
        k = bisect.bisect_right(ends, a) - 1
        if k >= 0 and ends[k] == a and text[starts[k] : a].strip() in "–—-":
            k -= 1  # "against — 2%": a dash right before a figure does not end its clause
        left = max(ends[k] if k >= 0 else 0, figures[i - 1][1] if i else 0)
        k = bisect.bisect_left(starts, b)
        elliptic = False
        dash = k < len(starts) and starts[k] <= b + 1 and text[starts[k] : ends[k]].strip() in _DASHES
        if dash and not _DIGIT_NEXT.match(text, ends[k]):
            k, elliptic = k + 1, True  # "71 % back the EU, 63 % – NATO": what follows the dash is its object
        alone = not text[left:a].strip() and k < len(starts) and not text[b : starts[k]].strip()
        if alone and text[starts[k] : ends[k]].strip() == ",":
            k += 1  # ", 46 percent, say yes": a figure alone between commas; its predicate follows
        j = bisect.bisect_left(opens, b)
        right = min(
            starts[k] if k < len(starts) else len(text),
            opens[j] if j < len(opens) else len(text),
            figures[i + 1][0] if i + 1 < len(figures) else len(text),
        )
        in_parens = bisect.bisect_left(opens, a) > bisect.bisect_left(closes, a)
        c = bisect.bisect_left(closes, b)
        if in_parens and c < len(closes) and _NEXT_CLAUSE.match(text, closes[c] + 1):
            right = min(right, closes[c])  # "in Lviv (89%) and lowest in ...": what follows is another's
        out.append(Clause(left, a, b, right, in_parens, elliptic))
    return out


def nearest(cues: Spans, clause: Clause, text: str) -> str | None:
    """The label of the cue nearest the figure within its clause, looking right first, then left.

    When the figure ends its clause ("... fallen to 13 per cent and that of ..."), left first.

    >>> text = "In favour were 58%, and 30% said no"
    >>> cues = Spans([(3, 9, "for"), (28, 35, "against")])
    >>> [nearest(cues, c, text) for c in clauses(text, [(15, 18), (24, 27)], [(18, 19)])]
    ['for', 'against']
    """
    cue = nearest_cue(cues, clause, text)
    return cue[2] if cue is not None else None


def nearest_cue(cues: Spans, clause: Clause, text: str) -> tuple | None:  # type: ignore[type-arg]
    """The cue itself (``(start, end, label)``) that :func:`nearest` reads.

    >>> text = "In favour were 58%, and 30% said no"
    >>> cues = Spans([(3, 9, "for"), (28, 35, "against")])
    >>> nearest_cue(cues, Clause(19, 24, 27, 35), text), nearest_cue(Spans([]), Clause(19, 24, 27, 35), text)
    ((28, 35, 'against'), None)
    """
    sides = [cues.first_within(clause.end, clause.right), cues.last_within(clause.left, clause.start)]
    if _CONJUNCTION.match(text, clause.end) or _annotation(text, clause):
        sides.reverse()
    elif sides[0] is not None and sides[1] is not None and _SUBORDINATE.search(text, clause.end, sides[0][0]):
        sides.reverse()  # "support for NATO rose to 76% as Russia's war pushes the non-aligned nation ...": its own
    for cue in sides:
        if cue is not None:
            return cue
    return None


_OPEN_BEFORE = re.compile(r"\(\s*$")
_CLOSE_AFTER = re.compile(r"\s*\)")


def _annotation(text: str, clause: Clause) -> bool:
    """The figure is a parenthesis of its own after what it counts: "support for NATO (48%) outweighs
    opposition (35%)" (so the cue on its left is its own)."""
    return bool(
        _OPEN_BEFORE.search(text, max(0, clause.start - 3), clause.start) and _CLOSE_AFTER.match(text, clause.end)
    )


_GOES_ON = re.compile(r"\s*(?:[,.;:\[]|(?:and|or|but|while|whereas)\b|$)")
_ALONE_IN_PARENS = re.compile(
    r"\s*(?:[,;]\s*(?:up|down|compared|against|versus|vs\.?|a rise|a drop|an increase|a decrease|from)\b[^()]*)?",
    re.IGNORECASE,
)
"""What may follow a figure in its parenthesis when the parenthesis counts the phrase before it: nothing, or a
comparison ("83 percent, down from 85 percent last year"); not an answer ("69% favour it, 9% are against")."""
_PHRASE_START = re.compile(
    r".*(?:[,;:]|\b(?:of|at|about|on|for|with|by|that|than|to|and|or|as|in|over|toward|towards|from|like)\b)\s*",
    re.DOTALL | re.IGNORECASE,
)


def annotated_phrase(text: str, clause: Clause) -> tuple[int, int] | None:
    """The phrase a figure in parentheses counts when the parenthesis follows it and the sentence goes on with
    no verb of its own: in "favourable views of Ukraine (64%) and NATO (62%)", "Ukraine" for the 64%; none
    in "most citizens (70%) think ...", where the parenthesis counts the subject of a verb that follows.

    >>> text = "favourable views of Ukraine (64%) and NATO (62%)"
    >>> [text[slice(*annotated_phrase(text, c))] for c in clauses(text, [(29, 32), (44, 47)], [])]
    ['Ukraine', 'NATO']
    >>> annotated_phrase("most citizens (70%) think so", Clause(0, 15, 18, 28, in_parens=True)) is None
    True
    """
    opened = text.rfind("(", max(0, clause.start - 4), clause.start)  # searches bounded: a sentence may be huge
    if opened < 0 or text[opened + 1 : clause.start].strip():
        return None
    closed = text.find(")", clause.end, clause.end + 200)
    if closed < 0 or not _ALONE_IN_PARENS.fullmatch(text, clause.end, closed) or not _GOES_ON.match(text, closed + 1):
        return None
    lo = max(0, opened - 60)
    m = _PHRASE_START.match(text, lo, opened)
    start = m.end() if m else lo
    end = start + len(text[start:opened].rstrip())
    return (start, end) if re.search(r"[A-Za-z]{3}", text[start:end]) else None


_NO_THING = re.compile(
    r"\b(?:[A-Z][a-z]+s|(?i:respondents?|citizens|people|adults|voters|residents|population|public|majority|minority|"
    r"plurality|half|third|quarter|most|many|some|all|both|those|them|they|men|women|youth|young|old|older|elderly|"
    r"age[sd]?|groups?|years?|months?|spring|summer|autumn|fall|winter|now|today|poll|survey|wave|round|time|ago|yes|"
    r"no|total|overall|sample|share|figure|number|proportion|percentage|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|[a-z]+(?:ers|ists|ians|ants|ents)|(?:north|south|east|west|centr)\w*|"
    r"it|this|that|organi[sz]ation|bloc|membership|accession|idea|proposal|move|step|decision|option|bid|application|"
    r"[a-z]+ing))\b|\d"
)
"""Words of a phrase that names who answered, where or when ("Finns", "supporters", "southern", "in 2014"), or that
refers to the question itself ("the organisation", "the idea", "applying"): not a thing of its own."""
_VIEW_OF = re.compile(
    r"\b(?:views?|opinions?|attitudes?|image|perceptions?|feelings?|ratings?) (?:of|toward|towards|about|on)\s+$"
)
_SUBGROUP_BEFORE = re.compile(r"\b(?:among|in|across|between|within|[a-z]+(?:ers|ists|ians|ants|ents|ity|ty)\s+of)\s+$")


def names_a_thing(sentence: Sentence, lo: int, hi: int) -> bool:
    """The phrase ``[lo, hi)`` before a parenthesised figure names a thing the figure counts views of, not a
    group of respondents, a place, a time or an answer ("views of Ukraine (64%)", not "among the young (70%)").

    >>> from analysis.extract.sentences import Document
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "Most back the EU: views of Freedonia (66%) and among pensioners (71%) differ."
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> names_a_thing(s, t.index("Freedonia"), t.index(" (66")), names_a_thing(s, t.index("pensioners"), t.index(" (71"))
    (True, False)
    """
    if _NO_THING.search(sentence.text, lo, hi) or _SUBGROUP_BEFORE.search(sentence.folded, max(0, lo - 40), lo):
        return False
    cues = (sentence.stances, sentence.weak_stances, sentence.regions, sentence.located_countries)
    if any(c.first_within(lo, hi) is not None for c in cues):
        return False
    # a country or a name is where respondents live ("Kazakhstan (31%)"), unless views of it are asked ("views of
    # Ukraine (64%)")
    words = re.sub(r"^(?:the|The)\s+", "", sentence.text[lo:hi]).split()
    place = any(lo <= p[0] < hi for p in sentence.places) or all(w[0].isupper() for w in words)
    return not place or bool(_VIEW_OF.search(sentence.folded, max(0, lo - 40), lo))


def unowned(cues: Spans, clauses: list[Clause]) -> Spans:
    """The cues that lie in no figure's clause: a cue inside a clause is that figure's, so a
    figure whose own clause has none may take only these from the rest of the sentence
    ("Support for the EU, if ..., was given by 12%, and in the case of NATO this is 9%": the
    12% is the EU's, NATO belongs to the 9%).

    >>> c = [Clause(10, 12, 15, 20), Clause(22, 30, 33, 40)]
    >>> unowned(Spans([(0, 3, "a"), (16, 19, "b"), (20, 21, "c")]), c).items
    [(0, 3, 'a'), (20, 21, 'c')]
    """
    if not cues.items:
        return cues
    lefts = [c.left for c in clauses]
    kept = []
    for cue in cues.items:
        k = bisect.bisect_right(lefts, cue[0]) - 1
        if not (k >= 0 and cue[1] <= clauses[k].right):
            kept.append(cue)
    return Spans(kept)


_SHARED = re.compile(
    r"\)?\s*(?:(?:of|among|in)\s+[^,;:()\d]{1,60}?\s*)?(?:,\s*and|,|and|or|&)\s*(?:[^,;:()\d]{1,60}?\s*\()?"
)  # between coordinated figures: "6% of Serbs and ", "(64%) and a plurality of Montenegrins ("


_ASIDE = re.compile(r"\s[-–—]\s")


def shared_object(cues: Spans, clauses: list[Clause], i: int, text: str) -> str | None:
    """The object after the next figure when figure ``i`` has a verb but no object of its own and the
    two clauses are coordinated: in "45% support and 40% oppose joining NATO" both are about NATO.

    >>> text = "45% support and 40% oppose joining NATO"
    >>> cs = clauses(text, [(0, 3), (16, 19)], [])
    >>> shared_object(Spans([(35, 39, "nato")]), cs, 0, text)
    'nato'
    """
    if i + 1 >= len(clauses):
        return None
    this, following = clauses[i], clauses[i + 1]
    if not _VERB_AND.fullmatch(text, this.end, following.start):
        return None
    cue = cues.first_within(following.end, following.right)
    return cue[2] if cue is not None else None


_VERB_AND = re.compile(r"\s+[a-z]+(?:\s+[a-z]+)?\s*(?:,\s*and|,|and|while|whereas|but)\s+")


def shared_predicate(cues: Spans, clauses: list[Clause], i: int, text: str) -> str | None:
    """The cue after a later figure when figure ``i`` is coordinated with it and has no predicate
    of its own: in "6% of Serbs and 20% of Croats feel safe" both feel safe; in "60% of A,
    35% of B and 54% of C see it as a threat" all three do.

    >>> text = "only 6% of Serbs and 20% of Croats feel safe"
    >>> cs = clauses(text, [(5, 7), (21, 24)], [])
    >>> shared_predicate(Spans([(40, 44, "protection")]), cs, 0, text)
    'protection'
    """
    for j in range(i, len(clauses) - 1):
        this, following = clauses[j], clauses[j + 1]
        if not _SHARED.fullmatch(text, this.end, following.start) or _ASIDE.search(text, this.end, following.start):
            return None  # not coordinated, or an aside between dashes ("- up from 57% in April -")
        cue = cues.first_within(following.end, following.right)
        if cue is not None:
            return cue[2]
    return None


def second_of_a_margin(folded: str, stances: Spans, clauses: list[Clause], i: int) -> bool:
    """Whether figure ``i`` is the second of a margin "by X% to Y%" with no answer cue of its own in its clause
    (``folded``: the lower-cased sentence, ``stances``: its answer cues): it counts the other side of the first
    figure's answer.

    >>> text = "voters favour joining by 58% to 31%, and 11% are unsure"
    >>> cs = clauses(text, [(25, 28), (32, 35), (41, 44)], [])
    >>> [second_of_a_margin(text, Spans([(49, 55, "undecided")]), cs, i) for i in range(3)]
    [False, True, False]
    """
    if i == 0:
        return False
    first, second = clauses[i - 1], clauses[i]
    return (
        bool(_MARGIN_BY.search(folded, max(0, first.start - 20), first.start))
        and bool(_MARGIN_TO.fullmatch(folded, first.end, second.start))
        and stances.first_within(second.end, second.right) is None
    )


_MARGIN_BY = re.compile(r"\bby\s+(?:a\s+margin\s+of\s+)?$")
_MARGIN_TO = re.compile(r"\s*(?:to|-to-)\s*")


def nearest_in_sentence(cues: Spans, at: int) -> str | None:
    """The label of the cue nearest ``at`` anywhere in the sentence, or None.

    >>> cues = Spans([(3, 9, "for"), (28, 35, "against")])
    >>> nearest_in_sentence(cues, 12), nearest_in_sentence(cues, 25), nearest_in_sentence(Spans([]), 0)
    ('for', 'against', None)
    """
    cue = cues.nearest(at)
    return cue[2] if cue is not None else None


class Listed(NamedTuple):
    name: str  # as written, or the topic label for kind "topic"
    kind: str  # place, country or topic
    start: int
    end: int


def respectively(sentence: Sentence, clauses: list[Clause]) -> dict[int, Listed]:
    """Figures in a "A, B and C ... 1%, 2% and 3%, respectively" list mapped to places, countries or topics.

    >>> from analysis.extract.sentences import Document
    >>> from analysis.extract.figures import find_figures
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "In Lviv and Kharkiv, 80% and 40% back joining NATO, respectively."
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> s.figures = find_figures(t)
    >>> {i: listed.name for i, listed in respectively(s, s.clauses).items()}
    {0: 'Lviv', 1: 'Kharkiv'}
    """
    out: dict[int, Listed] = {}
    text = sentence.text
    for m in _RESPECTIVELY.finditer(text):
        run = [i for i, c in enumerate(clauses) if c.end <= m.start()]
        if not run:
            continue
        adjacent = bool(re.fullmatch(r"[\s,)]*", text[clauses[run[-1]].end : m.start()]))
        first = run[-1]
        while first > 0 and re.fullmatch(
            r"\s*(?:,|and|or|,\s*and)\s*", text[clauses[first - 1].end : clauses[first].start]
        ):
            first -= 1
        members = list(range(first, run[-1] + 1))
        since = clauses[first - 1].end if first else 0
        places = [p for p in sentence.places if since <= p[0] and p[1] <= clauses[first].start]
        if len(members) < 2:
            continue
        coordinated = [p for p in places if p[3] == "place"]
        if not adjacent and len(coordinated) == len(members):
            places = coordinated  # "in Kharkiv and Dnipro found 35% and 41% support ..., respectively"
        if (adjacent or places is coordinated) and len(places) >= len(members):
            for i, place in zip(members, places[-len(members) :], strict=True):
                out[i] = Listed(place[2], place[3], place[0], place[1])
            continue
        # "41% and 45% support membership in NATO and the European Union, respectively"
        after = [t for t in sentence.topics if clauses[run[-1]].end <= t[0] < m.start()]
        before = [t for t in sentence.topics if since <= t[0] and t[1] <= clauses[first].start]
        for topics in (after,) if not adjacent else (before,):
            if len(topics) == len(members):
                for i, topic in zip(members, topics, strict=True):
                    out[i] = Listed(topic[2], "topic", topic[0], topic[1])
                break
    return out


_RESPECTIVELY = re.compile(r"respectively", re.IGNORECASE)
