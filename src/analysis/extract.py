"""Poll mentions in news text: which percentages are opinion-poll figures about NATO.

:func:`extract_poll_mentions` reads one text and returns one row per percentage that it
judges to be a poll figure about attitudes to NATO (joining it, voting on it, seeing it as
a threat or a protection, neutrality as the alternative), with the share, the stance,
and what the text says about who was asked, where, when, by whom and how many.
:func:`extract_batch` does the same for a table of documents, partition by partition.

>>> text = ("According to a Gallup poll conducted in October 2008, 43% of Ukrainians see NATO "
...         "as a threat, while only 15% see NATO as a source of safety. Inflation reached 12%.")
>>> found = extract_poll_mentions(text, doc_id="demo")
>>> found[["share", "stance", "country", "pollster", "date_start", "date_precision"]]
   share      stance  country pollster  date_start date_precision
0   43.0      threat  Ukraine   Gallup  2008-10-01          month
1   15.0  protection  Ukraine   Gallup  2008-10-01          month
>>> text[found.loc[0, "share_start"] : found.loc[0, "share_end"]]
'43%'

Design (rule-based, no network, no model)
-----------------------------------------
1. **Candidates.** Units (``%``, ``percent``, ``per cent``, ``pct``, a stray ``#``) are
   found first, then a regular expression reads back from each unit: an optional qualifier
   (``over``, ``approximately``...) and a number, in digits or spelled out
   (``Twenty-nine``). Share and qualifier come from
   :func:`analysis.normalise.parse_share_one`; numbers over 100 are dropped. Bare numbers
   ("39 were opposed") and ranges ("ranging from 24 to 31 percent", "58-62%") are never
   figures; "from 24 to 22 per cent" (falling, or after "increased") is a change whose
   second number is a figure.
2. **Sentences and clauses.** Sentences come from :func:`analysis.seeds.sentence_spans`
   (the package's one splitter). In a sentence each figure owns a *clause*: the text from
   the previous figure or break (``,;:``, a sentence end the splitter missed, ``while``,
   ``but``, a spaced dash, an opening parenthesis after the figure) to the next one. Cues
   are read in the clause (right of the figure first, left first when the figure ends its
   clause: "fell to 13 per cent and ..."), then from the previous figure on the same level
   (inside or outside parentheses), then in the sentence, then in the context.
3. **Is it a NATO poll figure?** All of: (a) a *poll cue* in the sentence (poll, survey,
   respondents, a demonym, a known pollster) or a poll cue or poll figure in the sentence
   before; (b) the *topic* resolves to NATO (NATO, the alliance, a defence pact,
   neutrality): the nearest topic cue as above, the last one of up to
   ``CONTEXT_SENTENCES`` sentences before, or its place in a "..., respectively" list.
   Competing topics: the EU, other unions (CSTO, CIS, Customs Union), organisations (UN,
   IMF...), the economy, defence spending (the 2% target), politics (trust, vote shares,
   elections), other countries as objects (Russia, "ties with the US"; not "in Poland"),
   peace talks and arguments; (c) not a *change* ("by 5%", "up 5%", "25 percentage
   points"), a *margin of error* (after "margin of error" with no NATO or stance cue in
   between) or a *prediction* ("forecasting", "could rise to"). A cheap pre-filter skips
   sentences with no NATO cue within reach or no poll context (same outcome, less work).
4. **Fields.** ``stance``: the nearest strong cue as above, then a weak one ("would take
   part", used only when nothing else is near), then the last stance of the sentence
   before ("In June 2018, it was 43 percent."), else ``other``; "voted for ... neutrality"
   is ``other``. ``geography``: a region or city of the clause (one named before the
   figure also covers the next figures; a parenthesis takes its figure's), or from a
   "respectively" list; else ``national``. ``country``: respondents' country from
   "in/all over <Country>", a demonym ("of Finns"), "<adjective> poll/citizens",
   "citizens of <Country>", up to ``COUNTRY_CONTEXT`` sentences back, else the joining
   country ("Finland should join", "Georgia's membership"). ``pollster``: the first known
   name (``resources/extract_pollsters.csv``) or a capitalised name after "poll by",
   "conducted by"... ``date_*``: a date written after the figure in its clause, else one
   of the sentence not owned by another figure, else the context's; year-less dates
   ("On May 6") take the year of a full date just before; "since 2014", "published on
   ...", an opening dateline are not poll dates; parsed by
   :func:`analysis.normalise.parse_date_one`. ``sample_size``: "1,203 adults", "sample of
   2 000". Pollster, date and sample size also come from the context: sentences with a
   poll cue up to ``POLL_CONTEXT`` back (any sentence without figures up to
   ``CONTEXT_SENTENCES`` back), then methodology sentences after; never for a comparison
   figure ("up from 28 percent in 2012", "- against 22% in March": own date only) nor in a
   sentence about another time ("In May, ...", "a month ago"; "Back then" takes the date
   just mentioned).

Values are written as in the text (pollster, geography); map them with
:func:`analysis.normalise.harmonise_pollster` / ``harmonise_region`` where the aliases
are known. Unknown fields are ``""`` (``<NA>`` for ``sample_size``).

The lexicons are data files in ``analysis/resources/`` (``extract_*.csv``): stance cues
(with a strong/weak priority), topic cues, poll/change/error/prediction cues,
pollsters, places and countries. Each cue row carries an example that a test checks it
matches. Accuracy is measured, not asserted, on the labelled set in
``tests/extract_eval/`` (``benchmarks/extract_benchmark.py`` writes
``benchmarks/extract_results.md``). Known limits: numbers without a unit, subgroups named
only by party, a newspaper that *reports* a poll taken for the conductor, items of a list
of arguments about NATO, publication dates that are not marked as such.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple, TypeVar

import pandas as pd

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.normalise import DateSpan, parse_date_one, parse_share_one
from analysis.paths import RESOURCES
from analysis.seeds import Span, sentence_spans

STANCES = ("for", "against", "undecided", "would_not_vote", "threat", "protection", "other")
"""Stance of a figure: the answer the share counts (``other``: neutrality, "neither", ...)."""

MENTION_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "share": "float64",
    "share_qualifier": "str",
    "share_as_written": "str",
    "share_start": "int64",
    "share_end": "int64",
    "sentence_start": "int64",
    "sentence_end": "int64",
    "stance": "str",
    "country": "str",
    "geography": "str",
    "pollster": "str",
    "date_as_written": "str",
    "date_start": "str",
    "date_end": "str",
    "date_precision": "str",
    "sample_size": "Int64",
}
"""Columns of the result and their dtypes (offsets are ``str`` indices into the text)."""

T = TypeVar("T")

CONTEXT_SENTENCES = 3
"""How many preceding (and, for methodology, following) sentences count as context."""
POLL_CONTEXT = 6
"""How far back a sentence with a poll cue still gives a figure its pollster and date."""
COUNTRY_CONTEXT = 10
"""How far back a demonym ("Ukrainians") still names the respondents' country."""
SAMPLE_LOOKAHEAD = 5
"""Sentences after a figure searched for its sample size (methodology often comes last)."""

