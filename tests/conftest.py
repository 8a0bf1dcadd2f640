"""Shared fixtures: a temporary copy of a data table to corrupt in tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.paths import DATA


@pytest.fixture
def polls_copy(tmp_path: Path) -> Path:
    """A writable copy of data/polls.csv."""
    target = tmp_path / "polls.csv"
    shutil.copy(DATA / "polls.csv", target)
    return target
