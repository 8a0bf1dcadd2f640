"""Strict reading of CSV text, and the one validation pass: every check a table of ``data/`` must pass.

:func:`read_raw` reads a CSV as text (every column ``str``, ``""`` for missing) or raises naming
the file, line and problem; it reads the hand-made inputs of ``data/raw/`` for the build too.

A table is checked as the text that is (or would be) written, in three stages; each stage
sees only the rows the earlier ones passed, so a rule never trips over a value already
reported:

1. by hand, what no schema library expresses: the header (missing or unknown columns) and
   the written form of values (``2019-02-03``, not ``2019-2-3``; ``1203``, not ``1.2e3``);
2. by frictionless, from the table definitions (:mod:`analysis.tables.schema`): types,
   required values, allowed values, bounds and primary keys;
3. by hand, the rules across columns and rows: shares of one question summing to at most
   100, dates fitting their precision, harmonised names and shares agreeing with what is
   written, sources, and (``seeds=True``) quotes standing at their offsets in the seeds.

The build runs it on every table in memory before writing anything
(:func:`analysis.build.data.write_all`); :func:`validate_file` runs it on a file (the CLI's
``validate``, and the tests). Loaders (:mod:`analysis.tables.load`) do not repeat it.

Problems with the file as a whole (empty, not UTF-8, wrong delimiter, ragged rows, a
missing, unknown or repeated column) raise even with ``strict=False``: no row of such a
file can be trusted. A file with a header and no rows is a valid, empty table.

>>> from analysis.paths import DATA
>>> raw = read_raw(DATA / "events.csv")
>>> raw.loc[0, "date_end"] = "1975-06-30"
>>> print(check_table(raw, "events", "events.csv")[0])
events.csv, row 1 (line 2), column 'date_precision': value 'year': does not fit date..date_end 1975-01-01..1975-06-30: a year runs from its first day to its last
"""

from __future__ import annotations

import calendar
import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.errors import DataValidationError, Issue, ParseError, SeedError
from analysis.tables.schema import SCHEMAS, Schema, finalise
from analysis.text.names import alias_of, house_of
from analysis.text.seeds import read_seed
from analysis.text.shares import parse_share_one

ROUNDING_TOLERANCE = 0.5
"""Allowed excess over 100 per answer option when the shares of one question are summed
(each printed share may be rounded by up to half a point)."""

EARLIEST_POLL = "1991-01-01"


class LoadResult(NamedTuple):
    """Valid rows (typed) and the rejected rows (as text) with the reasons."""

    data: pd.DataFrame
    rejected: pd.DataFrame


# --------------------------------------------------------------------------- reading CSV text strictly

