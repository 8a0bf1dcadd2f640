"""Numbers quoted in the README come from the executed notebooks' Findings."""

from __future__ import annotations

import re

import nbformat

from analysis.paths import NOTEBOOKS, ROOT


def _findings(name: str) -> str:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    return "".join(
        o.get("data", {}).get("text/markdown", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )


def test_readme_headline_numbers_match_the_notebooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shift = _findings("02-opinion-shift-2014.ipynb")
    regions = _findings("03-regional-differences.ipynb")
    for number in ["32.5%", "61.0%", "+28.5 points", "+17.5 to +39.3"]:
        assert number in readme and number in shift, number
    gap = re.search(r"West–East gap was \*\*(\d+) points", regions).group(1)
    assert f"**{gap} points**" in readme
