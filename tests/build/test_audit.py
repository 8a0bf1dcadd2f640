"""The seed audit (analysis.build.audit): every audited excerpt is located at its offsets in its seed."""

from __future__ import annotations

from analysis.tables.load import load_audit
from analysis.text.seeds import read_seed


def test_audit_excerpts_stand_at_their_offsets() -> None:
    audit = load_audit()
    for row in audit.itertuples():
        assert read_seed(row.seed_file)[row.start : row.end] == row.excerpt