FIELD_LIMIT = 131_072
"""Longest value accepted, in characters (the csv module's default): a longer one is refused."""


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV as text (every column ``str``, ``""`` for missing), or raise naming the file.

    A UTF-8 byte-order mark is accepted and dropped. Raises :class:`DataValidationError`
    for a file that is empty, UTF-16/32 or otherwise not UTF-8 (naming the line), holds NUL
    bytes, has a blank, empty or repeated column name, or is not a comma-separated table
    with the header's number of fields on every row (blank lines included). Values are
    read exactly, line breaks inside quoted values included.

    >>> from analysis.paths import DATA
    >>> raw = read_raw(DATA / "events.csv")
    >>> raw.columns[:2].tolist(), raw.loc[0, "date"]
    (['event_id', 'date'], '1975-01-01')
    """
    name = Path(path).name
    data = Path(path).read_bytes()
    boms = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32"}
    boms |= {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}
    encoding = next((enc for bom, enc in boms.items() if data.startswith(bom)), None)
    if encoding is not None:
        raise DataValidationError([Issue(name, None, None, None, f"is {encoding} text, not UTF-8: save it as UTF-8")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        shown = data.split(b"\n")[line - 1].rstrip(b"\r").decode("utf-8", "backslashreplace")[:60]
        raise DataValidationError(
            [
                Issue(
                    name,
                    line - 1 if line > 1 else None,
                    None,
                    shown,
                    f"not UTF-8 text ({exc.reason} at byte {exc.start}, line {line}):"
                    " save it as UTF-8 (it may be Latin-1 or cp1251)",
                )
            ]
        ) from None
    if not text.strip():
        raise DataValidationError([Issue(name, None, None, None, "file is empty")])
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise DataValidationError(
            [Issue(name, None, None, None, f"holds NUL bytes (first on line {line}): is it UTF-16 or binary?")]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    # The csv module's field limit is process-wide and other libraries raise it: pin ours while reading.
    previous = csv.field_size_limit(FIELD_LIMIT)
    try:
        rows = list(reader)
    except csv.Error as exc:
        issue = Issue(name, None, None, None, f"unreadable CSV at line {reader.line_num}: {exc}")
        raise DataValidationError([issue]) from None
    finally:
        csv.field_size_limit(previous)
    header, body = rows[0], rows[1:]
    issues = _header_issues(header, name)
    issues += [
        Issue(
            name, i, None, None, f"has {len(r)} fields, the header has {len(header)}" + ("" if r else " (blank line)")
        )
        for i, r in enumerate(body, 1)
        if len(r) != len(header)
    ]
    if len(header) == 1 and (body or any(d in header[0] for d in ";\t|")):
        issues.insert(0, Issue(name, None, None, header[0], "only one column: is the delimiter a comma?"))
    if issues:
        raise DataValidationError(issues)
    return pd.DataFrame(body, columns=header, dtype="str")


def _header_issues(header: list[str], file: str) -> list[Issue]:
    """A blank header line, empty column names and repeated column names."""
    if not header:
        return [Issue(file, None, None, None, "the first line (the header) is blank")]
    issues = [
        Issue(file, None, None, None, f"column {i} of the header has no name (a stray comma?)")
        for i, c in enumerate(header, 1)
        if not c.strip()
    ]
    repeated = sorted({c for c in header if header.count(c) > 1 and c.strip()})
    issues += [Issue(file, None, c, None, f"appears {header.count(c)} times in the header") for c in repeated]
    return issues


# --------------------------------------------------------------------------- stage 1: header and written forms


def _column_issues(raw: pd.DataFrame, schema: Schema, file: str) -> list[Issue]:
    """Missing and unknown columns (the whole table is then untrustworthy)."""
    missing = [c for c in schema.columns if c not in raw.columns]
    unknown = [c for c in raw.columns if c not in schema.columns]
    issues = []
    if missing:
        issues.append(Issue(file, None, None, None, f"missing required column(s): {', '.join(missing)}"))
    if unknown:
        issues.append(Issue(file, None, None, None, f"unknown column(s): {', '.join(map(str, unknown))}"))
    return issues


_PLAIN = {
    "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "not an ISO date (YYYY-MM-DD)"),
    "integer": (re.compile(r"-?[0-9]{1,15}"), "not a whole number in plain digits (e.g. 1203)"),
    "number": (re.compile(r"-?[0-9]{1,15}(\.[0-9]+)?"), "not a number in plain digits (e.g. 37.5)"),
}


def _format_issues(raw: pd.DataFrame, schema: Schema, file: str) -> list[Issue]:
    """Values must be written as the build writes them: ``2019-02-03``, not ``2019-2-3``
    (which sorts wrongly); ``1203``, not ``1.203e3`` or a number too long to be exact."""
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    for f in schema.fields:
        if f.type not in _PLAIN:
            continue
        pattern, message = _PLAIN[f.type]
        values = rows[f.name]
        issues += [
            Issue(file, r, f.name, v, message) for r, v in values.items() if v != "" and not pattern.fullmatch(v)
        ]
    return issues


# --------------------------------------------------------------------------- stage 2: frictionless

_TYPE_MESSAGES = {
    "integer": "not a whole number",
    "number": "not a number",
    "date": "not an ISO date (YYYY-MM-DD)",
}


def _constraint_message(f, constraint: str) -> str:  # noqa: ANN001 - a schema Field
    if constraint == "required":
        return "required value is missing"
    if constraint == "enum":
        return f"not one of: {', '.join(f.enum)}"
    if constraint == "minimum":
        return f"below the minimum {f.minimum:g}"
    if constraint == "maximum":
        return f"above the maximum {f.maximum:g}"
    return f"breaks the constraint {constraint!r}"


def _frictionless_issues(raw: pd.DataFrame, schema: Schema, file: str) -> list[Issue]:
    """Types, required values, allowed values, bounds and primary keys, checked by frictionless
    against the table's Table Schema; each error becomes an :class:`Issue` (1-based data row)."""
    if raw.empty:
        return []
    from frictionless import Resource
    from frictionless import Schema as TableSchema

    key = list(schema.primary_key)
    # Text columns without a constraint have nothing to check: leave them out (a third of the work).
    checked = [f for f in schema.fields if f.type != "string" or f.required or f.enum or f.name in key]
    descriptor = schema.descriptor() | {"fields": [f.descriptor() for f in checked]}
    columns = [f.name for f in checked]
    rows = [columns, *raw[columns].to_numpy().tolist()]
    resource = Resource(data=rows, schema=TableSchema.from_descriptor(descriptor))
    report = resource.validate(limit_errors=10 * len(rows) * len(columns))
    issues = []
    for error in report.flatten(["type", "rowNumber", "fieldName", "cell", "note"]):
        kind, row_number, name, cell, note = error
        row = None if row_number is None else row_number - 1
        if kind == "type-error":
            f = schema.field(name)
            issues.append(Issue(file, row, name, cell, _TYPE_MESSAGES.get(f.type, f"not of type {f.type}")))
        elif kind == "constraint-error":
            constraint = re.search(r'constraint "(\w+)"', note or "")
            message = _constraint_message(schema.field(name), constraint[1] if constraint else "?")
            issues.append(Issue(file, row, name, cell or "", message))
        elif kind in {"primary-key", "primary-key-error"}:
            value = str(raw.iloc[row - 1][key[0]])
            issues.append(Issue(file, row, key[0], value, f"duplicate key ({', '.join(key)})"))
        else:
            issues.append(Issue(file, row, name, cell, f"{kind}: {note}"))
    return issues


