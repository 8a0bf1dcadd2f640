"""The one alias table per kind of name: pollster, region (geography) and answer.

Name mappings are data files in ``analysis/resources/`` (``pollster_aliases.csv``,
``region_aliases.csv``, ``answer_aliases.csv``); an alias that is not listed raises rather
than passing through, naming the known names and how to pass your own (``aliases=``). The
data build and the extractor use the same tables.

>>> import pandas as pd
>>> harmonise_region(pd.Series(["Western Ukraine", "Kiev city", "Lviv region"])).tolist()
['West', 'Kyiv city', 'Lviv oblast']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.paths import RESOURCES
from analysis.text._distinct import as_column, factorize

AliasSource = Mapping[str, str] | str | Path | None
"""Extra aliases a caller passes: a mapping ``{name as written: harmonised name}`` or a CSV path
with the columns ``alias`` and the kind (``pollster``, ``region``, ``answer``) or ``name``."""

_OBLAST_SHORT = {
    "Zakarpattia oblast": ["Transcarpathia", "Transcarpathian region", "Zakarpattia"],
    "Kyiv oblast": ["Kiev oblast", "Kiev region", "Kyiv region"],
    "Kyiv city": ["Kiev city", "city of Kyiv", "city of Kiev"],
}
_OLD_SPELLINGS = {
    "Cherkasy": ["Cherkassy"],
    "Chernihiv": ["Chernigov"],
    "Chernivtsi": ["Chernovtsy"],
    "Dnipropetrovsk": ["Dnepropetrovsk"],
    "Ivano-Frankivsk": ["Ivano-Frankovsk"],
    "Kharkiv": ["Kharkov"],
    "Khmelnytskyi": ["Khmelnitsky", "Khmelnytsky"],
    "Kirovohrad": ["Kirovograd"],
    "Luhansk": ["Lugansk"],
    "Lviv": ["Lvov"],
    "Mykolaiv": ["Nikolaev", "Nikolayev"],
    "Odesa": ["Odessa"],
    "Rivne": ["Rovno"],
    "Ternopil": ["Ternopol"],
    "Vinnytsia": ["Vinnitsa"],
    "Zaporizhzhia": ["Zaporozhye", "Zaporizhia"],
    "Zhytomyr": ["Zhitomir"],
}
"""Older (Russian-based) English spellings of oblast names, still common in news of 2005-2014: each is read
as the stem it stands for, in every form the stem takes ("Kharkov region", "Odessa oblast", "Lvov city")."""
_MACRO_SHORT = {
    "West": ["the West"],  # "western regions", "western oblasts"...: in the alias table, which the extractor reads too
    "East": ["the East"],
    "South": ["the South"],
    "Centre": ["the Centre", "the Center"],
    "Donbas": ["Donbass", "the Donbas", "the Donbass"],
    "Sevastopol city": ["Sevastopol"],
}


@cache
def ambiguous(kind: str) -> dict[str, tuple[str, ...]]:
    """Names that mean more than one harmonised value, by their matching key: the public harmonisers
    refuse them and list the options. For regions, one rule: a city's bare name where an oblast has the
    same name (``Kyiv``, ``Kharkiv``, ``Lviv``, ``Odesa``...), in English or as a one-word alias of the
    alias table (``Kiev``, ``Харьков``, ``Одесса``).

    >>> ambiguous("region")["kharkiv"], ambiguous("pollster")
    (('Kharkiv city', 'Kharkiv oblast'), {})
    >>> sorted(k for k, v in ambiguous("region").items() if v[0] == "Kyiv city")
    ['kiev', 'kyiv', 'киев']
    """
    if kind != "region":
        return {}
    from analysis.tables.schema import GEOGRAPHIES  # the vocabulary of the geography column

    values = set(GEOGRAPHIES)
    twins = {
        v.removesuffix(" city") for v in values if v.endswith(" city") and f"{v.removesuffix(' city')} oblast" in values
    }
    out = {
        _key(spelling): (f"{name} city", f"{name} oblast")
        for name in twins
        for spelling in (name, *_OLD_SPELLINGS.get(name, []))
    }
    for key, value in _aliases("region").items():  # the alias table, by matching key
        name = value.removesuffix(" city").removesuffix(" oblast")
        if name in twins and re.fullmatch(r"[^\W\d_]+", key):  # one word: no "city", "(city)", "region"
            out[key] = (f"{name} city", f"{name} oblast")
    return out


_POLLSTER_SHORT = {
    "Rating Group": ["Rating", "Sociological Group Rating", "Rating Sociological Group"],
    "Razumkov Centre": ["Razumkov", "Razumkov Center"],
    "International Republican Institute": ["IRI"],
    "National Democratic Institute": ["NDI"],
    "Kyiv International Institute of Sociology": ["KIIS", "Kiev International Institute of Sociology"],
    "Pew Research Center": ["Pew", "Pew Research", "Pew Research Centre"],
    "Ilko Kucheriv Democratic Initiatives Foundation": ["DIF", "Democratic Initiatives Foundation"],
}


@cache
def _aliases(kind: str) -> dict[str, str]:
    """The alias table ``resources/<kind>_aliases.csv``: how the project reads its own sources."""
    table = pd.read_csv(RESOURCES / f"{kind}_aliases.csv", dtype="str", keep_default_na=False)
    return {_key(a): v for a, v in zip(table["alias"], table[kind], strict=True)}


@cache
def _known(kind: str) -> dict[str, str]:
    """Every spelling the public harmonisers accept: the alias table, then each harmonised value
    itself and the common short forms (canonical geographies; "Lviv", "Lviv region"; "Rating", "IRI")."""
    mapping = dict(_aliases(kind))
    extra: dict[str, str] = {v: v for v in mapping.values() if v}
    if kind == "region":
        from analysis.tables.schema import GEOGRAPHIES  # the vocabulary of the geography column

        for value in GEOGRAPHIES:
            extra[value] = value
            for suffix in (" oblast", " city"):
                if not value.endswith(suffix):
                    continue
                stem = value.removesuffix(suffix)
                for spelling in (stem, *_OLD_SPELLINGS.get(stem, [])):
                    forms = (f"{spelling} region", f"{spelling} province", f"{spelling} Oblast", f"{spelling} oblast")
                    if suffix == " city":
                        forms = (f"{spelling} city", f"city of {spelling}", f"{spelling} (city)")
                    for form in (spelling, *forms):
                        extra.setdefault(form, value)
        for value, forms in (_OBLAST_SHORT | _MACRO_SHORT).items():
            extra.update(dict.fromkeys(forms, value))
    if kind == "pollster":
        for value, forms in _POLLSTER_SHORT.items():
            extra.update(dict.fromkeys(forms, value))
    for name, value in extra.items():
        mapping.setdefault(_key(name), value)
    return mapping


def _user_aliases(aliases: AliasSource, kind: str) -> dict[str, str]:
    """Extra aliases as ``{key: harmonised name}``; raises :class:`ParseError` for a bad CSV."""
    if aliases is None:
        return {}
    if isinstance(aliases, str | Path):
        path = Path(aliases)
        if not path.is_file():
            raise ParseError(f"alias file {str(path)!r} does not exist")
        table = pd.read_csv(path, dtype="str", keep_default_na=False)
        column = kind if kind in table.columns else "name"
        if "alias" not in table.columns or column not in table.columns:
            raise ParseError(
                f"alias file {str(path)!r} needs the columns 'alias' and '{kind}' (or 'name'); has {table.columns.tolist()}"
            )
        aliases = dict(zip(table["alias"], table[column], strict=True))
        targets = table.groupby(table["alias"].map(_key))[column].nunique()
        if (targets > 1).any():
            twice = table.loc[table["alias"].map(_key).isin(targets.index[targets > 1]), "alias"].iloc[0]
            raise ParseError(f"alias file {str(path)!r} gives {twice!r} more than one {kind}")
    if not isinstance(aliases, Mapping):
        raise ParseError(f"aliases must be a mapping or a CSV path, not {type(aliases).__name__}")
    known = _known(kind)
    out = {}
    for alias, value in aliases.items():
        if not isinstance(value, str) or not value.strip():
            raise ParseError(f"alias {alias!r} gives no {kind} name ({value!r})")
        value = known.get(_key(value), value)  # "Kyiv Oblast" -> "Kyiv oblast": the harmonised spelling
        if kind == "region" and value not in set(known.values()):
            raise ParseError(f"alias {alias!r} gives {value!r}, which is not a geography of the tables")
        out[_key(str(alias))] = value
    return out


def pollster_aliases() -> pd.DataFrame:
    """The one pollster alias table (``resources/pollster_aliases.csv``): ``alias``, ``pollster``.

    The data build harmonises with it; the extractor finds pollster names in text with it.

    >>> pollster_aliases().query("alias == 'KIIS'")["pollster"].tolist()
    ['Kyiv International Institute of Sociology']
    """
    return pd.read_csv(RESOURCES / "pollster_aliases.csv", dtype="str", keep_default_na=False)


def _key(name: str) -> str:
    return re.sub(r"[\s\-_'’.,\"“”«»„]+", " ", name).strip().casefold()


def _pollster_readings(name: str) -> list[str]:
    """The readings of a pollster name tried in turn: as written, without a leading "the", and each side of
    a name followed by another in parentheses ("International Republican Institute (IRI)",
    "KIIS (Kyiv International Institute of Sociology)").

    >>> _pollster_readings("the Razumkov Centre (RC)")
    ['the Razumkov Centre (RC)', 'Razumkov Centre (RC)', 'Razumkov Centre', 'RC']
    """
    readings = [name, re.sub(r"^\s*the\s+", "", name, flags=re.I)]
    both = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", readings[1])
    return readings + ([both.group(1), both.group(2)] if both else [])


def alias_of(name: str, kind: str) -> str | None:
    """The harmonised name of ``name`` in the ``kind`` alias table, or ``None`` if it is not listed.

    This is the reading of the project's own sources, where "Kyiv" is the city (see
    :func:`harmonise_region` for the strict public reading).

    >>> alias_of("Kiev", "region"), alias_of("Atlantis", "region")
    ('Kyiv city', None)
    """
    return _aliases(kind).get(_key(name)) if isinstance(name, str) else None


def _harmonise(names: object, kind: str, aliases: AliasSource = None, *, strict: bool = True) -> pd.Series:
    """Map each name through the alias table; every unknown (or non-string) value raises.

    With ``strict`` (the public reading), the short forms are accepted too and names in
    :func:`ambiguous` raise unless ``aliases`` resolves them; without, only the alias table counts.
    """
    names = as_column(names)
    user = _user_aliases(aliases, kind)
    mapping = (_known(kind) if strict else _aliases(kind)) | user
    refused = {k: v for k, v in ambiguous(kind).items() if k not in user} if strict else {}
    unknown: dict[str, object] = {repr(n): n for n in names if not isinstance(n, str)}  # may be unhashable
    strings = names[[isinstance(n, str) for n in names]] if unknown else names
    uniques, codes = factorize(strings, lambda n: n)
    if kind == "pollster":  # "the Razumkov Centre", "International Republican Institute (IRI)"
        keys = [next((k for r in _pollster_readings(n) if (k := _key(r)) in mapping), _key(n)) for n in uniques]
    else:
        keys = [_key(n) for n in uniques]
    for n, key in zip(uniques, keys, strict=True):
        if key in refused:
            options = " or ".join(repr(o) for o in refused[key])
            raise ParseError(
                f"{kind} name {n!r} is ambiguous: it may mean {options}. Write the one you mean, or pass "
                f"aliases={{{n!r}: ...}}"
            )
        if key not in mapping:
            unknown.setdefault(repr(n), n)
    if unknown:
        listed = [unknown[r] for r in sorted(unknown)]
        known = sorted(set(_known(kind).values()) - {""})
        raise ParseError(
            f"unknown {kind} name(s) {listed}. Known {kind} names: {', '.join(known)}. Pass your own spellings as "
            f"aliases={{'name as written': 'harmonised name'}} or aliases='my_aliases.csv' "
            f"(columns alias,{kind})."
        )
    harmonised = np.array([mapping[key] for key in keys], dtype=object)
    return pd.Series(harmonised[codes], index=names.index, dtype="str")


def harmonise_pollster(names: pd.Series, aliases: AliasSource = None) -> pd.Series:
    """Map pollster names as written to one harmonised name each.

    Accepts every harmonised name and common short forms ("Rating", "Razumkov", "IRI"). Matching
    ignores case, spaces, dashes, dots, apostrophes and quotation marks ("Rating", «Rating»), a
    leading "the" and an acronym in parentheses after the name. An empty string stands for "pollster not
    named in the source" and maps to ``""``. ``names`` may be a Series, a list or one string.
    ``aliases`` adds your own spellings (a mapping or a CSV path with columns ``alias,pollster``).
    Raises :class:`~analysis.errors.ParseError` naming every unknown name.

    >>> harmonise_pollster(pd.Series(["Razumkov Center", "Foundation for Democratic Initiatives"]))
    0                                    Razumkov Centre
    1    Ilko Kucheriv Democratic Initiatives Foundation
    dtype: str
    >>> harmonise_pollster(["Rating", "IRI", "SOCIS", "Acme"], aliases={"Acme": "Acme Research"}).tolist()
    ['Rating Group', 'International Republican Institute', 'SOCIS', 'Acme Research']
    """
    return _harmonise(names, "pollster", aliases)


def harmonise_region(names: pd.Series, aliases: AliasSource = None) -> pd.Series:
    """Map geography names as written to the harmonised scheme (``national`` or a region).

    The harmonised values are those of the ``geography`` column: ``national``, the macro-regions
    ``West``, ``Centre``, ``South``, ``East``, ``Donbas``, the 24 oblasts (``Lviv oblast``) and
    ``Kyiv city``, ``Crimea``, ``Sevastopol city``, and the cities polled on their own (``Lviv city``).
    Each is accepted as written, and so are common short forms ("Poltava", "Lviv region", "city of
    Lviv", "Transcarpathia", "Western regions") and older spellings ("Kharkov region", "Odessa (city)").
    A bare name shared by a city and its oblast ("Kyiv", "Kharkiv", "Lviv", "Odessa", "Киев") is
    ambiguous and raises listing both, unless ``aliases`` resolves it.
    ``aliases`` adds your own spellings (a mapping or a CSV path with columns ``alias,region``).

    >>> harmonise_region(pd.Series(["Western Ukraine", "Kiev city", "national"]))
    0         West
    1    Kyiv city
    2     national
    dtype: str
    >>> harmonise_region(["Lviv region", "Transcarpathia", "Western regions", "Sevastopol city"]).tolist()
    ['Lviv oblast', 'Zakarpattia oblast', 'West', 'Sevastopol city']
    >>> harmonise_region(["Kharkov region", "Odessa (city)", "Zaporozhye", "Poltava"]).tolist()
    ['Kharkiv oblast', 'Odesa city', 'Zaporizhzhia oblast', 'Poltava oblast']
    >>> harmonise_region(["Kyiv"])
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: region name 'Kyiv' is ambiguous: it may mean 'Kyiv city' or 'Kyiv oblast'. Write the one you mean, or pass aliases={'Kyiv': ...}
    >>> harmonise_region(["Kyiv"], aliases={"Kyiv": "Kyiv city"}).tolist()
    ['Kyiv city']
    """
    return _harmonise(names, "region", aliases)


def harmonise_region_as_read(names: pd.Series) -> pd.Series:
    """The data build's and the extractor's reading: the alias table alone, where a bare "Kyiv"
    names the city (checked against each seed passage) and an oblast's short name is unknown
    (the extractor then uses its own place table).

    >>> harmonise_region_as_read(pd.Series(["Kyiv"])).tolist()
    ['Kyiv city']
    """
    return _harmonise(names, "region", strict=False)


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


@cache
def commissioners() -> frozenset[str]:
    """Organisations that commission polls but do not field them (``resources/commissioners.csv``, each
    with its reason): a poll whose pages name only one of them has no named house.

    >>> "National Democratic Institute" in commissioners(), "Rating Group" in commissioners()
    (True, False)
    """
    table = pd.read_csv(RESOURCES / "commissioners.csv", dtype="str", keep_default_na=False)
    return frozenset(table["organisation"])


def house_of(pollster: str) -> str:
    """The fieldwork house of one harmonised pollster name (itself unless ``houses.csv`` resolves it).

    >>> house_of("Democratic Initiatives Foundation & KIIS"), house_of("Gallup")
    ('Kyiv International Institute of Sociology', 'Gallup')
    """
    table = _houses()
    return str(table.at[pollster, "house"]) if pollster in table.index else pollster
