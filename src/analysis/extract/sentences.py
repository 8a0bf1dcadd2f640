"""Sentences of a document and the cues found in each (dates, places, pollsters, stances, topics)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from analysis.extract.clauses import Clause, Spans, clauses
from analysis.extract.dates import Date, find_dates, is_date
from analysis.extract.figures import Figure
from analysis.extract.lexicon import (
    CONTEXT_SENTENCES,
    context_cues,
    gazetteer,
    nato_quick,
    place_key,
    stance_cues,
    topic_cues,
)
from analysis.extract.spans import ELISION
from analysis.text.sentences import Span

_THREE_DIGITS = re.compile(r"\d\d\d")
THEN = re.compile(r"^\W*(?:Back then|At that time|At the time|Then)\b")
_TIME_SHIFT = re.compile(r"^\W*(?:In|On|By|As of|Back in|Since)\s+$")
_EARLIER = re.compile(
    r"\b(?:previous|earlier|ago|last (?:year|month|week|time)|a year before|back then|at that time|at the time)\b",
    re.IGNORECASE,
)
METHOD = re.compile(r"\b(?:conducted|carried out|fielded|held|took place|interviewed|surveyed|polled)\b", re.IGNORECASE)
COMPARED_AGAINST = re.compile(r"[-–—,]\s*against\s+$", re.IGNORECASE)
_POSSESSIVE_PEOPLE = re.compile(r"['’]s\s+(?:citizens|nationals|residents|people|population)")
_PEOPLE_OF = re.compile(r"\b(?:citizens|nationals|residents|people|population)\s+of\s+$")
_LOCATED = re.compile(
    r"\b(?:in|across|throughout|all over)\s+$|"
    r"\b(?:figures?|numbers?|shares?|percentages?|proportions?|results?|rates?)\s+for\s+(?:the\s+)?$|"
    r"\d\s*(?:%|percent|per cent)?\s+and\s+for\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Before a country named as where respondents live: "in Poland", "the figure for the United States is 52
percent and for Germany 57 percent"."""


_BREAK = re.compile(
    r"(?=[,;:.!?\s])(?:[,;:]|\s[–—-]\s|(?<!\b[A-Z])(?:[.!?]|\.[\"”’])\s+|\s(?:while|whereas|but|versus|vs\.?)\s)",
    re.IGNORECASE,
)
"""What ends a clause: a full stop, also one closing a quotation ('said "neither." 11% ...'; a quoted question
stays with the answer after it); the period of an initial or an abbreviation ("the U.S. backs") does not. The
look-ahead names every character a break starts with: checked first, it lets the engine skip other positions
quickly."""
_SAMPLE = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d{3,6})\s+(?:adult\s+|randomly\s+selected\s+)?"
    r"(?:respondents|people|adults|persons|interviews|responses|Ukrainians|citizens|voters|residents|"
    r"Finns|Swedes|Georgians|Moldovans|Germans)(?!\w)"
    r"|\b(?:sample|sample size)\s+(?:of|is|was|consisted of)\s+(?P<n2>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d{3,6})(?!\d)"
    r"|\bN\s*=\s*(?P<n3>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d{3,6})(?!\d)"
)
_PATTERN_POLLSTER = re.compile(
    r"\b(?:conducted|carried out|commissioned|fielded|done|released|published|ordered|held|polls?|survey|study)\s+"
    r"(?:\w+\s+){0,3}?by\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}?"
    r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|&|de|the)\s+[A-Z][\w'’&.-]*|\s+[A-Z][\w'’&.-]*)*)"
)


_COMMA = re.compile(r"[,;:]")
_POSSESSED = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,3}|\s+")
_NEGATED = re.compile(
    r"(?:(?:\bnot|n['’]t|\bnever|\bno longer)\s+(?:(?:\w+ly|really|yet|even|be|been)\s+)?"
    r"(?:(?:ready|willing|prepared|going) to\s+)?|\bunwilling to\s+)$"
)
_NEUTRAL = re.compile(r"neutral|non-aligned|non-bloc|(?:remain|stay|be|become|being|remaining|staying) neutral")
"""A NATO topic cue that names neutrality or non-alignment (matched at the cue's start, lower case)."""
_SETTING_BEFORE = re.compile(r"\b(?:after|since|before|following|amid|during|prior to)\s+(?:[\w'’-]+\s+){0,7}$")
"""Words that make what follows a time, not a topic: "soon after the beginning of the full-scale invasion of Ukraine"."""
_PARTIES_FROM = re.compile(r"\b(?:from|among)\s+(?:[\w'’-]+\s+){0,3}part(?:y|ies)$")
"""Respondents picked out by party ("those who distrust it from the opposition parties"), on lower-cased text."""
_TIE_AFTER = re.compile(r"\s+(?:commitment|membership|obligations?|engagement|withdrawal|exit)\b")
_AGREED_THAT = re.compile(r"agree[sd]?\s+(?:that\b)?")