# ------------------------------------------------------------------------- lexicons


class _Lexicon(NamedTuple):
    regex: re.Pattern[str]
    labels: tuple[str, ...]

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every cue in ``text`` as ``(start, end, label)``, left to right."""
        return [(m.start(), m.end(), self.labels[(m.lastindex or 1) - 1]) for m in self.regex.finditer(text)]


def _compile(rows: Iterable[tuple[str, str, bool]]) -> _Lexicon:
    """One regex for a lexicon: each pattern is a group, matched at word boundaries."""
    parts, labels = [], []
    for pattern, label, ignore_case in rows:
        parts.append(f"((?i:{pattern}))" if ignore_case else f"((?:{pattern}))")
        labels.append(label)
    return _Lexicon(re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"), tuple(labels))


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(RESOURCES / name, dtype="str", keep_default_na=False)


@cache
def _cues(file: str, label_column: str, kinds: tuple[str, ...] | None = None) -> _Lexicon:
    table = _read(file)
    if kinds is not None:
        table = table[table[label_column].isin(kinds)]
    return _compile(zip(table["pattern"], table[label_column], table["ignore_case"] == "yes", strict=True))


@cache
def _stance_cues() -> _Lexicon:
    """Stance cues; a label ends in ``~weak`` for cues used only when no other cue is near."""
    table = _read("extract_stance_cues.csv")
    labels = [s + ("~weak" if p == "weak" else "") for s, p in zip(table["stance"], table["priority"], strict=True)]
    return _compile(zip(table["pattern"], labels, table["ignore_case"] == "yes", strict=True))


def _topic_cues() -> _Lexicon:
    return _cues("extract_topic_cues.csv", "topic")


def _context_cues(kind: str) -> _Lexicon:
    return _cues("extract_context_cues.csv", "kind", (kind,))


def _names_regex(names: Iterable[str]) -> str:
    """Alternation of literal names, longest first; the first letter matches either case."""
    out = []
    for name in sorted(set(names), key=len, reverse=True):
        first, rest = name[0], re.escape(name[1:]).replace(r"\ ", r"\s+")
        head = f"[{first.upper()}{first.lower()}]" if first.isalpha() else re.escape(first)
        out.append(head + rest)
    return "|".join(out)


@dataclass(frozen=True)
class _Gazetteer:
    pollsters: re.Pattern[str]
    places: re.Pattern[str]
    place_country: dict[str, str]
    countries: re.Pattern[str]
    country_of: dict[str, str]
    people: re.Pattern[str]
    people_country: dict[str, str]
    adjectives: re.Pattern[str]
    adjective_country: dict[str, str]


@cache
def _gazetteer() -> _Gazetteer:
    aliases = _read("extract_pollsters.csv")["alias"]
    # Pollster names are proper nouns: matched case-sensitively ("Rating" is not "rating").
    pollsters = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(a).replace(r"\ ", r"[\s-]+") for a in sorted(set(aliases), key=len, reverse=True))
        + r")(?!\w)"
    )
    places = _read("extract_places.csv")
    countries = _read("extract_countries.csv")
    names = [n for ns in countries["names"] for n in ns.split("|")]
    country_of = {
        _place_key(n): c for c, ns in zip(countries["country"], countries["names"], strict=True) for n in ns.split("|")
    }
    people_country = {
        _place_key(n): c for c, ns in zip(countries["country"], countries["people"], strict=True) for n in ns.split("|")
    }
    adjective_country = {_place_key(a): c for c, a in zip(countries["country"], countries["adjective"], strict=True)}
    bounded = r"(?<![\w-])(?:{})(?![\w-])"
    return _Gazetteer(
        pollsters=pollsters,
        places=re.compile(
            bounded.format(_names_regex(places["name"])) + r"(?!\s+(?!Oblast|Region|Province)[A-Z][a-z])"
        ),
        place_country={_place_key(n): c for n, c in zip(places["name"], places["country"], strict=True)},
        countries=re.compile(bounded.format(_names_regex(names))),
        country_of=country_of,
        people=re.compile(bounded.format(_names_regex(n for ns in countries["people"] for n in ns.split("|")))),
        people_country=people_country,
        adjectives=re.compile(
            r"(?<![\w-])(?P<adj>" + _names_regex(countries["adjective"]) + r")\s+(?:opinion\s+)?"
            r"(?:poll|polls|survey|respondents|citizens|voters|adults|public|pollster|residents|nationals)(?!\w)"
        ),
        adjective_country=adjective_country,
    )


def _place_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).casefold()


# ------------------------------------------------------------------------- figures

_QUALIFIER_WORDS = (
    "approximately|approx\\.|about|around|roughly|nearly|almost|some|over|more than|above|at least|"
    "in excess of|under|less than|below|fewer than|at most"
)
"""Qualifiers taken into ``share_as_written`` (all understood by ``parse_share_one``).
"up to" is left out on purpose: in poll reports it mostly means "rose to"."""

_UNITS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS, 1)} | {w: 10 * i for i, w in enumerate(_TENS, 2)}
_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(sorted(_UNITS, key=len, reverse=True))}"
    r"|(?:one\s+|a\s+)?hundred)"
)
_FIGURE = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_QUALIFIER_WORDS})\s+)?"
    r"(?:(?P<num>\d{1,3}(?:[.,]\d+)?)\s?(?P<unit>%|#(?![\w#])|per\s?cent(?!\w)|percent(?!\w)|pct(?!\w))"
    rf"|(?P<word>{_WORD_NUMBER})\s+(?:per\s?cent|percent)(?!\w))",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"(?:(?P<kw>between|ranging from|ranges? from|range of|from)\s+)?(?P<first>\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?P<unit>%|percent|per cent)?\s*(?:to|and|-|–)\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"\s*(?:and|to|-|–)\s*\d", re.IGNORECASE)  # used with .match(text, pos)
_RANGE_OPENERS = re.compile(r"(?:between|ranging from|ranges? from|range of)\s*$", re.IGNORECASE)
_COMPARISON_BEFORE = re.compile(r"(?:(?<!\w)from|[-–—,]\s*against)\s+$", re.IGNORECASE)
_CHANGE_VERB = re.compile(
    r"\b(?:increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|climbed|changed|went)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


class _Figure(NamedTuple):
    start: int
    end: int
    as_written: str
    share: float
    qualifier: str


def _word_value(words: str) -> int:
    words = words.lower().replace("-", " ").split()
    if words[-1] == "hundred":
        return 100
    return sum(_WORD_VALUE[w] for w in words)


_UNIT_ANCHOR = re.compile(r"%|#(?![\w#])|(?i:per\s?cent|percent|pct)(?!\w)")
_FIGURE_ENDING = re.compile(_FIGURE.pattern + r"$", re.IGNORECASE)


def _figure_matches(text: str) -> list[re.Match[str]]:
    """Matches of ``_FIGURE``, found from the units (fast literals) backwards."""
    out: list[re.Match[str]] = []
    last = 0
    for unit in _UNIT_ANCHOR.finditer(text):
        m = _FIGURE_ENDING.search(text, max(last, unit.start() - 48), unit.end())
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _find_figures(text: str) -> list[_Figure]:
    """Every percentage in ``text`` that parses as a share (0-100) and is not part of a range."""
    found = []
    for m in _figure_matches(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _is_range(m, before, text):
            continue
        as_written = m.group(0)
        try:
            if m["word"]:
                value = _word_value(m["word"])
                share = parse_share_one(f"{m['qual'] or ''} {value} percent".strip())
            else:
                share = parse_share_one(as_written)
        except ParseError:
            continue
        found.append(_Figure(m.start(), m.end(), as_written, share.share, share.qualifier))
    return found


def _is_range(m: re.Match[str], before: str, text: str) -> bool:
    if m["qual"] is None and re.search(r"\d\s*(?:%|percent|per cent)?\s*[-–]\s*$", before, re.IGNORECASE):
        return True  # 58-62%
    r = _RANGE_BEFORE.search(before)
    if r is not None and m["qual"] is None and (r["unit"] is None or r["kw"] not in (None, "from")):
        if r["kw"] == "from" and r["unit"] is None and m["num"]:
            first = float(r["first"].replace(",", "."))
            # "from 24 to 22 per cent" or "increased ... from 50 to 59 per cent": a change; the second is a level
            at = m.start() - len(r.group(0))
            if first > float(m["num"].replace(",", ".")) or _CHANGE_VERB.search(text[max(0, at - 80) : at]):
                return False
        return True  # from 24 to 31 percent; between 24% and 31%
    return bool(_RANGE_OPENERS.search(before) and _RANGE_AFTER.match(text, m.end()))


# ------------------------------------------------------------------------- dates

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SEP = r"\s*(?:-|–|—|to|until|and|through)\s*"
_FUZZY = r"(?:(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of)\s*-?\s*)?"
_DATE = re.compile(
    r"(?<![\w$€£])(?:"
    + "|".join(
        [
            rf"{_MONTH}\s+{_DAY}{_SEP}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
            rf"{_MONTH}\s+{_DAY}{_SEP}{_DAY},?\s+{_YEAR}",
            rf"{_DAY}{_SEP}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
            rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
            rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
            rf"{_MONTH}{_SEP}{_MONTH},?\s+{_YEAR}",
            rf"{_FUZZY}{_MONTH},?\s+(?:of\s+)?{_YEAR}",
            rf"(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}",
            rf"{_YEAR}{_SEP}{_YEAR}",
            rf"{_FUZZY}{_YEAR}",
            rf"{_MONTH}\s+{_DAY}{_SEP}{_DAY}",
            rf"{_DAY}{_SEP}{_DAY}\s+{_MONTH}",
            rf"{_MONTH}\s+{_DAY}",
            rf"{_DAY}\s+{_MONTH}",
            r"(?:"
            + "|".join(
                rf"(?<=\b{w}\s)"
                for w in ("in", "In", "of", "since", "Since", "from", "during", "until", "late", "early")
            )
            + rf"){_MONTH}",
        ]
    )
    + r")(?![\w%])"
)
_DATE_QUICK = re.compile(r"(?:19[5-9]\d|20[0-4]\d)|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_THREE_DIGITS = re.compile(r"\d\d\d")
_SINCE = re.compile(r"\b(?:since|before|after|until)\b[^,;:()]*$", re.IGNORECASE)
_THEN = re.compile(r"^\W*(?:Back then|At that time|At the time|Then)\b")
_TIME_SHIFT = re.compile(r"^\W*(?:In|On|By|As of|Back in|Since)\s+$")
_EARLIER = re.compile(
    r"\b(?:previous|earlier|ago|last (?:year|month|week|time)|a year before|back then|at that time|at the time)\b",
    re.IGNORECASE,
)
_METHOD = re.compile(
    r"\b(?:conducted|carried out|fielded|held|took place|interviewed|surveyed|polled)\b", re.IGNORECASE
)
_CONJUNCTION = re.compile(r"\s*(?:and|but|while|whereas|or)\b", re.IGNORECASE)  # used with .match(text, pos)
_PUBLISHED = re.compile(
    r"\b(?:published|released|reported|said|announced|showed|revealed|updated)\s+(?:on\s+)?$", re.IGNORECASE
)
_COMPARED_AGAINST = re.compile(r"[-–—,]\s*against\s+$", re.IGNORECASE)
_LOCATED = re.compile(r"\b(?:in|across|throughout|all over)\s+$", re.IGNORECASE)


class _Date(NamedTuple):
    start: int  # offsets in the document
    end: int
    as_written: str
    has_year: bool
    since: bool  # a reference point ("since 2014"), not the date of a poll


# ------------------------------------------------------------------------- sentences

_BREAK = re.compile(r"[,;:]|\s[–—-]\s|[.!?]\s+|\s(?:while|whereas|but|versus|vs\.?)\s", re.IGNORECASE)
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


@dataclass
class _Sentence:
    """One sentence of a document and the cues found in it (computed on first use)."""

    doc: _Document
    index: int
    start: int
    end: int
    figures: list[_Figure] = field(default_factory=list)
    accepted: bool = False
    last_stance: str | None = None

    @cached_property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    @cached_property
    def pollster_spans(self) -> list[tuple[int, int]]:
        spans = [(m.start(), m.end()) for m in _gazetteer().pollsters.finditer(self.text)]
        if not spans:
            m = _PATTERN_POLLSTER.search(self.text)
            if m is not None and not _DATE.fullmatch(m["name"]):
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
    def topics(self) -> list[tuple[int, int, str]]:
        return _topic_cues().scan(self.masked)

    @cached_property
    def stances(self) -> _Spans:
        """Strong stance cues (weak ones are in :attr:`weak_stances`)."""
        return _Spans([c for c in self.all_stances if not c[2].endswith("~weak")])

    @cached_property
    def weak_stances(self) -> _Spans:
        return _Spans(
            [(s, e, label.removesuffix("~weak")) for s, e, label in self.all_stances if label.endswith("~weak")]
        )

    @cached_property
    def separators(self) -> list[int]:
        """Starts of NATO and stance cues: what ends the reach of a "margin of error" before a figure."""
        return sorted([t[0] for t in self.topics if t[2] == "nato"] + self.stances.starts)

    @cached_property
    def regions(self) -> _Spans:
        return _Spans([p for p in self.places if p[3] == "place"])

    @cached_property
    def joining(self) -> str:
        return _joining_country(self, 0, len(self.text))

    @cached_property
    def all_stances(self) -> list[tuple[int, int, str]]:
        cues = _stance_cues().scan(self.masked)
        # "voted for the status of neutrality": the option named after a 'for' verb is the answer
        for k in range(len(cues) - 1):
            (s1, e1, a), (s2, _, b) = cues[k], cues[k + 1]
            if a == "for" and b.startswith("other") and s2 - e1 <= 60 and not re.search(r"[,;:]", self.masked[e1:s2]):
                cues[k] = (s1, e1, "other")
        return cues

    @cached_property
    def poll_cue(self) -> bool:
        # Masking only blanks pollster names, which are poll cues themselves: the raw text will do.
        return bool(
            _context_cues("poll").regex.search(self.text)
            or _gazetteer().people.search(self.text)
            or self.pollster_spans
        )

    @cached_property
    def nato_cue(self) -> bool:
        return bool(_nato_quick().search(self.text))

    @cached_property
    def errors(self) -> _Spans:
        return _Spans(_context_cues("error").scan(self.text))

    @cached_property
    def dates(self) -> list[_Date]:
        out: list[_Date] = []
        if not _DATE_QUICK.search(self.text):
            return out
        for m in _DATE.finditer(self.text):
            written = m.group(0)
            head = self.text[max(0, m.start() - 80) : m.start()]
            # "since 2014" is a reference point; "published on July 9" or a dateline "(Agency - 17th November,
            # 2021)" opening the text is the publication date: neither is the poll's
            dateline = self.start + m.start() < 80 and "(" in self.doc.text[: self.start + m.start()]
            since = bool(_SINCE.search(head) or _PUBLISHED.search(head) or dateline)
            out.append(
                _Date(self.start + m.start(), self.start + m.end(), written, bool(re.search(_YEAR, written)), since)
            )
        return out

    @cached_property
    def date_spans(self) -> _Spans:
        return _Spans([(d.start, d.end, d) for d in self.dates])

    @cached_property
    def poll_dates(self) -> list[_Date]:
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
        gaz = _gazetteer()
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
    def demonyms(self) -> _Spans:
        """Respondents named by nationality: "Ukrainians", "Moldovan citizens", "a Ukrainian poll"."""
        gaz = _gazetteer()
        found = [
            (m.start(), m.end(), gaz.people_country[_place_key(m.group(0))]) for m in gaz.people.finditer(self.masked)
        ]
        found += [
            (m.start(), m.end(), gaz.adjective_country[_place_key(m["adj"])])
            for m in gaz.adjectives.finditer(self.masked)
        ]
        return _Spans(sorted(found))

    @cached_property
    def located_countries(self) -> _Spans:
        """Countries named as where people are: "in Poland", "all over Ukraine", "Moldova's nationals"."""
        gaz, text, out = _gazetteer(), self.masked, []
        for s, e, name, kind in self.places:
            if kind == "country" and (
                _LOCATED.search(text[max(0, s - 12) : s])
                or re.match(r"['’]s\s+(?:citizens|nationals|residents|people|population)", text[e:])
                or re.search(r"\b(?:citizens|nationals|residents|people|population)\s+of\s+$", text[max(0, s - 24) : s])
            ):
                out.append((s, e, gaz.country_of[_place_key(name)]))
        return _Spans(out)

    @cached_property
    def breaks(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _BREAK.finditer(self.text)]

    @cached_property
    def clauses(self) -> list[_Clause]:
        return _clauses(self)

    # context lookups are the same for every figure of the sentence: computed once
    @cached_property
    def context_date(self) -> tuple[_Date | None, _Sentence]:
        return _context_date(self.doc, self)

    @cached_property
    def context_pollster(self) -> str:
        return _context_value(self.doc, self, _pollster_of) or ""

    @cached_property
    def context_sample(self) -> int | None:
        return _context_value(self.doc, self, _sample_of, ahead=SAMPLE_LOOKAHEAD)


@dataclass
class _Document:
    text: str
    spans: list[Span]
    sentences: dict[int, _Sentence] = field(default_factory=dict)

    def sentence(self, index: int) -> _Sentence | None:
        if not 0 <= index < len(self.spans):
            return None
        if index not in self.sentences:
            span = self.spans[index]
            self.sentences[index] = _Sentence(self, index, span.start, span.end)
        return self.sentences[index]

    def before(self, index: int, n: int = CONTEXT_SENTENCES) -> list[_Sentence]:
        """Up to ``n`` sentences before ``index``, nearest first."""
        return [s for i in range(index - 1, index - 1 - n, -1) if (s := self.sentence(i))]

    def after(self, index: int) -> list[_Sentence]:
        return [s for i in range(index + 1, index + 1 + CONTEXT_SENTENCES) if (s := self.sentence(i))]


# ------------------------------------------------------------------------- one figure


@dataclass
class _Clause:
    """The figure's own clause inside the sentence, as offsets into the sentence text."""

    left: int
    start: int
    end: int
    right: int
    in_parens: bool = False


