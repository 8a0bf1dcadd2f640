"""The README's recipes run as written, from the repository's root, each with a namespace of its own.

They run in this process (a fresh namespace, the working directory set to the root, every warning
recorded) rather than in a new interpreter each: a recipe that forgets an import still fails, and
the suite does not pay for three more interpreters importing pandas."""

from __future__ import annotations

import re
import warnings

import pytest

from analysis import paths


def recipes() -> list[str]:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Recipes for new research", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_there_are_three_recipes() -> None:
    assert len(recipes()) == 3


@pytest.mark.parametrize("index", range(3), ids=["aggregator-other-country", "extractor-folder", "dask-corpus"])
def test_recipe_runs(index: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(paths.ROOT)
    code = compile(recipes()[index], f"<README recipe {index + 1}>", "exec")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(code, {"__name__": "__main__"})  # noqa: S102 - the README's own code, run as a user would
    out, err = capsys.readouterr()
    assert [str(w.message) for w in caught] == [] and err == ""
    assert out.strip()
    if index == 0:
        assert "2020-03-01" in out and "Pollster North" in out
    if index == 1:
        assert "a.txt" in out and "b.txt" not in out
    if index == 2:
        assert out.startswith("8 poll figures;")


def test_a_recipe_that_forgets_an_import_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Positive control: each recipe's namespace starts empty, so a name the test module or an
    earlier recipe imported does not leak into it."""
    monkeypatch.chdir(paths.ROOT)
    broken = recipes()[1].replace("import pandas as pd\n", "")
    with pytest.raises(NameError, match="'pd'"):
        exec(compile(broken, "<broken recipe>", "exec"), {"__name__": "__main__"})  # noqa: S102
