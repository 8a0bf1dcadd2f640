"""Where things live. Every path the library or a notebook uses comes from here.

Two kinds of places: the repository's folders (``ROOT``, ``SEEDS``, ``DATA``, ``RAW``, ``FIGURES``,
``NOTEBOOKS``, ``SITE``), used only to *build* data, notebooks and the site; and what ships in
the installed package (``RESOURCES`` and :func:`tables`), used to *load*. After a plain
``pip install`` (not editable) the repository folders do not exist, and loading still works from
any folder: the wheel carries the built tables as ``analysis/_data`` (see ``setup.py``).

>>> from analysis import paths
>>> paths.DATA.name
'data'
>>> (paths.SEEDS / "002_18a2a5ab5df7844f.txt").is_file()
True
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""Repository root, for building (meaningful only in an editable install from ``src/``)."""

SEEDS = ROOT / "seeds"
DATA = ROOT / "data"
RAW = DATA / "raw"
"""Hand-made inputs: seed annotations and transcribed external poll records."""
FIGURES = Path(os.environ.get("ANALYSIS_FIGURES_DIR") or ROOT / "figures")
"""Where notebooks save their charts: ``figures/``, or the folder in the environment variable
``ANALYSIS_FIGURES_DIR`` (so a reader re-running a copy of a notebook does not overwrite the published charts)."""
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
RESOURCES = Path(str(files("analysis") / "resources"))
"""Name mappings, table definitions and templates shipped with the package."""


def tables() -> Path:
    """The folder the loaders read the built tables from, found with ``importlib.resources``:
    ``analysis/_data`` inside an installed wheel, else (editable install in the repository)
    ``data/``, which is what the wheel is built from.

    >>> (tables() / "polls.csv").is_file()
    True
    """
    shipped = files("analysis") / "_data"
    if shipped.is_dir():
        return Path(str(shipped))
    if (DATA / "polls.csv").is_file():
        return DATA
    from analysis.errors import AnalysisError

    raise AnalysisError(
        "the built tables are not installed: reinstall the package from a wheel or a source checkout "
        f"(looked in {shipped} and {DATA})"
    )
