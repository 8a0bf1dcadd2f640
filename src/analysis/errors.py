"""The package's own error types: every failure a user can cause raises one of these.

>>> from analysis.errors import ParseError
>>> issubclass(ParseError, ValueError)
True
"""

from __future__ import annotations

from dataclasses import dataclass


class AnalysisError(Exception):
    """Base class of every error the package raises on purpose."""


class ParseError(AnalysisError, ValueError):
    """A value (a share, a date, a name) could not be parsed or harmonised.

    The message always names the offending value.
    """


class SeedError(AnalysisError):
    """A seed file is missing, altered (checksum mismatch) or a quote is not found in it."""


class OutputError(AnalysisError, OSError):
    """An output folder cannot be written (missing, not a folder, no permission, disk full).

    The message names the folder and the operating system's reason.
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
    """A table failed validation. ``issues`` lists every problem found, not only the first."""

    def __init__(self, issues: list[Issue], *, shown: int = 20) -> None:
        self.issues = list(issues)
        lines = [str(i) for i in self.issues[:shown]]
        more = len(self.issues) - shown
        if more > 0:
            lines.append(f"... and {more} more issue(s)")
        super().__init__(f"{len(self.issues)} validation issue(s):\n" + "\n".join(lines))
