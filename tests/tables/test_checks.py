"""The validation pass rejects bad input with file, row, column and value; nothing is dropped silently."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DataValidationError
from analysis.paths import DATA
from analysis.tables.checks import read_raw, validate_file


@pytest.fixture
def article_copy(tmp_path: Path) -> Path:
    """A polls.csv holding only the rows of the article of the table's first rows (seed 002), in
    the table's order: those first rows are the article's, so a cell edited there keeps its row
    number. The checks of one cell do not read other rows, and every rule relating rows relates
    rows of one source (as in tests/tables/test_bad_files.py): the other articles could not change
    what an edit there makes the validation report; they only made each case validate about thirty
    times as many rows. Unedited, the copy validates clean (the first test below)."""
    polls = read_raw(DATA / "polls.csv")
    article = polls[polls["source"] == polls.loc[0, "source"]]
    assert article.index[:3].tolist() == [0, 1, 2]  # the rows the cases edit keep their numbers
    target = tmp_path / "polls.csv"
    article.to_csv(target, index=False, lineterminator="\n")
    return target


def test_the_article_copy_validates_clean(article_copy) -> None:
    result = validate_file(article_copy, "polls", strict=False)
    assert result.rejected.empty and len(result.data) == len(read_raw(article_copy)) > 3


def _edit(path: Path, row: int, column: str, value: str) -> None:
    df = read_raw(path)
    df.loc[row - 1, column] = value
    df.to_csv(path, index=False, lineterminator="\n")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("geography", "Atlantis", "not one of"),
        ("answer", "maybe", "not one of"),
        ("share", "150", "above the maximum 100"),
        ("share", "forty", "not a number"),
        ("field_start", "2019-13-45", "not an ISO date"),
        ("source", "", "required value is missing"),
        ("source", "my notes", "not a URL or a seed file name"),
        ("sample_size", "-5", "below the minimum 1"),
        ("field_end", "2099-01-01", "in the future"),
        ("quote", "Not what the seed says.", "does not match the seed"),
    ],
)
def test_bad_value_is_reported_with_file_row_and_column(article_copy, column, value, message) -> None:
    _edit(article_copy, 3, column, value)
    with pytest.raises(DataValidationError) as err:
        validate_file(article_copy, "polls")
    text = str(err.value)
    assert f"polls.csv, row 3 (line 4), column '{column}'" in text
    assert message in text


def test_shares_of_one_question_over_100_are_rejected(polls_copy) -> None:
    df = read_raw(polls_copy)
    first = df.iloc[0]
    assert first["poll_id"] == "seed-002-p01"  # the 1997 poll: 37 + 28 + 34 = 99
    _edit(polls_copy, 1, "share", str(float(first["share"]) + 30))  # now 129
    with pytest.raises(DataValidationError, match="sum to 129, over 100 plus rounding"):
        validate_file(polls_copy, "polls")


def test_duplicate_key_is_rejected(polls_copy) -> None:
    df = read_raw(polls_copy)
    pd.concat([df, df.iloc[[0]]]).to_csv(polls_copy, index=False, lineterminator="\n")
    with pytest.raises(DataValidationError, match="duplicate key"):
        validate_file(polls_copy, "polls")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"poll_id;pollster\nx;y\n", "only one column"),
        ("poll_id,pollster\n\u0416".encode("utf-16"), "not UTF-8"),
        (b'poll_id,pollster\n"x,y\n', "fields"),
    ],
)
def test_malformed_files_are_rejected(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(DataValidationError, match=message):
        validate_file(path, "polls")


def test_missing_and_unknown_columns_are_named(polls_copy) -> None:
    df = read_raw(polls_copy).drop(columns=["share"]).assign(extra="1")
    df.to_csv(polls_copy, index=False, lineterminator="\n")
    with pytest.raises(
        DataValidationError, match=r"missing required column\(s\): share(.|\n)*unknown column\(s\): extra"
    ):
        validate_file(polls_copy, "polls")


def test_lenient_load_reports_every_rejected_row_and_counts_add_up(polls_copy) -> None:
    _edit(polls_copy, 2, "share", "150")
    _edit(polls_copy, 5, "answer", "maybe")
    result = validate_file(polls_copy, "polls", strict=False)
    assert len(result.data) + len(result.rejected) == len(read_raw(polls_copy))
    assert result.rejected["row"].tolist() == [2, 5]
    assert "share '150': above the maximum 100" in result.rejected.loc[0, "reason"]