def _between_figures(text: str, cues: list[tuple[int, int, str]], ends: list[int], starts: list[int]) -> set[int]:
    """The cues that stand alone between two figures and compare them ("73% against 59%"): only spaces separate each
    from a figure ending before it and one starting after it, and no cue stands right before the first figure (else
    the cues label the figures: "for 45% against 30%"). ``ends``/``starts``: the figures' offsets, sorted.

    >>> t = "Men back it more than women - 73% against 59%; for 45% against 30%."
    >>> figures = [(t.index(f), t.index(f) + 3) for f in ("73%", "59%", "45%", "30%")]
    >>> cues = [(m, m + len(w), w) for w in ("against", "for") for m in [t.find(" " + w + " ") + 1, t.rfind(" " + w + " ") + 1]]
    >>> sorted(t[c[0] : c[1]] + "@" + str(c[0]) for k, c in enumerate(cues) if k in _between_figures(
    ...     t, cues, sorted(e for _, e in figures), sorted(s for s, _ in figures)))
    ['against@34']
    """
    after_cue = {e for _, e, _ in cues}
    labelled = {
        k
        for k, start in enumerate(starts)
        if any(start - n in after_cue and not text[start - n : start].strip() for n in (1, 2))
    }
    found = set()
    for n, (start, end, _) in enumerate(cues):
        k = bisect.bisect_right(ends, start) - 1
        j = bisect.bisect_left(starts, end)
        if (
            k >= 0
            and j < len(starts)
            and k not in labelled
            and not text[ends[k] : start].strip()
            and not text[end : starts[j]].strip()
        ):
            found.add(n)
    return found


_LEAVING = re.compile(r"leav|withdraw|exit|(?:stay|remain)\w* (?:outside|out)\b|decreas|reduc")
"""An 'against' cue that names leaving the alliance or lowering a commitment to it: the option a 'for' verb before it
picks ("favor decreasing the commitment")."""
_LEAVE_QUESTION = re.compile(r"\b(?:should|whether|would|if)\s+(?:[\w-]+\s+){0,3}?(?:leave|withdraw from|exit|quit)\b")
_YES_NO = re.compile(
    r"(?:affirmative|positive|negative)(?:ly)?|yes|no|(?:said|answered|responded|replied) (?:yes|no)|reject(?:s|ed|ing)?"
)
"""A yes or no answer: to a question of leaving the alliance (:data:`_LEAVE_QUESTION`), yes is 'against'."""
_GROUP = (
    r"(?:voters|supporters|electorate|members|backers|sympathi[sz]ers|followers|adherents|participants|respondents)"
)
_SUBGROUP_BEFORE = re.compile(
    rf"(?:\b(?i:{_GROUP})\s+(?:of|from)|%\s+from"
    r"|\b(?i:those|voters|people|citizens|respondents)\s+(?i:who\s+(?:vote[sd]?\s+for|support(?:ed)?|back(?:ed)?)"
    r"|backing|supporting|voting\s+for))"
    r"\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|\([A-Z][\w-]{0,10}\))(?:,?\s+(?:and\s+(?:the\s+)?)?))*$"
)
"""A party named to pick out respondents, before it: "supporters of the Centre Party", "those who vote for the
Liberal Democrats (LDP) and the Greens", "voters backing the Hungarian Coalition Party"."""
_SUBGROUP_AFTER = re.compile(rf"(?:['’]s?)?(?:\s+\([A-Z][\w-]{{0,10}}\))?\s+{_GROUP}\b", re.IGNORECASE)
"""... and after it: "Left Alliance voters", "the Democratic Party (DS) voters"."""
_NATO_NAMED = re.compile(r"\bNATO\b|\bNato\b|\bOTAN\b|North Atlantic|\b(?:Euro-|Trans-?)?Atlantic\b|\bWestern alliance")
_OTHER_ALLIANCE = re.compile(
    r"\b(?i:bilateral)\s+alliance|\b[A-Z][\w.]*[-–][A-Z][\w.]*\s+alliance|\balliance with (?:the )?[A-Z]"
)
_BARE_ALLIANCE = re.compile(
    r"(?i:(?:the |defen[cs]e |military |bilateral )?(?:alliance|bloc|pact)|defen[cs]e pact|military bloc)"
)
_PARTISANS = re.compile(rf"(?i:{_GROUP})")
_OF_PARTY = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)*(?:[Pp]art(?:y|ies)|[Mm]ovement|[Cc]oalition|[Ff]ront|[Bb]loc)\b"
)
_NAMED_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:North|Atlantic|The|Western|Military|Defen[cs]e|Transatlantic|Trans-Atlantic|NATO)\s)"
    r"[A-Z][a-z]+\s+$"
)