class _Spans:
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


def _clauses(sentence: _Sentence) -> list[_Clause]:
    out = []
    figures = [(f.start - sentence.start, f.end - sentence.start) for f in sentence.figures]
    text = sentence.text
    breaks = sentence.breaks
    starts, ends = [s for s, _ in breaks], [e for _, e in breaks]
    opens = [m.start() for m in re.finditer(r"\(", text)]
    closes = [m.start() for m in re.finditer(r"\)", text)]
    for i, (a, b) in enumerate(figures):
        k = bisect.bisect_right(ends, a) - 1
        if k >= 0 and ends[k] == a and text[starts[k] : a].strip() in "–—-":
            k -= 1  # "against — 2%": a dash right before a figure does not end its clause
        left = max(ends[k] if k >= 0 else 0, figures[i - 1][1] if i else 0)
        k = bisect.bisect_left(starts, b)
        j = bisect.bisect_left(opens, b)
        right = min(
            starts[k] if k < len(starts) else len(text),
            opens[j] if j < len(opens) else len(text),
            figures[i + 1][0] if i + 1 < len(figures) else len(text),
        )
        in_parens = bisect.bisect_left(opens, a) > bisect.bisect_left(closes, a)
        out.append(_Clause(left, a, b, right, in_parens))
    return out


