"""The seed audit: locate each audited passage in its seed; which passages overlap a span.

>>> import pandas as pd

from analysis.text.seeds import read_seed
>>> audit = pd.DataFrame({"audit_id": ["AUD-001"], "seed_file": ["a.txt"], "start": [10], "end": [20]})
>>> overlapping(pd.Series(["a.txt", "a.txt"]), pd.Series([0, 20]), pd.Series([11, 30]), audit).tolist()
[['AUD-001'], []]
"""

from __future__ import annotations

import pandas as pd

from analysis.text.seeds import read_seed


def overlapping(source: pd.Series, start: pd.Series, end: pd.Series, audit: pd.DataFrame) -> pd.Series:
    """Audit ids whose passage overlaps ``[start, end)`` of the same seed, per row.

    Rows from a source that is not a seed, or with missing offsets, get an empty list.

    >>> audit = pd.DataFrame({"audit_id": ["AUD-001", "AUD-002"], "seed_file": ["a.txt", "b.txt"],
    ...     "start": [10, 0], "end": [20, 5]})
    >>> source = pd.Series(["a.txt", "b.txt", "a.txt", "https://example.org"])
    >>> overlapping(source, pd.Series([15, 3, None, 0]), pd.Series([25, 4, None, 9]), audit).tolist()
    [['AUD-001'], ['AUD-002'], [], []]
    """
    out = []
    for f, s, e in zip(source, start, end, strict=True):
        if pd.isna(s) or pd.isna(e):
            out.append([])
            continue
        hits = audit[(audit["seed_file"] == f) & (audit["start"] < e) & (audit["end"] > s)]
        out.append(hits["audit_id"].tolist())
    return pd.Series(out, index=source.index, dtype="object")


def build_audit(raw: pd.DataFrame) -> pd.DataFrame:
    """Locate each audit excerpt in its seed and return the audit table.

    ``raw`` is ``data/raw/seed_audit.csv`` read as text; ``occurrence`` picks the n-th match
    (empty: the first). The table gains ``start`` and ``end``, the excerpt's offsets in its seed.
    Raises ``ValueError`` for an excerpt that is not in its seed.

    >>> from analysis.paths import RAW
    >>> from analysis.tables.checks import read_raw
    >>> audit = build_audit(read_raw(RAW / "seed_audit.csv").head(2))
    >>> [read_seed(f)[s:e] == x for f, s, e, x in audit[["seed_file", "start", "end", "excerpt"]].to_numpy()]
    [True, True]
    >>> build_audit(audit.head(1).assign(excerpt="words the seed does not hold"))
    Traceback (most recent call last):
    ValueError: seed_audit.csv: excerpt 'words the seed does not hold' not found in 000_60eda7383af66051.txt
    """
    starts = []
    for f, excerpt, occurrence in zip(raw["seed_file"], raw["excerpt"], raw["occurrence"], strict=True):
        text, at = read_seed(f), -1
        for _ in range(int(occurrence or 1)):
            at = text.find(excerpt, at + 1)
        if at < 0:
            raise ValueError(f"seed_audit.csv: excerpt {excerpt!r} not found in {f}")
        starts.append(at)
    out = raw.assign(start=starts, end=[s + len(e) for s, e in zip(starts, raw["excerpt"], strict=True)])
    return out
