"""External poll records: from hand transcriptions of public pages to poll-table rows.

Inputs (``data/raw/external/*.csv``, columns described in ``FORMAT.md`` there) are one row
per poll x question x geography x base x answer as a page reported it, with the page's URL.
This module:

1. rejects, with a reason, rows that cannot enter the table: no fieldwork date, a
   geography outside the harmonised scheme (cities, non-resident samples, merged regions),
   rows listed in ``data/raw/external_exclusions.csv`` (the reviewed corrections, as data),
   and exact repeats of a row already read from the same URL;
2. harmonises pollster, geography and (for ``security_option``) answer names through the
   mapping files in ``analysis/resources/``;
3. gives each poll one ``poll_id`` across sources (same pollster, same fieldwork start
   month and day range), and rates each figure's ``confidence``: ``two_sources_agree``
   when two or more different pages give the same share (within half a point),
   ``sources_disagree`` when they differ (every version is kept), ``single_source``
   otherwise.

>>> from analysis.paths import RAW
>>> polls, rejected = build_external(RAW)
>>> len(polls) + len(rejected) == sum(len(f) for f in read_external(RAW / "external").values())
True
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.build.polls import poll_rows
from analysis.tables.checks import read_raw
from analysis.text.dates import parse_date_one
from analysis.text.names import harmonise_pollster, harmonise_region_as_read, security_answer

AGREEMENT_TOLERANCE = 0.5
"""Two sources agree when their shares differ by at most this many points (rounding)."""

_PRECISION_ORDER = {"day": 0, "month": 1, "season": 2, "year": 3}


def read_external(folder: Path) -> dict[str, pd.DataFrame]:
    """Every transcription file in ``folder`` read as text, keyed by file name."""
    return {p.name: read_raw(p) for p in sorted(folder.glob("*.csv"))}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Fieldwork interval and precision from the ISO-like start and end as transcribed."""
    rows = []
    for start, end in zip(frame["field_start"], frame["field_end"], strict=True):
        first = parse_date_one(start)
        last = parse_date_one(end or start)
        precision = max(first.precision, last.precision, key=_PRECISION_ORDER.get)
        rows.append((first.start, last.end, precision))
    return pd.DataFrame(rows, index=frame.index, columns=["field_start", "field_end", "date_precision"])


def _exclusions(raw_dir: Path) -> pd.DataFrame:
    return read_raw(raw_dir / "external_exclusions.csv")


def _excluded(frame: pd.DataFrame, exclusions: pd.DataFrame) -> pd.Series:
    """The exclusion reason for each row ('' if none): matched on key, and optionally
    question type, geography and answer as written (an empty match cell matches all)."""
    reasons = pd.Series("", index=frame.index, dtype="str")
    for rule in exclusions.itertuples(index=False):
        hit = (frame["file"] == rule.file) & (frame["source_poll_key"] == rule.source_poll_key)
        for column in ("question_type", "geography_as_written", "answer_as_written"):
            value = getattr(rule, column)
            if value:
                hit &= frame[column] == value
        if not hit.any():
            raise ValueError(f"external_exclusions.csv: rule {tuple(rule)} matches no row")
        reasons[hit & (reasons == "")] = f"excluded: {rule.reason}"
    return reasons


def _poll_ids(frame: pd.DataFrame) -> pd.Series:
    """One id per poll: pollster slug and fieldwork start; same-month starts of the same
    pollster less than 10 days apart (or at coarser precision) are the same poll."""
    ids = pd.Series("", index=frame.index, dtype="str")
    for pollster, group in frame.groupby("pollster", sort=True):
        anchors: list[tuple[pd.Timestamp, str]] = []
        for idx, row in group.sort_values(["field_start", "field_end"]).iterrows():
            start = pd.Timestamp(row["field_start"])
            match = next(
                (
                    pid
                    for when, pid in anchors
                    if when.strftime("%Y-%m") == start.strftime("%Y-%m") and abs((when - start).days) < 10
                ),
                None,
            )
            if match is None:
                match = f"{_slug(pollster)}-{row['start_as_written']}"
                anchors.append((start, match))
            ids[idx] = match
    return ids


def _confidence(frame: pd.DataFrame) -> pd.Series:
    """Rate each figure by how many different pages give it and whether they agree."""
    key = ["poll_id", "question_type", "geography", "base", "answer_as_written"]
    conf = pd.Series("single_source", index=frame.index, dtype="str")
    for _, group in frame.groupby(key, sort=False):
        if group["source"].nunique() < 2:
            continue
        spread = group["share"].max() - group["share"].min()
        conf[group.index] = "two_sources_agree" if spread <= AGREEMENT_TOLERANCE else "sources_disagree"
    return conf


def build_external(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Poll-table rows from every transcription file, and the rejected rows with reasons.

    Every input row ends in exactly one of the two outputs.
    """
    files = read_external(raw_dir / "external")
    frame = pd.concat([f.assign(file=name, line=range(2, len(f) + 2)) for name, f in files.items()], ignore_index=True)
    reason = _excluded(frame, _exclusions(raw_dir))
    reason[(reason == "") & (frame["field_start"] == "")] = "no fieldwork date in the source"
    region = harmonise_region_as_read(frame["geography_as_written"])
    reason[(reason == "") & (region == "")] = "geography outside the harmonised scheme"
    kept = frame.loc[reason == ""].copy()
    kept["share"] = kept["share"].astype("float64")
    kept["pollster"] = harmonise_pollster(kept["pollster_as_written"])
    kept["start_as_written"] = kept["field_start"]
    kept = pd.concat([kept.drop(columns=["field_start", "field_end"]), _dates(kept)], axis=1)
    kept["geography"] = region[kept.index]
    kept["answer"] = [
        security_answer(a, w) if q == "security_option" else a
        for q, a, w in zip(kept["question_type"], kept["answer"], kept["answer_as_written"], strict=True)
    ]
    kept["source"] = kept["url"]
    kept["poll_id"] = _poll_ids(kept)
    # The same page transcribed twice (by two searchers, or twice for one poll): keep the first.
    repeat_key = ["poll_id", "url", "question_type", "geography", "base", "answer", "share"]
    repeated = kept.index[kept.duplicated(repeat_key, keep="first")]
    reason[repeated] = "repeat of a row read from the same page"
    kept = kept.drop(index=repeated)
    rejected = frame.loc[reason != ""].assign(reason=reason[reason != ""]).reset_index(drop=True)
    kept["confidence"] = _confidence(kept)
    polls = poll_rows(
        "external",
        {
            "poll_id": kept["poll_id"],
            "pollster_as_written": kept["pollster_as_written"],
            "sponsor": kept["sponsor"],
            "field_start": kept["field_start"],
            "field_end": kept["field_end"],
            "date_precision": kept["date_precision"],
            "sample_size": kept["sample_size"].replace("", None),
            "mode": kept["mode"],
            "population": kept["coverage_note"],
            "covers_crimea": kept["covers_crimea"],
            "covers_occupied_donbas": kept["covers_occupied_donbas"],
            "question_type": kept["question_type"],
            "question_wording": kept["question_paraphrase"],
            "base": kept["base"],
            "geography_as_written": kept["geography_as_written"],
            "answer": kept["answer"],
            "answer_as_written": kept["answer_as_written"],
            "share": kept["share"],
            "share_qualifier": "exact",
            "share_as_written": kept["share"].map(lambda s: f"{s:g}"),
            "source": kept["source"],
            "confidence": kept["confidence"],
            "notes": kept["notes"],
        },
    )
    return polls, rejected