def _nearest(cues: _Spans, clause: _Clause, text: str) -> str | None:
    """The cue nearest the figure within its clause, looking right first, then left.

    When the figure ends its clause ("... fallen to 13 per cent and that of ..."), left first.
    """
    sides = [cues.first_within(clause.end, clause.right), cues.last_within(clause.left, clause.start)]
    if _CONJUNCTION.match(text, clause.end):
        sides.reverse()
    for cue in sides:
        if cue is not None:
            return cue[2]
    return None


def _nearest_in_sentence(cues: _Spans, at: int) -> str | None:
    cue = cues.nearest(at)
    return cue[2] if cue is not None else None


@dataclass
class _Decision:
    accepted: bool
    stance: str
    topic: str | None
    region: str = ""  # geography named before the figure: also covers later figures
    place: str | None = None
    row: dict[str, object] = field(default_factory=dict)


class _Listed(NamedTuple):
    name: str  # as written, or the topic label for kind "topic"
    kind: str  # place, country or topic
    start: int
    end: int


def _respectively(sentence: _Sentence, clauses: list[_Clause]) -> dict[int, _Listed]:
    """Figures in a "A, B and C ... 1%, 2% and 3%, respectively" list mapped to places."""
    out: dict[int, _Listed] = {}
    text = sentence.text
    for m in re.finditer(r"respectively", text, re.IGNORECASE):
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
        if adjacent and len(places) >= len(members):
            for i, place in zip(members, places[-len(members) :], strict=True):
                out[i] = _Listed(place[2], place[3], place[0], place[1])
            continue
        # "41% and 45% support membership in NATO and the European Union, respectively"
        after = [t for t in sentence.topics if clauses[run[-1]].end <= t[0] < m.start()]
        before = [t for t in sentence.topics if since <= t[0] and t[1] <= clauses[first].start]
        for topics in (after,) if not adjacent else (before,):
            if len(topics) == len(members):
                for i, topic in zip(members, topics, strict=True):
                    out[i] = _Listed(topic[2], "topic", topic[0], topic[1])
                break
    return out


