"""Loading the built tables of ``data/`` typed; the one text format the build writes them in.

The build validates every table before writing it (:mod:`analysis.tables.checks`), and
``data/MANIFEST.csv`` with its test catches hand edits, so loading does not validate again
and never re-derives anything: it reads the CSV and types its columns from the table
definitions (dates as dates, whole numbers as nullable integers, missing text as ``""``),
with cheap checks only (the header is the table's, the primary key is unique). It needs
neither ``seeds/`` nor ``data/raw/``, and works from any folder after a plain ``pip install``:
the tables ship in the wheel (:func:`analysis.paths.tables`). To check a file you did not build, use
:func:`analysis.tables.checks.validate_file`.

>>> polls = load_polls()
>>> int(polls["share"].between(0, 100).all())
1
>>> str(polls["field_start"].dtype), str(polls["sample_size"].dtype)
('datetime64[us]', 'Int64')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import DataValidationError, Issue
from analysis.tables.schema import SCHEMAS, finalise

_DTYPES = {"integer": "Int64", "number": "float64", "date": "str", "string": "str"}


def load_table(table: str, path: Path | None = None) -> pd.DataFrame:
    """The table ``table`` (default: the installed ``<table>.csv``, see :func:`analysis.paths.tables`),
    with typed columns: dates as ``datetime64``, whole numbers as nullable ``Int64``.

    Raises :class:`DataValidationError` if the header is not the table's (naming the missing and
    unknown columns), if the primary key repeats (naming the rows), or if a value cannot be typed
    (naming its row, column and value, from the full check), and ``FileNotFoundError`` for a missing
    file. Values are not checked beyond their type: for a file you did not build, run
    :func:`analysis.tables.checks.validate_file` first (a mistyped answer or region would load).

    >>> load_table("presidencies")[["president", "term_start", "term_end"]].tail(2)
                  president term_start   term_end
    4       Petro Poroshenko 2014-01-01 2019-12-31
    5   Volodymyr Zelenskyy 2019-01-01        NaT
    """
    schema = SCHEMAS[table]
    path = paths.tables() / f"{table}.csv" if path is None else Path(path)
    dtypes = {f.name: _DTYPES[f.type] for f in schema.fields}
    header = pd.read_csv(path, nrows=0).columns.tolist()
    if header != schema.columns:
        missing = [c for c in schema.columns if c not in header]
        unknown = [c for c in header if c not in schema.columns]
        told = f"missing {missing}, unknown {unknown}" if missing or unknown else "the columns are out of order"
        raise DataValidationError([Issue(path.name, None, None, None, f"header is not the {table} table's: {told}")])
    try:
        df = pd.read_csv(
            path, dtype=dtypes, keep_default_na=False, na_values={c: [""] for c in dtypes if dtypes[c] != "str"}
        )
        for f in schema.fields:
            if f.type == "date":
                df[f.name] = pd.to_datetime(df[f.name].replace("", None), format="%Y-%m-%d")
    except ValueError:  # a value that cannot be typed: the full check names its row, column and value
        from analysis.tables.checks import validate_file

        validate_file(path, table, strict=True, seeds=False)
        raise
    key = list(schema.primary_key)
    repeated = df.index[df.duplicated(key, keep=False)]
    if len(repeated):
        raise DataValidationError(
            [Issue(path.name, int(r) + 1, ", ".join(key), None, "duplicate primary key") for r in repeated]
        )
    return df


def load_polls(path: Path | None = None) -> pd.DataFrame:
    """The poll table (``data/polls.csv``), typed.

    >>> load_polls()[["poll_id", "answer", "share"]].head(3)
            poll_id     answer  share
    0  seed-002-p01        for   37.0
    1  seed-002-p01    against   28.0
    2  seed-002-p01  undecided   34.0
    """
    return load_table("polls", path)


def load_events(path: Path | None = None) -> pd.DataFrame:
    """The event table (``data/events.csv``), typed.

    >>> load_events()[["event_id", "date", "date_precision"]].head(2)
               event_id       date date_precision
    0  ev-1975-helsinki 1975-01-01           year
    1  ev-1992-relations 1992-01-01           year
    """
    return load_table("events", path)


def load_audit(path: Path | None = None) -> pd.DataFrame:
    """The seed audit (``data/audit.csv``), typed: one row per problem found in a seed, with the
    excerpt's offsets and, where found, the corrected value and its source.

    >>> load_audit()[["audit_id", "problem_type"]].head(2)
      audit_id       problem_type
    0  AUD-001  unrelated_content
    1  AUD-002         wrong_date
    """
    return load_table("audit", path)


def to_csv_text(df: pd.DataFrame, table: str) -> str:
    """A table as the CSV text the build writes: finalised, UTF-8, ``\\n`` line ends.

    Dates are written as ``YYYY-MM-DD`` and a missing date as an empty field:

    >>> print(to_csv_text(load_table("presidencies").tail(1), "presidencies"))
    president,term_start,term_end,years_as_written,source,quote,quote_start,quote_end
    Volodymyr Zelenskyy,2019-01-01,,from 2019,002_18a2a5ab5df7844f.txt,Volodymyr Zelenskyy's Presidency (from 2019),17968,18012
    """
    return finalise(df, SCHEMAS[table]).to_csv(index=False, lineterminator="\n")
