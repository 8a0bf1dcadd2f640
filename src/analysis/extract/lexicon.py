"""Lexicons and gazetteers of the extractor: read from ``analysis/resources/extract_*.csv``, compiled once."""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _parser
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple, TypeVar

import pandas as pd

from analysis.errors import ParseError
from analysis.paths import RESOURCES
from analysis.text.names import harmonise_pollster

T = TypeVar("T")

CONTEXT_SENTENCES = 3
"""How many preceding (and, for methodology, following) sentences count as context."""
POLL_CONTEXT = 6
"""How far back a sentence with a poll cue still gives a figure its pollster and date."""
TOPIC_CONTEXT = 8
"""How far back the last topic named still gives a figure without a topic of its own its topic."""
COUNTRY_CONTEXT = 10
"""How far back a demonym ("Ukrainians") still names the respondents' country."""
SAMPLE_LOOKAHEAD = 5
"""Sentences after a figure searched for its sample size (methodology often comes last)."""


def _lower_pattern(pattern: str) -> str:
    """``pattern`` with its literal letters lower-cased (escapes such as ``\\S`` kept as they are)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


def _syntax(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """``(index, character, depth)`` of each ``(``, ``)`` and ``|`` of ``pattern`` from ``start`` that is not
    escaped or inside a character class, with the group depth before it (one reading of regex structure for
    :func:`top_level_branches` and :func:`_group_end`).

    >>> [c for _, c, _ in _syntax(r"a\\(|[(|]b)")]
    ['|', ')']
    """
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # "[]...]": a leading "]" is literal
                i += 1
        elif c in "()|":
            yield i, c, depth
            depth += (c == "(") - (c == ")")
        i += 1


def top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (outside groups and character classes).

    >>> top_level_branches("a|(b|c)|[|]d")
    ['a', '(b|c)', '[|]d']
    """
    out, start = [], 0
    for i, c, depth in _syntax(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}