def _country_in(sentence: _Sentence, lo: int, hi: int) -> str:
    """Respondents' country stated in ``sentence.text[lo:hi]`` (demonym, adjective + poll, "in X")."""
    for spans in (sentence.demonyms, sentence.located_countries):
        found = spans.first_within(lo, hi)
        if found is not None:
            return found[2]
    return ""


def _joining_country(sentence: _Sentence, lo: int, hi: int) -> str:
    gaz = _gazetteer()
    for s, e, name, kind in sentence.places:
        if kind == "country" and lo <= s and e <= hi:
            tail = sentence.masked[e : e + 60]
            if re.match(
                r"\s+(?:should|would|to|must|could|will)\s+join|['’]s\s+(?:NATO\s+)?(?:membership|accession|integration|joining|entry|bid)",
                tail,
            ):
                return gaz.country_of[_place_key(name)]
    return ""


def _context_topic(doc: _Document, sentence: _Sentence) -> str | None:
    for previous in doc.before(sentence.index):
        if previous.topics:
            return previous.topics[-1][2]
    return None


def _decide(doc: _Document, sentence: _Sentence) -> list[_Decision]:
    clauses = sentence.clauses
    lists = _respectively(sentence, clauses)
    previous = doc.sentence(sentence.index - 1)
    poll_context = sentence.poll_cue or (previous is not None and (previous.accepted or previous.poll_cue))
    # a country named as where respondents live ("91% in Poland", a "respectively" list) is no topic
    located = sorted(
        [(s, e) for s, e, _ in sentence.located_countries.items]
        + [(p.start, p.end) for p in lists.values() if p.kind != "topic"]
    )
    located_starts = [s for s, _ in located]

    def is_located(at: int) -> bool:
        k = bisect.bisect_right(located_starts, at) - 1
        return k >= 0 and at < located[k][1]

    topics = _Spans([t for t in sentence.topics if not is_located(t[0])])
    text = sentence.text
    decisions: list[_Decision] = []
    last_on_level: dict[bool, _Decision] = {}  # the previous figure inside / outside parentheses
    for i, (figure, clause) in enumerate(zip(sentence.figures, clauses, strict=True)):
        # inherit from the previous figure on the same level (inside or outside parentheses)
        prior = last_on_level.get(clause.in_parens) or (decisions[-1] if decisions else None)
        outside = last_on_level.get(False)
        # --- topic
        topic = lists[i].name if i in lists and lists[i].kind == "topic" else _nearest(topics, clause, text)
        if topic is None and prior is not None:
            topic = prior.topic
        if topic is None:
            topic = _nearest_in_sentence(topics, clause.start)
        if topic is None:
            topic = _context_topic(doc, sentence)
        # --- stance ("- against 22% in March" compares: that "against" is no answer)
        stances = sentence.stances
        if _COMPARED_AGAINST.search(text[max(0, clause.start - 24) : clause.start]):
            stances = _Spans([c for c in stances.items if c[1] < clause.start - 12 or c[0] > clause.start])
        stance = _nearest(stances, clause, text) or _nearest(sentence.weak_stances, clause, text)
        if stance is None and prior is not None:
            stance = prior.stance
        if stance is None:
            stance = _nearest_in_sentence(stances, clause.start) or _nearest_in_sentence(
                sentence.weak_stances, clause.start
            )
        if stance is None and previous is not None and previous.accepted:
            stance = previous.last_stance
        stance = stance or "other"
        # --- filters
        before = text[max(clause.left, clause.start - 40) : clause.start]
        after = text[clause.end : min(clause.right, clause.end + 40)]
        change = bool(_change_before().search(before) or _context_cues("change_after").regex.match(after.lstrip()))
        own = text[clause.left : clause.right]
        prediction = bool(_context_cues("prediction").regex.search(own))
        # after a "margin of error" cue, unless a NATO or stance cue comes in between
        last_error = sentence.errors.last_within(0, clause.start)
        error = False
        if last_error is not None:
            k = bisect.bisect_left(sentence.separators, last_error[0])
            error = not (k < len(sentence.separators) and sentence.separators[k] < clause.start)
        accepted = poll_context and topic == "nato" and not (change or prediction or error)
        decision = _Decision(accepted, stance, topic)
        # --- geography (a region before the figure also covers later figures)
        place = None
        right_place = sentence.regions.first_within(clause.end, clause.right)
        left_place = sentence.regions.last_within(clause.left, clause.start)
        if i in lists and lists[i].kind == "place":
            place = lists[i].name
        elif clause.in_parens and not right_place and not left_place and outside and outside.place:
            place = outside.place  # "95% of residents of the west (against — 2%)"
        elif right_place:
            place = right_place[2]
        elif left_place:
            place = decision.region = left_place[2]
        elif prior is not None and prior.region:
            place = decision.region = prior.region
        decision.place = place
        geography = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", place)) if place else "national"
        decisions.append(decision)
        last_on_level[clause.in_parens] = decision
        if not accepted:
            continue
        decision.row = {
            "stance": stance,
            "geography": geography,
            "country": _figure_country(doc, sentence, clause, lists.get(i), place),
            **_provenance(doc, sentence, figure, clause),
        }
    return decisions


