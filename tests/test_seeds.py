"""Seeds are kept byte-for-byte; quotes are located by verbatim anchors."""

from __future__ import annotations

import hashlib

import pytest

from analysis import seeds
from analysis.errors import SeedError
from analysis.paths import SEEDS

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


def test_sentence_span_keeps_closing_quote_and_stops_at_line_end() -> None:
    text = 'Intro line\nHe said "Yes." Then 37% agreed. Next.'
    span = seeds.sentence_span(text, "37%")
    assert text[span.start : span.end] == "Then 37% agreed."
    span = seeds.sentence_span(text, "Yes")
    assert text[span.start : span.end] == 'He said "Yes."'


def test_sentence_right_after_a_boundary_starts_there() -> None:
    text = "First one. Second has 5%. Third."
    assert text[slice(*seeds.sentence_span(text, "Second"))] == "Second has 5%."
    seed = seeds.read_seed("002_18a2a5ab5df7844f.txt")
    span = seeds.sentence_span(seed, "Eastern Ukraine has a lower percentage")
    assert seed[span.start : span.end].startswith("Eastern Ukraine has")
    assert seed[span.start : span.end].endswith("than the rest of the country.")


def test_missing_anchor_raises() -> None:
    with pytest.raises(SeedError, match="not found"):
        seeds.sentence_span("abc", "xyz")
