"""Validation under attack: a table of bad files tried against ``read_raw`` and ``validate_file``.

Every case is either refused with an error naming the file and, where there is one, the
row, column and value, or has a documented behaviour checked here. Problems with the file
as a whole raise even with ``strict=False``; row problems, with ``strict=False``, put
exactly the expected rows in the rejected-rows report, and rows in == loaded + rejected.
Each case starts from a copy of ``data/polls.csv`` (or ``data/events.csv``) and changes
one thing; the poll row edited is a seed row (the 1997 poll's 'unsure' 34%), looked up, not
hard-coded, so the cases follow the data. The one-cell cases copy only that row's seed
article (its rows of ``data/polls.csv``, in order): every rule that relates rows (a repeated
key, the shares of one question) relates rows of one source, so the table's other rows could
not change what the edit makes the validation report; they only made each case validate
thirty times as many rows. The whole table is validated by the file-level cases and by
``test_copy_of_committed_table_loads_with_nothing_rejected``.
"""

from __future__ import annotations

import codecs
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DataValidationError
from analysis.paths import DATA
from analysis.tables import checks
from analysis.tables.checks import read_raw, validate_file


def _text(table: str) -> str:
    return (DATA / f"{table}.csv").read_text(encoding="utf-8")


def _header(table: str) -> str:
    return _text(table).split("\n", 1)[0]


def _edited(table: str, edits: dict[tuple[int, str], str]) -> bytes:
    """The table with some cells changed: {(data row, column): new value}."""
    df = read_raw(DATA / f"{table}.csv")
    for (row, column), value in edits.items():
        df.loc[row - 1, column] = value
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _the_seed_row(df: pd.DataFrame) -> pd.Series:
    """The seed row every cell case edits: the 1997 poll's 'unsure' figure (34%, national, no pollster named)."""
    return (df["poll_id"] == "seed-002-p01") & (df["answer_as_written"] == "unsure")


POLLS = read_raw(DATA / "polls.csv")
POLL_COLUMNS = len(POLLS.columns)
# The cell cases edit a copy of the seed row's article (see the module docstring); ROW is its row there.
ARTICLE = POLLS[POLLS["source"] == POLLS.loc[_the_seed_row(POLLS), "source"].iloc[0]].reset_index(drop=True)
ROW = int(ARTICLE.index[_the_seed_row(ARTICLE)][0]) + 1
SEED = ARTICLE.loc[ROW - 1]
QUESTION = ["poll_id", "source", "question_type", "geography", "base"]
QUESTION_ROWS = [int(i) + 1 for i in ARTICLE.index[(ARTICLE[QUESTION] == SEED[QUESTION]).all(axis=1)]]
OTHER_SHARES = sum(float(ARTICLE.loc[r - 1, "share"]) for r in QUESTION_ROWS if r != ROW)  # 37 + 28
EVENTS = read_raw(DATA / "events.csv")
YEAR_EVENT = int(EVENTS.index[EVENTS["date_precision"] == "year"][0]) + 1


@dataclass(frozen=True)
class Case:
    """A bad file, and what loading it must do.

    ``error``: substrings the error message must hold (file, row, column, value, reason);
    empty for a file that must load. ``rejected``: the rows a lenient load rejects, or
    ``None`` if even a lenient load must raise (the file as a whole is wrong).
    ``readable``: ``read_raw`` reads it (the columns, not the CSV, are wrong).
    """

    id: str
    content: Callable[[], bytes]
    error: tuple[str, ...] = ()
    rejected: list[int] | None = field(default_factory=list)
    table: str = "polls"
    readable: bool = False


def _article_edited(row: int, column: str, value: str) -> bytes:
    """The seed article's rows of the poll table (:data:`ARTICLE`) with one cell changed."""
    df = ARTICLE.copy()
    df.loc[row - 1, column] = value
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _cell(column: str, value: str, *error: str, named: tuple[str, str] | None = None, rejected=None) -> Case:
    """One cell of the seed row changed (in its article's rows). The error must name the file,
    the row, and the column and value (``named``, when the problem is reported on another column)."""
    column_named, value_named = named or (column, value)
    return Case(
        f"{column}={value!r}",
        lambda: _article_edited(ROW, column, value),
        (f"polls.csv, row {ROW} (line {ROW + 1}), column '{column_named}': value {value_named!r}:", *error),
        [ROW] if rejected is None else rejected,
    )