def _figure_country(
    doc: _Document, sentence: _Sentence, clause: _Clause, listed: _Listed | None, place: str | None
) -> str:
    gaz = _gazetteer()
    if listed is not None and listed.kind == "country":
        return gaz.country_of[_place_key(listed.name)]
    for lo, hi in ((clause.end, clause.right), (clause.left, clause.start), (0, len(sentence.text))):
        if country := _country_in(sentence, lo, hi):
            return country
    for previous in doc.before(sentence.index, COUNTRY_CONTEXT):
        if country := _country_in(previous, 0, len(previous.text)):
            return country
    if place and gaz.place_country.get(_place_key(place)):
        return gaz.place_country[_place_key(place)]
    for scope in [sentence, *doc.before(sentence.index)]:
        if scope.joining:
            return scope.joining
    return ""


def _provenance(doc: _Document, sentence: _Sentence, figure: _Figure, clause: _Clause) -> dict[str, object]:
    """Pollster, date and sample size of the figure's poll."""
    comparison = bool(_COMPARISON_BEFORE.search(sentence.text[max(0, clause.start - 12) : clause.start]))
    # a date written after the figure in its clause is its own ("28 percent in 2012")
    own = sentence.date_spans.first_within(sentence.start + clause.end, sentence.start + clause.right)
    # else one of the sentence's poll dates (not "since ...", not owned by another figure), before it if any
    pool = sentence.poll_dates
    date: _Date | None = None
    date_sentence = sentence
    if own is not None:
        date = own[2]
    elif not comparison and pool:
        k = bisect.bisect_right([d.end for d in pool], figure.start)
        date = pool[k - 1] if k else pool[0]
    carry = not comparison and not sentence.time_shifted
    if date is None and carry and not sentence.dates:
        date, date_sentence = sentence.context_date
    if date is None and not sentence.dates and _THEN.match(sentence.text):
        previous = doc.sentence(sentence.index - 1)  # "Back then, ...": the date just mentioned
        dates = [d for d in previous.dates if not d.since] if previous else []
        if dates:
            date, date_sentence = dates[-1], previous
    pollster = "" if comparison else sentence.pollster
    if not pollster and carry:
        pollster = sentence.context_pollster
    sample = None if comparison else sentence.sample_size
    if sample is None and carry:
        sample = sentence.context_sample
    parsed = _parse_date(doc, date_sentence, date) if date else None
    return {
        "pollster": pollster,
        "sample_size": sample,
        "date_as_written": date.as_written if date else "",
        "date_start": parsed.start if parsed else "",
        "date_end": parsed.end if parsed else "",
        "date_precision": parsed.precision if parsed else "",
    }


