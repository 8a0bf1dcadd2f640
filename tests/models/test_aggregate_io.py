"""The aggregator from a CSV file to CSV files (analysis.models.aggregate_io.aggregate_csv): the tables
written, and bad files named by file, row, column and value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DataValidationError, OutputError
from analysis.models.aggregate import AggregateResult, fit_aggregate
from analysis.models.aggregate_io import CSV_COLUMNS, aggregate_csv

BREAKS = ["2014-02-22", "2022-02-24"]


def _csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "mini.csv"
    pd.DataFrame(rows, columns=list(CSV_COLUMNS)).to_csv(path, index=False)
    return path


def _rows(k: int = 8) -> list[dict]:
    out = []
    for i in range(k):
        day = pd.Timestamp("2012-01-01") + pd.Timedelta(days=400 * i)
        out.append(
            {
                "poll_id": f"p{i}",
                "pollster": "A" if i % 2 else "B",
                "field_start": day.strftime("%Y-%m-%d"),
                "field_end": (day + pd.Timedelta(days=6)).strftime("%Y-%m-%d"),
                "sample_size": 2000 if i % 3 else "",
                "mode": "unknown",
                "question_type": "nato_referendum_vote",
                "answer": "for",
                "base": "all_respondents",
                "geography": "national",
                "share": 30.0 + 5 * i,
            }
        )
    return out


def _run(path: Path, out: Path) -> AggregateResult:
    return aggregate_csv(path, "nato_referendum_vote", "for", "all_respondents", "national", BREAKS, out)


def test_aggregate_csv_writes_the_four_tables(tmp_path: Path) -> None:
    fit = _run(_csv(tmp_path, _rows()), tmp_path / "out")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["house_effects.csv", "jumps.csv", "latent.csv", "mode_effects.csv"]
    back = pd.read_csv(tmp_path / "out" / "jumps.csv")
    assert back["jump"].to_numpy() == pytest.approx(fit.jumps["jump"].to_numpy(), nan_ok=True)
    assert pd.read_csv(tmp_path / "out" / "mode_effects.csv")["note"].str.startswith("not identified").all()


def test_aggregate_csv_writes_no_value_that_no_poll_supports(tmp_path: Path) -> None:
    """Every jump needs 3 polls a side (else blank, with the counts) and the latent line is blank
    inside a stretch of more than a year without polls (positive control: the fit itself fills it)."""
    rows = [r for r in _rows() if r["field_start"] < "2014" or r["field_start"] >= "2017"]  # a gap of years
    fit = _run(_csv(tmp_path, rows), tmp_path / "out")
    latent = pd.read_csv(tmp_path / "out" / "latent.csv", parse_dates=["date"])
    dates = fit.residuals["date"].sort_values()
    gaps = [(a, b) for a, b in zip(dates, dates[1:], strict=False) if (b - a).days > 365]
    assert gaps, "the rows leave a gap of more than a year"
    inside = latent[(latent["date"] > gaps[0][0]) & (latent["date"] < gaps[0][1])]
    assert len(inside) and inside["estimate"].isna().all()
    raw = fit_aggregate(fit.residuals[["poll_id", "pollster", "mode", "share", "sample_size", "date"]], BREAKS).latent
    assert raw[(raw["date"] > gaps[0][0]) & (raw["date"] < gaps[0][1])]["estimate"].notna().any()
    jumps = pd.read_csv(tmp_path / "out" / "jumps.csv")
    assert {"polls_before", "polls_after"} <= set(jumps.columns)
    short = jumps[jumps[["polls_before", "polls_after"]].min(axis=1) < 3]
    assert short["jump"].isna().all() and short["note"].str.startswith(("too few polls", "not estimated")).all()


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("share", "abc", "mini.csv, row 3 (line 4), column 'share': value 'abc': not a number between 0 and 100"),
        ("share", "130", "mini.csv, row 3 (line 4), column 'share': value '130': not a number"),
        ("field_start", "2015-13-01", "row 3 (line 4), column 'field_start': value '2015-13-01': not an ISO date"),
        ("field_end", "2010-01-01", "column 'field_end': value '2010-01-01': before field_start"),
        ("sample_size", "-5", "column 'sample_size': value '-5': not a positive whole number"),
        ("pollster", "", "row 3 (line 4), column 'pollster': value '': required value is missing"),
    ],
)
def test_bad_values_name_file_row_column_and_value(tmp_path: Path, column: str, value: str, expected: str) -> None:
    rows = _rows()
    rows[2][column] = value
    with pytest.raises(DataValidationError, match="validation issue") as info:
        _run(_csv(tmp_path, rows), tmp_path / "out")
    assert expected in str(info.value)
    assert not (tmp_path / "out").exists()


def test_missing_column_repeated_poll_and_empty_selection(tmp_path: Path) -> None:
    path = tmp_path / "mini.csv"
    pd.DataFrame(_rows()).drop(columns="mode").to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=r"mini.csv, column 'mode': missing column"):
        _run(path, tmp_path / "out")
    rows = _rows()
    rows[4]["poll_id"] = "p1"
    with pytest.raises(DataValidationError, match=r"row 2 .*'poll_id': value 'p1': poll_id repeated"):
        _run(_csv(tmp_path, rows), tmp_path / "out")
    with pytest.raises(DataValidationError, match=r"no rows with question_type='nato_referendum_vote', answer='x'"):
        aggregate_csv(_csv(tmp_path, _rows()), "nato_referendum_vote", "x", "all_respondents", "national", [], tmp_path)


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write to"):
        _run(_csv(tmp_path, _rows()), blocker / "out")


def test_aggregate_csv_on_the_poll_table_gives_the_notebook_jumps(tmp_path: Path) -> None:
    # the command reads the whole CSV: the page of each poll and its dates must be chosen from all
    # that the poll's pages report, as poll_series does on the loaded table (not from the one answer)
    from analysis.models.series import poll_series
    from analysis.paths import DATA
    from analysis.tables.load import load_polls

    polls = load_polls()
    external = polls[polls["source_type"] == "external"]
    expected = fit_aggregate(poll_series(external, "nato_referendum_vote", "for"), BREAKS).jumps
    got = aggregate_csv(  # the keywords are poll_series's names
        DATA / "polls.csv",
        question_type="nato_referendum_vote",
        answer="for",
        base="all_respondents",
        geography="national",
        breaks=BREAKS,
        out_dir=tmp_path,
    ).jumps
    pd.testing.assert_frame_equal(
        got[["break_date", "jump", "lower", "upper"]], expected[["break_date", "jump", "lower", "upper"]]
    )


def test_aggregate_csv_names_rows_a_spelling_would_drop_or_split(tmp_path: Path) -> None:
    # review 11: "For" was silently left out; " Pollster North" and "phone" became a house and a mode of their own
    from analysis.paths import ROOT

    example = ROOT / "examples" / "illustrative-country-polls.csv"
    table = pd.read_csv(example, dtype="str", keep_default_na=False)
    for column, value, message in [
        ("answer", "For", "written differently from the series asked for"),
        ("pollster", " " + table.loc[3, "pollster"], "surrounding spaces"),
        ("mode", "phone", "not one of face_to_face, telephone"),
    ]:
        edited = table.copy()
        edited.loc[3, column] = value
        path = tmp_path / f"{column}.csv"
        edited.to_csv(path, index=False)
        question, answer, base, geography = table.loc[3, ["question_type", "answer", "base", "geography"]]
        with pytest.raises(DataValidationError, match=rf"row 4 \(line 5\), column '{column}'.*{message}"):
            aggregate_csv(path, question, answer, base, geography, ["2020-03-01"], tmp_path / "out")
    with pytest.raises(DataValidationError, match=r"no rows with .*the file has answer: for"):
        aggregate_csv(example, question, "maybe", base, geography, ["2020-03-01"], tmp_path / "out")
