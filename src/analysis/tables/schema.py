"""Table definitions: fields, types, units, allowed values and keys of every table of ``data/``.

The definitions and vocabularies are data, ``analysis/resources/tables.json``; this module
reads them into :class:`Schema` objects. The validation pass (:mod:`analysis.tables.checks`),
``data/datapackage.json`` and the codebook ``data/README.md`` (:mod:`analysis.tables.describe`)
are all generated from them. :func:`finalise` is the one shared last step of every builder:
column order, dtypes, unique non-null keys and sorted rows.

>>> [f.name for f in SCHEMAS["audit"].fields][:3]
['audit_id', 'seed_file', 'start']
>>> SCHEMAS["polls"].field("share").maximum
100
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from analysis.errors import DataValidationError, Issue
from analysis.paths import RESOURCES

_DEFINITIONS = json.loads((RESOURCES / "tables.json").read_text(encoding="utf-8"))
VOCABULARIES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DEFINITIONS["vocabularies"].items()}
VOCABULARIES["units"] = tuple(pd.read_csv(RESOURCES / "units.csv", dtype="str")["unit"])
QUESTIONS = pd.read_csv(RESOURCES / "question_types.csv", dtype="str").set_index("question_type")
"""One row per question type, in vocabulary order: the answer a series shows (``answer_shown``),
a short chart label, a reader's sentence label, a plain noun phrase and the paraphrased question.
The one source of every question type's name and wording.

>>> QUESTIONS.loc["nato_threat_protection", "answer_shown"]
'protection'
"""
VOCABULARIES["question_types"] = tuple(QUESTIONS.index)
VOCABULARIES["geographies"] = (
    "national",
    *VOCABULARIES["macro_regions"],
    *VOCABULARIES["units"],
    *pd.read_csv(RESOURCES / "geographies.csv", dtype="str")["geography"],
)

QUESTION_TYPES = VOCABULARIES["question_types"]
ANSWERS = VOCABULARIES["answers"]
MACRO_REGIONS = VOCABULARIES["macro_regions"]
UNITS = VOCABULARIES["units"]
"""The 27 first-level units: 24 oblasts, Crimea, Kyiv city and Sevastopol city."""
GEOGRAPHIES = VOCABULARIES["geographies"]
EVENT_CATEGORIES = VOCABULARIES["event_categories"]
PROBLEM_TYPES = VOCABULARIES["problem_types"]
COVERAGE_FROM = "2022-02-24"
"""Fieldwork from this day on (Russia's full-scale invasion) has ``covers_occupied_2022`` and ``covers_abroad``
(the poll table's definition of the two columns)."""


@dataclass(frozen=True)
class Field:
    """One column: its Table Schema type, meaning, unit and constraints."""

    name: str
    type: str  # Table Schema type: string, integer, number, date
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None

    def descriptor(self) -> dict:
        """The field as a Frictionless Table Schema field (name, type, description, constraints)."""
        d: dict = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            d["constraints"] = constraints
        return d


@dataclass(frozen=True)
class Schema:
    """A table: name, title, description, fields in order, and the primary key."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def descriptor(self) -> dict:
        """The table's Frictionless Table Schema (as in ``data/datapackage.json``)."""
        return {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }


def _field(d: dict) -> Field:
    enum = d.get("enum")
    return Field(
        d["name"],
        d["type"],
        d["description"],
        d.get("required", False),
        VOCABULARIES[enum] if isinstance(enum, str) else None if enum is None else tuple(enum),
        d.get("minimum"),
        d.get("maximum"),
        d.get("unit"),
    )


class _Tables(dict[str, Schema]):
    """Schemas by table name; an unknown name raises ``KeyError`` listing the known ones.

    >>> _Tables(polls=None)["poll"]
    Traceback (most recent call last):
    ...
    KeyError: "no table 'poll'; the tables are: polls"
    """

    def __missing__(self, key: str) -> Schema:
        raise KeyError(f"no table {key!r}; the tables are: {', '.join(self)}")


SCHEMAS: dict[str, Schema] = _Tables(
    {
        t["name"]: Schema(
            t["name"],
            t["title"],
            t["description"],
            tuple(_field(f) for f in t["fields"]),
            tuple(t["primary_key"]),
            tuple(t["sort_by"]),
        )
        for t in _DEFINITIONS["tables"]
    }
)
"""Every table of ``data/`` by name, in the order of ``tables.json``."""


def finalise(df: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The last step of every builder: order columns, set dtypes, check keys, sort rows.

    Raises :class:`DataValidationError` if the primary key has nulls or duplicates.

    >>> df = pd.DataFrame({"event_id": ["b", "a"], "date": ["2001-01-01", "2000-01-01"]})
    >>> small = Schema("t", "T", "d", (Field("event_id", "string", "id", True), Field("date", "date", "d", True)), ("event_id",), ("date",))
    >>> finalise(df, small)["event_id"].tolist()
    ['a', 'b']
    """
    out = df.loc[:, schema.columns].copy()
    for f in schema.fields:
        if f.type in {"integer", "number"}:
            values = pd.to_numeric(out[f.name].replace("", None))
            out[f.name] = values.astype("Int64" if f.type == "integer" else "float64")
        elif f.type == "date" and pd.api.types.is_datetime64_any_dtype(out[f.name]):
            out[f.name] = out[f.name].dt.strftime("%Y-%m-%d").fillna("").astype("str")
        else:
            out[f.name] = out[f.name].astype("str").replace({"nan": "", "<NA>": ""})
    key = list(schema.primary_key)
    problems = [
        Issue(schema.name, None, ", ".join(key), None, "null in primary key")
        for _ in [0]
        if out[key].replace("", pd.NA).isna().any().any()
    ]
    dups = out[out.duplicated(key, keep=False)]
    problems += [
        Issue(schema.name, None, ", ".join(key), str(tuple(r)), "duplicate primary key")
        for r in dups[key].drop_duplicates().itertuples(index=False)
    ]
    if problems:
        raise DataValidationError(problems)
    return out.sort_values(list(schema.sort_by or key), kind="stable").reset_index(drop=True)


@cache
def _levels() -> dict[str, str]:
    table = pd.read_csv(RESOURCES / "geographies.csv", dtype="str", keep_default_na=False)
    return (
        {"national": "national", "": ""}
        | dict.fromkeys(MACRO_REGIONS, "macro_region")
        | dict.fromkeys(UNITS, "unit")
        | dict(zip(table["geography"], table["level"], strict=True))
    )


def geography_level(geographies: pd.Series) -> pd.Series:
    """Level of each harmonised geography: national, macro_region, unit, composite, city, abroad,
    occupied (``resources/geographies.csv`` lists every name that is not a macro-region or a
    unit); ``unknown`` for a name in no list.

    >>> geography_level(pd.Series(["national", "West", "Lviv oblast", "Lviv city", "Donbas and Crimea", "X"])).tolist()
    ['national', 'macro_region', 'unit', 'city', 'composite', 'unknown']
    """
    return geographies.map(_levels()).fillna("unknown").astype("str")