_T = TypeVar("_T")


class cached_property(Generic[_T]):  # noqa: N801 (named as the decorator it replaces)
    """``functools.cached_property`` without its lock (Python 3.11 takes one per first read, a cost that adds
    up over the dozens of cues of every sentence): the value is computed on first read and kept in the
    instance's ``__dict__``. Sentences are read by one thread."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class Sentence:
    """One sentence of a document and the cues found in it (computed on first use)."""

    doc: Document
    index: int
    start: int
    end: int
    figures: list[Figure] = field(default_factory=list)
    accepted: bool = False
    memo: dict[str, object] = field(default_factory=dict)
    last_stance: str | None = None

    @cached_property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    @cached_property
    def elision(self) -> bool:
        """The sentence is only an elision mark "[...]" (see :func:`analysis.extract.spans.split_elisions`)."""
        return bool(ELISION.fullmatch(self.text))

    @cached_property
    def pollster_spans(self) -> list[tuple[int, int]]:
        spans = [(m.start(), m.end()) for m in gazetteer().pollsters.finditer(self.text)]
        if not spans and " by " in self.text:  # "conducted by ...": the pattern needs a "by"
            m = _PATTERN_POLLSTER.search(self.text)
            if m is not None and not is_date(m["name"]):
                spans = [(m.start("name"), m.end("name"))]
        return spans

    @cached_property
    def masked(self) -> str:
        """The sentence with pollster names blanked (so "Kiev International Institute" is no place)."""
        text = self.text
        for s, e in self.pollster_spans:
            text = text[:s] + " " * (e - s) + text[e:]
        return text

    @cached_property
    def folded(self) -> str:
        """The sentence in lower case (lexicons match on it, see :class:`~analysis.extract.lexicon._Lexicon`)."""
        return fold(self.text)

    @cached_property
    def folded_masked(self) -> str:
        return fold(self.masked) if self.pollster_spans else self.folded

    @cached_property
    def topics(self) -> list[tuple[int, int, str]]:
        found = topic_cues().scan(self.masked, self.folded_masked)
        # "the Opposition Alliance": "Alliance" after a capitalised word is a party's or coalition's name
        for k, (s, e, label) in enumerate(found):
            if label == "nato" and self.text[s:e] == "Alliance" and _NAMED_BEFORE.search(self.text, max(0, s - 30), s):
                found[k] = (s, e, "politics")
        # neutrality is an answer about NATO only as its alternative in the same question: with NATO named in this
        # sentence, the two before or the one after (a list of options runs over sentences); otherwise it is a
        # topic of its own ("91% support the country's neutrality")
        if any(label == "nato" and _NEUTRAL.match(self.folded_masked, s) for s, _, label in found) and not any(
            s.names_nato for s in [self, *self.doc.before(self.index, 2), *self.doc.after(self.index)[:1]]
        ):
            found = [
                (s, e, "neutrality" if label == "nato" and _NEUTRAL.match(self.folded_masked, s) else label)
                for s, e, label in found
            ]
        # "the alliance should be maintained" in a text about the bilateral alliance of the US and South Korea that
        # never names NATO: that alliance, not NATO
        if self.doc.other_alliance:
            found = [
                cue for cue in found if not (cue[2] == "nato" and _BARE_ALLIANCE.fullmatch(self.text, cue[0], cue[1]))
            ]
        # "NATO's eastern flank deployment", "NATO's budget", "NATO troops": what NATO has, or what NATO names right
        # before it, is the topic when the topic list names it (that NATO is then no topic of its own)
        found = [
            cue
            for k, cue in enumerate(found)
            if not (
                cue[2] == "nato"
                and k + 1 < len(found)
                and found[k + 1][2] not in ("nato", "eu")
                and _POSSESSED.fullmatch(self.folded_masked, cue[1], found[k + 1][0])
            )
        ]
        # a topic named as a time ("after the invasion of Ukraine, 59% ...") is a setting, not what was asked;
        # a party named to pick out respondents ("among supporters of the Centre Party", "Left Alliance voters")
        # is a subgroup, not what they were asked about; a country name that qualifies a tie to the alliance ("the
        # U.S. commitment") is no object of its own
        return [
            (s, e, label)
            for s, e, label in found
            if not (
                label == "politics"
                and (
                    _SUBGROUP_BEFORE.search(self.text, max(0, s - 100), s)
                    or _SUBGROUP_AFTER.match(self.text, e)
                    or _PARTIES_FROM.search(self.folded_masked, max(0, s - 50), e)
                )
            )
            and not (label == "country_name" and _TIE_AFTER.match(self.folded_masked, e))
            and not (label != "nato" and _SETTING_BEFORE.search(self.folded_masked, max(0, s - 70), s))
        ]

    @cached_property
    def stances(self) -> Spans:
        """Strong stance cues (weak ones are in :attr:`weak_stances`)."""
        return Spans([c for c in self.all_stances if not c[2].endswith("~weak")])

    @cached_property
    def weak_stances(self) -> Spans:
        return Spans(
            [(s, e, label.removesuffix("~weak")) for s, e, label in self.all_stances if label.endswith("~weak")]
        )

    @cached_property
    def separators(self) -> list[int]:
        """Starts of NATO and stance cues: what ends the reach of a "margin of error" before a figure."""
        return sorted([t[0] for t in self.topics if t[2] == "nato"] + self.stances.starts)

    @cached_property
    def regions(self) -> Spans:
        return Spans([p for p in self.places if p[3] == "place"])

    @cached_property
    def joining(self) -> str:
        return _joining_country(self, 0, len(self.text))

    @cached_property
    def all_stances(self) -> list[tuple[int, int, str]]:
        cues = stance_cues().scan(self.masked, self.folded_masked)
        # a support cue under negation is opposition ("are not supportive", "never backed")
        for k, (s, e, label) in enumerate(cues):
            if label == "for" and _NEGATED.search(self.folded_masked, max(0, s - 30), s):
                cues[k] = (s, e, "against")
            elif (  # "should not exit the alliance": not leaving is staying
                label == "against"
                and _LEAVING.match(self.folded_masked, s)
                and _NEGATED.search(self.folded_masked, max(0, s - 30), s)
            ):
                cues[k] = (s, e, "for")
        # "voted for the status of neutrality": the option named after a 'for' verb is the answer (unless
        # another figure comes in between: "48% said it should join and 22% that it should stay neutral")
        starts = [f.start - self.start for f in self.figures]
        for k in range(len(cues) - 1):
            (s1, e1, a), (s2, _, b) = cues[k], cues[k + 1]
            if (
                a == "for"
                and b.startswith("other")
                and s2 - e1 <= 60
                and not _COMMA.search(self.masked, e1, s2)
                and bisect.bisect_left(starts, e1) == bisect.bisect_left(starts, s2)
            ):
                cues[k] = (s1, e1, "other")
            # "vote for leaving", "support a withdrawal", "in favour of staying out": leaving is the answer
            elif (
                a == "for"
                and b == "against"
                and s2 - e1 <= 40
                and _LEAVING.match(self.folded_masked, s2)
                and not _COMMA.search(self.masked, e1, s2)
                and bisect.bisect_left(starts, e1) == bisect.bisect_left(starts, s2)
            ):
                cues[k] = (s1, e1, "against")
            # "agreed that NATO membership reduces the likelihood of an attack": what is agreed to is the answer
            elif a == "for" and _AGREED_THAT.match(self.folded_masked, s1):
                s2, _, b = next((c for c in cues[k + 1 :] if not c[2].endswith("~weak")), (s2, 0, b))
                if (
                    b in ("protection", "threat")
                    and s2 - e1 <= 60
                    and not _COMMA.search(self.masked, e1, s2)
                    and bisect.bisect_left(starts, e1) == bisect.bisect_left(starts, s2)
                ):
                    cues[k] = (s1, e1, b)
        # "73% against 59%": a word standing alone between two figures compares them, it answers nothing
        comparing = _between_figures(self.masked, cues, sorted(f.end - self.start for f in self.figures), starts)
        cues = [c for n, c in enumerate(cues) if n not in comparing]
        # "A Just Russia supporters (79 percent)", "supporters of the Democratic Party": respondents picked out by
        # party, not an answer
        cues = [
            (s, e, a)
            for s, e, a in cues
            if not (
                _PARTISANS.fullmatch(self.text, s, e)
                and (_NAMED_BEFORE.search(self.text, max(0, s - 30), s) or _OF_PARTY.match(self.text, e))
            )
        ]
        # "Should Bulgaria leave NATO, 45% responded negatively": a yes or no to leaving inverts the answer
        leave = _LEAVE_QUESTION.search(self.folded_masked)
        if leave:
            inverse = {"for": "against", "against": "for"}
            cues = [
                (s, e, inverse.get(a, a))
                if s > leave.end() and _YES_NO.fullmatch(self.folded_masked, s, e)
                else (s, e, a)
                for s, e, a in cues
            ]
        return cues

    @cached_property
    def poll_cue(self) -> bool:
        # Masking only blanks pollster names, which are poll cues themselves: the raw text will do.
        return bool(
            context_cues("poll").search(self.text, self.folded)
            or gazetteer().people.search(self.text)
            or self.pollster_spans
        )

    @cached_property
    def nato_cue(self) -> bool:
        return nato_quick().search(self.text, self.folded)

    @cached_property
    def names_nato(self) -> bool:
        """A NATO cue other than neutrality (NATO, the alliance, a defence pact...)."""
        return self.nato_cue and any(
            not _NEUTRAL.match(self.folded, s) for s, _, _ in nato_quick().scan(self.text, self.folded)
        )

    @cached_property
    def not_poll(self) -> Spans:
        """Cues of a count that is no poll: a referendum's results, official statistics."""
        return Spans(context_cues("not_poll").scan(self.text, self.folded))

    @cached_property
    def errors(self) -> Spans:
        return Spans(context_cues("error").scan(self.text, self.folded))

    @cached_property
    def dates(self) -> list[Date]:
        return find_dates(self.doc.text, self.start, self.end)

    @cached_property
    def date_spans(self) -> Spans:
        return Spans([(d.start, d.end, d) for d in self.dates])

    @cached_property
    def poll_dates(self) -> list[Date]:
        """Dates that may be a poll's: not "since ...", not written right after a figure ("28% in 2012")."""
        los = [self.start + c.end for c in self.clauses]
        his = [self.start + c.right for c in self.clauses]
        out = []
        for d in self.dates:
            k = bisect.bisect_right(los, d.start) - 1
            if not d.since and not (k >= 0 and d.end <= his[k]):
                out.append(d)
        return out

    @cached_property
    def time_shifted(self) -> bool:
        """The sentence is about another time: it opens on a date ("In May, ...") or says "previous", "ago"."""
        head = self.text[: self.figures[0].start - self.start] if self.figures else ""
        return any(
            _TIME_SHIFT.match(self.text[: d.start - self.start]) for d in self.dates if d.start - self.start < 24
        ) or bool(_EARLIER.search(head))

    @cached_property
    def pollster(self) -> str:
        return self.text[slice(*self.pollster_spans[0])] if self.pollster_spans else ""

    @cached_property
    def sample_size(self) -> int | None:
        if not _THREE_DIGITS.search(self.text):
            return None
        for m in _SAMPLE.finditer(self.text):
            digits = re.sub(r"\D", "", m["n"] or m["n2"] or m["n3"])
            if 50 <= int(digits) <= 200_000:
                return int(digits)
        return None

    @cached_property
    def places(self) -> list[tuple[int, int, str, str]]:
        """Regions/cities and countries as ``(start, end, name, kind)``; kind is place or country."""
        gaz = gazetteer()
        found = [(m.start(), m.end(), m.group(0), "place") for m in gaz.places.finditer(self.masked)]
        found += [(m.start(), m.end(), m.group(0), "country") for m in gaz.countries.finditer(self.masked)]
        found.sort()
        # keep the longest of overlapping names ("Western Ukraine" over "Ukraine")
        kept: list[tuple[int, int, str, str]] = []
        for item in found:
            if kept and item[0] < kept[-1][1]:
                if item[1] - item[0] > kept[-1][1] - kept[-1][0]:
                    kept[-1] = item
                continue
            kept.append(item)
        return kept

    @cached_property
    def demonyms(self) -> Spans:
        """Respondents named by nationality: "Ukrainians", "Moldovan citizens", "a Ukrainian poll"."""
        gaz = gazetteer()
        found = [
            (m.start(), m.end(), gaz.people_country[place_key(m.group(0))]) for m in gaz.people.finditer(self.masked)
        ]
        found += [
            (m.start(), m.end(), gaz.adjective_country[place_key(m["adj"])])
            for m in gaz.adjectives.finditer(self.masked)
        ]
        return Spans(sorted(found))

    @cached_property
    def located_countries(self) -> Spans:
        """Countries named as where people are: "in Poland", "all over Ukraine", "Moldova's nationals"."""
        gaz, text, out = gazetteer(), self.masked, []
        for s, e, name, kind in self.places:
            if kind == "country" and (
                _LOCATED.search(text, max(0, s - 40), s)
                or _POSSESSIVE_PEOPLE.match(text, e)
                or _PEOPLE_OF.search(text, max(0, s - 24), s)
            ):
                out.append((s, e, gaz.country_of[place_key(name)]))
        return Spans(out)

    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _BREAK.finditer(self.text)]

    @cached_property
    def clauses(self) -> list[Clause]:
        return clauses(self.text, [(f.start - self.start, f.end - self.start) for f in self.figures], self.breaks)


