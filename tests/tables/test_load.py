"""Loaders: typed columns from the table definitions, cheap checks only, no seeds needed."""

from __future__ import annotations

import shutil
import timeit
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DataValidationError, SeedError
from analysis.paths import DATA
from analysis.tables.load import load_polls, load_table
from analysis.tables.schema import SCHEMAS


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_table_loads_typed_from_its_definition(table: str) -> None:
    df = load_table(table)
    assert df.columns.tolist() == SCHEMAS[table].columns
    for f in SCHEMAS[table].fields:
        kind = {"date": "datetime64", "integer": "Int64", "number": "float64", "string": "str"}[f.type]
        assert str(df[f.name].dtype).startswith(kind), (f.name, df[f.name].dtype)
    raw = pd.read_csv(DATA / f"{table}.csv", dtype="str", keep_default_na=False)
    assert len(df) == len(raw)  # nothing dropped
    for f in SCHEMAS[table].fields:  # every value reads back as written
        if f.type == "date":
            assert df[f.name].dt.strftime("%Y-%m-%d").fillna("").tolist() == raw[f.name].tolist()


def test_loading_needs_no_seeds_and_is_a_plain_read(tmp_path: Path, monkeypatch) -> None:
    """Loading reads data/ only: it works from a copy of the built tables with no seeds/ anywhere."""
    from analysis.text import seeds

    shutil.copy(DATA / "polls.csv", tmp_path / "polls.csv")
    monkeypatch.setattr(seeds, "SEEDS", tmp_path / "no-seeds")
    seeds.read_seed.cache_clear()
    try:
        with pytest.raises(SeedError):  # positive control: any seed read would fail here
            seeds.read_seed("000_60eda7383af66051.txt")
        polls = load_polls(tmp_path / "polls.csv")
    finally:
        seeds.read_seed.cache_clear()
    assert len(polls) == len(pd.read_csv(DATA / "polls.csv"))
    # a plain typed read (about 0.01 s), no re-derivation; the best of five, so another process's burst cannot fail it
    assert min(timeit.repeat(load_polls, number=1, repeat=5)) < 0.1


def test_a_file_that_is_not_the_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "polls.csv").write_text("poll_id,share\nx,1\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="header is not the polls table's"):
        load_polls(tmp_path / "polls.csv")
    text = (DATA / "events.csv").read_text(encoding="utf-8")
    (tmp_path / "events.csv").write_text(text + text.split("\n", 2)[1] + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="duplicate primary key"):
        load_table("events", tmp_path / "events.csv")


def test_a_value_that_cannot_be_typed_is_named_with_its_row_column_and_value(tmp_path: Path) -> None:
    # review 11: raw pandas tracebacks ("Unable to parse string '1,200' at position 1")
    table = pd.read_csv(DATA / "polls.csv", dtype="str", keep_default_na=False)
    for column, value in [("sample_size", "1,200"), ("share", "abc"), ("field_start", "2019-02-30")]:
        edited = table.copy()
        edited.loc[1, column] = value
        edited.to_csv(tmp_path / "polls.csv", index=False)
        with pytest.raises(DataValidationError, match=rf"row 2 \(line 3\), column '{column}': value '{value}'"):
            load_polls(tmp_path / "polls.csv")
    table.drop(columns="notes").to_csv(tmp_path / "polls.csv", index=False)
    with pytest.raises(DataValidationError, match=r"missing \['notes'\]"):
        load_polls(tmp_path / "polls.csv")
