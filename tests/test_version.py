"""One version, written in three places: pyproject.toml, analysis.__version__, CITATION.cff; and CHANGELOG.md has it."""

from __future__ import annotations

import re
import tomllib

import analysis
from analysis import paths


def test_versions_agree() -> None:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    citation = re.search(r"^version: (\S+)$", (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M)
    changelog = (paths.ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert project == analysis.__version__ == "0.2.0"
    assert citation is not None and citation.group(1) == project
    assert f"## [{project}]" in changelog
