"""Strict reading of CSV text: every column ``str``, ``""`` for missing, or an error naming the file.

>>> from analysis.paths import DATA
>>> raw = read_raw(DATA / "events.csv")
>>> raw.columns[:2].tolist(), raw.loc[0, "date"]
(['event_id', 'date'], '1975-01-01')
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pandas as pd

from analysis.errors import DataValidationError, Issue

FIELD_LIMIT = 131_072
"""Longest value accepted, in characters (the csv module's default): a longer one is refused."""


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV as text (every column ``str``, ``""`` for missing), or raise naming the file.

    A UTF-8 byte-order mark is accepted and dropped. Raises :class:`DataValidationError`
    for a file that is empty, UTF-16/32 or otherwise not UTF-8 (naming the line), holds NUL
    bytes, has a blank, empty or repeated column name, or is not a comma-separated table
    with the header's number of fields on every row (blank lines included). Values are
    read exactly, line breaks inside quoted values included.
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
