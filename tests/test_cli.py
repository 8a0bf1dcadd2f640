"""The command line: each fault gives one clear message and a non-zero exit code."""

from __future__ import annotations

import shutil

import nbformat
import numpy as np
import pandas as pd
import pytest

from analysis import cli, paths
from analysis.paths import SEEDS
from analysis.text import seeds


def _notebook(path, source: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# t"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell(source),
    ]
    nbformat.write(nb, path)


def test_failing_notebook_is_named_with_its_cell(tmp_path, monkeypatch, capsys) -> None:
    _notebook(tmp_path / "01-ok.ipynb", "y = x + 1")
    _notebook(tmp_path / "02-broken.ipynb", "raise RuntimeError('boom')")
    before = (tmp_path / "02-broken.ipynb").read_bytes()
    monkeypatch.setattr(paths, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(paths, "ROOT", tmp_path)  # stamps go to tmp_path/.stamps
    assert cli.main(["run-notebooks"]) == 1
    err = capsys.readouterr().err
    assert "02-broken.ipynb: In [2] (code cell 2 of 2) failed" in err and "boom" in err  # as the page shows it
    assert (tmp_path / "02-broken.ipynb").read_bytes() == before  # left as it was


def test_unknown_notebook_selector(monkeypatch, tmp_path, capsys) -> None:
    _notebook(tmp_path / "01-ok.ipynb", "y = 1")
    monkeypatch.setattr(paths, "NOTEBOOKS", tmp_path)
    assert cli.main(["run-notebooks", "99"]) == 1
    assert "no notebook matches ['99']" in capsys.readouterr().err


def test_altered_seed_stops_the_build_with_what_to_do(tmp_path, monkeypatch, capsys) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    name = "000_60eda7383af66051.txt"
    (folder / name).write_bytes((folder / name).read_bytes() + b"!")
    monkeypatch.setattr(seeds, "SEEDS", folder)
    seeds.read_seed.cache_clear()
    try:
        assert cli.main(["build-data", "--force"]) == 1
    finally:
        seeds.read_seed.cache_clear()
    err = capsys.readouterr().err
    assert "was altered" in err and "git checkout seeds/" in err


def test_extract_needs_two_arguments(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["extract", "only-one"])
    assert exit_info.value.code == 2
    assert "the following arguments are required: out" in capsys.readouterr().err


def test_each_command_has_its_own_help_with_an_example(capsys) -> None:
    for command in ("build-data", "run-notebooks", "extract", "aggregate"):
        with pytest.raises(SystemExit) as exit_info:
            cli.main([command, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert f"usage: ukraine-nato {command}" in out and f"example: ukraine-nato {command}" in out


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("ukraine-nato ")


def test_aggregate_writes_its_tables_and_reports_bad_input(tmp_path, capsys) -> None:
    from analysis.paths import DATA

    args = ["aggregate", "--polls", str(DATA / "polls.csv"), "--answer", "for", "--base", "all_respondents"]
    assert cli.main([*args, "--question-type", "nato_referendum_vote", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "house_effects.csv",
        "jumps.csv",
        "latent.csv",
        "mode_effects.csv",
    ]
    assert cli.main([*args, "--question", "no_such_question", "--out", str(tmp_path)]) == 1
    assert "no rows with question_type='no_such_question'" in capsys.readouterr().err
    out = str(tmp_path)
    assert cli.main([*args, "--question-type", "nato_referendum_vote", "--breaks", "2020-13-01", "--out", out]) == 1
    assert "value '2020-13-01': not a date" in capsys.readouterr().err
    missing = [
        "aggregate",
        "--polls",
        str(tmp_path / "nope.csv"),
        "--question",
        "q",
        "--answer",
        "for",
        "--base",
        "all_respondents",
        "--out",
        out,
    ]
    assert cli.main(missing) == 1
    assert "nope.csv: no such file" in capsys.readouterr().err
    # two breaks with no poll between them: the package's error, exit 1, no traceback
    assert (
        cli.main([*args, "--question-type", "nato_referendum_vote", "--breaks", "2014-02-22,2014-02-23", "--out", out])
        == 1
    )
    err = capsys.readouterr().err
    assert "no poll between breaks 2014-02-22 and 2014-02-23" in err and "Traceback" not in err


def _headline_args() -> list[str]:
    """The aggregate command on the package's poll table, question and answer of the headline series."""
    from analysis.paths import DATA

    return [
        "aggregate",
        "--polls",
        str(DATA / "polls.csv"),
        "--question-type",
        "nato_referendum_vote",
        "--answer",
        "for",
    ]


def test_aggregate_reports_no_jump_with_too_few_polls_on_a_side(tmp_path, capsys) -> None:
    """Referendum participants have 2 polls before 2014: notebook 02 reports no 2014 jump, nor does the
    command; its 2022 jump is the one notebook 02's own path (poll_series, fit_aggregate) gives."""
    from analysis import fit_aggregate, load_polls, poll_series

    args = _headline_args()
    assert cli.main([*args, "--base", "referendum_participants", "--out", str(tmp_path)]) == 0
    polls = load_polls()
    series = poll_series(
        polls[polls["source_type"] == "external"], "nato_referendum_vote", "for", "referendum_participants"
    )
    before = int((series["date"] < pd.Timestamp("2014-02-22")).sum())
    assert before == 2
    assert f"2014-02-22: too few polls ({before} before, " in capsys.readouterr().out
    jumps = pd.read_csv(tmp_path / "jumps.csv").set_index("break_date")
    assert pd.isna(jumps.loc["2014-02-22", "jump"]) and jumps.loc["2014-02-22", "polls_before"] == before
    expected = fit_aggregate(series, ["2014-02-22", "2022-02-24"]).jumps.set_index("break_date")["jump"]
    assert jumps.loc["2022-02-24", "jump"] == pytest.approx(expected[pd.Timestamp("2022-02-24")], abs=1e-6)


def test_aggregate_with_a_variance_per_regime_gives_the_notebook_check(tmp_path, capsys) -> None:
    """--variance-per-regime writes the jumps of fit_aggregate(..., variance_by_regime=True), notebook 02's check,
    and names each regime's random-walk SD; without it the one-variance fit's jumps differ."""
    from analysis import fit_aggregate, load_polls, poll_series

    args = _headline_args()
    args += ["--base", "all_respondents", "--breaks", "2014-02-22,2022-02-24"]
    assert cli.main([*args, "--out", str(tmp_path / "per"), "--variance-per-regime"]) == 0
    said = capsys.readouterr().out
    assert "random-walk SD (points per square-root year) before 2014-02-22: " in said
    assert "2014-02-22 to 2022-02-24: " in said and "from 2022-02-24: " in said
    polls = load_polls()
    series = poll_series(polls[polls["source_type"] == "external"], "nato_referendum_vote", "for", "all_respondents")
    per = fit_aggregate(series, ["2014-02-22", "2022-02-24"], variance_by_regime=True).jumps.set_index("break_date")
    written = pd.read_csv(tmp_path / "per" / "jumps.csv", parse_dates=["break_date"]).set_index("break_date")
    for column in ("jump", "change", "change_lower", "change_upper"):
        assert written[column].to_numpy() == pytest.approx(per[column].to_numpy(), abs=1e-6), column
    one = fit_aggregate(series, ["2014-02-22", "2022-02-24"]).jumps.set_index("break_date")
    assert not np.allclose(written["change_lower"].to_numpy(), one["change_lower"].to_numpy(), atol=0.05)


def test_validate_checks_a_file_of_ones_own_and_names_every_bad_row(tmp_path, capsys) -> None:
    import pandas as pd

    from analysis.paths import DATA

    table = pd.read_csv(DATA / "polls.csv", dtype="str", keep_default_na=False).head(4)
    good = tmp_path / "good.csv"
    table.to_csv(good, index=False)
    assert cli.main(["validate", "--file", str(good), "--table", "polls"]) == 0
    assert "good.csv: 4 rows valid, 0 rejected" in capsys.readouterr().out
    table.loc[1, "share"] = "140"
    table.loc[2, "field_start"] = "12/05/2013"
    bad = tmp_path / "bad.csv"
    table.to_csv(bad, index=False)
    assert cli.main(["validate", "--file", str(bad), "--table", "polls"]) == 1
    out = capsys.readouterr().out
    assert "bad.csv: 2 rows valid, 2 rejected" in out
    assert (
        "row 2 (line 3): share '140': above the maximum 100" in out
        and "row 3 (line 4): field_start '12/05/2013'" in out
    )
    # the value is shown quoted (a stray space shows), and the line is the physical one after a multi-line cell
    table.loc[0, "notes"] = "two\nline breaks\nhere"
    table.loc[1, "answer"] = " for"
    table.to_csv(bad, index=False)
    assert cli.main(["validate", "--file", str(bad), "--table", "polls"]) == 1
    out = capsys.readouterr().out
    assert "row 2 (line 5): answer ' for': not one of" in out and "row 3 (line 6): field_start" in out


def test_an_unknown_table_and_an_unwritable_output_end_in_one_line_not_a_traceback(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["validate", "--file", "x.csv", "--table", "nosuch"])
    assert exit_.value.code == 2 and "invalid choice: 'nosuch'" in capsys.readouterr().err
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("A KIIS poll in May 2023 found 86% would vote for joining NATO.", encoding="utf-8")
    assert cli.main(["extract", str(folder), str(tmp_path)]) == 1  # the output is a folder
    assert f"error: cannot write to {tmp_path}" in capsys.readouterr().err


def test_table_without_file_is_refused_and_upper_case_txt_files_are_read(tmp_path, capsys) -> None:
    # review 11: --table alone was silently ignored; extract skipped a.TXT
    assert cli.main(["validate", "--table", "events"]) == 1
    assert "--table goes with --file" in capsys.readouterr().err
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "A.TXT").write_text("A KIIS poll in May 2023 found 86% would vote for joining NATO.", encoding="utf-8")
    assert cli.main(["extract", str(folder), str(tmp_path / "found.csv")]) == 0
    assert "from 1 file(s)" in capsys.readouterr().out
