"""The one function that makes poll-table rows, from either input path (seed or external).

Each path says only what it knows, in the poll table's own column names; :func:`poll_rows`
harmonises the names as written through the one alias table of each kind, fills every column
the path does not know with the table's empty value, and returns the columns in the table's
order (from the table definitions: the columns are listed once, in ``tables.json``).

>>> rows = poll_rows("external", {"poll_id": ["p"], "pollster_as_written": ["KIIS"],
...     "geography_as_written": ["Western Ukraine"], "answer": ["for"], "share": [64.0]})
>>> rows.loc[0, ["pollster", "geography", "source_type", "sponsor"]].tolist()
['Kyiv International Institute of Sociology', 'West', 'external', '']
"""

from __future__ import annotations

import pandas as pd

from analysis.tables.schema import SCHEMAS, geography_level
from analysis.text.names import harmonise_pollster, harmonise_region_as_read, house_and_partner


def house(names: pd.Series) -> pd.Series:
    """The fieldwork house of each pollster name as written (joint names resolved by ``resources/houses.csv``, :func:`analysis.text.names.house_and_partner`).

    >>> house(pd.Series(["KIIS", "Democratic Initiatives Foundation & KIIS", "Rating"])).tolist()
    ['Kyiv International Institute of Sociology', 'Kyiv International Institute of Sociology', 'Rating Group']
    """
    return house_and_partner(harmonise_pollster(names))["house"]


DERIVED = {
    "pollster": ("pollster_as_written", house),
    "geography": ("geography_as_written", harmonise_region_as_read),
    "geography_level": ("geography", geography_level),
}
"""Columns every path derives the same way: the house and the harmonised geography from the names
as written, and the geography's level (in this order: a derived column may use an earlier one)."""


def join_flags(*parts: pd.Series) -> pd.Series:
    """The ``flags`` column from aligned Series of token lists, one list per row: tokens joined by ";".

    >>> join_flags(pd.Series([["a"], []]), pd.Series([["b"], []])).tolist()
    ['a;b', '']
    """
    return pd.concat(parts, axis=1).apply(lambda r: ";".join(t for p in r for t in p), axis=1).astype("str")


def poll_rows(source_type: str, columns: dict[str, object]) -> pd.DataFrame:
    """Poll-table rows of ``source_type`` (``seed`` or ``external``) from ``columns``.

    ``columns`` maps poll-table column names to values (Series of one length, or scalars);
    ``pollster`` and ``geography`` are derived (:data:`DERIVED`) and may not be given.
    Raises ``ValueError`` naming a column that is not the poll table's.

    >>> rows = poll_rows("seed", {"poll_id": ["s1"], "pollster_as_written": [""], "geography_as_written": ["national"],
    ...     "share": [37.0]})
    >>> rows.loc[0, ["poll_id", "geography", "geography_level", "source_type", "mode"]].tolist()
    ['s1', 'national', 'national', 'seed', '']
    >>> rows["share"].tolist(), rows["sample_size"].tolist()
    ([37.0], [<NA>])
    >>> poll_rows("seed", {"pollster": ["KIIS"], "wording": ["?"]})
    Traceback (most recent call last):
    ValueError: not columns a path may give to the poll table: ['pollster', 'wording']
    """
    schema = SCHEMAS["polls"]
    unknown = sorted(set(columns) - set(schema.columns) | set(columns) & set(DERIVED) | set(columns) & {"source_type"})
    if unknown:
        raise ValueError(f"not columns a path may give to the poll table: {unknown}")
    series = [v for v in columns.values() if isinstance(v, pd.Series)]
    index = series[0].index if series else pd.RangeIndex(len(next(iter(columns.values()))))
    frame = pd.DataFrame(
        {k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in columns.items()}, index=index
    )
    for name, (written, harmonise) in DERIVED.items():
        frame[name] = harmonise(frame[written])
    frame["source_type"] = source_type
    for f in schema.fields:
        if f.name not in frame:
            frame[f.name] = pd.NA if f.type in {"integer", "number"} else ""
    return frame[schema.columns].reset_index(drop=True)


def link_seed_polls(polls: pd.DataFrame, links: pd.DataFrame) -> pd.Series:
    """``linked_poll_id`` of each poll row: the external poll a seed poll is (``seed_poll_links.csv``).

    Raises ``ValueError`` naming linked ids that are no external poll.

    >>> polls = pd.DataFrame({"poll_id": ["s1", "s2", "x1"], "source_type": ["seed", "seed", "external"]})
    >>> link_seed_polls(polls, pd.DataFrame({"seed_poll_id": ["s1"], "linked_poll_id": ["x1"]})).tolist()
    ['x1', '', '']
    >>> link_seed_polls(polls, pd.DataFrame({"seed_poll_id": ["s2"], "linked_poll_id": ["x9"]}))
    Traceback (most recent call last):
    ValueError: seed_poll_links.csv: linked_poll_id not in the external polls: ['x9']
    """
    mapping = links.set_index("seed_poll_id")["linked_poll_id"]
    external = set(polls.loc[polls["source_type"] == "external", "poll_id"])
    unknown = sorted(set(mapping.to_numpy()) - external)
    if unknown:
        raise ValueError(f"seed_poll_links.csv: linked_poll_id not in the external polls: {unknown}")
    seed = polls["source_type"] == "seed"
    return pd.Series(
        [mapping.get(p, "") if s else "" for p, s in zip(polls["poll_id"], seed, strict=True)], index=polls.index
    )
