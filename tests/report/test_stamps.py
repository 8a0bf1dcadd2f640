"""Content-hash stamps: a changed byte makes a step stale, an unchanged rewrite does not."""

from __future__ import annotations

from analysis.report.stamps import Stamps, digest


def test_a_changed_byte_is_stale_and_a_rewrite_of_the_same_bytes_is_not(tmp_path) -> None:
    f = tmp_path / "in.txt"
    f.write_text("a", encoding="utf-8")
    stamps = Stamps(tmp_path / "s.json")
    stamps.record("out", digest(f))
    f.write_text("a", encoding="utf-8")  # same content, new mtime
    assert Stamps(tmp_path / "s.json").fresh("out", digest(f))
    f.write_text("b", encoding="utf-8")
    assert not Stamps(tmp_path / "s.json").fresh("out", digest(f))
    assert digest(tmp_path) != digest(f)  # folders hash every file with its name
