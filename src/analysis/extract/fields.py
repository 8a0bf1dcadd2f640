"""The row fields of an accepted figure: its question type, geography (as written, and its levels) and
the respondents' country (read by :func:`analysis.extract.decide.decide` once a figure is accepted)."""

from __future__ import annotations

import bisect
import re
from functools import cache

import pandas as pd

from analysis.errors import ParseError
from analysis.extract.clauses import Clause
from analysis.extract.lexicon import COUNTRY_CONTEXT, gazetteer, place_key, top_level_branches
from analysis.extract.sentences import Document, Sentence
from analysis.text.names import harmonise_region_as_read

# ----------------------------------------------------------------------------- question type


def question_type(sentence: Sentence, clause: Clause, stance: str, previous: Sentence | None) -> str:
    """What the figure answers: ``referendum_vote``, ``membership_support``, ``threat_protection``,
    ``security_option`` or ``other_construct`` (a favourable view, attitude, trust in NATO...).

    Read from the stance (threat/protection), a security-option cue anywhere in the sentence (the
    options frame the question), then the figure's clause, its sentence and
    the sentence before: a referendum or vote cue, a security-option cue (neutrality, guarantees,
    "the best way to ensure security"), a membership cue (join, membership, accession).

    >>> from analysis.extract.figures import find_figures
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "In a referendum on NATO, 60% would vote yes."
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> s.figures = find_figures(t)
    >>> question_type(s, s.clauses[0], "for", None), question_type(s, s.clauses[0], "threat", None)
    ('referendum_vote', 'threat_protection')
    """
    if stance in ("threat", "protection"):
        return "threat_protection"
    starts, kinds_at, found = _question_spans(sentence)
    if "security_option" in found and "threat_protection" not in found:
        return "security_option"  # the options frame the question ("asked about security guarantees, ...")
    own = set(kinds_at[bisect.bisect_left(starts, clause.left) : bisect.bisect_left(starts, clause.right)])
    previous_kinds = _question_spans(previous)[2] if previous is not None else set()
    for kinds in (own, found, previous_kinds):
        for kind in _QUESTION_ORDER:
            if kind in kinds:
                return _QUESTION_KIND.get(kind, kind)
    if stance == "would_not_vote":
        return "referendum_vote"
    return "other_construct"


def _question_spans(sentence: Sentence) -> tuple[list[int], list[str], set[str]]:
    """Where the question cues of the sentence start, their kinds, and the set of kinds (read once)."""
    if "question" not in sentence.memo:
        found = [(m.start(), _QUESTION_KINDS[(m.lastindex or 1) - 1]) for m in _QUESTION.finditer(sentence.folded)]
        sentence.memo["question"] = ([at for at, _ in found], [kind for _, kind in found], {k for _, k in found})
    return sentence.memo["question"]  # type: ignore[return-value]


_QUESTION_CUES: tuple[tuple[str, str], ...] = (
    ("referendum_vote", r"referend\w*|plebiscite|vot(?:e|ed|ing)\b|ballots?\b"),
    (
        "security_option",
        r"security (?:option|guarantee|model|arrangement|choice)s?|best (?:way|option|guarantee)|neutrality|"
        r"neutral status|non-aligned|non-bloc|own (?:armed )?forces|alliance with",
    ),
    (
        "membership_support",
        r"join\w*|membership|member\b(?! (?:states|countries|nations))|accession|accede|integration|entry|bid\b|"
        r"stay in|remain in|leave\b|withdraw|said (?:yes|no)\b|answered (?:yes|no)\b|responded (?:yes|no)\b",
    ),
    ("threat_protection", r"threat|danger|protection|protector|safeguard"),
    (
        "other_construct",
        r"attitude|views?\b|opinion|favou?rab\w*|positive\w*|negative\w*|trust\w*|approv\w*|confidence|sympath\w*",
    ),
    ("support", r"support\w*|oppos\w*|in favou?r|back(?:s|ed|ing)?\b|for nato\b|against nato\b"),
)
"""Cues of what a question asks, by kind; each alternative starts a word (matched on lower-cased text)."""


