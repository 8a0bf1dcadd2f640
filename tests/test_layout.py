"""The shape issue 10 asks for, checked: no source module over 600 lines."""

from __future__ import annotations

from pathlib import Path

import analysis

LIMIT = 600
SOURCE = Path(analysis.__file__).parent


def too_long(root: Path, limit: int = LIMIT) -> dict[str, int]:
    """Modules under ``root`` with more than ``limit`` lines, by path relative to ``root``."""
    lengths = {str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines()) for p in root.rglob("*.py")}
    return {p: n for p, n in lengths.items() if n > limit}


def test_no_source_module_is_over_600_lines() -> None:
    assert sorted(SOURCE.rglob("*.py")), "the package has modules"
    assert too_long(SOURCE) == {}


def test_the_check_finds_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    (tmp_path / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    assert too_long(tmp_path) == {"long.py": LIMIT + 1}