def _lines(table: str, change: Callable[[list[str]], None]) -> Callable[[], bytes]:
    def content() -> bytes:
        lines = _text(table).split("\n")
        change(lines)
        return "\n".join(lines).encode("utf-8")

    return content


CASES = [
    # -- the file as a whole is wrong: raises even with strict=False
    Case("empty file", lambda: b"", ("polls.csv: file is empty",), None),
    Case("white space only", lambda: b" \n\n  \n", ("polls.csv: file is empty",), None),
    Case(
        "wrong delimiter (;)",
        lambda: _text("polls").replace(",", ";").encode(),
        ("polls.csv: value 'poll_id;identity;pollster;", "only one column: is the delimiter a comma?"),
        None,
    ),
    Case(
        "wrong delimiter (tab), header only",
        lambda: (_header("polls").replace(",", "\t") + "\n").encode(),
        ("polls.csv: value 'poll_id\\tidentity\\tpollster", "only one column: is the delimiter a comma?"),
        None,
    ),
    Case("UTF-16 with BOM", lambda: _text("polls").encode("utf-16"), ("polls.csv: is UTF-16 text, not UTF-8",), None),
    Case(
        "UTF-16 without BOM",
        lambda: (_header("polls") + "\n").encode("utf-16-le"),
        ("polls.csv: holds NUL bytes (first on line 1): is it UTF-16",),
        None,
    ),
    Case(
        "Latin-1 (é on line 3)",
        lambda: f"{_header('polls')}\nx\nRépublique\n".encode("latin-1"),
        ("polls.csv, row 2 (line 3): value 'R\\\\xe9publique':", "not UTF-8 text", "line 3", "save it as UTF-8"),
        None,
    ),
    Case(
        "cp1251 Cyrillic (line 4)",
        lambda: f"{_header('polls')}\nx\ny\nКиїв,Донбас\n".encode("cp1251"),
        ("polls.csv, row 3 (line 4): value '\\\\xca", "not UTF-8 text", "it may be Latin-1 or cp1251"),
        None,
    ),
    Case(
        "ragged row (an unquoted comma)",
        _lines("polls", lambda lines: lines.__setitem__(2, lines[2] + ",extra")),
        (f"polls.csv, row 2 (line 3): has {POLL_COLUMNS + 1} fields, the header has {POLL_COLUMNS}",),
        None,
    ),
    Case(
        "blank line inside",
        _lines("polls", lambda lines: lines.insert(2, "")),
        ("polls.csv, row 2 (line 3): has 0 fields", "(blank line)"),
        None,
    ),
    Case("NUL byte", lambda: _text("polls").replace("unknown", "unk\0nown", 1).encode(), ("NUL bytes",), None),
    Case(
        "field over the csv module's limit",
        lambda: (_header("polls") + '\n"' + "x" * 200_000 + '"\n').encode(),
        ("polls.csv: unreadable CSV at line 2: field larger than field limit",),
        None,
    ),
    Case(
        "missing required column",
        lambda: POLLS.drop(columns=["share"]).to_csv(index=False, lineterminator="\n").encode(),
        ("polls.csv: missing required column(s): share",),
        None,
        readable=True,
    ),
    Case(
        "extra unknown column",
        lambda: POLLS.assign(weight="1").to_csv(index=False, lineterminator="\n").encode(),
        ("polls.csv: unknown column(s): weight",),
        None,
        readable=True,
    ),
    Case(
        "repeated column",
        _lines("polls", lambda lines: lines.__setitem__(0, lines[0].replace(",notes", ",share"))),
        ("polls.csv, column 'share': appears 2 times in the header",),
        None,
    ),
    Case(
        "header with a stray comma",
        _lines("polls", lambda lines: lines.__setitem__(0, lines[0] + ",")),
        (f"polls.csv: column {POLL_COLUMNS + 1} of the header has no name (a stray comma?)",),
        None,
    ),
    # -- documented behaviours: these load, nothing rejected
    Case("UTF-8 BOM", lambda: codecs.BOM_UTF8 + (DATA / "polls.csv").read_bytes()),
    Case("CRLF line ends", lambda: (DATA / "polls.csv").read_bytes().replace(b"\n", b"\r\n")),
    Case("header only: an empty table", lambda: (_header("polls") + "\n").encode()),
    Case("header only, events", lambda: (_header("events") + "\n").encode(), table="events"),
    # -- one row wrong: named, and only that row rejected by a lenient load
    Case(
        "duplicate key (row 1 repeated at the end)",
        lambda: (_text("polls") + _text("polls").split("\n")[1] + "\n").encode(),
        (
            f"polls.csv, row {len(POLLS) + 1} (line {len(POLLS) + 2}), column 'poll_id':"
            f" value {POLLS.loc[0, 'poll_id']!r}: duplicate key",
        ),
        [len(POLLS) + 1],
    ),
    _cell("share", "forty", "not a number"),
    _cell("share", "34%", "not a number"),
    _cell("share", "1000", "above the maximum 100"),
    _cell("share", "3.4e1", "not a number in plain digits"),
    _cell("share", "12", f"does not match share_as_written {SEED['share_as_written']!r}"),
    _cell(
        "share",
        "90",
        f"sum to {OTHER_SHARES + 90:g}, over 100 plus rounding",
        rejected=QUESTION_ROWS,
    ),
    _cell("share_as_written", "1,000%", "is not a share", "ambiguous"),
    _cell("sample_size", "-1200", "below the minimum 1"),
    _cell("sample_size", "1.2e3", "not a whole number in plain digits"),
    _cell("sample_size", "99999999999999999999", "not a whole number in plain digits"),
    _cell("field_end", "2099-01-01", "in the future"),
    _cell("field_start", "1989-06-01", "before 1991-01-01"),
    _cell("field_start", "1997-5-6", "not an ISO date (YYYY-MM-DD)"),
    _cell("field_start", "1997-05-07", "ends before field_start", named=("field_end", SEED["field_end"])),
    _cell("date_precision", "month", f"does not fit field_start..field_end {SEED['field_start']}..{SEED['field_end']}"),
    _cell("pollster_as_written", "Acme Polls", "unknown pollster name", "pollster_aliases.csv"),
    _cell("pollster", "Gallup", f"does not match pollster_as_written {SEED['pollster_as_written']!r}"),
    _cell("geography", "Atlantis", "not one of: national, West"),
    _cell("geography_as_written", "Atlantis", "unknown region name", "region_aliases.csv"),
    _cell(
        "geography_as_written",
        "Western Ukraine",
        "harmonised as 'West'",
        named=("geography", SEED["geography"]),
    ),
    _cell("answer", "maybe", "not one of: for, against"),
    _cell("answer_as_written", "perhaps", "unknown answer name", "answer_aliases.csv"),
    _cell("answer_as_written", "support", "harmonised as 'for'", named=("answer", SEED["answer"])),
    _cell("source", "", "required value is missing"),
    _cell("source", "my notes", "not a URL or a seed file name"),
    _cell("source", "001_0000000000000000.txt", "unknown seed"),
    _cell("share_start", "", "required on a seed row"),
    _cell("quote", "Not what the seed says.", "does not match the seed", named=("quote", "Not what the seed says.")),
    Case(
        "events: a year that is not a whole year",
        lambda: _edited("events", {(YEAR_EVENT, "date_end"): EVENTS.loc[YEAR_EVENT - 1, "date"][:4] + "-06-30"}),
        (
            f"events.csv, row {YEAR_EVENT} (line {YEAR_EVENT + 1}), column 'date_precision': value 'year':",
            "a year runs from its first day to its last",
        ),
        [YEAR_EVENT],
        table="events",
    ),
]