# --------------------------------------------------------------------------- stage 3: rules across columns and rows


def _poll_rules(raw: pd.DataFrame, file: str) -> list[Issue]:
    """Rules across columns and rows of the poll table: fieldwork from 1991 and not in the
    future; the shares of one question sum to at most 100 plus rounding."""
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    today = pd.Timestamp.today().strftime("%Y-%m-%d")  # dates are YYYY-MM-DD here: compare as text
    for r, start, end in zip(rows.index, rows["field_start"], rows["field_end"], strict=True):
        if start < EARLIEST_POLL:
            issues.append(Issue(file, r, "field_start", start, f"before {EARLIEST_POLL}"))
        if end > today:
            issues.append(Issue(file, r, "field_end", end, "in the future"))
    if rows.empty:
        return issues
    shares = pd.to_numeric(rows["share"], errors="coerce")
    question = ["poll_id", "source", "question_type", "geography", "base"]
    totals = shares.groupby([rows[c] for c in question]).agg(["sum", "count"])
    over = totals[totals["sum"] > 100 + ROUNDING_TOLERANCE * totals["count"]]
    for key, total in over.iterrows():
        # which figure is wrong is unknown: every row of the question is rejected
        members = rows.index[(rows[question] == pd.Series(key, index=question)).all(axis=1)]
        issues += [
            Issue(
                file,
                int(r),
                "share",
                rows.at[r, "share"],
                f"shares of question {key} sum to {total['sum']:g}, over 100 plus rounding",
            )
            for r in members
        ]
    return issues


def _name_rules(raw: pd.DataFrame, file: str) -> list[Issue]:
    """Harmonised names must be what the alias tables give for the names as written.

    Pollster and geography on every row; the answer on seed rows (external rows carry the
    answer code the transcriber chose, see :mod:`analysis.build.external`).
    """
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    checks = [
        ("pollster", "pollster", rows),
        ("geography", "region", rows),
        ("answer", "answer", rows[rows["source_type"] == "seed"]),
    ]
    for column, kind, subset in checks:
        written = f"{column}_as_written"
        mapping = {name: alias_of(name, kind) for name in pd.unique(subset[written])}
        if kind == "pollster":  # the pollster column holds the fieldwork house of the name
            mapping = {k: v if v is None else house_of(v) for k, v in mapping.items()}
        for r, name, value in zip(subset.index, subset[written], subset[column], strict=True):
            expected = mapping[name]
            if expected is None:
                message = f"unknown {kind} name: add it to analysis/resources/{kind}_aliases.csv"
                issues.append(Issue(file, r, written, name, message))
            elif expected != value:
                message = f"does not match {written} {name!r}, which is harmonised as {expected!r}"
                issues.append(Issue(file, r, column, value, message))
    return issues