def _question_regex() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One regex of every question cue at a word start; each alternative ends on an empty marker group
    that names its kind (a word-start check ahead of all alternatives runs about three times faster
    than one after each alternative's first letter). Alternatives are grouped by their first letter,
    in their listed order (``v(?:ot...()|iews?\\b())``): the engine tests each letter once, and the first
    listed cue that matches at a position still wins (cues of other letters cannot match there)."""
    by_head: dict[str, list[tuple[str, str]]] = {}
    for kind, alternatives in _QUESTION_CUES:
        for alternative in top_level_branches(alternatives):
            head, rest = alternative[0], alternative[1:]
            if not head.isalpha() or rest[:1] in ("?", "*", "+", "{"):
                raise ValueError(f"question cue {alternative!r} does not start with a literal letter")
            by_head.setdefault(head, []).append((rest, kind))
    groups = ["{}(?:{})".format(head, "|".join(f"{rest}()" for rest, _ in cues)) for head, cues in by_head.items()]
    kinds = tuple(kind for cues in by_head.values() for _, kind in cues)
    return re.compile(r"(?<![a-z0-9_])(?:" + "|".join(groups) + ")"), kinds


_QUESTION, _QUESTION_KINDS = _question_regex()
_QUESTION_ORDER = (
    "referendum_vote",
    "security_option",
    "threat_protection",
    "membership_support",
    "other_construct",
    "support",
)
_QUESTION_KIND = {"support": "membership_support"}  # plain support of NATO, no view asked: membership


# ----------------------------------------------------------------------------- geography


_AND = re.compile(r"\s*(?:,\s*and|,|and|&)\s*")


def coordinated_place(sentence: Sentence, place: tuple, lo: int) -> str:  # type: ignore[type-arg]
    """A place with the places coordinated before it: "in Poltava and Sumy 75 %" gives "Poltava and Sumy".

    ``place`` is one of the sentence's ``regions``; only places from offset ``lo`` on (the clause's
    start) are joined.

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "In Lutsk and Rivne 75% back NATO."
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> s.regions.items
    [(3, 8, 'Lutsk', 'place'), (13, 18, 'Rivne', 'place')]
    >>> coordinated_place(s, s.regions.items[-1], 0), coordinated_place(s, s.regions.items[-1], 10)
    ('Lutsk and Rivne', 'Rivne')
    """
    items = sentence.regions.items
    k = sentence.regions.starts.index(place[0])
    first = k
    while (
        first > 0 and items[first - 1][0] >= lo and _AND.fullmatch(sentence.text, items[first - 1][1], items[first][0])
    ):
        first -= 1
    return place[2] if first == k else sentence.text[items[first][0] : place[1]]


def geography_levels(geography: str) -> dict[str, str]:
    """Harmonised geography of a place as written: its level, macro-region and city.

    ``region`` comes from :func:`analysis.text.names.harmonise_region` where the name is one
    of its aliases, else from the place's row in ``extract_places.csv`` (a city or oblast
    takes its oblast's macro-region in the default four-region split of
    ``data/region_definitions.csv``); ``""`` when unknown (and for places outside Ukraine).
    Several places ("Poltava and Sumy") share a region only if all of theirs agree.

    >>> geography_levels("Rivne")
    {'geography_level': 'city', 'region': 'West', 'city': 'Rivne'}
    >>> geography_levels("Kiev")
    {'geography_level': 'city', 'region': 'Kyiv city', 'city': 'Kyiv'}
    >>> geography_levels("national")
    {'geography_level': 'national', 'region': 'national', 'city': ''}
    """
    return dict(_levels(geography))


@cache
def _levels(geography: str) -> tuple[tuple[str, str], ...]:
    if geography == "national":
        return (("geography_level", "national"), ("region", "national"), ("city", ""))
    info = gazetteer().place_info
    names = [n for n in re.split(r"\s*(?:,\s*and|,|\band\b|&)\s*", geography) if n]
    rows = [info.get(place_key(n)) or info.get(place_key("the " + n)) for n in names]
    levels = {r.kind for r in rows if r is not None}
    level = levels.pop() if len(levels) == 1 else ("region" if rows and all(rows) else "")
    regions = set()
    for name, row in zip(names, rows, strict=True):
        try:
            regions.add(harmonise_region_as_read(pd.Series([name])).iloc[0])
        except ParseError:
            regions.add(row.region if row is not None else "")
    region = regions.pop() if len(regions) == 1 else ""
    city = geography if level == "city" and len(names) == 1 else ""
    if city and rows[0] is not None:
        city = rows[0].city
    return (("geography_level", level), ("region", region), ("city", city))


_LOCATIVE = re.compile(
    r"(?:\bin|\bamong|\bacross|\bthroughout)\s+(?:the\s+)?(?P<co>[a-z]+(?:\s+and|,)\s+)?$", re.IGNORECASE
)
_TO_CLAUSE = re.compile(r"[\s,:]*")


def fronted_place(sentence: Sentence, clause: Clause) -> str | None:
    """A place fronted before the figure's clause: "in the west, 80% ..." (the comma ends no clause there).

    >>> from analysis.extract.figures import find_figures
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "In the west, 80% back joining NATO."
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> s.figures = find_figures(t)
    >>> fronted_place(s, s.clauses[0])
    'the west'
    """
    place = sentence.regions.last_within(max(0, clause.left - 60), clause.left)
    if place is None or not _TO_CLAUSE.fullmatch(sentence.text, place[1], clause.left):
        return None
    head = sentence.text[max(0, place[0] - 40) : place[0]]
    locative = _LOCATIVE.search(head)
    if locative is None:
        return None
    return (locative["co"] or "") + place[2]  # "in southern and eastern regions, 48% ..."


# ----------------------------------------------------------------------------- country


def _whole_country(sentence: Sentence) -> str:
    """The respondents' country anywhere in ``sentence`` (read once per sentence)."""
    if "country" not in sentence.memo:
        sentence.memo["country"] = _country_in(sentence, 0, len(sentence.text))
    return str(sentence.memo["country"])


