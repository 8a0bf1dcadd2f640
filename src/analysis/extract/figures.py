"""Candidate figures: percentages (with a unit or spelled out) and the ranges they belong to."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from analysis.errors import ParseError
from analysis.extract.lexicon import stance_cues
from analysis.text.shares import parse_share_one

_QUALIFIER_WORDS = (
    "approximately|approx\\.|about|around|roughly|nearly|almost|close to|some|over|more than|above|at least|"
    "in excess of|under|less than|below|fewer than|at most"
)
"""Qualifiers taken into ``share_as_written`` (all understood by ``parse_share_one``).
"up to" is left out on purpose: in poll reports it mostly means "rose to"."""

_UNITS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS, 1)} | {w: 10 * i for i, w in enumerate(_TENS, 2)} | {"zero": 0}
_DIGIT_VALUE = {w: i for i, w in enumerate(["zero", *_UNITS[:9]])}
WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(sorted(_UNITS, key=len, reverse=True))}"
    r"|(?:one\s+|a\s+)?hundred|zero)"
)
_FIGURE = re.compile(
    rf"(?:(?<![\w.,])|(?<=\d)(?=[a-z]))(?:(?P<qual>{_QUALIFIER_WORDS})\s+)?"  # "2012Forty per cent": a page run together
    r"(?:(?P<num>\d{1,3}(?:[.,]\d+)?)\s?(?P<unit>%|#(?![\w#])|per\s?cent(?!\w)|percent(?!\w)|pct(?!\w)"
    r"|(?:a\s+)?percentage(?=\s+of\b|$)|(?-i:p\.c)(?!\w))"  # "$": the end of the search window (the anchor saw " of")
    rf"|(?P<word>{WORD_NUMBER})(?:\s+point\s+(?P<decimal>zero|{'|'.join(_UNITS[:9])}))?\s+(?:per\s?cent|percent)(?!\w))",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"(?:(?P<kw>between|ranging from|ranges? from|range of|from)\s+)?(?<![\w.,])(?P<first>\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?P<unit>%|percent|per cent)?\s*(?P<link>to|and|-|–)\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"\s*(?:and|to|-|–)\s*\d", re.IGNORECASE)  # used with .match(text, pos)
_RANGE_OPENERS = re.compile(r"(?:between|ranging from|ranges? from|range of)\s*$", re.IGNORECASE)
COMPARISON_BEFORE = re.compile(r"(?:(?<!\w)from|[-–—,]\s*against)\s+$", re.IGNORECASE)
_CHANGE_VERB = re.compile(
    r"\b(?:increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|climbed|changed|went)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


class Figure(NamedTuple):
    """A candidate figure: offsets into the document, the share and, for a range, its bounds."""

    start: int
    end: int
    as_written: str
    share: float
    qualifier: str
    low: float | None = None  # a range ("between 18 and 27 per cent"): share is the midpoint
    high: float | None = None
    bare: bool = False  # written without a unit ("and 38.9 opposed")
    answer: str = ""  # the answer named for it by a header ("(yes-no-unsure: 51-30-19)"), as written


_parse_share = lru_cache(maxsize=4096)(parse_share_one)
""":func:`parse_share_one`, each string parsed once (a text repeats its "45%"; a refused string raises again)."""


def _word_value(words: str) -> int:
    words = words.lower().replace("-", " ").split()
    if words[-1] == "hundred":
        return 100
    return sum(_WORD_VALUE[w] for w in words)


_UNIT_ANCHOR = re.compile(
    r"%|#(?![\w#])|[pP](?i:er\s?cent(?!\w)|ercent(?!\w)|ct(?!\w)|ercentage(?=\s+of\b))|p\.c(?!\w)"
)  # fast; "p.c": the abbreviation of "per cent" (lower case only, "P.C." is a party or a computer)
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


def find_figures(text: str) -> list[Figure]:
    """Every percentage in ``text`` that parses as a share (0-100); a range is one figure.

    A range ("between 18 and 27 per cent", "30-32 percent") is reported once, spanning
    both numbers, with the midpoint as ``share``, qualifier ``range`` and its bounds;
    "from 24 to 22 per cent" (falling, or after "rose") is a change, not a range.

    >>> [(f.as_written, f.share, f.qualifier) for f in find_figures("between 18 and 27 per cent, 30-32%, 5%")]
    [('18 and 27 per cent', 22.5, 'range'), ('30-32%', 31.0, 'range'), ('5%', 5.0, 'exact')]
    """
    found: list[Figure] = []
    for m in _figure_matches(text):
        lo = max(0, m.start() - 40)
        before = text[lo : m.start()]
        if _opens_range(m, before, text):
            continue  # "between 24% and 31%": the first end; the second reports the range
        first = _range_first(m, before, text)
        as_written = m.group(0)
        try:
            if m["word"]:  # "Twenty-six point five percent": a spelled-out decimal
                value = _word_value(m["word"]) + (_DIGIT_VALUE[m["decimal"].lower()] / 10 if m["decimal"] else 0)
                share = _parse_share(f"{m['qual'] or ''} {value} percent".strip())
            elif m["unit"].lower().endswith("percentage") or m["unit"] == "p.c":  # "56 a percentage of", "48 p.c"
                share = _parse_share(f"{m['qual'] or ''} {m['num']} percent".strip())
            else:
                share = _parse_share(as_written)
        except ParseError:
            continue
        if first is None:
            found.append(Figure(m.start(), m.end(), as_written, share.share, share.qualifier))
            continue
        low_text = first.group("first")
        low, high = float(low_text.replace(",", ".")), share.share
        if high < low and low + high <= 100 and _SPLIT_FIRST.search(first.group(0)):
            # "back NATO (73%–27%)": a two-way split, not a range; the second is the other side's share
            found.append(Figure(m.start(), m.end(), as_written, share.share, share.qualifier, answer="opposite"))
            continue
        if not low < high <= 100:
            continue
        start = lo + first.start("first")
        if found and found[-1].end > start:
            found.pop()  # "24% to 31%" already taken as a figure
        found.append(Figure(start, m.end(), text[start : m.end()], (low + high) / 2, "range", low, high))
    return _restated_in_digits(text, found)


def _restated_in_digits(text: str, found: list[Figure]) -> list[Figure]:
    """A spelled-out figure repeated in digits in brackets ("Twenty-seven percent (27%)") is one figure, as the
    labelling rules read it, not two.

    >>> [f.as_written for f in find_figures("Sixty-two percent (62%) agree; 5% (6%) do not.")]
    ['Sixty-two percent (62%)', '5%', '6%']
    """
    out: list[Figure] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.share == f.share
            and not prev.as_written[:1].isdigit()
            and _BRACKET_OPEN.fullmatch(text, prev.end, f.start)
            and text.startswith(")", f.end)
        ):
            out[-1] = prev._replace(end=f.end + 1, as_written=text[prev.start : f.end + 1])
            continue
        out.append(f)
    return out


_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_SPLIT_FIRST = re.compile(r"%\s*[-–]\s*$")
"""The first share of a split written with its own unit and a dash: "73%–27%"."""


def _range_first(m: re.Match[str], before: str, text: str) -> re.Match[str] | None:
    """The first number of the range that ``m`` closes, or None if ``m`` closes none."""
    if m["word"]:
        return None  # "August 16 – Sixty-four percent": a spelled-out figure ends no range of digits
    if m["qual"] is not None and not _QUALIFIED_END.search(before):
        return None  # "over 60%" ends no range, but "90 to nearly 100 per cent" does
    if not before.rstrip()[-3:].lower().endswith(_RANGE_LINKS):
        return None  # both patterns below end on a link: a cheap test first
    dash = _DASH_RANGE.search(before)
    if dash is not None:
        return dash  # 58-62%
    r = _RANGE_BEFORE.search(before)
    if r is not None and (r["unit"] is None or r["kw"] not in (None, "from")):
        if r["kw"] == "from" and r["unit"] is None and m["num"]:
            first = float(r["first"].replace(",", "."))
            # "from 24 to 22 per cent" or "increased ... from 50 to 59 per cent": a change; the second is a level
            at = m.start() - len(r.group(0))
            if first > float(m["num"].replace(",", ".")) or _CHANGE_VERB.search(text[max(0, at - 80) : at]):
                return None
        if r["kw"] is None and r["unit"] is None and r["link"] == "and":
            return None  # "45 and 50 percent" without "between": two figures, the first unit-less
        return r  # from 24 to 31 percent; between 24% and 31%
    return None


_RANGE_LINKS = ("to", "and", "-", "–")
"""What ``_DASH_RANGE`` and ``_RANGE_BEFORE`` end on (before trailing spaces, in any case)."""
_QUALIFIED_END = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d+)?\s+to\s*$", re.IGNORECASE)


def _opens_range(m: re.Match[str], before: str, text: str) -> bool:
    return bool(_RANGE_AFTER.match(text, m.end()) and _RANGE_OPENERS.search(before))  # the anchored test first


_DASH_RANGE = re.compile(
    r"(?<![\w.,])(?P<first>\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent|per cent)?\s*[-–]\s*$", re.IGNORECASE
)

# ------------------------------------------------------------------------- figures without a unit

_BARE = re.compile(
    r"(?<![\w.,$€£%/-])(?P<num>100|\d{1,2}(?:\.\d{1,2})?)(?![\w%#]|[.,]\d|\s*(?:%|per\s?cent|percent|pct))"
)
_BARE_BEFORE = re.compile(
    r"(?:compared (?:with|to)|against|versus|vs\.?|from|and|while|whereas|another|with|but|only|just|up from|down from)"
    r"\s+(?:(?:just|only|some|about|around|nearly|almost|over)\s+)?$",
    re.IGNORECASE,
)
_BARE_VERB = (
    r"(?:(?:of\s+)?(?:the\s+)?(?:citizens|respondents|people|voters|adults|residents)\s+)?"
    r"(?:(?:could|can|did|do|does|would|were|was|are|is|have|has)n['’]t|won['’]t|were|was|are|is|said|say|says|"
    r"could|would|did|do|does|had|have|has|opposed|oppose|supported|support|"
    r"backed|favou?red|against|undecided|unsure|disagreed|agreed|answered|chose|preferred|saw|see|considered|"
    r"believed|believe|think|thought|wanted|want|no|yes|not|respectively)\b"
)
_BARE_AFTER = re.compile(
    r"\s*(?:(?:a|one|two|three|\d+)\s+(?:years?|months?|weeks?)\s+(?:earlier|before|ago)|"
    r"(?:in|last|the previous|the year before)\b|" + _BARE_VERB + r"|to\s+\d|[.;)]|,)",
    re.IGNORECASE,
)
_BARE_AFTER_COMMA = re.compile(r"\s*" + _BARE_VERB, re.IGNORECASE)  # ", 39 were opposed"
_BARE_DATE_AFTER = re.compile(
    r"\s*(?:-|–|to|and|until)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)
_MONTH_BEFORE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$|(?:No|Article|page|number|№)\.?\s+$"
)
_AGE_BEFORE = re.compile(
    r"\b(?:ages?|aged|age group)\s+(?:of\s+|between\s+|from\s+)*\d{1,2}\s*(?:-|–|to|and)\s*$", re.IGNORECASE
)
"""The end of an age range before a bare number ("between the ages of 36 to 55"): a year of age, no share."""


_FIGURE_AFTER = re.compile(r"\s*(?:and|or)\s+")
"""A unit-less number coordinated with the percentage that follows it ("63 and 53 percent"): both are shares."""
_NAMED_ITEM = re.compile(r"(?:,|\band|followed by|then)\s+(?:[A-Z][\w'’.-]*\s+){1,3}[–—:-]\s*$")
"""A name and a dash before a unit-less number, after a percentage: an item of a list of places or groups."""
_ITEM_END = re.compile(r"\s*(?:[,;.)]|and\b|$)")


def bare_figures(text: str, lo: int, hi: int, figures: list[Figure]) -> list[Figure]:
    """Numbers without a unit that ``text[lo:hi]`` (a sentence) uses as shares beside its percentages.

    Only in a sentence that has a percentage; a bare number counts when it follows a
    connective ("compared with", "and", "another", "from"...) and is followed by a time
    ("a year earlier", "in May"), a verb of answering ("opposed", "could not say"), a
    punctuation mark or "to <figure>" ("from 24 to 22 per cent"); also when coordinated with the
    percentage after it ("63 and 53 percent"), or as a named item after a percentage ("37 percent,
    followed by Ukraine – 29, Kazakhstan – 25").

    >>> t = "45.3% would vote for joining and 38.9 opposed, while another 12.1 could not say."
    >>> [(f.as_written, f.share, f.bare) for f in bare_figures(t, 0, len(t), find_figures(t))]
    [('38.9', 38.9, True), ('12.1', 12.1, True)]
    """
    if not figures:
        return []
    listed = _listed_before(text, lo, figures)
    starts, ends = [f.start for f in figures], [f.end for f in figures]
    out = []
    for m in _BARE.finditer(text, lo, hi):
        s, e = m.span()
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and s < ends[k]:
            continue  # inside a percentage ("18 and 27 per cent")
        head = text[max(lo, s - 30) : s]
        if _MONTH_BEFORE.search(head) or _AGE_BEFORE.search(head) or _BARE_DATE_AFTER.match(text, e, hi):
            continue  # "May 6", "aged 18 to 35", "from 12 to 20 February"
        if (coordinated := _FIGURE_AFTER.match(text, e, hi)) is not None and coordinated.end() in starts:
            out.append(Figure(s, e, m["num"], float(m["num"]), "exact", bare=True))  # "(63 and 53 percent)"
            continue
        if k >= 0 and _NAMED_ITEM.search(head):  # "protector – 37 percent, followed by Ukraine – 29, ..."
            after = _ITEM_END.match(text, e, hi)
        elif _BARE_BEFORE.search(head):
            after = _BARE_AFTER.match(text, e, hi)
        elif head.rstrip().endswith(","):
            after = _BARE_AFTER_COMMA.match(text, e, hi)
        else:
            continue
        if after is None:
            continue
        if after.group(0).lstrip().startswith("to") and after.group(0)[-1].isdigit():
            if after.end() - 1 not in starts:
                continue  # "from 18 to 29 years": the second number is no percentage, so neither is this
        elif k < 0:
            continue  # before every percentage only as the start of a change: "from 24 to 22 per cent"
        value = float(m["num"])
        if not 0 < value <= 100:
            continue
        out.append(Figure(s, e, m["num"], value, "exact", bare=True))
    return sorted(set(out) | set(listed))


_LIST_BEFORE = re.compile(r"(?<![\w.,])(?:\d{1,2}(?:\.\d{1,2})?\s*,\s*(?:and\s+)?){2,}$")
_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})?")


def _listed_before(text: str, lo: int, figures: list[Figure]) -> list[Figure]:
    """Numbers of a list whose last item carries the unit: "3, 29, 3, 16, 6 percent"."""
    out = []
    for f in figures:
        head_start = max(lo, f.start - 80)
        if not text[head_start : f.start].rstrip().endswith((",", "and")):
            continue  # what _LIST_BEFORE ends on: a cheap test first
        m = _LIST_BEFORE.search(text, head_start, f.start)
        if m is None or _MONTH_BEFORE.search(text, max(lo, m.start() - 12), m.start()):
            continue
        for n in _NUMBER.finditer(text, m.start(), m.end()):
            out.append(Figure(n.start(), n.end(), n.group(0), float(n.group(0)), "exact", bare=True))
    return out


# ------------------------------------------------------------------------- tuples of answers' shares

_TUPLE = re.compile(
    r"\((?:(?P<labels>[A-Za-z’'][A-Za-z’' ]*(?:\s*[-–/]\s*[A-Za-z’'][A-Za-z’' ]*){1,4})\s*:\s*)?"
    r"(?P<numbers>\d{1,3}(?:\s*[-–/]\s*\d{1,3}){2,4})\s*\)"
)
_TUPLE_ITEM = re.compile(r"\d{1,3}")
_TUPLE_SEPARATOR = re.compile(r"\s*[-–/]\s*")


def answer_tuples(text: str, figures: list[Figure]) -> list[Figure]:
    """Shares written as a tuple in parentheses, in the order of answers that a header names: "(protection-
    threat-neither: 21-29-35)", and every later header-less tuple of as many numbers ("Albania (70-3-22)").

    Only in a text that has a percentage; a tuple counts when its 3 to 5 numbers are shares of one question
    (each at most 100, together 60 to 101); each number is a figure whose ``answer`` is the header's word
    at its place. A tuple with no header before it is left out (its order of answers is unknown).

    >>> t = "Support for NATO was 60%. By country (yes-no-unsure: 51-30-19), Ruritania (48-41-11)."
    >>> [(f.as_written, f.answer) for f in answer_tuples(t, find_figures(t))]
    [('51', 'yes'), ('30', 'no'), ('19', 'unsure'), ('48', 'yes'), ('41', 'no'), ('11', 'unsure')]
    """
    if not figures or "(" not in text:
        return []
    taken = [(f.start, f.end) for f in figures]
    header: list[str] = []
    out = []
    for m in _TUPLE.finditer(text):
        items = list(_TUPLE_ITEM.finditer(text, m.start("numbers"), m.end("numbers")))
        values = [int(n.group(0)) for n in items]
        if max(values) > 100 or not 60 <= sum(values) <= 101:
            continue
        if m["labels"]:
            header = [w.strip() for w in _TUPLE_SEPARATOR.split(m["labels"])]
        if len(header) != len(values) or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        out += [
            Figure(n.start(), n.end(), n.group(0), float(v), "exact", bare=True, answer=label)
            for n, v, label in zip(items, values, header, strict=True)
        ]
    return out


_TABLE_UNIT = re.compile(r"\((?:%|in %|percent|per cent)\)")
"""The unit of a chart or table written once, in its title: "... joining NATO? (%)"."""
_CELL_RUN = re.compile(r"(?:^|\n)((?:[ \t]*\d{1,3}(?:\.\d)?[ \t]*(?:\n|$)){2,5})")
_CELL = re.compile(r"\d{1,3}(?:\.\d)?")


def table_cells(text: str) -> list[Figure]:
    r"""Shares of a table flattened into lines (a chart's text: its title with the unit "(%)", the column
    headers, then per row a label and one number a line), read in the order of answers the headers name.

    A run of 2 to 5 lines of numbers after the unit is a row when its numbers add up to 60-101; the column
    headers are the answer cues between the unit and the first row's label, and count only when there are as
    many as the row has numbers (otherwise no cell is read).

    >>> t = "Should Ruritania join NATO? (%)\nYes\nNo\nDon't\nknow\nAll adults\n61\n30\n9\nMen\n65\n28\n7"
    >>> [(f.as_written, f.answer) for f in table_cells(t)]
    [('61', 'Yes'), ('30', 'No'), ('9', "Don't know"), ('65', 'Yes'), ('28', 'No'), ('7', "Don't know")]
    """
    unit = _TABLE_UNIT.search(text)
    if unit is None:
        return []
    header: list[str] = []
    out = []
    for run in _CELL_RUN.finditer(text, unit.end()):
        cells = list(_CELL.finditer(text, run.start(1), run.end(1)))
        values = [float(c.group(0)) for c in cells]
        if max(values) > 100 or not 60 <= sum(values) <= 101:
            continue
        if not header:
            lines = text[unit.end() : run.start()].strip().split("\n")[:-1]  # the last line labels the row
            heading = " ".join(line.strip() for line in lines)
            header = _column_answers(heading)
            if len(header) != len(cells):
                return []
        if len(header) != len(cells):
            continue
        out += [
            Figure(c.start(), c.end(), c.group(0), v, "exact", bare=True, answer=label)
            for c, v, label in zip(cells, values, header, strict=True)
        ]
    return out


_YES_NO = re.compile(r"\b(?:yes|no)\b", re.IGNORECASE)


def _column_answers(heading: str) -> list[str]:
    """The answers a table's column headers name, left to right, as written: answer cues and a bare "Yes"/"No"."""
    cues = [(s, e) for s, e, label in stance_cues().scan(heading) if not label.endswith("~weak")]
    cues += [m.span() for m in _YES_NO.finditer(heading) if not any(s <= m.start() < e for s, e in cues)]
    return [heading[s:e] for s, e in sorted(cues)]
