"""The notebook runner: a notebook runs again only when it, the data or the library changed."""

from __future__ import annotations

import re

import nbformat

from analysis import paths
from analysis.report import notebooks
from tests.notebook_text import computed_text


def _notebook(path, source: str) -> None:  # noqa: ANN001 - a Path
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)


def _pretend_to_execute(path) -> float:  # noqa: ANN001 - a Path
    """Stands in for a kernel run (the real one is tested above): rewrites the notebook unchanged."""
    path.write_bytes(path.read_bytes())
    return 0.0


def test_only_changed_notebooks_are_executed_again_and_force_runs_all(tmp_path, monkeypatch) -> None:
    _notebook(tmp_path / "01-a.ipynb", "y = x + 1")
    _notebook(tmp_path / "02-b.ipynb", "y = x + 2")
    monkeypatch.setattr(paths, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(notebooks, "execute_notebook", _pretend_to_execute)  # worker processes are forked
    assert [p.name for p in notebooks.run_notebooks(say=lambda m: None)] == ["01-a.ipynb", "02-b.ipynb"]
    assert notebooks.run_notebooks(say=lambda m: None) == []  # nothing changed
    _notebook(tmp_path / "02-b.ipynb", "y = x + 3")
    assert [p.name for p in notebooks.run_notebooks(say=lambda m: None)] == ["02-b.ipynb"]
    assert len(notebooks.run_notebooks(force=True, say=lambda m: None)) == 2


def test_a_failing_cell_is_named_as_the_page_shows_it_and_the_kernel_is_silent(tmp_path, capfd) -> None:
    import pytest

    from analysis.errors import AnalysisError

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A title"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("y = undefined_name"),
    ]
    path = tmp_path / "01-fails.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(AnalysisError, match=r"01-fails.ipynb: In \[2\] \(code cell 2 of 2\) failed"):
        notebooks.execute_notebook(path)
    err = capfd.readouterr().err
    assert "without encryption" not in err, err


_NOT_A_VALUE = re.compile(r"\[\d+ rows x \d+ columns\]|\bdtype: \w+|<div>|<table|\{[A-Za-z_][\w.]*[(\[}:!]")
"""A table's repr, or a placeholder left unfilled (a string that lost its ``f`` prefix prints ``{name(...)}``)."""


def test_computed_sentences_print_values_not_tables() -> None:
    # a sentence whose placeholder names a table instead of a number prints the table's repr
    assert _NOT_A_VALUE.search("Only **[148 rows x 43 columns] of 13** polls")  # the guard can fail
    assert _NOT_A_VALUE.search("Name: share, dtype: float64")
    assert _NOT_A_VALUE.search("In more detail: for West−East {fmt_checks('West − East', detail=False)};")
    assert not _NOT_A_VALUE.search("a set {1, 2} and 95% interval (+0.3 to +17.3)")
    for path in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        found = _NOT_A_VALUE.search(computed_text(path.name))
        assert not found, (path.name, found.group(0))