def context_country(doc: Document, sentence: Sentence) -> str:
    """The respondents' country stated in ``sentence``, else in the nearest of ``COUNTRY_CONTEXT`` sentences before
    (``""`` if none).

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "A poll of Americans was published. Half want the United States to keep its commitments."
    >>> d = Document(t, sentence_spans(t))
    >>> context_country(d, d.sentence(1)), context_country(d, d.sentence(0))
    ('United States', 'United States')
    """
    if "context_country" not in sentence.memo:
        found = _whole_country(sentence)
        for previous in doc.before(sentence.index, COUNTRY_CONTEXT) if not found else ():
            if found := _whole_country(previous):
                break
        sentence.memo["context_country"] = found
    return str(sentence.memo["context_country"])


def _country_in(sentence: Sentence, lo: int, hi: int) -> str:
    """Respondents' country stated in ``sentence.text[lo:hi]`` (demonym, adjective + poll, "in X")."""
    for spans in (sentence.demonyms, sentence.located_countries):
        found = spans.first_within(lo, hi)
        if found is not None:
            return found[2]
    return ""


_NEXT_ITEM = re.compile(r"\band\s+(?:for|in)\s")


def figure_country(
    doc: Document, sentence: Sentence, clause: Clause, listed_country: str | None, place: str | None
) -> str:
    """Respondents' country as the text states it: a "respectively" list, a demonym or located country
    in the clause, the sentence, the sentences before; the country of the place; the joining country
    ("Finland should join", "Should Montenegro be a member"), else ``""``. A national pollster alone
    does not say who was asked (the labelling rule of ``tests/extract_eval``), so it gives no country.

    >>> from analysis.extract.figures import find_figures
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "In a new poll, 58% of Finns backed joining NATO."
    >>> doc = Document(t, sentence_spans(t))
    >>> s = doc.sentence(0)
    >>> s.figures = find_figures(t)
    >>> figure_country(doc, s, s.clauses[0], None, None), figure_country(doc, s, s.clauses[0], "Sweden", None)
    ('Finland', 'Sweden')
    >>> t = "In a new poll, 58% in Lviv backed joining NATO."
    >>> doc = Document(t, sentence_spans(t))
    >>> s = doc.sentence(0)
    >>> s.figures = find_figures(t)
    >>> figure_country(doc, s, s.clauses[0], None, "Lviv")
    'Ukraine'
    """
    gaz = gazetteer()
    if listed_country is not None:
        return gaz.country_of[place_key(listed_country)]
    # right of the figure up to a coordinator that opens the next item ("79 percent and for Hungary 55 percent")
    opener = _NEXT_ITEM.search(sentence.text, clause.end, clause.right)
    right = opener.start() if opener is not None else clause.right
    for lo, hi in ((clause.end, right), (clause.left, clause.start)):
        if country := _country_in(sentence, lo, hi):
            return country
    if country := context_country(doc, sentence):
        return country
    first_place = re.split(r"\s*(?:,|\band\b|&)\s*", place)[0] if place else ""
    if first_place and gaz.place_country.get(place_key(first_place)):
        return gaz.place_country[place_key(first_place)]
    for scope in [sentence, *doc.before(sentence.index)]:
        if scope.joining:
            return scope.joining
    return ""