def _share_rules(raw: pd.DataFrame, file: str) -> list[Issue]:
    """``share`` and ``share_qualifier`` must be what ``share_as_written`` says.

    The figure as written is parsed (:func:`analysis.text.shares.parse_share_one`); an external row's is the
    share as a plain number (exact) unless the page words it ("about 6%": ``data/raw/share_wording.csv``).
    """
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    columns = ["source_type", "share_as_written", "share", "share_qualifier"]
    for r, source_type, written, share, qualifier in zip(rows.index, *(rows[c] for c in columns), strict=True):
        try:
            plain = source_type != "seed" and written.replace(".", "", 1).isdigit()
            expected = (float(written), "exact") if plain else parse_share_one(written)
        except (ParseError, ValueError) as exc:
            issues.append(Issue(file, r, "share_as_written", written, f"is not a share ({exc})"))
            continue
        if float(share) != expected[0]:
            issues.append(Issue(file, r, "share", share, f"does not match share_as_written {written!r}"))
        if qualifier != expected[1]:
            message = f"does not match share_as_written {written!r} ({expected[1]})"
            issues.append(Issue(file, r, "share_qualifier", qualifier, message))
    return issues


def _precision_rules(start: str, end: str) -> Callable[[pd.DataFrame, str], list[Issue]]:
    """A date interval must fit its precision: a month, season or year runs from its first
    day to its last (e.g. ``2014-06-01..2014-06-30`` at month precision); a day range may
    span any days. ``start`` and ``end`` are the interval's columns."""

    def rule(raw: pd.DataFrame, file: str) -> list[Issue]:
        issues: list[Issue] = []
        rows = raw.set_axis(range(1, len(raw) + 1))
        for r, first, last, precision in zip(rows.index, rows[start], rows[end], rows["date_precision"], strict=True):
            if first > last:
                issues.append(Issue(file, r, end, last, f"ends before {start}"))
                continue
            year, month = int(last[:4]), int(last[5:7])
            month_end = f"{last[:8]}{calendar.monthrange(year, month)[1]:02d}"
            whole = {
                "month": first.endswith("-01") and last == month_end,
                "season": first.endswith("-01") and last == month_end,
                "year": first.endswith("-01-01") and last.endswith("-12-31"),
            }
            if not whole.get(precision, True):
                issues.append(
                    Issue(
                        file,
                        r,
                        "date_precision",
                        precision,
                        f"does not fit {start}..{end} {first}..{last}: a {precision} runs from its first day to its last",
                    )
                )
        return issues

    return rule


def _quote_rules(raw: pd.DataFrame, file: str, seed_column: str = "source") -> list[Issue]:
    """Seed rows must quote the seed verbatim at the stated offsets (which they must have)."""
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    seed_rows = rows[rows[seed_column].str.endswith(".txt")]
    offsets = [c for c in ("quote_start", "quote_end", "share_start", "share_end") if c in rows.columns]
    for r, row in seed_rows.iterrows():
        try:
            text = read_seed(row[seed_column])
        except SeedError as exc:
            issues.append(Issue(file, r, seed_column, row[seed_column], str(exc)))
            continue
        missing = [c for c in offsets if row[c] == ""]
        if missing:
            issues += [Issue(file, r, c, "", "required on a seed row (an offset into the seed)") for c in missing]
            continue
        if text[int(row["quote_start"]) : int(row["quote_end"])] != row["quote"]:
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


_RULES: dict[str, list[Callable[[pd.DataFrame, str], list[Issue]]]] = {
    "polls": [
        _poll_rules,
        _precision_rules("field_start", "field_end"),
        _name_rules,
        _share_rules,
        _quote_rules,
        _source_rules,
    ],
    "events": [_precision_rules("date", "date_end"), _quote_rules, _source_rules],
    "audit": [],
    "disagreements": [],
    "presidencies": [_quote_rules, _source_rules],
    "external_rejected": [],
    "population": [_source_rules],
    "region_definitions": [],
}