def _first_chars(items: list, fold: bool) -> tuple[set[str] | None, bool]:  # type: ignore[type-arg]
    """Characters a parsed sequence can start with (``None``: any) and whether it can match empty
    (``fold``: a letter may be either case)."""

    def cased(code: int) -> set[str]:
        c = chr(code)
        return {c, c.lower(), c.upper()} if fold else {c}

    chars: set[str] = set()
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        if op == _sre.LITERAL:
            chars |= cased(arg)
            return chars, False
        if op == _sre.IN:
            for kind, value in arg:
                if kind == _sre.LITERAL:
                    chars |= cased(value)
                elif kind == _sre.RANGE and value[1] - value[0] < 128:
                    for code in range(value[0], value[1] + 1):
                        chars |= cased(code)
                else:  # a negated set, a category (\w, \d, \s): any character
                    return None, False
            return chars, False
        if op in (_sre.SUBPATTERN, _sre.BRANCH, _sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            inner = fold
            if op == _sre.SUBPATTERN:
                alternatives, least = [arg[-1]], 1
                inner = fold or bool(arg[1] & _sre.SRE_FLAG_IGNORECASE)
            elif op == _sre.BRANCH:
                alternatives, least = arg[1], 1
            else:
                alternatives, least = [arg[2]], arg[0]
            nullable = least == 0
            for alternative in alternatives:
                first, empty = _first_chars(list(alternative), inner)
                if first is None:
                    return None, False
                chars |= first
                nullable = nullable or empty
            if not nullable:
                return chars, False
            continue
        return None, False  # anything else (".", a back-reference...): any character
    return chars, True


_SPECIAL = set("\\()[].^$*+?{}|")


def _group_end(pattern: str, i: int) -> int | None:
    """The index after the ``)`` that closes the ``(`` at ``pattern[i]``."""
    return next((j + 1 for j, c, depth in _syntax(pattern, i) if c == ")" and depth == 1), None)


def _expand(branch: str, budget: int = 200) -> list[tuple[str, str]] | None:
    """``branch`` as alternatives that each start with one literal character, as ``(character, rest)`` in the
    branch's order of preference (a leading group of alternatives, optional or repeated, or a character class
    distributed over what follows: ``(?:a|b)?c`` is ``ac|bc|c``); ``None`` where that cannot be done."""
    if not branch:
        return None
    c = branch[0]
    if c not in _SPECIAL:
        return None if branch[1:2] in ("?", "*", "+", "{") else [(c, branch[1:])]
    if c == "\\" and len(branch) > 1 and not branch[1].isalnum():
        return None if branch[2:3] in ("?", "*", "+", "{") else [(branch[1], branch[2:])]
    if branch.startswith("(?:"):
        end = _group_end(branch, 0)
        if end is None:
            return None
        inner, rest = branch[3 : end - 1], branch[end:]
        quantifier = rest[:1] if rest[:1] in ("?", "*") else ""
        if rest[:1] in ("+", "{") or (quantifier and rest[1:2] in ("?", "+")):
            return None  # a count, a lazy or possessive quantifier: left as written
        after = rest[1:] if quantifier else rest
        # greedy: "(?:x)*r" tries "x(?:x)*r" first, then "r"; "(?:x)?r" tries "xr", then "r"
        tail = branch[:end] + "*" + after if quantifier == "*" else after
        out: list[tuple[str, str]] = []
        for alternative in top_level_branches(inner):
            expanded = _expand(alternative + tail, budget) if alternative else None
            if expanded is None:
                return None
            out += expanded
        if quantifier:
            expanded = _expand(after, budget)
            if expanded is None:
                return None
            out += expanded
        return out if len(out) <= budget else None
    if c == "[" and not branch.startswith("[^"):
        end = branch.find("]", 1)
        body, rest = branch[1:end], branch[end + 1 :]
        if end < 0 or not body or any(ch in _SPECIAL or ch == "-" for ch in body) or rest[:1] in "?*+{" and rest:
            return None
        return [(ch, rest) for ch in body]
    return None


def _alternation(patterns: list[str]) -> tuple[re.Pattern[str], list[int]] | None:
    """Patterns as one alternation, each followed by an empty marker group; returns the regex and, per
    marker group, the index of its pattern.

    The marker, unlike a capturing group around each pattern, leaves each branch starting on its own first
    character. The patterns' top-level branches are grouped by the character they can start with, in their
    listed order: at a position the engine tries only the branches that can start there (several times
    faster for a long lexicon), and the first listed pattern that matches still wins. A group whose branches
    all start with that literal character (once leading groups are distributed, see :func:`_expand`) tests it
    once (``a(?:fter()|gree())``); any other group sits behind a look-ahead for it (``(?=a)(?:...)``).
    """
    if not patterns:
        return None
    branches = [(k, b) for k, p in enumerate(patterns) for b in top_level_branches(p)]
    firsts, expansions = [], []
    for _, branch in branches:
        first, empty = _first_chars(list(_parser.parse(branch)), False)
        firsts.append(None if empty else first)
        expansions.append(_expand(branch))
    heads = sorted({c for f in firsts if f is not None for c in f})
    groups: list[str] = []
    owners: list[int] = []

    def group(guard: str, members: list[int]) -> None:
        parts = []
        for j in members:
            parts.append(f"(?:{branches[j][1]})()")
            owners.append(branches[j][0])
        groups.append(guard + "(?:" + "|".join(parts) + ")")

    for head in heads:
        members = [j for j, f in enumerate(firsts) if f is None or head in f]
        if all(expansions[j] is not None for j in members):
            parts = []
            for j in members:
                for c, rest in expansions[j] or []:
                    if c == head:
                        parts.append(f"(?:{rest})()")
                        owners.append(branches[j][0])
            groups.append(re.escape(head) + "(?:" + "|".join(parts) + ")")
        else:
            group(f"(?={re.escape(head)})", members)
    anywhere = [j for j, f in enumerate(firsts) if f is None]
    if anywhere:
        guard = f"(?![{''.join(re.escape(h) for h in heads)}])" if heads else ""
        group(guard, anywhere)
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)"), owners


