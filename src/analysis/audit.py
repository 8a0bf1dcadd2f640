"""Link table rows to the seed audit: which audited passages overlap a span of a seed.

>>> import pandas as pd
>>> audit = pd.DataFrame({"audit_id": ["AUD-001"], "seed_file": ["a.txt"], "start": [10], "end": [20]})
>>> overlapping(pd.Series(["a.txt", "a.txt"]), pd.Series([0, 20]), pd.Series([11, 30]), audit).tolist()
[['AUD-001'], []]
"""

from __future__ import annotations

import pandas as pd


def overlapping(source: pd.Series, start: pd.Series, end: pd.Series, audit: pd.DataFrame) -> pd.Series:
    """Audit ids whose passage overlaps ``[start, end)`` of the same seed, per row.

    Rows from a source that is not a seed, or with missing offsets, get an empty list.
    """
    out = []
    for f, s, e in zip(source, start, end, strict=True):
        if pd.isna(s) or pd.isna(e):
            out.append([])
            continue
        hits = audit[(audit["seed_file"] == f) & (audit["start"] < e) & (audit["end"] > s)]
        out.append(hits["audit_id"].tolist())
    return pd.Series(out, index=source.index, dtype="object")
