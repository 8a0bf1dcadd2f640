"""The package's error types (analysis.errors): what each is also, and how a validation message names the place."""

from __future__ import annotations

import pytest

from analysis.errors import AnalysisError, DataValidationError, Issue, OutputError, ParseError, SeedError


@pytest.mark.parametrize(
    ("error", "also"),
    [(ParseError, ValueError), (DataValidationError, ValueError), (OutputError, OSError), (SeedError, Exception)],
)
def test_every_error_is_an_analysis_error_and_what_callers_already_catch(error: type, also: type) -> None:
    assert issubclass(error, AnalysisError) and issubclass(error, also)
    # positive control: a seed error is no ValueError, so a caller's `except ValueError` does not swallow it
    assert not issubclass(SeedError, ValueError)


def test_an_issue_names_only_what_it_knows() -> None:
    assert str(Issue("polls.csv", 3, "share", "120", "above 100")) == (
        "polls.csv, row 3 (line 4), column 'share': value '120': above 100"
    )
    assert str(Issue("polls.csv", None, "share", None, "missing column")) == "polls.csv, column 'share': missing column"
    assert str(Issue("polls.csv", None, None, None, "empty file")) == "polls.csv: empty file"


def test_a_validation_error_keeps_every_issue_and_shows_the_first_ones() -> None:
    issues = [Issue("events.csv", row, "date", "x", "not a date") for row in range(1, 26)]
    error = DataValidationError(issues, shown=20)
    lines = str(error).splitlines()
    assert lines[0] == "25 validation issue(s):"
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "... and 5 more issue(s)"
    assert error.issues == issues  # the caller gets all of them
    # positive control: with room for all, nothing is cut
    assert "more issue" not in str(DataValidationError(issues, shown=25))