@dataclass
class Document:
    """A text and its sentences; :class:`Sentence` objects are made on first use."""

    text: str
    spans: list[Span]
    sentences: dict[int, Sentence] = field(default_factory=dict)
    _before: dict[tuple[int, int], list[Sentence]] = field(default_factory=dict)

    @cached_property
    def other_alliance(self) -> bool:
        """The text introduces another alliance ("the bilateral alliance", "the U.S.-Japan alliance") and never
        names NATO itself: a bare "the alliance" there is that one, not NATO."""
        return "lliance" in self.text and bool(_OTHER_ALLIANCE.search(self.text)) and not _NATO_NAMED.search(self.text)

    def sentence(self, index: int) -> Sentence | None:
        if not 0 <= index < len(self.spans):
            return None
        if index not in self.sentences:
            span = self.spans[index]
            self.sentences[index] = Sentence(self, index, span.start, span.end)
        return self.sentences[index]

    def before(self, index: int, n: int = CONTEXT_SENTENCES) -> list[Sentence]:
        """Up to ``n`` sentences before ``index``, nearest first; an elision mark "[...]" is no sentence
        (the text on both sides of it still reads as one passage)."""
        key = (index, n)
        if key not in self._before:
            out: list[Sentence] = []
            i = index - 1
            while len(out) < n and (s := self.sentence(i)) is not None:
                if not s.elision:
                    out.append(s)
                i -= 1
            self._before[key] = out
        return self._before[key]

    def release(self) -> None:
        """Drop the sentences' links to each other once the document is read: a sentence refers to its document
        and its memo to sentences, cycles that reference counting cannot free. Left to the cyclic garbage
        collector, read documents pile up and its passes over them cost about a tenth of the run."""
        for sentence in self.sentences.values():
            sentence.memo.clear()
        self.sentences.clear()
        self._before.clear()

    def previous(self, index: int) -> Sentence | None:
        """The sentence before ``index``, across an elision mark; None for the first."""
        found = self.before(index, 1)
        return found[0] if found else None

    def after(self, index: int) -> list[Sentence]:
        return [s for i in range(index + 1, index + 1 + CONTEXT_SENTENCES) if (s := self.sentence(i))]


def _joining_country(sentence: Sentence, lo: int, hi: int) -> str:
    gaz = gazetteer()
    for s, e, name, kind in sentence.places:
        if kind == "country" and lo <= s and e <= hi:
            tail = sentence.masked[e : e + 60]
            if re.match(
                r"\s+(?:should|would|to|must|could|will)\s+(?:join|be(?:come)?\s+(?:a\s+)?(?:NATO\s+)?member)"
                r"|['’\"]s\s+(?:NATO\s+)?(?:membership|accession|integration|joining|entry|bid|goal)",
                tail,
            ):
                return gaz.country_of[place_key(name)]
    return ""


def fold(text: str) -> str:
    """``text`` in lower case, offsets kept: a letter whose lower case is longer stays as it is.

    >>> fold("NATO İstanbul") == "nato İstanbul"
    True
    """
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
