"""Fixtures of the report tests: the site rendered once per test process into a temporary folder (read only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.report import site


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    site.build(out)
    return out
