"""The one alias table per kind of name: pollster, region (geography) and answer.

Name mappings are data files in ``analysis/resources/`` (``pollster_aliases.csv``,
``region_aliases.csv``, ``answer_aliases.csv``); an alias that is not listed raises rather
than passing through. The data build and the extractor use the same tables.

>>> import pandas as pd
>>> harmonise_region(pd.Series(["Western Ukraine", "Kiev"])).tolist()
['West', 'Kyiv city']
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.paths import RESOURCES
from analysis.text._distinct import factorize


@cache
def _aliases(kind: str) -> dict[str, str]:
    table = pd.read_csv(RESOURCES / f"{kind}_aliases.csv", dtype="str", keep_default_na=False)
    return {_key(a): v for a, v in zip(table["alias"], table[kind], strict=True)}


def pollster_aliases() -> pd.DataFrame:
    """The one pollster alias table (``resources/pollster_aliases.csv``): ``alias``, ``pollster``.

    The data build harmonises with it; the extractor finds pollster names in text with it.

    >>> pollster_aliases().query("alias == 'KIIS'")["pollster"].tolist()
    ['Kyiv International Institute of Sociology']
    """
    return pd.read_csv(RESOURCES / "pollster_aliases.csv", dtype="str", keep_default_na=False)


def _key(name: str) -> str:
    return re.sub(r"[\s\-_'’.,]+", " ", name).strip().casefold()


def alias_of(name: str, kind: str) -> str | None:
    """The harmonised name of ``name`` in the ``kind`` alias table, or ``None`` if it is not listed.

    >>> alias_of("Kiev", "region"), alias_of("Atlantis", "region")
    ('Kyiv city', None)
    """
    return _aliases(kind).get(_key(name)) if isinstance(name, str) else None


def _harmonise(names: pd.Series, kind: str) -> pd.Series:
    """Map each name through the alias table; every unknown (or non-string) value raises."""
    mapping = _aliases(kind)
    unknown: dict[str, object] = {repr(n): n for n in names if not isinstance(n, str)}  # may be unhashable
    strings = names[[isinstance(n, str) for n in names]] if unknown else names
    uniques, codes = factorize(strings, lambda n: n)
    for n in uniques:
        if _key(n) not in mapping:
            unknown.setdefault(repr(n), n)
    if unknown:
        listed = [unknown[r] for r in sorted(unknown)]
        raise ParseError(f"unknown {kind} name(s) {listed}: add them to analysis/resources/{kind}_aliases.csv")
    harmonised = np.array([mapping[_key(n)] for n in uniques], dtype=object)
    return pd.Series(harmonised[codes], index=names.index, dtype="str")


def harmonise_pollster(names: pd.Series) -> pd.Series:
    """Map pollster names as written to one harmonised name each.

    Matching ignores case, spaces, dashes, dots and apostrophes. An empty string stands for
    "pollster not named in the source" and maps to ``""``.

    >>> harmonise_pollster(pd.Series(["Razumkov Center", "Foundation for Democratic Initiatives"]))
    0                                    Razumkov Centre
    1    Ilko Kucheriv Democratic Initiatives Foundation
    dtype: str
    """
    return _harmonise(names, "pollster")


def harmonise_region(names: pd.Series) -> pd.Series:
    """Map geography names as written to the harmonised scheme (``national`` or a region).

    The harmonised values are ``national``, the macro-regions ``West``, ``Centre``,
    ``South``, ``East``, ``Donbas`` and the units ``Kyiv city`` and ``Crimea``.

    >>> harmonise_region(pd.Series(["Western Ukraine", "Kiev", "national"]))
    0         West
    1    Kyiv city
    2     national
    dtype: str
    """
    return _harmonise(names, "region")


def harmonise_answer(names: pd.Series) -> pd.Series:
    """Map answer labels as written (``"unsure"``, ``"danger"``) to the answer vocabulary.

    >>> harmonise_answer(pd.Series(["in favour", "danger", "unsure"]))
    0          for
    1       threat
    2    undecided
    dtype: str
    """
    return _harmonise(names, "answer")


@cache
def _security_answers() -> list[tuple[re.Pattern[str], str]]:
    table = pd.read_csv(RESOURCES / "security_option_answers.csv", dtype="str", keep_default_na=False)
    return [(re.compile(p, re.I), a) for p, a in zip(table["pattern"], table["answer"], strict=True)]


_SECURITY_CODES = ("for", "against", "other", "undecided", "would_not_vote")


def security_answer(answer: str, as_written: str) -> str:
    """Harmonise an answer to the ``security_option`` question (which option is best).

    The transcriptions code the NATO option as ``for``; the other options are told apart
    by keywords in the answer as written (``resources/security_option_answers.csv``).

    >>> security_answer("other", "позаблоковий статус")
    'neutrality'
    >>> security_answer("for", "вступ до НАТО")
    'nato'
    >>> security_answer("maybe", "x")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: security_option answer 'maybe' is not one of for, against, other, undecided, would_not_vote
    """
    if answer not in _SECURITY_CODES:
        raise ParseError(f"security_option answer {answer!r} is not one of {', '.join(_SECURITY_CODES)}")
    if not isinstance(as_written, str):
        raise ParseError(f"security_option answer as written {as_written!r} is not text")
    if answer in {"undecided", "would_not_vote"}:
        return answer
    if answer == "for":
        return "nato"
    return next((a for p, a in _security_answers() if p.search(as_written)), "other")


@cache
def _houses() -> pd.DataFrame:
    return pd.read_csv(RESOURCES / "houses.csv", dtype="str", keep_default_na=False).set_index("pollster")


def house_and_partner(pollsters: pd.Series) -> pd.DataFrame:
    """Split harmonised pollster names into the fieldwork ``house`` and a commissioning ``partner``.

    Joint names are resolved by ``resources/houses.csv`` (each row with its reason); any other name
    is its own house with no partner.

    >>> house_and_partner(pd.Series(["Democratic Initiatives Foundation & Razumkov Centre", "Rating Group"]))
                 house                                          partner
    0  Razumkov Centre  Ilko Kucheriv Democratic Initiatives Foundation
    1     Rating Group
    """
    table = _houses()
    known = pollsters.isin(table.index)
    house = pollsters.where(~known, pollsters.map(table["house"]))
    partner = pollsters.map(table["partner"]).where(known, "")
    return pd.DataFrame({"house": house.astype("str"), "partner": partner.astype("str")}, index=pollsters.index)


def house_of(pollster: str) -> str:
    """The fieldwork house of one harmonised pollster name (itself unless ``houses.csv`` resolves it).

    >>> house_of("Democratic Initiatives Foundation & KIIS"), house_of("Gallup")
    ('Kyiv International Institute of Sociology', 'Gallup')
    """
    table = _houses()
    return str(table.at[pollster, "house"]) if pollster in table.index else pollster
