"""Loading and writing the tidy tables, with validation at the boundary.

Every table is read as text first, validated against its schema (:mod:`analysis.schema`)
plus table-specific rules, and only then converted to typed columns. With
``strict=True`` (the default) any problem raises :class:`DataValidationError` listing
every issue with file, row, column and value. With ``strict=False`` the valid rows are
returned together with a report of the rejected rows and why, so that
``rows in == rows loaded + rows rejected`` always holds; nothing is dropped silently.

Problems with the file as a whole (empty, not UTF-8, wrong delimiter, ragged rows, a
missing, unknown or repeated column) raise even with ``strict=False``: no row of such a
file can be trusted. A file with a header and no rows is a valid, empty table.

>>> polls = load_polls()
>>> int(polls["share"].between(0, 100).all())
1
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
from analysis.normalise import harmonise_answer, harmonise_pollster, harmonise_region, parse_share_one
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

    A UTF-8 byte-order mark is accepted and dropped. Raises :class:`DataValidationError`
    for a file that is empty, UTF-16/32 or otherwise not UTF-8 (naming the line), holds NUL
    bytes, has a blank, empty or repeated column name, or is not a comma-separated table
    with the header's number of fields on every row (blank lines included). Values are
    read exactly, line breaks inside quoted values included.

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
    try:
        rows = list(reader)
    except csv.Error as exc:
        issue = Issue(name, None, None, None, f"unreadable CSV at line {reader.line_num}: {exc}")
        raise DataValidationError([issue]) from None
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


def _harmonised(values: pd.Series, harmonise: Callable[[pd.Series], pd.Series]) -> dict[str, str | None]:
    """Each distinct value -> its harmonised name, or ``None`` if the alias table lacks it."""
    out: dict[str, str | None] = {}
    for v in pd.unique(values):
        try:
            out[v] = harmonise(pd.Series([v])).iloc[0]
        except ParseError:
            out[v] = None
    return out


def _name_rules(raw: pd.DataFrame, file: str) -> list[Issue]:
    """Harmonised names must be what the alias tables give for the names as written.

    Pollster and geography on every row; the answer on seed rows (external rows carry the
    answer code the transcriber chose, see :mod:`analysis.external`).
    """
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    checks = [
        ("pollster", harmonise_pollster, "pollster", rows),
        ("geography", harmonise_region, "region", rows),
        ("answer", harmonise_answer, "answer", rows[rows["source_type"] == "seed"]),
    ]
    for column, harmonise, kind, subset in checks:
        written = f"{column}_as_written"
        mapping = _harmonised(subset[written], harmonise)
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

    Seed rows: the figure as written is parsed (:func:`analysis.normalise.parse_share_one`);
    external rows: it is the share written as a plain number.
    """
    issues: list[Issue] = []
    rows = raw.set_axis(range(1, len(raw) + 1))
    columns = ["source_type", "share_as_written", "share", "share_qualifier"]
    for r, source_type, written, share, qualifier in zip(rows.index, *(rows[c] for c in columns), strict=True):
        try:
            expected = parse_share_one(written) if source_type == "seed" else (float(written), "exact")
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
    "presidencies": [_quote_rules, _source_rules],
    "external_rejected": [],
    "population": [_source_rules],
    "region_definitions": [],
}


def check_table(raw: pd.DataFrame, schema: Schema, file: str) -> list[Issue]:
    """All issues of a table read as text: the schema's checks, the written form of dates
    and numbers, then the table's own rules. Each of the three stages sees only the rows
    the earlier stages passed, so a rule never trips over a value already reported.

    >>> raw = read_raw(DATA / "events.csv")
    >>> raw.loc[0, ["date", "date_end", "date_precision"]].tolist()
    ['1975-01-01', '1975-12-31', 'year']
    >>> raw.loc[0, "date_end"] = "1975-06-30"
    >>> print(check_table(raw, SCHEMAS["events"], "events.csv")[0])
    events.csv, row 1 (line 2), column 'date_precision': value 'year': does not fit date..date_end 1975-01-01..1975-06-30: a year runs from its first day to its last
    """
    issues = validate(raw, schema, file)
    if any(i.row is None for i in issues):  # columns are wrong: row rules cannot run
        return issues
    issues += _on_clean_rows(raw, issues, file, [lambda df, f: _format_issues(df, schema, f)])
    issues += _on_clean_rows(raw, issues, file, _RULES[schema.name])
    return issues


def _on_clean_rows(
    raw: pd.DataFrame, issues: list[Issue], file: str, rules: list[Callable[[pd.DataFrame, str], list[Issue]]]
) -> list[Issue]:
    """Run ``rules`` on the rows without ``issues``; row numbers refer to ``raw``."""
    broken_rows = {i.row for i in issues}
    positions = [r for r in range(1, len(raw) + 1) if r not in broken_rows]  # 1-based rows of raw
    clean = raw.iloc[[p - 1 for p in positions]]
    return [replace(i, row=positions[i.row - 1]) if i.row else i for rule in rules for i in rule(clean, file)]


def load_table(path: Path, table: str, *, strict: bool = True) -> LoadResult:
    """Load and validate one table of ``data/`` (or a file of the same shape).

    ``strict=True`` raises :class:`DataValidationError` listing every issue (file, row,
    column, value). ``strict=False`` returns the valid rows as ``data`` and every other
    row, as text, in ``rejected`` with its 1-based ``row`` and the ``reason``, so rows in
    == ``len(data) + len(rejected)``; problems with the file as a whole (see
    :func:`read_raw`, and missing, unknown or repeated columns) raise either way. A file
    with only a header is an empty table. A path that does not exist raises
    ``FileNotFoundError``.

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