class _Lexicon:
    """Cues of one lexicon, matched at word boundaries; the first listed pattern wins at a position.

    Case-insensitive cues are matched case-sensitively in lower case on a lower-cased copy of the
    text (several times faster than ``(?i:...)``); case-sensitive ones on the text itself.
    """

    def __init__(self, rows: Iterable[tuple[str, str, bool]]) -> None:
        rows = list(rows)
        self.labels = tuple(label for _, label, _ in rows)
        #: all patterns in one regex with their own case rules (for ``search``/``match`` on snippets)
        self.regex = re.compile(
            r"(?<!\w)(?:" + "|".join(f"((?i:{p}))" if ci else f"((?:{p}))" for p, _, ci in rows) + r")(?!\w)"
        )
        self._folded_order = [k for k, (_, _, ci) in enumerate(rows) if ci]
        self._exact_order = [k for k, (_, _, ci) in enumerate(rows) if not ci]
        folded = _alternation([_lower_pattern(rows[k][0]) for k in self._folded_order])
        exact = _alternation([rows[k][0] for k in self._exact_order])
        self._folded = folded[0] if folded is not None else None
        self._exact = exact[0] if exact is not None else None
        # the row of each marker group
        self._folded_order = [self._folded_order[j] for j in folded[1]] if folded is not None else []
        self._exact_order = [self._exact_order[j] for j in exact[1]] if exact is not None else []
        # the label of each marker group, for a lexicon matched by one regex alone
        self._folded_labels = [self.labels[k] for k in self._folded_order]
        self._exact_labels = [self.labels[k] for k in self._exact_order]
        if self._exact_order:  # a lexicon of case-insensitive cues only has a lower-case form
            self.folded_pattern = ""
        else:
            self.folded_pattern = self._folded.pattern if self._folded is not None else r"(?!)"

    def scan(self, text: str, folded: str | None = None) -> list[tuple[int, int, str]]:
        """Every cue in ``text`` as ``(start, end, label)``, left to right (``folded``: ``text.lower()``)."""
        folded = text.lower() if folded is None else folded
        if len(folded) != len(text):  # lower-casing changed offsets (rare letters): the slow way
            return [(m.start(), m.end(), self.labels[(m.lastindex or 1) - 1]) for m in self.regex.finditer(text)]
        if self._exact is None or self._folded is None:  # one regex: its matches are the cues
            regex, labels, target = (
                (self._folded, self._folded_labels, folded)
                if self._exact is None
                else (self._exact, self._exact_labels, text)
            )
            return (
                [(m.start(), m.end(), labels[(m.lastindex or 1) - 1]) for m in regex.finditer(target)] if regex else []
            )
        found: list[tuple[int, int, int]] = []
        for regex, order, target in (
            (self._folded, self._folded_order, folded),
            (self._exact, self._exact_order, text),
        ):
            if regex is not None:
                found += [(m.start(), order[(m.lastindex or 1) - 1], m.end()) for m in regex.finditer(target)]
        if self._folded is not None and self._exact is not None:
            found.sort()
            kept: list[tuple[int, int, int]] = []
            for cue in found:
                if not kept or cue[0] >= kept[-1][2]:
                    kept.append(cue)
            found = kept
        return [(start, end, self.labels[k]) for start, k, end in found]

    def search(self, text: str, folded: str | None = None) -> bool:
        """Whether ``text`` holds any cue."""
        folded = text.lower() if folded is None else folded
        if len(folded) != len(text):
            return self.regex.search(text) is not None
        return bool(
            (self._folded is not None and self._folded.search(folded))
            or (self._exact is not None and self._exact.search(text))
        )


def _compile(rows: Iterable[tuple[str, str, bool]]) -> _Lexicon:
    """One lexicon: each pattern matched at word boundaries."""
    return _Lexicon(rows)


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(RESOURCES / name, dtype="str", keep_default_na=False)


