"""Describe ``data/`` from the table definitions: the Frictionless data package and the codebook.

Column definitions come from :mod:`analysis.tables.schema` (the same definitions that drive
the validation pass), so ``data/datapackage.json`` and ``data/README.md`` cannot drift from
the data; each table's header and first row are read from the CSV itself. The codebook's
introduction is ``resources/templates/codebook_intro.md``; its table of question types is filled from
``resources/question_types.csv``.

>>> from analysis.paths import DATA
>>> "| `poll_id` |" in render(DATA)
True
>>> [r["name"] for r in datapackage(["events", "audit"])["resources"]]
['audit', 'events']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from analysis.paths import RESOURCES
from analysis.tables.schema import QUESTIONS, SCHEMAS, Field


@cache
def intro() -> str:
    """The codebook's introduction: ``resources/templates/codebook_intro.md`` with its table of question types
    filled from ``resources/question_types.csv`` (rendered on first use, not at import).

    >>> "| `nato_referendum_vote` |" in intro()
    True
    """
    import jinja2

    template = (RESOURCES / "templates" / "codebook_intro.md").read_text(encoding="utf-8")
    return jinja2.Template(template, keep_trailing_newline=True).render(questions=QUESTIONS["question"])


def datapackage(tables: Iterable[str]) -> dict:
    """The Frictionless Data Package descriptor of ``data/`` (a Table Schema per table).

    >>> package = datapackage(["events"])
    >>> events = package["resources"][0]
    >>> events["path"], [f["name"] for f in events["schema"]["fields"]][:3], package["licenses"][0]["name"]
    ('events.csv', ['event_id', 'date', 'date_end'], 'CC-BY-4.0')
    """
    resources = [
        {
            "name": name,
            "path": f"{name}.csv",
            "title": SCHEMAS[name].title,
            "description": SCHEMAS[name].description,
            "format": "csv",
            "encoding": "utf-8",
            "schema": SCHEMAS[name].descriptor(),
        }
        for name in sorted(tables)
    ]
    return {
        "name": "ukraine-nato-opinion",
        "title": "Ukrainian public opinion toward NATO: polls, events and seed audit",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def _field_row(f: Field) -> str:
    kind = f.type
    if f.unit:
        kind += f" ({f.unit})"
    allowed = []
    if f.enum is not None:
        allowed.append(", ".join(f"`{v}`" for v in f.enum))
    if f.minimum is not None or f.maximum is not None:
        lo = "" if f.minimum is None else f"{f.minimum:g}"
        hi = "" if f.maximum is None else f"{f.maximum:g}"
        allowed.append(f"{lo}..{hi}")
    if f.required:
        allowed.append("required")
    return f"| `{f.name}` | {kind} | {f.description} | {'; '.join(allowed)} |"


def _escape(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def render(data_dir: Path) -> str:
    """The codebook text for the tables in ``data_dir``: one Markdown section per table.

    >>> from analysis.paths import DATA
    >>> [line for line in render(DATA).splitlines() if line.startswith("## `polls")]
    ['## `polls.csv`: Poll figures on Ukrainian attitudes to NATO']
    """
    parts = [intro()]
    for name in sorted(SCHEMAS):
        schema = SCHEMAS[name]
        with open(data_dir / f"{name}.csv", newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            first = next(reader, [])
            n_rows = 1 + sum(1 for _ in reader) if first else 0
        parts.append(f"## `{name}.csv`: {schema.title}\n")
        parts.append(f"{schema.description} {n_rows} rows. Key: {', '.join(f'`{k}`' for k in schema.primary_key)}.\n")
        parts.append("Header and first row:\n")
        parts.append("```\n" + ",".join(header) + "\n" + ",".join(_escape(v) for v in first) + "\n```\n")
        parts.append("| column | type (unit) | definition | allowed values |\n|---|---|---|---|")
        parts.append("\n".join(_field_row(f) for f in schema.fields) + "\n")
    return "\n".join(parts)
