"""Seeds are kept byte-for-byte and refused when altered or unknown."""

from __future__ import annotations

import hashlib

import pytest

from analysis.errors import SeedError
from analysis.paths import SEEDS
from analysis.text import seeds

# SHA-256 of the files in ../shared/seeds/ as delivered (computed with sha256sum).
DELIVERED = {
    "000_60eda7383af66051.txt": "5e9b38ee87078d753190127e35eda6c51b12e22f80b991f89b7186ad4fa3719c",
    "002_18a2a5ab5df7844f.txt": "b9866177936649cf554cefc6d9b37fd2ac7a04b26c6080ec4958830697c43fbe",
}


@pytest.mark.parametrize("name", sorted(DELIVERED))
def test_seed_files_are_byte_identical_to_the_delivered_ones(name: str) -> None:
    assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == DELIVERED[name]
    assert seeds.expected_checksums()[name] == DELIVERED[name]


def test_only_the_two_seeds_are_in_the_folder() -> None:
    assert sorted(p.name for p in SEEDS.iterdir()) == sorted(DELIVERED)


def test_altered_seed_is_refused(tmp_path, monkeypatch) -> None:
    name = "000_60eda7383af66051.txt"
    (tmp_path / name).write_bytes((SEEDS / name).read_bytes() + b" ")
    monkeypatch.setattr(seeds, "SEEDS", tmp_path)
    seeds.read_seed.cache_clear()
    try:
        with pytest.raises(SeedError, match="was altered"):
            seeds.read_seed(name)
    finally:
        seeds.read_seed.cache_clear()


def test_unknown_seed_is_refused() -> None:
    with pytest.raises(SeedError, match="unknown seed"):
        seeds.read_seed("999_missing.txt")