@cache
def _cues(file: str, label_column: str, kinds: tuple[str, ...] | None = None) -> _Lexicon:
    table = _read(file)
    if kinds is not None:
        table = table[table[label_column].isin(kinds)]
    return _compile(zip(table["pattern"], table[label_column], table["ignore_case"] == "yes", strict=True))


@cache
def stance_cues() -> _Lexicon:
    """Stance cues; a label ends in ``~weak`` for cues used only when no other cue is near."""
    table = _read("extract_stance_cues.csv")
    labels = [s + ("~weak" if p == "weak" else "") for s, p in zip(table["stance"], table["priority"], strict=True)]
    return _compile(zip(table["pattern"], labels, table["ignore_case"] == "yes", strict=True))


def topic_cues() -> _Lexicon:
    """Topic cues (``extract_topic_cues.csv``): NATO and the competing topics.

    >>> topic_cues().scan("Backing for joining NATO rose; support for the EU fell.")
    [(20, 24, 'nato'), (47, 49, 'eu')]
    """
    return _cues("extract_topic_cues.csv", "topic")


def context_cues(kind: str) -> _Lexicon:
    """Context cues of one ``kind`` (``extract_context_cues.csv``): poll, change, error, prediction.

    >>> context_cues("poll").search("A new survey of 900 adults found"), context_cues("poll").search("Prices rose.")
    (True, False)
    >>> context_cues("prediction").scan("Most expect to join by 2030.")
    [(5, 11, 'prediction')]
    """
    return _cues("extract_context_cues.csv", "kind", (kind,))