_CHECKED: dict[tuple[str, bytes], list] = {}


@pytest.fixture(autouse=True)
def _check_each_file_once(monkeypatch) -> None:
    """The strict and the lenient test of a case check the same bytes: the (pure) validation
    pass runs once per file content; each test still goes through its own API path."""
    original = checks.check_table

    def memo(raw, table, file, *, seeds=True):  # noqa: ANN001, ANN202 - as check_table
        key = (f"{table}:{file}:{seeds}", raw.to_csv(index=False).encode())
        if key not in _CHECKED:
            _CHECKED[key] = original(raw, table, file, seeds=seeds)
        return list(_CHECKED[key])

    monkeypatch.setattr(checks, "check_table", memo)


@pytest.fixture
def bad_file(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Case, Path]:
    case: Case = request.param
    path = tmp_path / f"{case.table}.csv"
    path.write_bytes(case.content())
    return case, path


@pytest.mark.parametrize("bad_file", CASES, ids=[c.id for c in CASES], indirect=True)
def test_bad_file_is_refused_naming_file_row_column_and_value(bad_file: tuple[Case, Path]) -> None:
    case, path = bad_file
    if not case.error:
        assert len(validate_file(path, case.table).rejected) == 0
        return
    with pytest.raises(DataValidationError) as err:
        validate_file(path, case.table)
    for part in case.error:
        assert part in str(err.value), f"{part!r} not in:\n{err.value}"


