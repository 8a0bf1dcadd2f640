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
    for number in ["+23.9 points", "+19.9 to +27.3", "+30.2 points", "+25.9 to +34.2", "**+4.9**", "20.2%"]:
        assert number in readme and number in shift, number
    gap = re.search(r"2014 to Feb 2022: (\d+)\.\d points \(\d+ polls\)", regions).group(1)
    assert f"about {gap} points" in readme


def test_readme_reuse_examples_run() -> None:
    """The 'Reusing the helpers' block runs as written (harmonisers, intervals, loaders)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reusing the helpers", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(block, "README.md", "exec"), {})