def _eligible(s: _Sentence, distance: int) -> bool:
    """Context sentences that describe the poll itself: a poll cue, or (nearby) no figures at all."""
    usable = s.poll_cue if distance > CONTEXT_SENTENCES else (not s.figures or s.poll_cue)
    return usable and not s.time_shifted


def _context_date(doc: _Document, sentence: _Sentence) -> tuple[_Date | None, _Sentence]:
    for distance, previous in enumerate(doc.before(sentence.index, POLL_CONTEXT), 1):
        if _eligible(previous, distance) and previous.poll_dates:
            return previous.poll_dates[0], previous
    for following in doc.after(sentence.index):
        if following.poll_cue and not following.figures and _METHOD.search(following.text) and following.poll_dates:
            return following.poll_dates[0], following
    return None, sentence


def _context_value(
    doc: _Document, sentence: _Sentence, get: Callable[[_Sentence], T | None], ahead: int = CONTEXT_SENTENCES
) -> T | None:
    """A value (pollster, sample size) from the context: the sentences before, then methodology after.

    A methodology sentence has a poll cue and no figures, except for the sample size, whose
    sentence often also gives the margin of error ("2,400 respondents ... error of 2 percent").
    """
    for distance, previous in enumerate(doc.before(sentence.index, POLL_CONTEXT), 1):
        if _eligible(previous, distance) and (value := get(previous)):
            return value
    for i in range(sentence.index + 1, sentence.index + 1 + ahead):
        following = doc.sentence(i)
        if following is None:
            break
        methodology = (following.poll_cue and not following.figures) or get is _sample_of
        if methodology and (value := get(following)):
            return value
    return None


def _sample_of(sentence: _Sentence) -> int | None:
    return sentence.sample_size


def _pollster_of(sentence: _Sentence) -> str:
    return sentence.pollster


def _parse_date(doc: _Document, sentence: _Sentence, date: _Date) -> DateSpan | None:
    default_year = None
    if not date.has_year:
        candidates = [d for s in (sentence, doc.sentence(sentence.index - 1)) if s for d in s.dates]
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


# ------------------------------------------------------------------------- public API


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MENTION_COLUMNS.items()})


def empty_mentions() -> pd.DataFrame:
    """An empty result with the right columns and dtypes (e.g. ``meta`` for Dask).

    >>> empty_mentions().dtypes["share"], len(empty_mentions())
    (dtype('float64'), 0)
    """
    return _empty()


def extract_poll_mentions(text: str, doc_id: str = "") -> pd.DataFrame:
    """Poll figures about NATO in ``text``: one row per figure, columns ``MENTION_COLUMNS``.

    ``share_start:share_end`` and ``sentence_start:sentence_end`` are offsets into
    ``text``; ``text[share_start:share_end] == share_as_written``. Percentages that are
    not NATO poll figures (EU support, trust, vote shares, economic figures, the 2%
    spending target, margins of error, changes in points, predictions) are left out.
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


def _rows(text: str, doc_id: str) -> list[dict[str, object]]:
    if not isinstance(text, str):
        raise ParseError(
            f"cannot extract poll mentions from {type(text).__name__} {text!r} (doc {doc_id!r}): expected a string"
        )
    figures = _find_figures(text)
    if not figures:
        return []
    doc = _Document(text, sentence_spans(text))
    starts = [s.start for s in doc.spans]
    for figure in figures:
        index = bisect.bisect_right(starts, figure.start) - 1
        sentence = doc.sentence(index)
        if sentence is not None and figure.end <= sentence.end:
            sentence.figures.append(figure)
    rows: list[dict[str, object]] = []
    for index in sorted(doc.sentences):
        sentence = doc.sentences[index]
        if not sentence.figures:
            continue
        if not _may_hold_nato_figures(doc, sentence):
            continue  # every figure would be rejected: no NATO cue in reach, or no poll context
        decisions = _decide(doc, sentence)
        sentence.accepted = any(d.accepted for d in decisions)
        accepted_stances = [d.stance for d in decisions if d.accepted]
        sentence.last_stance = accepted_stances[-1] if accepted_stances else None
        for figure, decision in zip(sentence.figures, decisions, strict=True):
            if decision.accepted:
                rows.append(
                    {
                        "doc_id": doc_id,
                        "share": figure.share,
                        "share_qualifier": figure.qualifier,
                        "share_as_written": figure.as_written,
                        "share_start": figure.start,
                        "share_end": figure.end,
                        "sentence_start": sentence.start,
                        "sentence_end": sentence.end,
                        **decision.row,
                    }
                )
    return rows


def _may_hold_nato_figures(doc: _Document, sentence: _Sentence) -> bool:
    """A cheap test that :func:`_decide` could accept a figure here (same outcome, less work).

    A figure's topic comes from this sentence or the ``CONTEXT_SENTENCES`` before it, so
    without a NATO cue in that window (searched in the unmasked text, a superset) no topic
    resolves to NATO; and without a poll cue here or an accepted/poll sentence just before,
    there is no poll context.
    """
    window = [sentence, *doc.before(sentence.index)]
    if not any(s.nato_cue for s in window):
        return False
    previous = doc.sentence(sentence.index - 1)
    return sentence.poll_cue or (previous is not None and (previous.accepted or previous.poll_cue))


@cache
def _change_before() -> re.Pattern[str]:
    """A change cue right before the figure ("rose by 5%", "up 5%")."""
    return re.compile(r"(?:" + _context_cues("change_before").regex.pattern + r")\s*$")


@cache
def _nato_quick() -> re.Pattern[str]:
    table = _read("extract_topic_cues.csv")
    nato = table[table["topic"] == "nato"]
    return _compile(zip(nato["pattern"], nato["topic"], nato["ignore_case"] == "yes", strict=True)).regex


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    if not rows:
        return _empty()
    out = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    out["sample_size"] = pd.array(out["sample_size"].tolist(), dtype="Int64")
    return out.astype(MENTION_COLUMNS)


def extract_batch(docs: pd.DataFrame) -> pd.DataFrame:
    """Run :func:`extract_poll_mentions` over a table of documents (columns ``doc_id``, ``text``).

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
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise DataValidationError([Issue("docs", None, c, None, "missing column (need doc_id, text)") for c in missing])
    rows: list[dict[str, object]] = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        rows += _rows(text, str(doc_id))
    return _frame(rows)


