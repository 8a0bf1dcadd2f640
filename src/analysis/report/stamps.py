"""Content-hash stamps: a step is redone only when something it reads has changed.

A stamp is a small JSON file in ``.stamps/`` (not committed) mapping each output to the
SHA-256 of its inputs when it was last made. Timestamps are not used: a checkout, a copy or
an editor that rewrites a file unchanged does not trigger work; a changed byte always does.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     (Path(tmp) / "a.txt").write_text("x")
...     stamps = Stamps(Path(tmp) / "stamps.json")
...     key = digest(Path(tmp) / "a.txt")
...     before = stamps.fresh("out", key)
...     stamps.record("out", key)
...     (before, Stamps(Path(tmp) / "stamps.json").fresh("out", key))
1
(False, True)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.paths import ROOT

STAMPS = ROOT / ".stamps"
"""Folder of the stamp files (listed in ``.gitignore``)."""
LIBRARY = Path(__file__).resolve().parents[1]
"""The package's own source and resources: a change here may change any output."""


def digest(*paths: Path) -> str:
    """SHA-256 over the names and contents of ``paths`` (folders: every file below, sorted).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("x")
    >>> key = digest(folder / "a.txt")
    >>> len(key), key == digest(folder)  # hex digits; a folder of one file hashes as that file
    (64, True)
    >>> _ = (folder / "a.txt").write_text("y")
    >>> digest(folder / "a.txt") == key  # a changed byte changes the key
    False
    """
    h = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in Path(path).rglob("*") if p.is_file()) if Path(path).is_dir() else [Path(path)]
        for f in files:
            if "__pycache__" in f.parts or f.suffix == ".pyc":
                continue
            h.update(str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f).encode())
            h.update(f.read_bytes() if f.exists() else b"<missing>")
    return h.hexdigest()


class Stamps:
    """The stamps of one step, stored in ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.known: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.known = {}

    def fresh(self, output: str, key: str) -> bool:
        """True when ``output`` was last made from inputs with this ``key``."""
        return self.known.get(output) == key

    def record(self, output: str, key: str) -> None:
        """Remember that ``output`` is now made from inputs with this ``key`` (written at once)."""
        self.known[output] = key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.known, indent=1, sort_keys=True) + "\n", encoding="utf-8")