# --------------------------------------------------------------------------- the pass


def check_table(raw: pd.DataFrame, table: str, file: str, *, seeds: bool = True) -> list[Issue]:
    """Every issue of ``table`` read as text (all columns ``str``, ``""`` for missing).

    Row numbers are 1-based data rows. ``seeds=False`` skips the quote-at-offset checks
    (which need ``seeds/``).

    >>> raw = pd.DataFrame({"audit_id": ["AUD-001"], "seed_file": ["x.txt"]})
    >>> print(check_table(raw, "audit", "audit.csv")[0])
    audit.csv: missing required column(s): start, end, excerpt, problem_type, description, corrected_value, correction_source, evidence_source
    """
    schema = SCHEMAS[table]
    issues = _column_issues(raw, schema, file)
    if issues:  # columns are wrong: row checks cannot run
        return issues
    issues += _format_issues(raw, schema, file)
    issues += _on_clean_rows(raw, issues, file, [lambda df, f: _frictionless_issues(df, schema, f)])
    rules = [r for r in _RULES[table] if seeds or r is not _quote_rules]
    issues += _on_clean_rows(raw, issues, file, rules)
    return issues


def _reason(issue: Issue) -> str:
    """One issue of a rejected row: its column, the value as read (quoted, so a stray space shows) and what is wrong.

    >>> _reason(Issue("polls.csv", 1, "answer", " for", "not one of: for, against"))
    "answer ' for': not one of: for, against"
    """
    value = "" if issue.value is None else f" {issue.value!r}"
    return f"{issue.column}{value}: {issue.message}"


def validate_file(path: Path, table: str, *, strict: bool = True, seeds: bool = True) -> LoadResult:
    """Validate one file of ``data/`` (or of the same shape) with the full pass.

    ``strict=True`` raises :class:`DataValidationError` listing every issue (file, row,
    column, value). ``strict=False`` returns the valid rows as ``data`` (typed as
    :func:`analysis.tables.schema.finalise` types them) and every other row, as text, in
    ``rejected`` with its 1-based ``row`` and the ``reason``, so rows in ==
    ``len(data) + len(rejected)``; problems with the file as a whole (see
    :func:`analysis.tables.checks.read_raw`, and missing, unknown or repeated columns)
    raise either way. A file with only a header is an empty table. A path that does not
    exist raises ``FileNotFoundError``.

    >>> from analysis.paths import DATA
    >>> len(validate_file(DATA / "events.csv", "events").rejected)
    0
    """
    raw = read_raw(path)
    issues = check_table(raw, table, Path(path).name, seeds=seeds)
    if issues and (strict or any(i.row is None for i in issues)):
        raise DataValidationError(issues)
    bad_rows = sorted({i.row for i in issues})
    reasons = {r: "; ".join(_reason(i) for i in issues if i.row == r) for r in bad_rows}
    positions = pd.Series(range(1, len(raw) + 1), index=raw.index)
    bad = positions.isin(bad_rows)
    rejected = raw[bad].copy()
    rejected.insert(0, "row", positions[bad].to_numpy(dtype="int64"))
    rejected["reason"] = [reasons[r] for r in positions[bad]]
    data = finalise(raw[~bad], SCHEMAS[table])
    return LoadResult(data, rejected.reset_index(drop=True))


def _on_clean_rows(
    raw: pd.DataFrame, issues: list[Issue], file: str, rules: list[Callable[[pd.DataFrame, str], list[Issue]]]
) -> list[Issue]:
    """Run ``rules`` on the rows without ``issues``; row numbers refer to ``raw``."""
    broken_rows = {i.row for i in issues}
    positions = [r for r in range(1, len(raw) + 1) if r not in broken_rows]  # 1-based rows of raw
    clean = raw.iloc[[p - 1 for p in positions]]
    return [replace(i, row=positions[i.row - 1]) if i.row else i for rule in rules for i in rule(clean, file)]