@pytest.mark.parametrize("bad_file", CASES, ids=[c.id for c in CASES], indirect=True)
def test_lenient_load_reports_every_row_not_loaded(bad_file: tuple[Case, Path]) -> None:
    case, path = bad_file
    if case.rejected is None:  # the file as a whole is wrong: a lenient load raises too
        with pytest.raises(DataValidationError):
            validate_file(path, case.table, strict=False)
        if case.readable:
            read_raw(path)
        else:
            with pytest.raises(DataValidationError):
                read_raw(path)
        return
    rows_in = len(read_raw(path))
    result = validate_file(path, case.table, strict=False)
    assert result.rejected["row"].tolist() == case.rejected
    assert len(result.data) + len(result.rejected) == rows_in
    assert all(reason for reason in result.rejected["reason"])


def test_bom_and_crlf_files_load_the_same_table_as_the_plain_file(tmp_path: Path) -> None:
    plain = validate_file(DATA / "polls.csv", "polls").data
    for name, content in {
        "bom.csv": codecs.BOM_UTF8 + (DATA / "polls.csv").read_bytes(),
        "crlf.csv": (DATA / "polls.csv").read_bytes().replace(b"\n", b"\r\n"),
    }.items():
        (tmp_path / name).write_bytes(content)
        pd.testing.assert_frame_equal(validate_file(tmp_path / name, "polls").data, plain)


def test_header_only_file_is_an_empty_table_with_the_schema_columns(tmp_path: Path) -> None:
    path = tmp_path / "polls.csv"
    path.write_text(_header("polls") + "\n", encoding="utf-8")
    result = validate_file(path, "polls")
    assert result.data.empty and result.rejected.empty
    assert result.data.columns.tolist() == _header("polls").split(",")


def test_line_breaks_inside_quoted_values_are_kept_exactly(tmp_path: Path) -> None:
    """A quoted value may hold a line break (or U+2028, U+0085): read back as written."""
    note = "first line\nsecond line\u2028third\x85fourth\r\nfifth"
    path = tmp_path / "polls.csv"
    path.write_bytes(_edited("polls", {(3, "notes"): note}))
    assert read_raw(path).loc[2, "notes"] == note
    assert validate_file(path, "polls").data.set_index("answer_as_written").loc["unsure", "notes"] == note


def test_several_problems_are_all_listed_in_one_error(tmp_path: Path) -> None:
    path = tmp_path / "polls.csv"
    path.write_bytes(_edited("polls", {(3, "share"): "1000", (10, "answer"): "maybe", (20, "source"): ""}))
    with pytest.raises(DataValidationError) as err:
        validate_file(path, "polls")
    assert sorted((i.row, i.column) for i in err.value.issues) == [(3, "share"), (10, "answer"), (20, "source")]


def test_missing_file_raises_file_not_found_naming_it(tmp_path: Path) -> None:
    """Documented: a path that does not exist raises the usual FileNotFoundError."""
    with pytest.raises(FileNotFoundError, match="nothing.csv"):
        validate_file(tmp_path / "nothing.csv", "polls")


def test_copy_of_committed_table_loads_with_nothing_rejected(tmp_path: Path) -> None:
    for table in ("polls", "events"):
        shutil.copy(DATA / f"{table}.csv", tmp_path / f"{table}.csv")
        assert validate_file(tmp_path / f"{table}.csv", table, strict=False).rejected.empty
