"""How well each poll is sourced: best page kind, survey mode, and regional coverage by year.

Each function takes the poll table (:func:`analysis.load_polls`) and returns one row per poll, or
a count table; seed rows are left out (they are what the sources check).

>>> import pandas as pd
>>> p = pd.DataFrame({"poll_id": ["a", "a", "b"], "source_type": "external",
...     "source_kind": ["news", "pollster_release", "wire"], "mode": ["unknown", "telephone", "unknown"],
...     "field_start": pd.to_datetime(["2020-01-01"] * 3), "geography_level": ["national"] * 3,
...     "geography": ["national"] * 3})
>>> best_source(p)["best_source"].tolist()
['pollster_release', 'wire']
"""

from __future__ import annotations

import pandas as pd

from analysis.tables.schema import VOCABULARIES

_KIND_ORDER = [k for k in VOCABULARIES["source_kinds"] if k != "seed"]


def _external(polls: pd.DataFrame) -> pd.DataFrame:
    return polls[polls["source_type"] == "external"]


def best_source(polls: pd.DataFrame) -> pd.DataFrame:
    """One row per external poll: its best page kind (the pollster's release first, then a wire,
    news, an aggregator, a blog, state media, other) and its mode where any page states one.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"poll_id": ["a", "a", "b"], "source_type": "external",
    ...     "source_kind": ["news", "pollster_release", "wire"], "mode": ["unknown", "telephone", "unknown"],
    ...     "field_start": pd.to_datetime(["2020-01-01", "2020-01-01", "2021-03-01"])})
    >>> best_source(p)
      poll_id       best_source field_start       mode
    0       a  pollster_release  2020-01-01  telephone
    1       b              wire  2021-03-01    unknown
    """
    ext = _external(polls)
    rank = ext["source_kind"].map({k: i for i, k in enumerate(_KIND_ORDER)})
    best = ext.assign(rank=rank).sort_values(["poll_id", "rank"]).groupby("poll_id", sort=True)
    modes = ext[ext["mode"] != "unknown"].groupby("poll_id")["mode"].first()
    out = best.agg(best_source=("source_kind", "first"), field_start=("field_start", "min")).reset_index()
    out["mode"] = modes.reindex(out["poll_id"], fill_value="unknown").to_numpy()
    return out


def source_shares(polls: pd.DataFrame) -> pd.DataFrame:
    """Polls by best source kind: count and share of all external polls (percent).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"poll_id": ["a", "b"], "source_type": "external", "source_kind": ["news", "wire"],
    ...     "mode": "unknown", "field_start": pd.to_datetime(["2020-01-01"] * 2)})
    >>> source_shares(p)["polls"].tolist()
    [1, 1]
    """
    best = best_source(polls)["best_source"].value_counts()
    best = best.reindex([k for k in _KIND_ORDER if k in best.index])
    return pd.DataFrame({"polls": best, "percent": (100 * best / best.sum()).round(1)}).rename_axis("best source")


def regional_coverage(polls: pd.DataFrame) -> pd.DataFrame:
    """Polls per fieldwork year with figures for two or more regions of each level (macro-regions,
    oblasts, composites, cities), and with any figure for Ukrainians abroad.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"poll_id": ["a"] * 3, "source_type": "external", "geography_level": ["national",
    ...     "macro_region", "macro_region"], "geography": ["national", "West", "East"],
    ...     "field_start": pd.to_datetime(["2020-03-01"] * 3)})
    >>> regional_coverage(p).loc[2020, "macro_region"]
    np.int64(1)
    """
    ext = _external(polls)
    ext = ext[ext["geography_level"] != "national"]
    per = ext.groupby(["poll_id", "geography_level"]).agg(
        regions=("geography", "nunique"), year=("field_start", lambda s: s.min().year)
    )
    per = per[(per["regions"] >= 2) | (per.index.get_level_values("geography_level") == "abroad")].reset_index()
    table = per.groupby(["year", "geography_level"])["poll_id"].nunique().unstack(fill_value=0)
    return table.rename_axis(index="year", columns=None)
