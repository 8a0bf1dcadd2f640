"""The raw seed articles: checksums and reading (never editing) them.

Seeds are read as UTF-8 text; all character offsets in the project are offsets into that
decoded text (Python ``str`` indices), so ``read_seed(f)[start:end] == quote``.

>>> read_seed("002_18a2a5ab5df7844f.txt")[:11]
'News Detail'
"""

from __future__ import annotations

import hashlib
from functools import cache

import pandas as pd

from analysis.errors import SeedError
from analysis.paths import RESOURCES, SEEDS


@cache
def expected_checksums() -> dict[str, str]:
    """SHA-256 of each seed file as shipped (``resources/seed_checksums.csv``).

    >>> sorted(expected_checksums())
    ['000_60eda7383af66051.txt', '002_18a2a5ab5df7844f.txt']
    """
    table = pd.read_csv(RESOURCES / "seed_checksums.csv", dtype="str")
    return dict(zip(table["file"], table["sha256"], strict=True))


@cache
def read_seed(name: str) -> str:
    """Read one seed as text after checking its SHA-256 against the shipped checksum.

    Raises :class:`SeedError` if the file is unknown, missing or altered.

    >>> len(read_seed("000_60eda7383af66051.txt"))
    4068
    """
    expected = expected_checksums().get(name)
    if expected is None:
        raise SeedError(f"unknown seed {name!r}: known seeds are {sorted(expected_checksums())}")
    path = SEEDS / name
    if not path.is_file():
        raise SeedError(f"seed file {path} is missing: restore it from git (git checkout seeds/)")
    raw = path.read_bytes()
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        raise SeedError(
            f"seed file {path} was altered (sha256 {actual[:12]}..., expected {expected[:12]}...):"
            " seeds are never edited; restore it with git checkout seeds/"
        )
    return raw.decode("utf-8")
