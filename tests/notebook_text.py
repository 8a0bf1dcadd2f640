"""The text a notebook computes: the Markdown outputs of its code cells (its answer and Findings), as saved."""

from __future__ import annotations

import nbformat

from analysis.paths import NOTEBOOKS


def computed_text(name: str) -> str:
    """All Markdown outputs of the code cells of ``notebooks/<name>``, joined in order."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    return "".join(
        o.get("data", {}).get("text/markdown", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