# ----------------------------------------------------------------------------- scoring
# Used by benchmarks/extract_benchmark.py and the data notebook to measure the extractor.


def _norm(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _canonical_pollsters() -> dict[str, str]:
    table = pd.read_csv(RESOURCES / "extract_pollsters.csv", dtype="str", keep_default_na=False)
    return {_pollster_key(a): p for a, p in zip(table["alias"], table["pollster"], strict=True)}


def _pollster_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def _same_pollster(gold: str, found: str, canonical: dict[str, str]) -> bool:
    """Same canonical name, or (for names not in the table) one contains the other."""
    g, f = _pollster_key(gold), _pollster_key(found)
    if not g or not f:
        return g == f
    if g in canonical and f in canonical:
        return canonical[g] == canonical[f]
    return g in f or f in g


def _same_place(gold: str, found: str) -> bool:
    def clean(s: str) -> str:
        return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", s.strip().casefold()))

    return clean(gold) == clean(found)


def _match(gold: pd.DataFrame, found: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs (gold index, found index) whose spans overlap in the same document, one-to-one."""
    pairs, used = [], set()
    for gi, g in gold.iterrows():
        same_doc = found[(found["doc_id"] == g["doc_id"]) & (found["start"] < g["end"]) & (found["end"] > g["start"])]
        for fi in same_doc.index:
            if fi not in used:
                pairs.append((gi, fi))
                used.add(fi)
                break
    return pairs


def _prf(tp: int, n_found: int, n_gold: int) -> dict[str, float]:
    p = tp / n_found if n_found else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {
        "tp": tp,
        "found": n_found,
        "gold": n_gold,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def score_mentions(gold: pd.DataFrame, found: pd.DataFrame, *, with_stance: bool = True) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of found figures against labelled ones, plus field accuracy.

    Both tables have ``doc_id``, ``start``, ``end`` (the figure's span) and ``share``; a found
    figure matches a labelled one when their spans overlap in the same document (one to one).
    Levels: ``span``, ``span+share`` (share within 0.05) and, with ``with_stance``,
    ``span+share+stance`` plus accuracy of each field over matched figures.

    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [3, 13], "share": [37.0, 28.0]})
    >>> found = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [3], "share": [37.0]})
    >>> {k: round(v, 2) for k, v in score_mentions(gold, found, with_stance=False)["span+share"].items()}
    {'tp': 1, 'found': 1, 'gold': 2, 'precision': 1.0, 'recall': 0.5, 'f1': 0.67}
    """
    pairs = _match(gold, found)
    share_ok = [(g, f) for g, f in pairs if abs(float(gold.at[g, "share"]) - float(found.at[f, "share"])) < 0.05]
    out = {
        "span": _prf(len(pairs), len(found), len(gold)),
        "span+share": _prf(len(share_ok), len(found), len(gold)),
    }
    if not with_stance:
        return out
    stance_ok = [(g, f) for g, f in share_ok if gold.at[g, "stance"] == found.at[f, "stance"]]
    out["span+share+stance"] = _prf(len(stance_ok), len(found), len(gold))
    canonical = _canonical_pollsters()
    checks = {
        "share_qualifier": lambda g, f: g["share_qualifier"] == _norm(f["share_qualifier"]),
        "date": lambda g, f: (
            (g["date_start"], g["date_end"], g["date_precision"])
            == (_norm(f["date_start"]), _norm(f["date_end"]), _norm(f["date_precision"]))
        ),
        "pollster": lambda g, f: _same_pollster(g["pollster"], _norm(f["pollster"]), canonical),
        "geography": lambda g, f: _same_place(g["geography"], _norm(f["geography"])),
        "country": lambda g, f: g["country"] == _norm(f["country"]),
        "sample_size": lambda g, f: g["sample_size"] == _norm(f["sample_size"]),
    }
    for name, ok in checks.items():
        right = sum(bool(ok(gold.loc[g], found.loc[f])) for g, f in pairs)
        out[name] = {"right": right, "of": len(pairs), "accuracy": right / len(pairs) if pairs else 1.0}
    return out
