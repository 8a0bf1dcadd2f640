"""The README's recipes run as written, from the repository's root, each in a fresh interpreter."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from analysis import paths


def recipes() -> list[str]:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Recipes for new research", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_there_are_three_recipes() -> None:
    assert len(recipes()) == 3


@pytest.mark.parametrize("index", range(3), ids=["aggregator-other-country", "extractor-folder", "dask-corpus"])
def test_recipe_runs(index: int) -> None:
    run = subprocess.run(
        [sys.executable, "-c", recipes()[index]], cwd=paths.ROOT, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    assert "Warning" not in run.stderr, run.stderr
    assert run.stdout.strip()
    if index == 0:
        assert "2020-03-01" in run.stdout and "Pollster North" in run.stdout
    if index == 1:
        assert "a.txt" in run.stdout and "b.txt" not in run.stdout
    if index == 2:
        assert run.stdout.startswith("8 poll figures;")
