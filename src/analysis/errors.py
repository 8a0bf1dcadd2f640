"""The package's own error types: every failure a user can cause raises one of these.

>>> from analysis.errors import ParseError
>>> issubclass(ParseError, ValueError)
True
"""

from __future__ import annotations

from dataclasses import dataclass


class AnalysisError(Exception):
    """Base class of every error the package raises on purpose.

    Catch it to handle any of them; the subclass and the message say what went wrong:

    >>> from analysis.text.shares import parse_share_one
    >>> try:
    ...     parse_share_one("lots")
    ... except AnalysisError as exc:
    ...     print(type(exc).__name__, "-", exc)
    ParseError - cannot parse share 'lots': expected e.g. '37%', 'over 69 percent'
    """


class ParseError(AnalysisError, ValueError):
    """A value (a share, a date, a name) could not be parsed or harmonised.

    The message always names the offending value. It is also a ``ValueError``:

    >>> from analysis.text.shares import parse_share_one
    >>> try:
    ...     parse_share_one("120%")
    ... except ValueError as exc:
    ...     print(isinstance(exc, ParseError), exc)
    True share '120%' is outside 0-100
    """


class SeedError(AnalysisError):
    """A seed file is missing, altered (checksum mismatch) or a quote is not found in it.

    >>> from analysis.text.seeds import read_seed
    >>> try:
    ...     read_seed("nope.txt")
    ... except SeedError as exc:
    ...     print(exc)
    unknown seed 'nope.txt': known seeds are ['000_60eda7383af66051.txt', '002_18a2a5ab5df7844f.txt']
    """


class OutputError(AnalysisError, OSError):
    """An output folder cannot be written (missing, not a folder, no permission, disk full).

    The message names the folder and the operating system's reason. It is also an ``OSError``:

    >>> try:
    ...     raise OutputError("cannot write to out/: Permission denied")
    ... except OSError as exc:
    ...     print(isinstance(exc, AnalysisError), exc)
    True cannot write to out/: Permission denied
    """


@dataclass(frozen=True)
class Issue:
    """One validation problem: where it is (file, data row, column) and what is wrong.

    ``row`` is the 1-based data row (the CSV line number minus one for the header);
    ``None`` for problems with the whole table (e.g. a missing column).
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row} (line {self.row + 1})")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        value = "" if self.value is None else f" value {self.value!r}:"
        return f"{', '.join(where)}:{value} {self.message}"


class DataValidationError(AnalysisError, ValueError):
    """A table failed validation. ``issues`` lists every problem found, not only the first.

    The message counts the issues and names each one's file, row (and CSV line), column and value:

    >>> err = DataValidationError([Issue("polls.csv", 3, "share", "120", "above the maximum 100")])
    >>> print(err)
    1 validation issue(s):
    polls.csv, row 3 (line 4), column 'share': value '120': above the maximum 100
    >>> err.issues[0].column
    'share'
    """

    def __init__(self, issues: list[Issue], *, shown: int = 20) -> None:
        self.issues = list(issues)
        lines = [str(i) for i in self.issues[:shown]]
        more = len(self.issues) - shown
        if more > 0:
            lines.append(f"... and {more} more issue(s)")
        super().__init__(f"{len(self.issues)} validation issue(s):\n" + "\n".join(lines))
