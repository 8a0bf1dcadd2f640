"""Where things live. Every path the library or a notebook uses comes from here.

>>> from analysis import paths
>>> paths.DATA.name
'data'
>>> (paths.SEEDS / "002_18a2a5ab5df7844f.txt").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""Repository root (the package is installed editable from ``src/``)."""

SEEDS = ROOT / "seeds"
DATA = ROOT / "data"
RAW = DATA / "raw"
"""Hand-made inputs: seed annotations and transcribed external poll records."""
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
RESOURCES = Path(__file__).resolve().parent / "resources"
"""Name mappings shipped with the package (pollster, region and answer aliases)."""
