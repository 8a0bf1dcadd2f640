"""Loading and writing the tidy tables, with validation at the boundary.

Every table is read as text first, validated against its schema (:mod:`analysis.schema`)
plus table-specific rules, and only then converted to typed columns. With
``strict=True`` (the default) any problem raises :class:`DataValidationError` listing
every issue with file, row, column and value. With ``strict=False`` the valid rows are
returned together with a report of the rejected rows and why, so that
``rows in == rows loaded + rows rejected`` always holds; nothing is dropped silently.

>>> polls = load_polls()
>>> int(polls["share"].between(0, 100).all())
1
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.errors import DataValidationError, Issue, SeedError
from analysis.paths import DATA
from analysis.schema import SCHEMAS, Schema, finalise, validate
from analysis.seeds import read_seed

ROUNDING_TOLERANCE = 0.5
"""Allowed excess over 100 per answer option when the shares of one question are summed
(each printed share may be rounded by up to half a point)."""

EARLIEST_POLL = "1991-01-01"


class LoadResult(NamedTuple):
    """Valid rows (typed) and the rejected rows (as text) with the reasons."""

    data: pd.DataFrame
    rejected: pd.DataFrame


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV as text (every column ``str``, ``""`` for missing), or raise naming the file.

    Raises :class:`DataValidationError` for a file that is empty, not UTF-8, or not a
    comma-separated table with a consistent number of fields per row.
    """
    name = Path(path).name
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataValidationError(
            [Issue(name, None, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
        ) from None
    if not text.strip():
        raise DataValidationError([Issue(name, None, None, None, "file is empty")])
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    bad = [
        Issue(name, i, None, None, f"has {len(r)} fields, the header has {len(header)}")
        for i, r in enumerate(body, 1)
        if len(r) != len(header)
    ]
    if len(header) == 1 and body:
        bad.insert(0, Issue(name, None, None, header[0], "only one column: is the delimiter a comma?"))
    if bad:
        raise DataValidationError(bad)
    return pd.DataFrame(body, columns=header, dtype="str")


def _poll_rules(raw: pd.DataFrame, file: str) -> list[Issue]:
    """Rules across columns and rows of the poll table."""
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    dates_ok = rows["field_start"].str.match(r"^\d{4}-\d\d-\d\d$") & rows["field_end"].str.match(r"^\d{4}-\d\d-\d\d$")
    today = pd.Timestamp.today().strftime("%Y-%m-%d")
    for r, row in rows[dates_ok].iterrows():
        if row["field_start"] > row["field_end"]:
            issues.append(Issue(file, r, "field_end", row["field_end"], "ends before field_start"))
        if row["field_start"] < EARLIEST_POLL:
            issues.append(Issue(file, r, "field_start", row["field_start"], f"before {EARLIEST_POLL}"))
        if row["field_end"] > today:
            issues.append(Issue(file, r, "field_end", row["field_end"], "in the future"))
    shares = pd.to_numeric(rows["share"], errors="coerce")
    question = ["poll_id", "source", "question_type", "geography", "base"]
    totals = shares.groupby([rows[c] for c in question]).agg(["sum", "count"])
    over = totals[totals["sum"] > 100 + ROUNDING_TOLERANCE * totals["count"]]
    for key, total in over.iterrows():
        members = rows.index[(rows[question] == pd.Series(key, index=question)).all(axis=1)]
        issues.append(
            Issue(
                file,
                int(members[0]),
                "share",
                f"{total['sum']:g}",
                f"shares of question {key} sum to {total['sum']:g}, over 100 plus rounding",
            )
        )
    return issues


def _quote_rules(raw: pd.DataFrame, file: str, seed_column: str = "source") -> list[Issue]:
    """Seed rows must quote the seed verbatim at the stated offsets."""
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    seed_rows = rows[rows[seed_column].str.endswith(".txt")]
    for r, row in seed_rows.iterrows():
        try:
            text = read_seed(row[seed_column])
            start, end = int(row["quote_start"]), int(row["quote_end"])
        except (SeedError, ValueError) as exc:
            issues.append(Issue(file, r, "quote_start", row["quote_start"], str(exc)))
            continue
        if text[start:end] != row["quote"]:
            issues.append(
                Issue(file, r, "quote", row["quote"][:40], "does not match the seed at quote_start:quote_end")
            )
        if "share_start" in row and text[int(row["share_start"]) : int(row["share_end"])] != row["share_as_written"]:
            issues.append(
                Issue(file, r, "share_start", row["share_start"], "share_as_written is not at share_start:share_end")
            )
    return issues


def _source_rules(raw: pd.DataFrame, file: str) -> list[Issue]:
    """External rows need a URL; seed rows need a seed file name."""
    rows = raw.set_axis(range(1, len(raw) + 1))
    ok = rows["source"].str.match(r"^(https?://\S+|\d{3}_[0-9a-f]{16}\.txt)$")
    return [
        Issue(file, r, "source", v, "not a URL or a seed file name")
        for r, v in rows["source"][~ok & (rows["source"] != "")].items()
    ]


_RULES = {
    "polls": [_poll_rules, _quote_rules, _source_rules],
    "events": [_quote_rules, _source_rules],
    "audit": [],
    "presidencies": [_quote_rules, _source_rules],
    "external_rejected": [],
    "population": [_source_rules],
    "region_definitions": [],
}


def check_table(raw: pd.DataFrame, schema: Schema, file: str) -> list[Issue]:
    """All issues of a table read as text: the schema's checks, then the table's own rules."""
    issues = validate(raw, schema, file)
    if any(i.row is None for i in issues):  # columns are wrong: row rules cannot run
        return issues
    broken_rows = {i.row for i in issues}
    clean = raw[[r not in broken_rows for r in range(1, len(raw) + 1)]]
    for rule in _RULES[schema.name]:
        found = rule(clean, file)
        # map row numbers of the clean subset back to the original table
        positions = [r for r in range(1, len(raw) + 1) if r not in broken_rows]
        issues += [replace(i, row=positions[i.row - 1]) if i.row else i for i in found]
    return issues


def load_table(path: Path, table: str, *, strict: bool = True) -> LoadResult:
    """Load and validate one table of ``data/`` (or a file of the same shape).

    >>> result = load_table(DATA / "events.csv", "events")
    >>> len(result.rejected)
    0
    """
    schema = SCHEMAS[table]
    raw = read_raw(path)
    issues = check_table(raw, schema, Path(path).name)
    if issues and (strict or any(i.row is None for i in issues)):
        raise DataValidationError(issues)
    bad_rows = sorted({i.row for i in issues})
    reasons = {r: "; ".join(f"{i.column}: {i.message}" for i in issues if i.row == r) for r in bad_rows}
    positions = pd.Series(range(1, len(raw) + 1), index=raw.index)
    bad = positions.isin(bad_rows)
    rejected = raw[bad].copy()
    rejected.insert(0, "row", positions[bad].to_numpy(dtype="int64"))
    rejected["reason"] = [reasons[r] for r in positions[bad]]
    data = finalise(raw[~bad], schema)
    return LoadResult(data, rejected.reset_index(drop=True))


def load_polls(path: Path | None = None) -> pd.DataFrame:
    """The poll table (``data/polls.csv``), validated, with typed columns.

    >>> load_polls()[["poll_id", "answer", "share"]].head(3)
            poll_id     answer  share
    0  seed-002-p01        for   37.0
    1  seed-002-p01    against   28.0
    2  seed-002-p01  undecided   34.0
    """
    return load_table(path or DATA / "polls.csv", "polls").data


def load_events(path: Path | None = None) -> pd.DataFrame:
    """The event table (``data/events.csv``), validated."""
    return load_table(path or DATA / "events.csv", "events").data


def load_audit(path: Path | None = None) -> pd.DataFrame:
    """The seed audit (``data/audit.csv``), validated."""
    return load_table(path or DATA / "audit.csv", "audit").data


def write_table(df: pd.DataFrame, table: str, path: Path) -> None:
    """Write a finalised table as CSV with a fixed format (UTF-8, ``\\n`` line ends)."""
    finalise(df, SCHEMAS[table]).to_csv(path, index=False, lineterminator="\n")
