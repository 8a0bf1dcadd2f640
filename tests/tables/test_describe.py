"""The codebook and the Frictionless descriptor match the CSVs."""

from __future__ import annotations

import csv
import re

from analysis.paths import DATA
from analysis.tables.schema import SCHEMAS


def _codebook_columns() -> dict[str, list[str]]:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    tables = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        m = re.match(r"`(\w+)\.csv`", section)
        if m:
            tables[m.group(1)] = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
    return tables


def test_codebook_columns_equal_csv_headers() -> None:
    documented = _codebook_columns()
    assert sorted(documented) == sorted(SCHEMAS)
    for name, columns in documented.items():
        with open(DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == columns


def test_datapackage_is_valid() -> None:
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
