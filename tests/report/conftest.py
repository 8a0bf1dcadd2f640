"""Fixtures of the report tests: the site rendered once per module into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.report import site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    site.build(out)
    return out
