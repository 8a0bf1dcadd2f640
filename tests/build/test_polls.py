"""The one poll-row maker: both paths give only what they know, in the poll table's names."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.build.polls import poll_rows
from analysis.tables.schema import SCHEMAS


def test_poll_rows_fill_the_table_columns_and_harmonise_names() -> None:
    rows = poll_rows(
        "seed",
        {
            "poll_id": pd.Series(["a", "b"]),
            "pollster_as_written": "Razumkov Center",
            "geography_as_written": pd.Series(["Kiev", "national"]),
            "share": pd.Series([1.0, 2.0]),
        },
    )
    assert rows.columns.tolist() == SCHEMAS["polls"].columns
    assert rows["pollster"].tolist() == ["Razumkov Centre"] * 2
    assert rows["geography"].tolist() == ["Kyiv city", "national"]
    assert rows["source_type"].tolist() == ["seed", "seed"]
    assert rows["sample_size"].isna().all() and (rows["notes"] == "").all()


@pytest.mark.parametrize("column", ["weight", "pollster", "geography", "source_type"])
def test_poll_rows_refuse_a_column_a_path_may_not_give(column: str) -> None:
    with pytest.raises(ValueError, match=column):
        poll_rows(
            "external",
            {"poll_id": ["a"], "pollster_as_written": ["KIIS"], "geography_as_written": ["national"], column: ["x"]},
        )