def _names_regex(names: Iterable[str], boundary: str = r"[\w-]", fold_first: bool = True, leading: bool = True) -> str:
    r"""Alternation of literal names, longest first, each starting at a word boundary.

    With ``fold_first`` the first letter matches either case. Names are grouped by their first
    letter (``W(?:estern|est)``), so the engine tries only the names that can start at a position.
    With ``leading`` the boundary is checked once before all of them (``(?<![\w-])(?:W...|E...)``);
    without, just after each first letter (``W(?<![\w-].)estern``), which lets the engine skip to the
    possible first letters: faster for a short list of capitalised names (pollsters), about twice
    slower for names of either case (places, countries, demonyms).
    """
    by_head: dict[str, list[str]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        first, rest = name[0], re.escape(name[1:]).replace(r"\ ", r"\s+")
        for head in sorted({first.upper(), first.lower()} if fold_first and first.isalpha() else {first}):
            by_head.setdefault(head, []).append(rest)
    if leading:
        return f"(?<!{boundary})(?:" + "|".join(f"{re.escape(h)}(?:{'|'.join(r)})" for h, r in by_head.items()) + ")"
    return "|".join(f"{re.escape(h)}(?<!{boundary}.)(?:{'|'.join(rests)})" for h, rests in by_head.items())


class Place(NamedTuple):
    """A row of ``extract_places.csv``: its level, Ukrainian oblast unit, macro-region and city name."""

    kind: str  # region, oblast or city
    unit: str
    region: str
    city: str


_CITY_NAMES = {"Kiev": "Kyiv", "Odessa": "Odesa", "Kharkov": "Kharkiv", "Dnipropetrovsk": "Dnipro"}


def _city_name(name: str) -> str:
    """One spelling per city (the Ukrainian transliteration)."""
    return _CITY_NAMES.get(name, name)


@dataclass(frozen=True)
class _Gazetteer:
    pollsters: re.Pattern[str]
    places: re.Pattern[str]
    place_country: dict[str, str]
    place_info: dict[str, Place]
    countries: re.Pattern[str]
    country_of: dict[str, str]
    people: re.Pattern[str]
    people_country: dict[str, str]
    adjectives: re.Pattern[str]
    adjective_country: dict[str, str]


@cache
def gazetteer() -> _Gazetteer:
    """Pollsters, places, countries, demonyms and adjectives, compiled once."""
    aliases = pollster_aliases()
    # Pollster names are proper nouns: matched case-sensitively ("Rating" is not "rating").
    pollsters = re.compile(
        "(?:" + _names_regex(aliases, r"\w", fold_first=False, leading=False).replace(r"\s+", r"[\s-]+") + r")(?!\w)"
    )
    places = _read("extract_places.csv")
    countries = _read("extract_countries.csv")
    names = [n for ns in countries["names"] for n in ns.split("|")]
    country_of = {
        place_key(n): c for c, ns in zip(countries["country"], countries["names"], strict=True) for n in ns.split("|")
    }
    people_country = {
        place_key(n): c for c, ns in zip(countries["country"], countries["people"], strict=True) for n in ns.split("|")
    }
    adjective_country = {place_key(a): c for c, a in zip(countries["country"], countries["adjective"], strict=True)}
    bounded = r"(?:{})(?![\w-])"
    return _Gazetteer(
        pollsters=pollsters,
        places=re.compile(
            bounded.format(_names_regex(places["name"])) + r"(?!\s+(?!Oblast|Region|Province)[A-Z][a-z])"
        ),
        place_country={place_key(n): c for n, c in zip(places["name"], places["country"], strict=True)},
        place_info={
            place_key(r.name): Place(r.kind, r.unit, r.region, _city_name(r.name) if r.kind == "city" else "")
            for r in places.itertuples()
        },
        countries=re.compile(bounded.format(_names_regex(names))),
        country_of=country_of,
        people=re.compile(bounded.format(_names_regex(n for ns in countries["people"] for n in ns.split("|")))),
        people_country=people_country,
        adjectives=re.compile(
            r"(?P<adj>" + _names_regex(countries["adjective"]) + r")\s+(?:opinion\s+)?"
            r"(?:poll|polls|survey|respondents|citizens|voters|adults|public|pollster|residents|nationals)(?!\w)"
        ),
        adjective_country=adjective_country,
    )


def pollster_aliases() -> list[str]:
    """Pollster names to look for: the package's alias table (``pollster_aliases.csv``, the one
    :func:`analysis.text.names.harmonise_pollster` reads), less descriptive entries that no text
    would contain ("... (fieldwork partner not named on page)"). The same table holds the
    pollsters outside the Ukrainian series (Yle, Sifo, NDI...) and spellings met in news text.

    >>> aliases = pollster_aliases()
    >>> "KIIS" in aliases, "Kyiv International Institute of Sociology" in aliases
    (True, True)
    >>> [a for a in aliases if "(" in a]
    []
    """
    package = _read("pollster_aliases.csv")["alias"]
    return [a for a in package if a and len(a) <= 60 and not re.search(r"[();/]", a)]


@cache
def canonical_pollster(name: str) -> str:
    """One name per pollster: :func:`analysis.text.names.harmonise_pollster`, or ``""`` for a name
    the alias table does not know.

    >>> canonical_pollster("KIIS"), canonical_pollster("SIFO"), canonical_pollster("Acme Polls")
    ('Kyiv International Institute of Sociology', 'Kantar Sifo', '')
    """
    try:
        return str(harmonise_pollster(pd.Series([name])).iloc[0])
    except ParseError:
        return ""


def place_key(name: str) -> str:
    """A place name folded for look-ups (spaces collapsed, case folded).

    >>> place_key("Kyiv  Oblast"), place_key("the\\nWest")
    ('kyiv oblast', 'the west')
    """
    return re.sub(r"\s+", " ", name).casefold()


@cache
def change_before() -> re.Pattern[str]:
    """A change cue right before the figure ("rose by 5%", "up 5%"), on lower-cased text."""
    return re.compile(r"(?:" + context_cues("change_before").folded_pattern + r")\s*$")


@cache
def change_after() -> re.Pattern[str]:
    """A change cue right after the figure ("... points", "a 9 percent rise"), on lower-cased text."""
    return re.compile(context_cues("change_after").folded_pattern)


@cache
def nato_quick() -> _Lexicon:
    """The NATO topic cues alone: a sentence without any is not scanned further."""
    table = _read("extract_topic_cues.csv")
    nato = table[table["topic"] == "nato"]
    return _compile(zip(nato["pattern"], nato["topic"], nato["ignore_case"] == "yes", strict=True))
